import { Text, View } from '@tarojs/components';
import { QUESTION_TYPE_LABEL, type Answer, type GradedQuestion, type PaperQuestion } from '../../../typings/exam';
import './index.scss';

export const LETTERS = 'ABCDEFGH';

/** An answer in words: option letters (正确/错误 for true/false), or the blanks' text. */
export function answerText(q: Pick<PaperQuestion, 'type' | 'options'>, a: Answer | null): string {
  if (!a) return '未作答';
  if (a.blanks) return a.blanks.map((b) => b || '（空）').join('；');
  const choice = [...(a.choice ?? [])].sort((x, y) => x - y);
  if (!choice.length) return '未作答';
  return q.type === 'judge' ? choice.map((i) => q.options[i]).join('') : choice.map((i) => LETTERS[i]).join('');
}

/** A question after grading: the member's answer beside the right one, and the explanation. */
export function GradedQuestionView({ q, index }: { q: GradedQuestion; index?: number }) {
  const verdict = q.right ? 'right' : q.earned > 0 ? 'partly' : 'wrong';
  return (
    <View className={`zb-card zb-stack graded graded--${verdict}`} id={`graded-${q.id}`}>
      <View className='zb-row'>
        <Text className='zb-tag'>{QUESTION_TYPE_LABEL[q.type]}</Text>
        <Text className={`graded__verdict graded__verdict--${verdict}`}>
          {verdict === 'right' ? '✓ 答对了' : verdict === 'partly' ? '△ 部分正确' : '✗ 答错了'}
        </Text>
      </View>
      <Text className='graded__stem'>
        {index !== undefined ? `${index + 1}. ` : ''}
        {q.stem}
      </Text>
      {q.type !== 'blank' && q.type !== 'judge' && (
        <View className='zb-stack graded__options'>
          {q.options.map((o, i) => (
            <Text key={o} className={(q.correct.choice ?? []).includes(i) ? 'graded__option graded__option--key' : 'graded__option'}>
              {LETTERS[i]}. {o}
            </Text>
          ))}
        </View>
      )}
      <Text>
        你的答案：<Text className={q.right ? 'graded__mine--right' : 'graded__mine--wrong'}>{answerText(q, q.mine)}</Text>
      </Text>
      <Text>
        正确答案：<Text className='graded__key'>{answerText(q, q.correct)}</Text>
      </Text>
      {q.explanation && <Text className='zb-quote'>解析：{q.explanation}</Text>}
    </View>
  );
}
