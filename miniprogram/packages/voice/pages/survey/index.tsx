import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { SURVEY_STATE_LABEL, VOICE_RULES, type SurveyAnswer, type SurveyQuestion } from '../../../../../typings/voice';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import '../voice.scss';

const given = (a: SurveyAnswer | undefined) => Boolean(a && (a.choice?.length || a.scale !== undefined || a.text?.trim()));

function Question({
  q,
  n,
  value,
  onChange,
  missing,
}: {
  q: SurveyQuestion;
  n: number;
  value: SurveyAnswer | undefined;
  onChange: (a: SurveyAnswer) => void;
  missing: boolean;
}) {
  const id = `survey-${q.id}`;
  const chosen = value?.choice ?? [];
  const toggle = (i: number) =>
    onChange({
      choice: q.type === 'single' ? [i] : chosen.includes(i) ? chosen.filter((c) => c !== i) : [...chosen, i].sort((a, b) => a - b),
    });
  return (
    <View className='zb-card zb-stack' id={id}>
      <Text className='zb-title'>
        {n}. {q.title}
        <Text className='zb-muted'>
          {' '}
          （{q.type === 'single' ? '单选' : q.type === 'multiple' ? '多选' : q.type === 'scale' ? `评分 1-${q.scaleMax}` : '填写'}
          {q.required ? '，必答' : '，选答'}）
        </Text>
      </Text>
      {(q.type === 'single' || q.type === 'multiple') &&
        q.options.map((o, i) => (
          <View key={i} id={`${id}-o${i}`} className={`zb-option${chosen.includes(i) ? ' zb-option--on' : ''}`} onClick={() => toggle(i)}>
            <Text className='zb-option__title'>
              {q.type === 'single' ? (chosen.includes(i) ? '◉ ' : '○ ') : chosen.includes(i) ? '☑ ' : '☐ '}
              {o}
            </Text>
          </View>
        ))}
      {q.type === 'scale' && (
        <View className='zb-stack'>
          <View className='zb-choices'>
            {Array.from({ length: q.scaleMax }, (_v, i) => i + 1).map((v) => (
              <Button
                key={v}
                id={`${id}-v${v}`}
                className={value?.scale === v ? 'zb-choice zb-choice--on' : 'zb-choice'}
                onClick={() => onChange({ scale: v })}
              >
                {String(v)}
              </Button>
            ))}
          </View>
          <Text className='zb-muted'>
            1 = {q.scaleLabels[0]}，{q.scaleMax} = {q.scaleLabels[1]}
          </Text>
        </View>
      )}
      {q.type === 'text' && (
        <View className='zb-field__box'>
          <TextArea
            id={`${id}-text`}
            value={value?.text ?? ''}
            onChange={(t) => onChange({ text: t })}
            maxLength={500}
            placeholder='请填写'
          />
        </View>
      )}
      {missing && <Text className='zb-error'>此题必答</Text>}
    </View>
  );
}

/** A survey to answer. For an anonymous one, the page says what that means before the first question. */
export default function SurveyPage() {
  const pageClass = usePageClass('voice');
  const { id = '' } = useRouter().params;
  const survey = useApi(() => api.voice.survey({ surveyId: id }), [id]);
  const [answers, setAnswers] = useState<Record<string, SurveyAnswer>>({});
  const [tried, setTried] = useState(false);
  const [sent, setSent] = useState(false);
  const sending = useAction();
  const s = survey.data;
  const missing = s ? s.questions.filter((q) => q.required && !given(answers[q.id])).map((q) => q.id) : [];

  async function submit() {
    if (!s) return;
    setTried(true);
    if (missing.length) {
      void Taro.showToast({ title: `还有 ${missing.length} 道必答题`, icon: 'none' });
      return;
    }
    const { confirm } = await Taro.showModal({
      title: '提交问卷',
      content: '提交后不能修改。确定提交吗？',
      confirmText: '提交',
      cancelText: '再看看',
    });
    if (!confirm) return;
    const clean = Object.fromEntries(
      Object.entries(answers)
        .filter(([, a]) => given(a))
        .map(([k, a]) => [k, a.text !== undefined ? { text: a.text.trim() } : a]),
    );
    if (await sending.run(() => api.voice.answerSurvey({ surveyId: s.id, answers: clean }), '已提交，谢谢参与')) setSent(true);
  }

  return (
    <View className={pageClass}>
      <StateView loading={survey.loading && !s} error={s ? undefined : survey.error} onRetry={() => void survey.reload()}>
        {s && (
          <View>
            <View className='zb-card zb-stack' id='survey-head'>
              <View className='zb-row'>
                <Text className='zb-tag'>{s.anonymous ? '匿名调查' : '实名调查'}</Text>
                <Text className='zb-muted'>{SURVEY_STATE_LABEL[s.state]}</Text>
              </View>
              <Text className='zb-title'>{s.title}</Text>
              <Text className='zb-muted'>
                {s.orgName}
                {s.closeAt ? ` · ${moment(s.closeAt)} 截止` : ''}
              </Text>
              {s.intro && <Text>{s.intro}</Text>}
              <Text className='zb-quote' id='survey-anonymity'>
                {s.anonymous
                  ? `匿名：你的答卷不与姓名和账号一起保存，组织者只看到汇总（满 ${VOICE_RULES.resultsMinAnswers} 份才显示）和随机排列的文字回答。系统只记录你“已填写”，以免重复填写。`
                  : '实名：组织者能看到你的姓名和每道题的回答。'}
              </Text>
            </View>
            {(s.answered || sent) && (
              <View className='zb-card' id='survey-done'>
                <Text className='zb-done'>你已提交这份问卷，谢谢参与。</Text>
              </View>
            )}
            {!s.answered && !sent && s.state !== 'open' && (
              <View className='zb-card' id='survey-closed'>
                <Text className='zb-muted'>
                  {s.state === 'scheduled'
                    ? `问卷还没有开始${s.openAt ? `，${moment(s.openAt)} 开始` : ''}。`
                    : '问卷已经结束，不能再填写。'}
                </Text>
              </View>
            )}
            {!s.answered && !sent && s.state === 'open' && (
              <View>
                {s.questions.map((q, i) => (
                  <Question
                    key={q.id}
                    q={q}
                    n={i + 1}
                    value={answers[q.id]}
                    onChange={(a) => setAnswers({ ...answers, [q.id]: a })}
                    missing={tried && missing.includes(q.id)}
                  />
                ))}
                {sending.error && <Text className='zb-error zb-note'>{sending.error}</Text>}
                <View className='zb-actions'>
                  <Button id='survey-submit' type='primary' size='large' block loading={sending.busy} onClick={() => void submit()}>
                    提交问卷
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
