import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import type { BranchCard, JoinLanding, JoinVia } from '../../../typings/domain';
import { BranchSearch } from '../../components/branch-search';
import { EmptyState } from '../../components/empty-state';
import { Field } from '../../components/field';
import { StateView } from '../../components/state-view';
import { api, ApiError } from '../../services/api';
import { session } from '../../services/session';
import { useApi } from '../../services/useApi';
import { askToSubscribe } from '../../services/wechat';
import './index.scss';
import { pageUrl } from '../../../typings/pages';
import { confirmDestructive } from '../../services/confirm';
import { usePageClass } from '../../services/care';

/** How this page was opened: a group chat (CloudID), an invite card (token), a QR code (scene), or to search. */
function entryOf(params: Record<string, string | undefined>): { via: JoinVia; load: () => Promise<JoinLanding | null> } {
  const cloudID = params['cloudID'];
  const invite = params['invite'];
  const scene = params['scene'];
  if (cloudID) return { via: 'group', load: async () => (await api.group.enter({ cloudID: decodeURIComponent(cloudID) })).landing };
  if (invite) return { via: 'invite', load: () => api.invite.open({ token: decodeURIComponent(invite) }) };
  if (scene) return { via: 'invite', load: () => api.invite.open({ scene: decodeURIComponent(scene) }) };
  return { via: 'search', load: async () => null };
}

function BranchHeader({ branch }: { branch: BranchCard }) {
  return (
    <View className='zb-card join__branch' id='join-branch'>
      <Text className='join__branch-name'>{branch.name}</Text>
      {branch.parentName && <Text className='join__muted'>{branch.parentName}</Text>}
      <Text className='join__muted'>现有党员 {branch.memberCount} 名</Text>
    </View>
  );
}

/** Apply to join a branch, reached from a group chat, an invite, a QR code or search. */
/** What a member sends their secretary when the group is not bound yet: where the binding is done. */
const ASK_TO_BIND =
  '书记您好，咱们的党员群还没有绑定支部通。请在群里打开支部通，进入「首页 › 更多管理 › 支部微信群」绑定本群，大家从群里进来就能直接加入支部。';

export default function JoinPage() {
  const pageClass = usePageClass('join');
  const { params } = useRouter();
  const entry = entryOf(params);
  const [picked, setPicked] = useState<JoinLanding | null>(null);
  const [templates, setTemplates] = useState<(string | null)[]>([]);
  const [name, setName] = useState('');
  const { data, error, loading, reload } = useApi(async () => {
    const me = await session();
    setTemplates([me.subscribeTemplates.joinResult]);
    // The name they gave at first use, ready to send (they may still change it).
    setName((typed) => typed || me.user.name || '');
    return entry.load();
  });
  const landing = picked ?? data ?? null;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState('');
  const [tried, setTried] = useState(false);

  function pick(branch: BranchCard) {
    setPicked({ branch, isMember: false, pendingRequest: null });
  }

  async function submit() {
    setTried(true);
    if (!landing || name.trim().length < 2) return;
    // Straight from the tap, before any await: WeChat allows the subscribe prompt only then.
    const subscribed = askToSubscribe(templates);
    setBusy(true);
    setFormError('');
    try {
      await subscribed;
      const request = await api.join.apply({ orgId: landing.branch.id, name: name.trim(), note: note.trim() || undefined, via: entry.via });
      setPicked({ ...landing, pendingRequest: request });
    } catch (e) {
      setFormError(e instanceof ApiError ? e.message : '提交失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  async function withdraw(requestId: string) {
    const yes = await confirmDestructive({
      title: '撤回入支部申请？',
      content: '撤回后书记将看不到这份申请；想加入时需要重新提交。',
      confirmText: '撤回申请',
    });
    if (!yes) return;
    try {
      await api.join.cancel({ requestId });
      setPicked(landing ? { ...landing, pendingRequest: null } : null);
    } catch (e) {
      setFormError(e instanceof ApiError ? e.message : '撤回失败，请稍后再试');
    }
  }

  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {!landing && entry.via === 'group' && !loading && (
          <EmptyState
            id='join-unbound'
            title='这个群还没有绑定支部'
            description='你是从群里进来的，但这个群还没有和支部绑定。可以请支部书记绑定（把下面的话发给书记），也可以直接在下面搜索你的支部申请加入。'
          >
            <Button
              id='join-ask-secretary'
              size='large'
              block
              onClick={() =>
                void Taro.setClipboardData({ data: ASK_TO_BIND }).then(() =>
                  Taro.showToast({ title: '已复制，发给书记即可', icon: 'none' }),
                )
              }
            >
              复制给书记的话
            </Button>
          </EmptyState>
        )}
        {!landing && <BranchSearch idPrefix='join' label='搜索你所在的党支部' onPick={pick} />}
        {landing && (
          <>
            <BranchHeader branch={landing.branch} />
            {landing.isMember && (
              <View className='zb-card join__form' id='join-member'>
                <Text className='join__label'>你已是本支部党员</Text>
                <Button type='primary' size='large' block onClick={() => void Taro.reLaunch({ url: pageUrl('home') })}>
                  进入支部首页
                </Button>
              </View>
            )}
            {!landing.isMember && landing.pendingRequest && (
              <View className='zb-card join__form' id='join-pending'>
                <Text className='join__label'>申请已提交，等待支部书记审核</Text>
                <Text className='join__muted'>审核结果会通过服务通知告诉你，也可以在“我的”里查看。</Text>
                <Button id='join-withdraw' size='large' block onClick={() => void withdraw(landing.pendingRequest!.id)}>
                  撤回申请
                </Button>
              </View>
            )}
            {!landing.isMember && !landing.pendingRequest && (
              <View className='zb-card join__form' id='join-form'>
                <Text className='join__label'>申请加入本支部</Text>
                <Field
                  id='join-name-field'
                  label='姓名'
                  required
                  error={tried && name.trim().length < 2 ? '请填写你的真实姓名，至少 2 个字' : null}
                >
                  <Input id='join-name' placeholder='你的真实姓名' value={name} onChange={setName} maxLength={20} />
                </Field>
                <Field label='补充说明' hint='选填，如原所在支部'>
                  <TextArea id='join-note' placeholder='如：原在老家第三党支部' value={note} onChange={setNote} maxLength={200} />
                </Field>
                <Button id='join-submit' type='primary' size='large' block loading={busy} onClick={() => void submit()}>
                  提交申请
                </Button>
                {formError && (
                  <Text className='join__error' id='join-error'>
                    {formError}
                  </Text>
                )}
              </View>
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
