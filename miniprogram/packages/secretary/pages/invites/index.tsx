import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro';
import type { InviteView } from '../../../../../typings/domain';
import { inShanghai } from '../../../../../typings/time';
import { ShareButton, useShareCard, type ShareCard } from '../../../../components/share-card';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import './index.scss';
import { confirmDestructive } from '../../../../services/confirm';
import { usePageClass } from '../../../../services/care';

const isLive = (i: InviteView, now: number) => !i.revoked && Date.parse(i.expiresAt) > now;
const until = (i: InviteView) => inShanghai(i.expiresAt).format('M月D日 HH:mm');

/**
 * Invite people into the branch: a card to share into a chat, or a mini-program code to show on
 * screen or print. Every invite expires (7 days) and can be revoked; applicants still need approval.
 */
export default function InvitesPage() {
  const pageClass = usePageClass('invites');
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const { data, error, loading, reload } = useApi(async () => {
    const [home, list] = await Promise.all([api.branch.home({ orgId }), api.invite.list({ orgId })]);
    return { branchName: home.branch?.name ?? '', invites: list.invites };
  }, [orgId]);
  const [qr, setQr] = useState<string | null>(null);
  const { busy, error: actionError, run } = useAction();

  const now = Date.now();
  const live = data?.invites.find((i) => isLive(i, now)) ?? null;
  const card: ShareCard | null =
    live && data ? { title: `邀请你加入「${data.branchName}」`, path: `/${live.path}`, description: '点击卡片，申请加入支部' } : null;
  useShareCard(card);

  async function create() {
    if (await run(() => api.invite.create({ orgId, days: 7 }), '已生成新的邀请')) {
      setQr(null);
      await reload();
    }
  }
  async function showQr(invite: InviteView) {
    const res = await run(() => api.invite.qrcode({ inviteId: invite.id }));
    if (res) setQr(res.url);
  }
  async function revoke(invite: InviteView) {
    const yes = await confirmDestructive({
      title: '作废这个邀请？',
      content: '作废后，已经发出的卡片和二维码都不能再用来申请入支部。',
      confirmText: '作废',
    });
    if (!yes) return;
    if (await run(() => api.invite.revoke({ inviteId: invite.id }), '邀请已作废')) {
      setQr(null);
      await reload();
    }
  }

  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && (
          <>
            <View className='zb-card zb-stack' id='invite-current'>
              <Text className='zb-title'>邀请加入「{data.branchName}」</Text>
              {live && card ? (
                <>
                  <Text className='zb-muted' id='invite-expires'>
                    有效期至 {until(live)}。对方点开后提交申请，仍需支部审核。
                  </Text>
                  <ShareButton id='invite-share' card={card} label='发送邀请卡片到微信群' />
                  <Button id='invite-show-qr' size='large' block loading={busy} onClick={() => void showQr(live)}>
                    显示邀请二维码
                  </Button>
                  {qr && (
                    <View className='invites__qr'>
                      <Image id='invite-qr' className='invites__qr-image' src={qr} mode='aspectFit' showMenuByLongpress />
                      <Text className='zb-muted'>请对方用微信扫一扫；长按可保存图片</Text>
                    </View>
                  )}
                </>
              ) : (
                <>
                  <Text className='zb-muted'>目前没有有效的邀请。生成后可发到微信群，或出示二维码。</Text>
                  <Button id='invite-create' type='primary' size='large' block loading={busy} onClick={() => void create()}>
                    生成邀请（7 天有效）
                  </Button>
                </>
              )}
              {actionError && <Text className='zb-error'>{actionError}</Text>}
            </View>

            {data.invites.length > 0 && (
              <>
                <Text className='zb-section-title'>有效的邀请</Text>
                <CellGroup>
                  {data.invites.map((i) => (
                    <View key={i.id} id={`invite-${i.id}`}>
                      <Cell
                        title={i.revoked ? '已作废' : isLive(i, now) ? '有效' : '已过期'}
                        description={`有效期至 ${until(i)}`}
                        extra={
                          isLive(i, now) ? (
                            <Button id={`invite-revoke-${i.id}`} className='zb-danger' onClick={() => void revoke(i)}>
                              作废
                            </Button>
                          ) : undefined
                        }
                      />
                    </View>
                  ))}
                </CellGroup>
                {live && (
                  <View className='zb-actions invites__new'>
                    <Button id='invite-create' size='large' block loading={busy} onClick={() => void create()}>
                      再生成一个邀请
                    </Button>
                  </View>
                )}
              </>
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
