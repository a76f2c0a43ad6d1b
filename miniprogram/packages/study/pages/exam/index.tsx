import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  ATTEMPT_KIND_LABEL,
  QUESTION_TYPE_LABEL,
  type Answer,
  type AttemptView,
  type GradedAttempt,
  type OpenAttempt,
  type PaperCard,
} from '../../../../../typings/exam';
import { pageUrl } from '../../../../../typings/pages';
import { GradedQuestionView, LETTERS } from '../../../../components/graded-question';
import { StateView } from '../../../../components/state-view';
import { api, ApiError } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import './index.scss';

const clock = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
const answered = (a: Answer | undefined) => Boolean(a && ((a.choice?.length ?? 0) > 0 || (a.blanks ?? []).some((b) => b.trim())));

/** Before an exam starts: what it is, and a clear button to begin (the time limit starts then). */
function Intro({ card, onStart, busy, error }: { card: PaperCard; onStart: () => void; busy: boolean; error: string }) {
  const left = card.attempts === null ? null : card.attempts - card.attemptsUsed;
  return (
    <View className='zb-card zb-stack' id='exam-intro'>
      <Text className='zb-tag exam__kind'>{ATTEMPT_KIND_LABEL[card.kind]}</Text>
      <Text className='zb-title'>{card.title}</Text>
      <Text>
        共 {card.questionCount} 题 · {card.passMark} 分及格{card.limitMinutes ? ` · 限时 ${card.limitMinutes} 分钟` : ''}
      </Text>
      {card.closeAt && <Text className='zb-muted'>{moment(card.closeAt)} 截止</Text>}
      {left !== null && <Text className='zb-muted'>还可作答 {left} 次</Text>}
      {card.best && (
        <Text className='zb-muted'>
          你的最好成绩：{card.best.score} 分（{card.best.passed ? '合格' : '不合格'}）
        </Text>
      )}
      {card.limitMinutes && <Text className='zb-quote'>点“开始答题”后开始计时；中途退出不会停止计时，答案随答随存，回来可以接着答。</Text>}
      {card.state === 'open' ? (
        <Button id='exam-start' type='primary' size='large' block loading={busy} onClick={onStart}>
          开始答题
        </Button>
      ) : (
        <Text className='zb-error'>{card.state === 'upcoming' ? '还没有开始' : '已经截止或次数已用完'}</Text>
      )}
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}

/** One question being answered: big options (tap to choose), or a box per blank. */
function QuestionCard({
  q,
  index,
  total,
  value,
  onChoose,
  onBlanks,
}: {
  q: OpenAttempt['questions'][number];
  index: number;
  total: number;
  value: Answer | undefined;
  onChoose: (choice: number[]) => void;
  onBlanks: (blanks: string[]) => void;
}) {
  const chosen = value?.choice ?? [];
  const toggle = (i: number) => {
    if (q.type === 'multiple') onChoose(chosen.includes(i) ? chosen.filter((c) => c !== i) : [...chosen, i].sort((a, b) => a - b));
    else onChoose([i]);
  };
  const blanks = value?.blanks ?? Array<string>(q.blanks).fill('');
  return (
    <View className='zb-card zb-stack' id='exam-question'>
      <View className='zb-row'>
        <Text className='zb-tag'>{QUESTION_TYPE_LABEL[q.type]}</Text>
        <Text className='zb-muted'>
          第 {index + 1} / {total} 题{q.type === 'multiple' ? ' · 可选多项' : ''}
        </Text>
      </View>
      <Text className='exam__stem'>{q.stem}</Text>
      {q.type === 'blank' ? (
        blanks.map((b, i) => (
          <View key={i} className='zb-stack'>
            <Text className='zb-muted'>第 {i + 1} 空</Text>
            <Input
              id={`exam-blank-${i}`}
              className='exam__blank'
              placeholder='请填写'
              value={b}
              maxLength={50}
              onChange={(v) => onBlanks(blanks.map((x, j) => (j === i ? v : x)))}
            />
          </View>
        ))
      ) : (
        <View className='zb-stack'>
          {q.options.map((o, i) => (
            <View
              key={o}
              id={`exam-option-${i}`}
              className={`zb-option exam__option${chosen.includes(i) ? ' zb-option--on' : ''}`}
              onClick={() => toggle(i)}
            >
              <Text className='zb-option__title'>
                {q.type === 'judge' ? '' : `${LETTERS[i]}. `}
                {o}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

/** The graded paper: the score first, then each question with the right answer and the explanation. */
function Result({ a }: { a: GradedAttempt }) {
  const wrong = a.questions.filter((q) => !q.right).length;
  return (
    <View id='exam-result'>
      <View className='zb-card zb-stack exam__score-card'>
        <Text className='zb-muted'>{a.title}</Text>
        <Text className='exam__score' id='exam-score'>
          {a.score} 分
        </Text>
        {a.passed !== null && (
          <Text className={a.passed ? 'exam__passed' : 'exam__failed'} id='exam-passed'>
            {a.passed ? '合格' : `不合格（${a.passMark} 分及格）`}
          </Text>
        )}
        <Text>
          答对 {a.rightCount} / {a.questions.length} 题{a.points > 0 ? ` · 获得 ${a.points} 积分` : ''}
        </Text>
        {a.timedOut && <Text className='zb-muted'>答题时间已到，已按保存的答案评分</Text>}
        <Text className='zb-muted'>交卷时间：{moment(a.submittedAt)}</Text>
      </View>
      <View className='zb-actions'>
        {wrong > 0 && (
          <Button id='exam-wrong-book' size='large' block onClick={() => void Taro.navigateTo({ url: pageUrl('wrongBook') })}>
            错题已加入错题本，去看看
          </Button>
        )}
        <Button id='exam-back' size='large' block onClick={() => void Taro.redirectTo({ url: pageUrl('practice') })}>
          返回学习考核
        </Button>
      </View>
      <Text className='zb-section-title'>逐题查看</Text>
      {a.questions.map((q, i) => (
        <GradedQuestionView key={q.id} q={q} index={i} />
      ))}
    </View>
  );
}

/**
 * Answering a paper: 每日一练 (`daily=1`), a practice from the 错题本 (`wrong=1`), a quiz or exam
 * (`paperId`, with an intro before the clock starts) or one in progress (`attemptId`). Every answer
 * is saved as it is given; the time left is the server's; grading happens on the server.
 */
export default function ExamPage() {
  const pageClass = usePageClass('exam');
  const { paperId = '', attemptId = '', daily = '', wrong = '' } = useRouter().params;
  const [attempt, setAttempt] = useState<AttemptView | null>(null);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [index, setIndex] = useState(0);
  const [sheet, setSheet] = useState(false);
  const [now, setNow] = useState(Date.now());
  const [saveError, setSaveError] = useState('');
  const offset = useRef(0);
  const starting = useAction();
  const submitting = useAction();

  const adopt = (a: AttemptView) => {
    setAttempt(a);
    if (a.status === 'open') {
      setAnswers(a.answers);
      offset.current = Date.parse(a.serverNow) - Date.now();
    }
  };
  const load = useApi(async () => {
    if (attemptId) return { attempt: await api.exam.attempt({ attemptId }), card: null };
    if (daily) return { attempt: (await api.exam.daily({})).attempt, card: null };
    if (wrong) return { attempt: await api.exam.practiceWrong({}), card: null };
    const home = await api.exam.home({});
    const card = home.papers.find((p) => p.id === paperId) ?? null;
    // One in progress continues at once; one with no attempt left shows the best result.
    if (card?.openAttemptId) return { attempt: await api.exam.attempt({ attemptId: card.openAttemptId }), card };
    if (card?.state === 'closed' && card.best) return { attempt: await api.exam.attempt({ attemptId: card.best.attemptId }), card };
    return { attempt: null, card };
  }, [paperId, attemptId, daily, wrong]);
  useEffect(() => {
    if (load.data?.attempt) adopt(load.data.attempt);
  }, [load.data]);

  const open = attempt?.status === 'open' ? attempt : null;
  const deadline = open?.deadlineAt ? Date.parse(open.deadlineAt) : null;
  const left = deadline === null ? null : deadline - (now + offset.current);
  useEffect(() => {
    if (deadline === null) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline]);

  async function submit(auto = false) {
    if (!open) return;
    const graded = await submitting.run(
      async () => {
        try {
          return await api.exam.submit({ attemptId: open.id, answers });
        } catch (e) {
          // Time ran out (or it was handed in elsewhere): the server graded what was saved; show that.
          if (e instanceof ApiError && (e.code === 'TIME_UP' || e.code === 'SUBMITTED')) return api.exam.attempt({ attemptId: open.id });
          throw e;
        }
      },
      auto ? '时间到，已自动交卷' : undefined,
    );
    if (graded) {
      adopt(graded);
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
    }
  }
  const autoSubmitted = useRef(false);
  useEffect(() => {
    if (left !== null && left <= 0 && open && !autoSubmitted.current) {
      autoSubmitted.current = true;
      void submit(true);
    }
  });

  async function save(questionId: string, answer: Answer) {
    if (!open) return;
    setAnswers((prev) => ({ ...prev, [questionId]: answer }));
    try {
      await api.exam.answer({ attemptId: open.id, questionId, answer });
      setSaveError('');
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'TIME_UP' || e.code === 'SUBMITTED')) void submit(true);
      else setSaveError('答案暂未保存，请检查网络；交卷时会一并提交');
    }
  }

  async function confirmSubmit() {
    if (!open) return;
    const missing = open.questions.filter((q) => !answered(answers[q.id])).length;
    const { confirm } = await Taro.showModal({
      title: '确认交卷',
      content: missing ? `还有 ${missing} 题没有作答。交卷后不能再修改答案。` : '交卷后不能再修改答案。',
      confirmText: '交卷',
      cancelText: '再检查',
    });
    if (confirm) await submit();
  }

  async function begin() {
    const a = await starting.run(() => api.exam.start({ paperId }));
    if (a) adopt(a);
  }

  const q = open?.questions[index];
  return (
    <View className={pageClass}>
      <StateView loading={load.loading && !load.data} error={load.data ? undefined : load.error} onRetry={() => void load.reload()}>
        {load.data && !attempt && load.data.card && (
          <Intro card={load.data.card} onStart={() => void begin()} busy={starting.busy} error={starting.error} />
        )}
        {load.data && !attempt && !load.data.card && (
          <View className='zb-card zb-stack' id='exam-none'>
            <Text className='zb-title'>{daily ? '今天还没有题目' : '没有找到这份试卷'}</Text>
            <Text className='zb-muted'>
              {daily ? '支部或上级党委的题库里还没有题目，题库建好后就可以每天练习了。' : '它可能已撤回，或你不在参加范围内。'}
            </Text>
          </View>
        )}
        {attempt?.status === 'graded' && <Result a={attempt} />}
        {open && q && (
          <View>
            <View className='exam__bar'>
              <Text className='exam__title'>{open.title}</Text>
              {left !== null && (
                <Text className={`exam__clock${left < 60_000 ? ' exam__clock--late' : ''}`} id='exam-clock'>
                  剩余 {clock(left)}
                </Text>
              )}
            </View>
            <QuestionCard
              key={q.id}
              q={q}
              index={index}
              total={open.questions.length}
              value={answers[q.id]}
              onChoose={(choice) => void save(q.id, { choice })}
              onBlanks={(blanks) => setAnswers((prev) => ({ ...prev, [q.id]: { blanks } }))}
            />
            {saveError && <Text className='zb-error exam__save-error'>{saveError}</Text>}
            <View className='exam__nav'>
              <Button
                id='exam-prev'
                size='large'
                disabled={index === 0}
                onClick={() => {
                  if (q.type === 'blank' && answers[q.id]) void save(q.id, answers[q.id]!);
                  setIndex(index - 1);
                }}
              >
                上一题
              </Button>
              {index < open.questions.length - 1 ? (
                <Button
                  id='exam-next'
                  type='primary'
                  size='large'
                  onClick={() => {
                    if (q.type === 'blank' && answers[q.id]) void save(q.id, answers[q.id]!);
                    setIndex(index + 1);
                  }}
                >
                  下一题
                </Button>
              ) : (
                <Button
                  id='exam-submit'
                  type='primary'
                  size='large'
                  loading={submitting.busy}
                  onClick={() => {
                    if (q.type === 'blank' && answers[q.id]) void save(q.id, answers[q.id]!);
                    void confirmSubmit();
                  }}
                >
                  交卷
                </Button>
              )}
            </View>
            {submitting.error && <Text className='zb-error exam__save-error'>{submitting.error}</Text>}
            <View className='zb-actions'>
              <Button id='exam-sheet' size='large' block onClick={() => setSheet(!sheet)}>
                答题卡（已答 {open.questions.filter((x) => answered(answers[x.id])).length}/{open.questions.length}）
              </Button>
            </View>
            {sheet && (
              <View className='zb-card exam__sheet' id='exam-sheet-grid'>
                {open.questions.map((x, i) => (
                  <View
                    key={x.id}
                    id={`exam-sheet-${i}`}
                    className={`exam__cell${answered(answers[x.id]) ? ' exam__cell--done' : ''}${i === index ? ' exam__cell--here' : ''}`}
                    onClick={() => {
                      setIndex(i);
                      setSheet(false);
                    }}
                  >
                    <Text>{i + 1}</Text>
                  </View>
                ))}
              </View>
            )}
          </View>
        )}
      </StateView>
    </View>
  );
}
