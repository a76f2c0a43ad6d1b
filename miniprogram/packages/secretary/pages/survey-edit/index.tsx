import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import type { Audience } from '../../../../../typings/domain';
import { pageUrl } from '../../../../../typings/pages';
import { inShanghai, shanghaiDay } from '../../../../../typings/time';
import {
  SURVEY_QUESTION_LABEL,
  SURVEY_QUESTION_TYPES,
  surveyProblems,
  VOICE_RULES,
  type SurveyQuestion,
  type SurveyQuestionType,
} from '../../../../../typings/voice';
import { Field } from '../../../../components/field';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { confirmDestructive } from '../../../../services/confirm';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { AudiencePicker } from '../activity-edit/audience';
import { Choices } from '../../../../components/choices';
import { instant, WhenField } from '../activity-edit/when';

const newQuestion = (type: SurveyQuestionType, n: number): SurveyQuestion => ({
  id: `q${n}`,
  type,
  title: '',
  required: true,
  options: type === 'single' || type === 'multiple' ? ['', ''] : [],
  scaleMax: 5,
  scaleLabels: ['很不满意', '非常满意'],
});

/** One question being written: its title, its options (for choices), whether it must be answered. */
function QuestionEditor({
  q,
  n,
  locked,
  onChange,
  onRemove,
}: {
  q: SurveyQuestion;
  n: number;
  locked: boolean;
  onChange: (q: SurveyQuestion) => void;
  onRemove: () => void;
}) {
  const id = `survey-q${n}`;
  const choice = q.type === 'single' || q.type === 'multiple';
  return (
    <View className='zb-option zb-stack' id={id}>
      <View className='zb-row'>
        <Text className='zb-grow'>
          第 {n} 题 · {SURVEY_QUESTION_LABEL[q.type]}
        </Text>
        {!locked && (
          <Button id={`${id}-remove`} size='small' fill='none' onClick={onRemove}>
            删除
          </Button>
        )}
      </View>
      <View className='zb-field__box'>
        <Input
          id={`${id}-title`}
          value={q.title}
          onChange={(title) => onChange({ ...q, title })}
          maxLength={100}
          placeholder='题目'
          disabled={locked}
        />
      </View>
      {choice &&
        q.options.map((o, i) => (
          <View key={i} className='zb-row'>
            <View className='zb-field__box zb-grow'>
              <Input
                id={`${id}-o${i}`}
                value={o}
                onChange={(v) => onChange({ ...q, options: q.options.map((x, j) => (j === i ? v : x)) })}
                maxLength={40}
                placeholder={`选项 ${i + 1}`}
                disabled={locked}
              />
            </View>
            {!locked && q.options.length > 2 && (
              <Button size='small' fill='none' onClick={() => onChange({ ...q, options: q.options.filter((_x, j) => j !== i) })}>
                删除
              </Button>
            )}
          </View>
        ))}
      {choice && !locked && q.options.length < VOICE_RULES.surveyMaxOptions && (
        <Button id={`${id}-add-option`} size='small' onClick={() => onChange({ ...q, options: [...q.options, ''] })}>
          添加选项
        </Button>
      )}
      {q.type === 'scale' && (
        <Choices
          id={`${id}-scale`}
          options={[
            ['5', '1-5 分'],
            ['10', '1-10 分'],
          ]}
          value={String(q.scaleMax) as '5' | '10'}
          onChange={(v) => !locked && onChange({ ...q, scaleMax: v === '10' ? 10 : 5 })}
        />
      )}
      <Choices
        id={`${id}-required`}
        options={[
          ['yes', '必答'],
          ['no', '选答'],
        ]}
        value={q.required ? 'yes' : 'no'}
        onChange={(v) => !locked && onChange({ ...q, required: v === 'yes' })}
      />
    </View>
  );
}

