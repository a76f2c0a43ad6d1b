import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import type { Audience } from '../../../../../typings/domain';
import {
  ATTEMPT_KIND_LABEL,
  DIFFICULTY_LABEL,
  EXAM_RULES,
  QUESTION_TYPE_LABEL,
  type Difficulty,
  type DrawRule,
  type PaperKind,
  type QuestionRow,
} from '../../../../../typings/exam';
import { pageUrl } from '../../../../../typings/pages';
import { STUDY_TAGS, type StudyTag } from '../../../../../typings/study';
import { inShanghai, shanghaiDay } from '../../../../../typings/time';
import { Field } from '../../../../components/field';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { AudiencePicker } from '../activity-edit/audience';
import { Choices } from '../../../../components/choices';
import { instant, WhenField } from '../activity-edit/when';

const numberOrNull = (s: string) => (s.trim() === '' ? null : Math.round(Number(s)));

/** The questions to pick from: the unit's bank and those the units above share, a page at a time, up to 200. */
async function wholeBank(orgId: string): Promise<QuestionRow[]> {
  const out: QuestionRow[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 10; i += 1) {
    const page = await api.exam.bank({ orgId, withUpper: true, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/** 发布考试 / 专项测验: fixed questions or rules to draw by, a window, a time limit, attempts, a pass mark and who takes it. */
export default function PaperEditPage() {
  const pageClass = usePageClass();
  const { params } = useRouter();
  const id = params['id'] ?? '';
  const existing = useApi(async () => (id ? api.exam.paper({ paperId: id }) : null), [id]);
  const orgId = existing.data?.orgId ?? params['orgId'] ?? '';
  const bank = useApi(async () => (orgId ? wholeBank(orgId) : []), [orgId]);
  const [kind, setKind] = useState<PaperKind>(params['kind'] === 'quiz' ? 'quiz' : 'exam');
  const [title, setTitle] = useState('');
  const [intro, setIntro] = useState('');
  const [mode, setMode] = useState<'fixed' | 'rules'>('fixed');
  const [picked, setPicked] = useState<string[]>([]);
  const [rules, setRules] = useState<DrawRule[]>([{ tag: null, difficulty: null, count: 10 }]);
  const week = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const [closeDay, setCloseDay] = useState(shanghaiDay(week));
  const [closeTime, setCloseTime] = useState('18:00');
  const [limit, setLimit] = useState('30');
  const [attempts, setAttempts] = useState('2');
  const [passMark, setPassMark] = useState(String(EXAM_RULES.passMark));
  const [audience, setAudience] = useState<Audience>({ kind: 'unit' });
  const [tried, setTried] = useState(false);
  const saving = useAction();
  const locked = existing.data?.locked ?? false;

  useEffect(() => {
    const p = existing.data;
    if (!p) return;
    setKind(p.kind);
    setTitle(p.title);
    setIntro(p.intro);
    setMode(p.mode);
    setPicked(p.questionIds);
    if (p.rules.length) setRules(p.rules);
    if (p.closeAt) {
      setCloseDay(shanghaiDay(p.closeAt));
      setCloseTime(inShanghai(p.closeAt).format('HH:mm'));
    }
    setLimit(p.limitMinutes ? String(p.limitMinutes) : '');
    setAttempts(p.attempts ? String(p.attempts) : '');
    setPassMark(String(p.passMark));
    setAudience(p.audience);
  }, [existing.data]);

  const exam = kind === 'exam';
  const count = mode === 'fixed' ? picked.length : rules.reduce((n, r) => n + r.count, 0);
  const problems: string[] = [
    ...(title.trim().length < 2 ? ['请填写标题'] : []),
    ...(count === 0 ? [mode === 'fixed' ? '请选择题目' : '请设置抽题规则'] : []),
    ...(exam && !numberOrNull(limit) ? ['考试要有答题时限'] : []),
    ...(exam && !numberOrNull(attempts) ? ['考试要规定可作答次数'] : []),
  ];

  async function save() {
    setTried(true);
    if (problems.length) return;
    const paper = {
      kind,
      title: title.trim(),
      intro: intro.trim(),
      mode,
      questionIds: mode === 'fixed' ? picked : [],
      rules: mode === 'rules' ? rules : [],
      openAt: existing.data?.openAt ?? null,
      closeAt: instant(closeDay, closeTime),
      limitMinutes: numberOrNull(limit),
      attempts: numberOrNull(attempts),
      passMark: numberOrNull(passMark) ?? EXAM_RULES.passMark,
      audience,
    };
    const done = await saving.run(() => api.exam.savePaper({ orgId, ...(id ? { paperId: id } : {}), paper }), id ? '已保存' : '已发布');
    if (done) void Taro.redirectTo({ url: pageUrl('paperResults', { id: done.paperId }) });
  }

  const setRule = (i: number, patch: Partial<DrawRule>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <View className={pageClass}>
      <StateView loading={Boolean(id) && existing.loading && !existing.data} error={existing.error} onRetry={() => void existing.reload()}>
        <View className='zb-card zb-stack' id='paper-form'>
          {locked && <Text className='zb-quote'>已有党员开始作答：只能修改标题、说明、截止时间和参加范围。</Text>}
          <Field id='field-paper-kind' label='类型' required plain>
            <Choices
              id='paper-kind'
              options={[
                ['exam', '考试（限时、限次数）'],
                ['quiz', '专项测验'],
              ]}
              value={kind}
              onChange={(v) => !locked && setKind(v)}
            />
          </Field>
          <Field id='field-paper-title' label='标题' required error={tried && title.trim().length < 2 ? '请填写标题' : null}>
            <Input
              id='paper-title'
              value={title}
              onChange={setTitle}
              maxLength={40}
              placeholder={`如：十二月${ATTEMPT_KIND_LABEL[kind]}`}
            />
          </Field>
          <Field id='field-paper-intro' label='说明'>
            <TextArea id='paper-intro' value={intro} onChange={setIntro} maxLength={300} placeholder='可选：考试范围、注意事项' />
          </Field>
          <Field id='field-paper-mode' label='出题方式' required plain>
            <Choices
              id='paper-mode'
              options={[
                ['fixed', '从题库选题'],
                ['rules', '按规则随机抽题'],
              ]}
              value={mode}
              onChange={(v) => !locked && setMode(v)}
            />
          </Field>
          {mode === 'fixed' && (
            <Field
              id='field-paper-questions'
              label={`选择题目（已选 ${picked.length} 题）`}
              required
              plain
              error={tried && picked.length === 0 ? '请选择题目' : null}
            >
              <View className='zb-stack'>
                {bank.data?.length === 0 && (
                  <Text className='zb-muted'>本组织和上级党委的题库里还没有题目，请先到“管理题库”录入或导入。</Text>
                )}
                {bank.data?.map((q, i) => (
                  <View
                    key={q.id}
                    id={`paper-q-${i}`}
                    className={`zb-option${picked.includes(q.id) ? ' zb-option--on' : ''}`}
                    onClick={() => !locked && setPicked(picked.includes(q.id) ? picked.filter((x) => x !== q.id) : [...picked, q.id])}
                  >
                    <Text className='zb-option__title'>{q.stem}</Text>
                    <Text className='zb-muted'>
                      {QUESTION_TYPE_LABEL[q.type]} · {DIFFICULTY_LABEL[q.difficulty]}
                      {q.tags.length ? ` · ${q.tags.join('、')}` : ''} · {q.orgName}题库
                    </Text>
                  </View>
                ))}
              </View>
            </Field>
          )}
          {mode === 'rules' && (
            <Field id='field-paper-rules' label={`抽题规则（每人共 ${count} 题，各不相同）`} required plain>
              <View className='zb-stack'>
                {rules.map((r, i) => (
                  <View key={i} className='zb-option zb-stack' id={`paper-rule-${i}`}>
                    <Text className='zb-muted'>标签</Text>
                    <Choices
                      id={`paper-rule-${i}-tag`}
                      options={[['', '不限'], ...STUDY_TAGS.map((t): [string, string] => [t, t])]}
                      value={r.tag ?? ''}
                      onChange={(v) => setRule(i, { tag: (v || null) as StudyTag | null })}
                    />
                    <Text className='zb-muted'>难度</Text>
                    <Choices
                      id={`paper-rule-${i}-difficulty`}
                      options={[
                        ['', '不限'],
                        ...([1, 2, 3] as Difficulty[]).map((d): [string, string] => [String(d), DIFFICULTY_LABEL[d]]),
                      ]}
                      value={r.difficulty ? String(r.difficulty) : ''}
                      onChange={(v) => setRule(i, { difficulty: v ? (Number(v) as Difficulty) : null })}
                    />
                    <Text className='zb-muted'>抽几道</Text>
                    <Input
                      id={`paper-rule-${i}-count`}
                      type='number'
                      value={String(r.count)}
                      onChange={(v) => setRule(i, { count: Math.max(1, Math.min(50, Number(v) || 1)) })}
                    />
                    {rules.length > 1 && (
                      <Button
                        id={`paper-rule-${i}-remove`}
                        className='zb-danger'
                        size='large'
                        block
                        onClick={() => setRules(rules.filter((_, j) => j !== i))}
                      >
                        删除这条规则
                      </Button>
                    )}
                  </View>
                ))}
                {rules.length < 10 && (
                  <Button
                    id='paper-rule-add'
                    size='large'
                    block
                    onClick={() => setRules([...rules, { tag: null, difficulty: null, count: 5 }])}
                  >
                    添加规则
                  </Button>
                )}
              </View>
            </Field>
          )}
          <WhenField
            id='field-paper-close'
            label='截止时间'
            ids={['paper-close-day', 'paper-close-time']}
            day={closeDay}
            time={closeTime}
            firstDay={shanghaiDay(new Date())}
            onDay={setCloseDay}
            onTime={setCloseTime}
            hint='截止后不能再作答；正在作答的试卷到点按已保存的答案评分'
          />
          <Field id='field-paper-limit' label='答题时限（分钟）' required={exam} hint={exam ? undefined : '不填则不限时'}>
            <Input id='paper-limit' type='number' value={limit} onChange={setLimit} placeholder='如：30' />
          </Field>
          <Field id='field-paper-attempts' label='可作答次数' required={exam} hint={exam ? undefined : '不填则不限次数'}>
            <Input id='paper-attempts' type='number' value={attempts} onChange={setAttempts} placeholder='如：2' />
          </Field>
          <Field id='field-paper-pass' label='及格分（满分 100）' required>
            <Input id='paper-pass' type='number' value={passMark} onChange={setPassMark} />
          </Field>
          <Field id='field-paper-audience' label='参加范围' required plain>
            <AudiencePicker orgId={orgId} value={audience} onChange={setAudience} />
          </Field>
          {tried && problems.length > 0 && (
            <View className='zb-stack' id='paper-problems'>
              {problems.map((p) => (
                <Text key={p} className='zb-error'>
                  {p}
                </Text>
              ))}
            </View>
          )}
          <Button id='paper-save' type='primary' size='large' block loading={saving.busy} onClick={() => void save()}>
            {id ? '保存修改' : `发布${ATTEMPT_KIND_LABEL[kind]}`}
          </Button>
          {saving.error && (
            <Text className='zb-error' id='paper-error'>
              {saving.error}
            </Text>
          )}
        </View>
      </StateView>
    </View>
  );
}
