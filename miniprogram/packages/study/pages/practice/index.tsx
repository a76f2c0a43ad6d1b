import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ATTEMPT_KIND_LABEL, type PaperCard } from '../../../../../typings/exam';
import { pageUrl } from '../../../../../typings/pages';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';
import './index.scss';

const go = (url: string) => void Taro.navigateTo({ url });

function Paper({ p }: { p: PaperCard }) {
  const action = p.openAttemptId ? '继续作答' : p.state === 'open' ? (p.best ? '再做一次' : '开始') : '查看成绩';
  return (
    <View className={`zb-card zb-stack practice__paper practice__paper--${p.state}`} id={`paper-${p.id}`}>
      <View className='zb-row'>
        <Text className='zb-tag'>{ATTEMPT_KIND_LABEL[p.kind]}</Text>
        <Text className='zb-muted zb-grow'>{p.orgName}</Text>
        {p.best && <Text className={p.best.passed ? 'practice__best--pass' : 'practice__best--fail'}>最好 {p.best.score} 分</Text>}
      </View>
      <Text className='zb-title'>{p.title}</Text>
      <Text className='zb-muted'>
        {p.questionCount} 题{p.limitMinutes ? ` · 限时 ${p.limitMinutes} 分钟` : ''} · {p.passMark} 分及格
        {p.closeAt ? ` · ${moment(p.closeAt)} 截止` : ''}
        {p.attempts !== null ? ` · 已用 ${p.attemptsUsed}/${p.attempts} 次` : ''}
      </Text>
      {(p.state !== 'closed' || p.best) && (
        <Button
          id={`paper-go-${p.id}`}
          type={p.state === 'open' ? 'primary' : 'default'}
          size='large'
          block
          disabled={p.state === 'upcoming'}
          onClick={() => go(pageUrl('exam', { paperId: p.id }))}
        >
          {p.state === 'upcoming' ? `${moment(p.openAt!)} 开始` : action}
        </Button>
      )}
    </View>
  );
}

/** 学习考核: today's practice first, then the quizzes and exams for me, the 错题本 and my past papers. */
export default function PracticePage() {
  const pageClass = usePageClass('practice');
  const home = useApi(() => api.exam.home({}), [], { refreshOnShow: true });
  const history = useApi(() => api.exam.history({}), [], { refreshOnShow: true });
  usePullDownRefresh(() => void Promise.all([home.reload(), history.reload()]).finally(() => Taro.stopPullDownRefresh()));
  const h = home.data;
  return (
    <View className={pageClass}>
      <StateView loading={home.loading && !h} error={h ? undefined : home.error} onRetry={() => void home.reload()}>
        {h && (
          <View>
            <View className='zb-card zb-stack' id='practice-daily'>
              <Text className='zb-title'>每日一练</Text>
              {!h.daily.available && <Text className='zb-muted'>题库里还没有题目。支部或上级党委建好题库后，每天可以练 5 道题。</Text>}
              {h.daily.available && h.daily.done && (
                <Text className='practice__done'>今天已完成，得分 {h.daily.score ?? 0} 分。明天再来！</Text>
              )}
              {h.daily.available && !h.daily.done && <Text className='zb-muted'>每天 5 道题，答完可得积分，全对得分更多。</Text>}
              {h.daily.available && (
                <Button
                  id='practice-daily-go'
                  type={h.daily.done ? 'default' : 'primary'}
                  size='large'
                  block
                  onClick={() => go(pageUrl('exam', { daily: 1 }))}
                >
                  {h.daily.done ? '查看今天的答题' : h.daily.attemptId ? '继续答题' : '开始今天的练习'}
                </Button>
              )}
            </View>
            <Text className='zb-section-title'>考试和专项测验</Text>
            {h.papers.length === 0 && (
              <View className='zb-card'>
                <Text className='zb-muted'>目前没有需要参加的考试或测验</Text>
              </View>
            )}
            {h.papers.map((p) => (
              <Paper key={p.id} p={p} />
            ))}
            <View className='zb-card practice__link' id='practice-wrong' onClick={() => go(pageUrl('wrongBook'))}>
              <Text className='zb-grow'>错题本</Text>
              <Text className='zb-muted'>{h.wrongCount} 题 ›</Text>
            </View>
            <View className='zb-card practice__link' id='practice-points' onClick={() => go(pageUrl('points'))}>
              <Text className='zb-grow'>我的积分和排行</Text>
              <Text className='zb-muted'>›</Text>
            </View>
          </View>
        )}
      </StateView>
      {history.data && history.data.items.length > 0 && (
        <View id='practice-history'>
          <Text className='zb-section-title'>答题记录</Text>
          {history.data.items.map((a) => (
            <View key={a.id} className='zb-card practice__link' onClick={() => go(pageUrl('exam', { attemptId: a.id }))}>
              <View className='zb-stack zb-grow'>
                <Text>
                  {ATTEMPT_KIND_LABEL[a.kind]} · {a.title}
                </Text>
                <Text className='zb-muted'>{moment(a.at)}</Text>
              </View>
              <Text className={a.passed === false ? 'practice__best--fail' : 'practice__best--pass'}>{a.score} 分</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