/** The survey builder: questions of four kinds, anonymous or named, a window and an audience. */
export default function SurveyEditPage() {
  const pageClass = usePageClass();
  const { orgId = '', id = '' } = useRouter().params;
  const existing = useApi(async () => (id ? api.voice.surveyDraft({ surveyId: id }) : null), [id]);
  const today = shanghaiDay(new Date());
  const [title, setTitle] = useState('');
  const [intro, setIntro] = useState('');
  const [anonymous, setAnonymous] = useState(true);
  const [questions, setQuestions] = useState<SurveyQuestion[]>([newQuestion('single', 1)]);
  const [closeDay, setCloseDay] = useState(shanghaiDay(new Date(Date.now() + 7 * 24 * 3600 * 1000)));
  const [closeTime, setCloseTime] = useState('18:00');
  const [audience, setAudience] = useState<Audience>({ kind: 'unit' });
  const [tried, setTried] = useState(false);
  const saving = useAction();
  const locked = existing.data?.locked ?? false;
  const unit = existing.data?.orgId ?? orgId;

  useEffect(() => {
    const s = existing.data;
    if (!s) return;
    setTitle(s.title);
    setIntro(s.intro);
    setAnonymous(s.anonymous);
    setQuestions(s.questions);
    if (s.closeAt) {
      setCloseDay(shanghaiDay(s.closeAt));
      setCloseTime(inShanghai(s.closeAt).format('HH:mm'));
    }
    setAudience(s.audience);
  }, [existing.data]);

  const trimmed = questions.map((q) => ({ ...q, title: q.title.trim(), options: q.options.map((o) => o.trim()) }));
  const problems = [...(title.trim().length < 2 ? ['请填写标题'] : []), ...surveyProblems({ questions: trimmed })];
  const nextId = () => Math.max(0, ...questions.map((q) => Number(q.id.slice(1)))) + 1;

  async function save() {
    setTried(true);
    if (problems.length) return;
    const survey = {
      title: title.trim(),
      intro: intro.trim(),
      anonymous,
      questions: trimmed,
      openAt: existing.data?.openAt ?? null,
      closeAt: instant(closeDay, closeTime),
      audience,
    };
    const done = await saving.run(
      () => api.voice.saveSurvey({ orgId: unit, ...(id ? { surveyId: id } : {}), survey }),
      id ? '已保存' : '已发布',
    );
    if (done) void Taro.redirectTo({ url: pageUrl('surveyResults', { id: done.surveyId }) });
  }

  async function remove(i: number) {
    if (await confirmDestructive({ title: '删除这道题', content: '题目和选项都会删除。', confirmText: '删除' })) {
      setQuestions(questions.filter((_q, j) => j !== i));
    }
  }

  return (
    <View className={pageClass}>
      <StateView loading={Boolean(id) && existing.loading && !existing.data} error={existing.error} onRetry={() => void existing.reload()}>
        <View className='zb-card zb-stack' id='survey-form'>
          {locked && <Text className='zb-quote'>已有党员作答：只能修改标题、说明和截止时间。</Text>}
          <Field id='field-survey-title' label='标题' required error={tried && title.trim().length < 2 ? '请填写标题' : null}>
            <Input id='survey-title' value={title} onChange={setTitle} maxLength={40} placeholder='如：支部工作满意度调查' />
          </Field>
          <Field id='field-survey-intro' label='说明'>
            <TextArea id='survey-intro' value={intro} onChange={setIntro} maxLength={500} placeholder='可选：调查的目的、结果怎么用' />
          </Field>
          <Field
            id='field-survey-anonymous'
            label='匿名方式'
            required
            plain
            hint={
              anonymous
                ? `匿名：答卷不与任何人的身份一起保存，满 ${VOICE_RULES.resultsMinAnswers} 份后才显示结果。`
                : '实名：你能看到每个人的回答。'
            }
          >
            <Choices
              id='survey-anonymous'
              options={[
                ['yes', '匿名调查'],
                ['no', '实名调查'],
              ]}
              value={anonymous ? 'yes' : 'no'}
              onChange={(v) => !locked && setAnonymous(v === 'yes')}
            />
          </Field>
          <WhenField
            id='field-survey-close'
            label='截止时间'
            ids={['survey-close-day', 'survey-close-time']}
            day={closeDay}
            time={closeTime}
            firstDay={today}
            onDay={setCloseDay}
            onTime={setCloseTime}
          />
          {unit && !locked && (
            <Field id='field-survey-audience' label='参与范围' required plain>
              <AudiencePicker orgId={unit} value={audience} onChange={setAudience} />
            </Field>
          )}
        </View>
        <Text className='zb-section-title'>问题（{questions.length} 道）</Text>
        <View className='zb-card zb-stack' id='survey-questions'>
          {questions.map((q, i) => (
            <QuestionEditor
              key={q.id}
              q={q}
              n={i + 1}
              locked={locked}
              onChange={(next) => setQuestions(questions.map((x, j) => (j === i ? next : x)))}
              onRemove={() => void remove(i)}
            />
          ))}
          {!locked && questions.length < VOICE_RULES.surveyMaxQuestions && (
            <View className='zb-choices' id='survey-add'>
              {SURVEY_QUESTION_TYPES.map((t) => (
                <Button
                  key={t}
                  id={`survey-add-${t}`}
                  className='zb-choice'
                  onClick={() => setQuestions([...questions, newQuestion(t, nextId())])}
                >
                  {`+ ${SURVEY_QUESTION_LABEL[t]}`}
                </Button>
              ))}
            </View>
          )}
        </View>
        <View className='zb-actions'>
          {tried && problems.length > 0 && (
            <Text className='zb-error' id='survey-problems'>
              {problems.join('；')}
            </Text>
          )}
          {saving.error && <Text className='zb-error'>{saving.error}</Text>}
          <Button id='survey-save' type='primary' size='large' block loading={saving.busy} onClick={() => void save()}>
            {id ? '保存' : '发布调查'}
          </Button>
        </View>
      </StateView>
    </View>
  );
}
