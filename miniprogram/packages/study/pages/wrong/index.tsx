import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { EXAM_RULES } from '../../../../../typings/exam';
import { pageUrl } from '../../../../../typings/pages';
import { GradedQuestionView } from '../../../../components/graded-question';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';

/** 错题本: every question answered wrong, with the right answer; practising one right twice in a row takes it out. */
export default function WrongBookPage() {
  const pageClass = usePageClass('wrong');
  const book = useApi(() => api.exam.wrongBook({}), [], { refreshOnShow: true });
  usePullDownRefresh(() => void book.reload().finally(() => Taro.stopPullDownRefresh()));
  const items = book.data?.items ?? [];
  return (
    <View className={pageClass}>
      <StateView loading={book.loading && !book.data} error={book.data ? undefined : book.error} onRetry={() => void book.reload()}>
        <View className='zb-card zb-stack' id='wrong-summary'>
          <Text className='zb-title'>错题本里有 {items.length} 道题</Text>
          <Text className='zb-muted'>练习时连续答对 {EXAM_RULES.wrongClearStreak} 次，题目会自动移出错题本。</Text>
          {items.length > 0 && (
            <Button
              id='wrong-practise'
              type='primary'
              size='large'
              block
              onClick={() => void Taro.navigateTo({ url: pageUrl('exam', { wrong: 1 }) })}
            >
              练习错题（每次最多 {EXAM_RULES.wrongPracticeCount} 题）
            </Button>
          )}
        </View>
        {items.map((w) => (
          <View key={w.question.id}>
            <Text className='zb-section-title'>
              答错 {w.times} 次 · 最近 {moment(w.lastWrongAt)}
              {w.streak > 0 ? ` · 已连续答对 ${w.streak} 次` : ''}
            </Text>
            <GradedQuestionView q={w.question} />
          </View>
        ))}
      </StateView>
    </View>
  );
}
