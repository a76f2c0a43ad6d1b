import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import { shanghaiDay } from '../../../../../typings/time';
import { ShareButton, useShareCard } from '../../../../components/share-card';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { groupCloudID } from '../../../../services/entry';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { pageUrl } from '../../../../../typings/pages';
import { confirmDestructive } from '../../../../services/confirm';
import { usePageClass } from '../../../../services/care';

/**
 * The branch's WeChat groups. A group is bound from inside it: the secretary sends this page as a
 * card into the group and opens it there, so WeChat (not the client) says which group it is.
 */
export default function GroupsPage() {
  const pageClass = usePageClass();
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const { data, error, loading, reload } = useApi(async () => {
    const [home, list] = await Promise.all([api.branch.home({ orgId }), api.group.list({ orgId })]);
    return { branchName: home.branch?.name ?? '', groups: list.groups };
  }, [orgId]);
  const [cloudID, setCloudID] = useState<string | null>(null);
  const [label, setLabel] = useState('党员群');
  const { busy, error: actionError, run } = useAction();

  useEffect(() => {
    void groupCloudID(params, { always: true }).then(setCloudID);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for how the page was opened
  }, []);

  const card = data ? { title: `在群里点开，把本群绑定到「${data.branchName}」`, path: pageUrl('groups', { orgId }) } : null;
  useShareCard(card);

  async function bind() {
    if (!cloudID) return;
    if (await run(() => api.group.bind({ orgId, cloudID, label: label.trim() }), '已绑定本群')) {
      setCloudID(null);
      await reload();
    }
  }
  async function unbind(bindingId: string) {
    const yes = await confirmDestructive({
      title: '解除这个群的绑定？',
      content: '解除后，从这个群打开支部通的人不会再被带到本支部，可以随时重新绑定。',
      confirmText: '解除绑定',
    });
    if (!yes) return;
    if (await run(() => api.group.unbind({ bindingId }), '已解除绑定')) await reload();
  }

  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && (
          <>
            {cloudID && (
              <View className='zb-card zb-stack' id='group-bind'>
                <Text className='zb-title'>把这个群绑定到「{data.branchName}」</Text>
                <Text className='zb-muted'>绑定后，群里的人从小程序卡片进入，会直接来到本支部；还不是党员的可以一键申请加入。</Text>
                <Input id='group-label' placeholder='群的称呼，如“党员群”' value={label} onChange={setLabel} maxLength={20} clearable />
                <Button
                  id='group-bind-submit'
                  type='primary'
                  size='large'
                  block
                  loading={busy}
                  disabled={!label.trim()}
                  onClick={() => void bind()}
                >
                  绑定本群
                </Button>
                {actionError && <Text className='zb-error'>{actionError}</Text>}
              </View>
            )}

            <Text className='zb-section-title'>已绑定的微信群</Text>
            <CellGroup>
              {data.groups.length === 0 && <Cell title='还没有绑定微信群' />}
              {data.groups.map((g) => (
                <View key={g.id} id={`group-${g.id}`}>
                  <Cell
                    title={g.label}
                    description={`${shanghaiDay(g.boundAt)} 绑定`}
                    extra={
                      <Button id={`group-unbind-${g.id}`} className='zb-danger' onClick={() => void unbind(g.id)}>
                        解除
                      </Button>
                    }
                  />
                </View>
              ))}
            </CellGroup>

            {!cloudID && card && (
              <View className='zb-card zb-stack' id='group-howto'>
                <Text className='zb-title'>绑定一个微信群</Text>
                <Text className='zb-muted'>1. 点下面的按钮，把卡片发到支部的微信群。</Text>
                <Text className='zb-muted'>2. 在群里点开这张卡片，按“绑定本群”。</Text>
                <ShareButton id='group-share' card={card} label='发送绑定卡片到微信群' />
                {actionError && <Text className='zb-error'>{actionError}</Text>}
              </View>
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
