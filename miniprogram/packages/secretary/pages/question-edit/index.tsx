import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  blankCount,
  DIFFICULTY_LABEL,
  EXAM_RULES,
  QUESTION_TYPE_LABEL,
  QUESTION_TYPES,
  questionProblems,
  type Difficulty,
  type QuestionDraft,
  type QuestionType,
} from '../../../../../typings/exam';
import { STUDY_TAGS } from '../../../../../typings/study';
import { Field } from '../../../../components/field';
import { LETTERS } from '../../../../components/graded-question';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { confirmDestructive } from '../../../../services/confirm';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { Choices } from '../../../../components/choices';
import './index.scss';

const EMPTY: QuestionDraft = {
  type: 'single',
  stem: '',
  options: ['', '', '', ''],
  answer: [],
  blanks: [],
  explanation: '',
  tags: [],
  difficulty: 2,
};

/** A question of the bank, as its editor writes it: the form says what is missing before saving. */
export default function QuestionEditPage() {
  const pageClass = usePageClass('qedit');
  const { orgId = '', id = '' } = useRouter().params;
  const existing = useApi(async () => (id ? api.exam.question({ questionId: id }) : null), [id]);
  const [q, setQ] = useState<QuestionDraft>(EMPTY);
  // Fill-in answers as typed: a blank's accepted answers separated by /.
  const [blankText, setBlankText] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const saving = useAction();
  const removing = useAction();
  useEffect(() => {
    if (existing.data) {
      setQ(existing.data);
      setBlankText(existing.data.blanks.map((b) => b.join('/')));
    }
  }, [existing.data]);
  const set = (patch: Partial<QuestionDraft>) => setQ((prev) => ({ ...prev, ...patch }));
  const blanks = q.type === 'blank' ? blankCount(q.stem) : 0;
  const draft: QuestionDraft = {
    ...q,
    options: q.type === 'single' || q.type === 'multiple' ? q.options.map((o) => o.trim()) : [],
    answer: q.type === 'blank' ? [] : q.answer,
    blanks:
      q.type === 'blank'
        ? Array.from({ length: blanks }, (_, i) =>
            (blankText[i] ?? '')
              .split('/')
              .map((a) => a.trim())
              .filter(Boolean),
          )
        : [],
  };
  const problems = [
    ...(draft.stem.trim().length < 2 ? ['请填写题干'] : []),
    ...(draft.options.some((o) => !o) ? ['选项不能为空'] : []),
    ...questionProblems(draft),
  ];

  function changeType(type: QuestionType) {
    set({
      type,
      answer: type === 'judge' ? [0] : [],
      options: type === 'single' || type === 'multiple' ? (q.options.length ? q.options : ['', '', '', '']) : q.options,
    });
  }
  function toggleAnswer(i: number) {
    if (q.type === 'multiple')
      set({ answer: q.answer.includes(i) ? q.answer.filter((a) => a !== i) : [...q.answer, i].sort((a, b) => a - b) });
    else set({ answer: [i] });
  }
  function removeOption(i: number) {
    set({ options: q.options.filter((_, j) => j !== i), answer: q.answer.filter((a) => a !== i).map((a) => (a > i ? a - 1 : a)) });
  }

  async function save() {
    setTried(true);
    if (problems.length) return;
    const done = await saving.run(() => api.exam.saveQuestion({ orgId, ...(id ? { questionId: id } : {}), question: draft }), '已保存');
    if (done) void Taro.navigateBack();
  }
  async function remove() {
    const ok = await confirmDestructive({
      title: '删除这道题',
      content: '删除后不会再被抽到；已经发给党员的试卷不受影响。',
      confirmText: '删除',
    });
    if (!ok) return;
    if (await removing.run(() => api.exam.removeQuestion({ questionId: id }), '已删除')) void Taro.navigateBack();
  }

  return (
    <View className={pageClass}>
      <StateView loading={Boolean(id) && existing.loading && !existing.data} error={existing.error} onRetry={() => void existing.reload()}>
        <View className='zb-card zb-stack' id='question-form'>
          <Field id='field-q-type' label='题型' required plain>
            <Choices
              id='q-type'
              options={QUESTION_TYPES.map((t): [QuestionType, string] => [t, QUESTION_TYPE_LABEL[t]])}
              value={q.type}
              onChange={changeType}
            />
          </Field>
          <Field
            id='field-q-stem'
            label='题干'
            required
            hint={q.type === 'blank' ? '用 ____（连续下划线）标出每个空，如：党的一大于____年召开。' : undefined}
            error={tried && draft.stem.trim().length < 2 ? '请填写题干' : null}
          >
            <TextArea id='q-stem' value={q.stem} onChange={(v) => set({ stem: v })} maxLength={500} placeholder='请输入题干' />
          </Field>
          {(q.type === 'single' || q.type === 'multiple') && (
            <Field
              id='field-q-options'
              label={q.type === 'single' ? '选项（点字母设为正确答案）' : '选项（点字母选出所有正确答案）'}
              required
              plain
            >
              <View className='zb-stack'>
                {q.options.map((o, i) => (
                  <View key={i} className='qedit__option'>
                    <View
                      id={`q-key-${i}`}
                      className={`qedit__letter${q.answer.includes(i) ? ' qedit__letter--on' : ''}`}
                      onClick={() => toggleAnswer(i)}
                      aria-label={`${LETTERS[i]}${q.answer.includes(i) ? '，正确答案' : ''}`}
                    >
                      <Text>{LETTERS[i]}</Text>
                    </View>
                    <Input
                      id={`q-option-${i}`}
                      className='qedit__input'
                      value={o}
                      maxLength={100}
                      placeholder={`选项 ${LETTERS[i]}`}
                      onChange={(v) => set({ options: q.options.map((x, j) => (j === i ? v : x)) })}
                    />
                    {q.options.length > 2 && (
                      <Button id={`q-option-remove-${i}`} className='qedit__remove' onClick={() => removeOption(i)}>
                        删除
                      </Button>
                    )}
                  </View>
                ))}
                {q.options.length < EXAM_RULES.maxOptions && (
                  <Button id='q-option-add' size='large' block onClick={() => set({ options: [...q.options, ''] })}>
                    添加选项
                  </Button>
                )}
              </View>
            </Field>
          )}
          {q.type === 'judge' && (
            <Field id='field-q-judge' label='正确答案' required plain>
              <Choices
                id='q-judge'
                options={[
                  ['0', '正确'],
                  ['1', '错误'],
                ]}
                value={String(q.answer[0] ?? 0) as '0' | '1'}
                onChange={(v) => set({ answer: [Number(v)] })}
              />
            </Field>
          )}
          {q.type === 'blank' &&
            Array.from({ length: blanks }, (_, i) => (
              <Field
                key={i}
                id={`field-q-blank-${i}`}
                label={`第 ${i + 1} 空的答案`}
                required
                hint='可接受多种写法时用 / 隔开，如：上海/上海市'
              >
                <Input
                  id={`q-blank-${i}`}
                  value={blankText[i] ?? ''}
                  maxLength={200}
                  onChange={(v) => setBlankText(Array.from({ length: blanks }, (_, j) => (j === i ? v : (blankText[j] ?? ''))))}
                />
              </Field>
            ))}
          <Field id='field-q-explanation' label='解析' hint='交卷后党员能看到，帮助理解'>
            <TextArea
              id='q-explanation'
              value={q.explanation}
              onChange={(v) => set({ explanation: v })}
              maxLength={500}
              placeholder='可选'
            />
          </Field>
          <Field id='field-q-tags' label='标签（最多 3 个）' plain>
            <View className='zb-choices'>
              {STUDY_TAGS.map((t) => (
                <Button
                  key={t}
                  id={`q-tag-${t}`}
                  className={q.tags.includes(t) ? 'zb-choice zb-choice--on' : 'zb-choice'}
                  onClick={() =>
                    set({ tags: q.tags.includes(t) ? q.tags.filter((x) => x !== t) : q.tags.length < 3 ? [...q.tags, t] : q.tags })
                  }
                >
                  {t}
                </Button>
              ))}
            </View>
          </Field>
          <Field id='field-q-difficulty' label='难度' plain>
            <Choices
              id='q-difficulty'
              options={([1, 2, 3] as Difficulty[]).map((d): [string, string] => [String(d), DIFFICULTY_LABEL[d]])}
              value={String(q.difficulty)}
              onChange={(v) => set({ difficulty: Number(v) as Difficulty })}
            />
          </Field>
          {tried && problems.length > 0 && (
            <View className='zb-stack' id='question-problems'>
              {problems.map((p) => (
                <Text key={p} className='zb-error'>
                  {p}
                </Text>
              ))}
            </View>
          )}
          <Button id='question-save' type='primary' size='large' block loading={saving.busy} onClick={() => void save()}>
            保存
          </Button>
          {saving.error && <Text className='zb-error'>{saving.error}</Text>}
          {id && (
            <Button id='question-remove' className='zb-danger' size='large' block loading={removing.busy} onClick={() => void remove()}>
              删除这道题
            </Button>
          )}
        </View>
      </StateView>
    </View>
  );
}
