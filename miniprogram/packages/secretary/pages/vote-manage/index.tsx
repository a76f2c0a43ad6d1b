import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { CANDIDATE_STATUS_LABEL, SURVEY_STATE_LABEL, type CandidateView } from '../../../../../typings/voice';
import { NomineeForm } from '../../../../components/nominee-form';
import { percent, ShareBars } from '../../../../components/share-bars';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { confirmDestructive } from '../../../../services/confirm';
import { moment } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';

/** A vote's candidates and nominations while it runs; after the close its results, and confirming the winners into their archives. */
export default function VoteManagePage() {
  const pageClass = usePageClass();
  const { id = '' } = useRouter().params;
  const draft = useApi(() => api.voice.voteDraft({ voteId: id }), [id], { refreshOnShow: true });
  const view = useApi(() => api.voice.vote({ voteId: id }), [id], { refreshOnShow: true });
  const acting = useAction();
  const [winners, setWinners] = useState<string[]>([]);
  usePullDownRefresh(() => void Promise.all([draft.reload(), view.reload()]).finally(() => Taro.stopPullDownRefresh()));
  const d = draft.data;
  const v = view.data;
  const closed = d?.state === 'closed';
  const approved = (d?.candidates ?? []).filter((c) => c.status === 'approved');
  const pending = (d?.candidates ?? []).filter((c) => c.status === 'pending');
  const reload = () => void Promise.all([draft.reload(), view.reload()]);

  // After the close, the top ranks up to the seats are proposed as winners; the secretary may change them.
  useEffect(() => {
    if (closed && d && !v?.finalized)
      setWinners(
        approved
          .filter((c) => c.rank !== null && c.rank <= d.seats)
          .slice(0, d.seats)
          .map((c) => c.id),
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [closed, d?.candidates.length, v?.finalized]);

  async function review(c: CandidateView, decision: 'approve' | 'reject' | 'remove') {
    if (
      decision === 'remove' &&
      !(await confirmDestructive({ title: '移除候选人', content: `${c.name}将不在选票上。`, confirmText: '移除' }))
    )
      return;
    if (await acting.run(() => api.voice.reviewCandidate({ voteId: id, candidateId: c.id, decision }), '已处理')) reload();
  }
  async function finalize() {
    if (!d) return;
    const names = approved.filter((c) => winners.includes(c.id)).map((c) => c.name);
    const ok = await confirmDestructive({
      title: '确认当选名单',
      content: `${names.join('、')}将获得「${d.title}」荣誉，记入电子档案并在优秀党员风采中展示。确认后不能更改。`,
      confirmText: '确认',
    });
    if (ok && (await acting.run(() => api.voice.finalizeVote({ voteId: id, candidateIds: winners }), '已确认结果'))) reload();
  }
  async function cancel() {
    if (await confirmDestructive({ title: '撤回评选', content: '撤回后党员不能再投票，也看不到这次评选。', confirmText: '撤回' })) {
      if (await acting.run(() => api.voice.cancelVote({ voteId: id }), '已撤回')) reload();
    }
  }

  return (
    <View className={pageClass}>
      <StateView loading={draft.loading && !d} error={d ? undefined : draft.error} onRetry={() => void draft.reload()}>
        {d && (
          <View>
            <View className='zb-card zb-stack' id='vote-summary'>
              <Text className='zb-muted'>{v?.finalized ? '结果已确认' : SURVEY_STATE_LABEL[d.state]}</Text>
              <Text className='zb-title'>{d.title}</Text>
              <Text className='zb-muted'>
                名额 {d.seats} · 每人最多选 {d.maxChoices} 位 · {d.anonymous ? '无记名' : '记名'} · {moment(d.closeAt)} 截止
              </Text>
              {v && (
                <Text id='vote-turnout'>
                  投票 {v.turnout} 人 / 应投 {v.audienceSize} 人
                  {v.audienceSize ? `（参与率 ${percent((v.turnout ?? 0) / v.audienceSize)}）` : ''}
                </Text>
              )}
              {!closed && <Text className='zb-muted'>投票进行中，各人得票在截止后公布。</Text>}
            </View>
            {closed && (
              <View className='zb-card zb-stack' id='vote-results'>
                <Text className='zb-title'>得票</Text>
                <ShareBars
                  id='vote-bars'
                  unit='票'
                  rows={approved.map((c) => ({
                    label: `第 ${c.rank} 名 ${c.name}`,
                    count: c.votes ?? 0,
                    share: v?.turnout ? (c.votes ?? 0) / v.turnout : 0,
                  }))}
                />
              </View>
            )}
            {pending.length > 0 && <Text className='zb-section-title'>党员提名，待审核（{pending.length}）</Text>}
            {pending.map((c) => (
              <View key={c.id} className='zb-card zb-stack' id={`pending-${c.memberId}`}>
                <Text className='zb-title'>{c.name}</Text>
                <Text className='zb-muted'>
                  {c.orgName} · {c.nominatedBy}
                </Text>
                <Text>{c.deed}</Text>
                {!closed && (
                  <View className='zb-row'>
                    <Button id={`approve-${c.memberId}`} type='primary' className='zb-grow' onClick={() => void review(c, 'approve')}>
                      同意
                    </Button>
                    <Button id={`reject-${c.memberId}`} className='zb-grow' onClick={() => void review(c, 'reject')}>
                      不同意
                    </Button>
                  </View>
                )}
              </View>
            ))}
            <Text className='zb-section-title'>
              候选人（{approved.length}）{closed && !v?.finalized ? '：勾选当选者' : ''}
            </Text>
            {approved.length === 0 && (
              <View className='zb-card'>
                <Text className='zb-muted'>还没有候选人，请在下面提名。</Text>
              </View>
            )}
            {approved.map((c) => (
              <View
                key={c.id}
                className={`zb-card zb-stack${winners.includes(c.id) && closed && !v?.finalized ? ' zb-option--on' : ''}`}
                id={`candidate-${c.memberId}`}
                onClick={() =>
                  closed &&
                  !v?.finalized &&
                  setWinners(winners.includes(c.id) ? winners.filter((w) => w !== c.id) : [...winners, c.id].slice(-d.seats))
                }
              >
                <View className='zb-row'>
                  <Text className='zb-title zb-grow'>
                    {closed && !v?.finalized ? (winners.includes(c.id) ? '☑ ' : '☐ ') : ''}
                    {c.name}
                  </Text>
                  {c.winner && <Text className='zb-error'>当选</Text>}
                  {c.votes !== null && <Text>{c.votes} 票</Text>}
                </View>
                <Text className='zb-muted'>
                  {c.orgName} · {c.nominatedBy} · {CANDIDATE_STATUS_LABEL[c.status]}
                </Text>
                <Text>{c.deed}</Text>
                {!closed && !d.locked && (
                  <Button id={`remove-${c.memberId}`} size='small' fill='none' onClick={() => void review(c, 'remove')}>
                    移除
                  </Button>
                )}
              </View>
            ))}
            {acting.error && <Text className='zb-error'>{acting.error}</Text>}
            {closed && !v?.finalized && approved.length > 0 && (
              <View className='zb-actions'>
                <Button
                  id='vote-finalize'
                  type='primary'
                  size='large'
                  block
                  disabled={winners.length === 0}
                  loading={acting.busy}
                  onClick={() => void finalize()}
                >
                  确认当选（{winners.length} / {d.seats}）
                </Button>
              </View>
            )}
            {!closed && d.state !== 'cancelled' && (
              <View>
                <NomineeForm id='vote-nominate' voteId={id} mode='nominate' onDone={reload} />
                <View className='zb-actions'>
                  <Button id='vote-edit' size='large' block onClick={() => void Taro.navigateTo({ url: pageUrl('voteEdit', { id }) })}>
                    修改评选
                  </Button>
                  <Button id='vote-cancel' size='large' block fill='none' onClick={() => void cancel()}>
                    撤回评选
                  </Button>
                </View>
              </View>
            )}
          </View>
        )}
      </StateView>
    </View>
  );
}
