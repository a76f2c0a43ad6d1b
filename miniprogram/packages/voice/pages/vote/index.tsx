import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { SURVEY_STATE_LABEL, type VoteView } from '../../../../../typings/voice';
import { NomineeForm } from '../../../../components/nominee-form';
import { percent, ShareBars } from '../../../../components/share-bars';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import '../voice.scss';

/** After the close: each candidate's votes and share of the ballots, the winners marked, the turnout. */
function Results({ v }: { v: VoteView }) {
  const ballots = v.turnout ?? 0;
  const ranked = v.candidates.filter((c) => c.votes !== null);
  return (
    <View className='zb-card zb-stack' id='vote-results'>
      <Text className='zb-title'>评选结果</Text>
      <Text id='vote-turnout'>
        投票 {ballots} 人 / 应投 {v.audienceSize ?? '-'} 人{v.audienceSize ? `（参与率 ${percent(ballots / v.audienceSize)}）` : ''}
      </Text>
      <ShareBars
        id='vote-bars'
        unit='票'
        rows={ranked.map((c) => ({
          label: `第 ${c.rank} 名 ${c.name}${c.winner ? '（当选）' : ''}`,
          count: c.votes ?? 0,
          share: ballots ? (c.votes ?? 0) / ballots : 0,
        }))}
      />
      <Text className='zb-muted'>{v.finalized ? '支部已确认结果，当选者的荣誉已记入电子档案。' : '等待支部确认当选名单。'}</Text>
    </View>
  );
}

/** A member proposes a candidate (when the vote allows it): whom, and why, for the secretary to approve. */
function Propose({ voteId, onDone }: { voteId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <View className='zb-actions'>
        <Button id='vote-propose-open' size='large' block onClick={() => setOpen(true)}>
          提名候选人
        </Button>
      </View>
    );
  }
  return (
    <NomineeForm
      id='vote-propose'
      voteId={voteId}
      mode='propose'
      onDone={() => {
        setOpen(false);
        onDone();
      }}
    />
  );
}

/** 评先评优: the candidates and their 事迹, one ballot of up to N names while open; the results once it has closed. */
export default function VotePage() {
  const pageClass = usePageClass('voice');
  const { id = '' } = useRouter().params;
  const vote = useApi(() => api.voice.vote({ voteId: id }), [id]);
  const [chosen, setChosen] = useState<string[]>([]);
  const casting = useAction();
  usePullDownRefresh(() => void vote.reload().finally(() => Taro.stopPullDownRefresh()));
  const v = vote.data;
  const canVote = v?.state === 'open' && !v.voted;
  const toggle = (cid: string) => {
    if (!v || !canVote) return;
    if (chosen.includes(cid)) setChosen(chosen.filter((c) => c !== cid));
    else if (chosen.length < v.maxChoices) setChosen([...chosen, cid]);
    else void Taro.showToast({ title: `每人最多选 ${v.maxChoices} 位`, icon: 'none' });
  };

  async function cast() {
    if (!v || chosen.length === 0) return;
    const names = v.candidates.filter((c) => chosen.includes(c.id)).map((c) => c.name);
    const { confirm } = await Taro.showModal({
      title: '确认投票',
      content: `投给：${names.join('、')}。投票后不能修改。`,
      confirmText: '投票',
      cancelText: '再看看',
    });
    if (!confirm) return;
    if (await casting.run(() => api.voice.cast({ voteId: v.id, candidateIds: chosen }), '投票成功')) void vote.reload();
  }

  return (
    <View className={pageClass}>
      <StateView loading={vote.loading && !v} error={v ? undefined : vote.error} onRetry={() => void vote.reload()}>
        {v && (
          <View>
            <View className='zb-card zb-stack' id='vote-head'>
              <View className='zb-row'>
                <Text className='zb-tag'>{v.anonymous ? '无记名投票' : '记名投票'}</Text>
                <Text className={v.voted ? 'zb-done' : 'zb-muted'}>{v.voted ? '你已投票' : SURVEY_STATE_LABEL[v.state]}</Text>
              </View>
              <Text className='zb-title'>{v.title}</Text>
              <Text className='zb-muted'>
                {v.orgName} · 名额 {v.seats} 个 · 每人最多选 {v.maxChoices} 位 · {moment(v.closeAt)} 截止
              </Text>
              {v.intro && <Text>{v.intro}</Text>}
              {v.anonymous && (
                <Text className='zb-quote'>无记名：选票不与姓名和账号一起保存，只记录你“已投票”；结果在投票结束后公布。</Text>
              )}
            </View>
            {v.state === 'closed' && <Results v={v} />}
            {v.myNominations > 0 && (
              <Text className='zb-muted zb-note' id='vote-my-nominations'>
                你有 {v.myNominations} 项提名等待支部审核。
              </Text>
            )}
            <Text className='zb-section-title'>
              候选人（{v.candidates.length} 位）{canVote ? `：已选 ${chosen.length} / ${v.maxChoices}` : ''}
            </Text>
            {v.candidates.length === 0 && (
              <View className='zb-card'>
                <Text className='zb-muted'>支部还在确定候选人。</Text>
              </View>
            )}
            {v.candidates.map((c) => (
              <View
                key={c.id}
                id={`vote-candidate-${c.memberId}`}
                className={`zb-card zb-stack${chosen.includes(c.id) ? ' zb-option--on' : ''}`}
                onClick={() => toggle(c.id)}
              >
                <View className='zb-row'>
                  <Text className='zb-title zb-grow'>
                    {canVote ? (chosen.includes(c.id) ? '☑ ' : '☐ ') : ''}
                    {c.name}
                  </Text>
                  {c.winner && <Text className='zb-attention'>当选</Text>}
                </View>
                <Text className='zb-muted'>
                  {c.orgName} · {c.nominatedBy}
                </Text>
                <Text>{c.deed}</Text>
              </View>
            ))}
            {canVote && (
              <View className='zb-actions'>
                {casting.error && <Text className='zb-error'>{casting.error}</Text>}
                <Button
                  id='vote-cast'
                  type='primary'
                  size='large'
                  block
                  loading={casting.busy}
                  disabled={chosen.length === 0}
                  onClick={() => void cast()}
                >
                  {chosen.length ? `投票（${chosen.length} 位）` : '请选择候选人'}
                </Button>
              </View>
            )}
            {v.memberNominations && v.state !== 'closed' && v.state !== 'cancelled' && (
              <Propose voteId={v.id} onDone={() => void vote.reload()} />
            )}
          </View>
        )}
      </StateView>
    </View>
  );
}
