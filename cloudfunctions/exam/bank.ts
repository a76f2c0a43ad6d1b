import ExcelJS from 'exceljs';
import {
  BANK_SHEET_COLUMNS,
  DIFFICULTY_LABEL,
  EXAM_RULES,
  JUDGE_OPTIONS,
  QUESTION_TYPE_LABEL,
  QUESTION_TYPES,
  isStudyTag,
  questionProblems,
  type Difficulty,
  type QuestionDraft,
  type QuestionRow,
  type QuestionType,
} from '../../typings/exam';
import type { CallerContext } from '../common/context';
import { col, type BankQuestionDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { decodeCursor, encodeCursor, escapeRegExp } from '../common/cursor';
import { takeUpload } from '../common/files';
import { cellText, firstSheet, publishWorkbook } from '../common/sheets';
import { orgNames } from '../org/view';
import { checkContent } from '../post/content';

const PAGE = 20;
const LETTERS = 'ABCDEFGH';
const OPTION_COLUMNS = 6;

const draftOf = (q: QuestionDraft): QuestionDraft => ({
  type: q.type,
  stem: q.stem,
  options: q.options,
  answer: q.answer,
  blanks: q.blanks,
  explanation: q.explanation,
  tags: q.tags,
  difficulty: q.difficulty,
});

export const rowOf = (q: BankQuestionDoc, orgName: string): QuestionRow => ({
  ...draftOf(q),
  id: q._id,
  orgName,
  updatedAt: new Date(q.updatedAt).toISOString(),
});

/** Every text of a question its editor wrote, for the content check. */
const textsOf = (q: QuestionDraft) => [q.stem, ...q.options, ...q.blanks.flat(), q.explanation];

/** A unit's questions still in its bank. */
export async function bankOf(ctx: Pick<CallerContext, 'db'>, orgId: string, limit = 1000): Promise<BankQuestionDoc[]> {
  const { data } = await col(ctx.db, 'bank_questions').where({ orgId, removedAt: null }).orderBy('updatedAt', 'desc').limit(limit).get();
  return data;
}

interface BankCursor {
  at: number;
  id: string;
}

export const bank: Handler<'exam', 'bank'> = async (input, ctx) => {
  const _ = ctx.db.command;
  const c = input.cursor ? decodeCursor<BankCursor>(input.cursor, (v) => typeof v['at'] === 'number' && typeof v['id'] === 'string') : null;
  const unit = ctx.grant.unit;
  const units = input.withUpper ? [unit._id, ...unit.path] : [unit._id];
  const where: Record<string, unknown> = { orgId: units.length === 1 ? unit._id : _.in(units), removedAt: null };
  if (input.type) where['type'] = input.type;
  if (input.tag) where['tags'] = input.tag;
  if (input.q) where['stem'] = ctx.db.RegExp({ regexp: escapeRegExp(input.q), options: 'i' });
  const [{ total }, { data }] = await Promise.all([
    col(ctx.db, 'bank_questions').where(where).count(),
    col(ctx.db, 'bank_questions')
      .where(c ? { ...where, updatedAt: _.lte(new Date(c.at)) } : where)
      .orderBy('updatedAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(PAGE + 20)
      .get(),
  ]);
  // After the cursor: those tied with it at the same instant come after it by id.
  const rows = c ? data.filter((q) => new Date(q.updatedAt).getTime() < c.at || q._id < c.id) : data;
  const page = rows.slice(0, PAGE);
  const last = page[page.length - 1];
  const names = await orgNames(ctx.db, units);
  return {
    items: page.map((q) => rowOf(q, names.get(q.orgId) ?? '')),
    total,
    nextCursor: rows.length > PAGE && last ? encodeCursor({ at: new Date(last.updatedAt).getTime(), id: last._id }) : null,
  };
};

export const question: Handler<'exam', 'question'> = async (_input, ctx) => {
  if (ctx.grant.doc.removedAt) throw new AppError('NOT_FOUND', '题目已删除');
  return rowOf(ctx.grant.doc, ctx.grant.unit.name);
};

export const saveQuestion: Handler<'exam', 'saveQuestion'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  const q = draftOf(input.question);
  if (input.questionId) {
    const existing = (await col(ctx.db, 'bank_questions').doc(input.questionId).get()).data[0];
    if (!existing || existing.orgId !== unit._id || existing.removedAt) throw new AppError('NOT_FOUND', '题目不存在或已删除');
  }
  await checkContent(ctx, ctx.caller.openid, textsOf(q), 3);
  if (input.questionId) {
    await col(ctx.db, 'bank_questions')
      .doc(input.questionId)
      .update({ ...q, updatedAt: ctx.now });
    return { questionId: input.questionId };
  }
  const { id } = await col(ctx.db, 'bank_questions').add({
    ...q,
    orgId: unit._id,
    createdBy: ctx.caller.openid,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    removedAt: null,
  });
  return { questionId: id };
};

export const removeQuestion: Handler<'exam', 'removeQuestion'> = async (_input, ctx) => {
  const q = ctx.grant.doc;
  if (!q.removedAt) {
    await col(ctx.db, 'bank_questions').doc(q._id).update({ removedAt: ctx.now, updatedAt: ctx.now });
  }
  return { removed: true };
};

// ---------------------------------------------------------------- Excel

const TYPE_BY_LABEL = new Map(QUESTION_TYPES.map((t) => [QUESTION_TYPE_LABEL[t], t] as const));
const DIFFICULTY_BY_LABEL = new Map<string, Difficulty>([
  ['易', 1],
  ['中', 2],
  ['难', 3],
  ['1', 1],
  ['2', 2],
  ['3', 3],
]);
const JUDGE_BY_LABEL = new Map<string, number>([
  ['正确', 0],
  ['对', 0],
  ['√', 0],
  ['错误', 1],
  ['错', 1],
  ['×', 1],
]);

/** 填空题 answers in a cell: blanks separated by |, a blank's accepted answers by /. */
const BLANK_SEPARATOR = '|';
const ALTERNATIVE_SEPARATOR = '/';

/** The answer cell of a question, as the template writes it. */
function answerCell(q: QuestionDraft): string {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return q.answer
        .slice()
        .sort((a, b) => a - b)
        .map((i) => LETTERS[i])
        .join('');
    case 'judge':
      return JUDGE_OPTIONS[q.answer[0] ?? 0]!;
    case 'blank':
      return q.blanks.map((b) => b.join(ALTERNATIVE_SEPARATOR)).join(BLANK_SEPARATOR);
  }
}

function sheetRow(q: QuestionDraft): string[] {
  const options = Array.from({ length: OPTION_COLUMNS }, (_, i) => q.options[i] ?? '');
  return [QUESTION_TYPE_LABEL[q.type], q.stem, ...options, answerCell(q), q.explanation, q.tags.join('、'), DIFFICULTY_LABEL[q.difficulty]];
}

function bankSheet(book: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = book.addWorksheet('题库');
  sheet.addRow([...BANK_SHEET_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => (c.width = i === 1 ? 40 : i === 9 ? 30 : 12));
  return sheet;
}

/** The template's example rows, one of each type (the demo bank starts with them too). */
export const TEMPLATE_EXAMPLES: QuestionDraft[] = [
  {
    type: 'single',
    stem: '中国共产党的最高领导机关是',
    options: ['党的全国代表大会和它所产生的中央委员会', '中央政治局', '中央书记处', '中央军事委员会'],
    answer: [0],
    blanks: [],
    explanation: '见《中国共产党章程》第十条。',
    tags: ['理论'],
    difficulty: 1,
  },
  {
    type: 'multiple',
    stem: '“三会一课”中的“三会”是指',
    options: ['支部党员大会', '支部委员会', '党小组会', '民主生活会'],
    answer: [0, 1, 2],
    blanks: [],
    explanation: '“三会”指支部党员大会、支部委员会和党小组会，“一课”指党课。',
    tags: ['业务'],
    difficulty: 2,
  },
  {
    type: 'judge',
    stem: '预备党员的预备期为一年。',
    options: [],
    answer: [0],
    blanks: [],
    explanation: '见《中国共产党章程》第七条。',
    tags: ['理论'],
    difficulty: 1,
  },
  {
    type: 'blank',
    stem: '中国共产党第一次全国代表大会于____年召开，会址在____。',
    options: [],
    answer: [],
    blanks: [['1921'], ['上海', '上海市']],
    explanation: '一大于 1921 年 7 月在上海召开，后转移到浙江嘉兴南湖继续举行。',
    tags: ['党史'],
    difficulty: 1,
  },
];

export const importTemplate: Handler<'exam', 'importTemplate'> = async (_input, ctx) => {
  const book = new ExcelJS.Workbook();
  const sheet = bankSheet(book);
  for (const q of TEMPLATE_EXAMPLES) sheet.addRow(sheetRow(q));
  const help = book.addWorksheet('填写说明');
  for (const line of [
    '题型：单选题、多选题、判断题、填空题。',
    '选项：单选、多选题填在 选项A—选项F；判断题、填空题不填。',
    '答案：选择题写字母（多选写在一起，如 ACD）；判断题写“正确”或“错误”；',
    '填空题在题干中用 ____（连续下划线）标出每个空，答案按顺序用 | 隔开，同一个空可接受的几种答案用 / 隔开，如 1921|上海/上海市。',
    '标签：党史、理论、业务、廉政、身边榜样、政策法规，最多 3 个，用顿号隔开。',
    '难度：易、中、难。',
    `一次最多导入 ${EXAM_RULES.importMaxRows} 题；有任何一行不正确时，整个表格都不会导入，请按提示改正后重新上传。`,
  ])
    help.addRow([line]);
  help.getColumn(1).width = 100;
  return { url: await publishWorkbook(ctx, book) };
};

/** One row of the sheet as a question, or what is wrong with it. */
function parseRow(cells: string[]): { question?: QuestionDraft; problems: string[] } {
  const [typeLabel, stem, ...rest] = cells as [string, string, ...string[]];
  const options = rest.slice(0, OPTION_COLUMNS).filter((o) => o !== '');
  const [answerText, explanation, tagText, difficultyText] = rest.slice(OPTION_COLUMNS) as [string, string, string, string];
  const problems: string[] = [];
  const type: QuestionType | undefined = TYPE_BY_LABEL.get(typeLabel);
  if (!type) return { problems: [`题型应为：${[...TYPE_BY_LABEL.keys()].join('、')}`] };
  if (stem.length < 2 || stem.length > 500) problems.push('题干应为 2-500 个字');
  if (options.some((o) => o.length > 100)) problems.push('选项最多 100 个字');
  if (rest.slice(0, options.length).some((o) => o === '')) problems.push('选项要从选项A起连续填写');
  if (explanation.length > 500) problems.push('解析最多 500 个字');
  let answer: number[] = [];
  let blanks: string[][] = [];
  if (type === 'single' || type === 'multiple') {
    const letters = answerText.toUpperCase().replace(/[\s,，、]/g, '');
    if (!/^[A-H]+$/.test(letters)) problems.push('答案应写选项字母，如 A 或 ACD');
    answer = [...letters].map((l) => LETTERS.indexOf(l)).filter((i) => i >= 0);
  } else if (type === 'judge') {
    const j = JUDGE_BY_LABEL.get(answerText);
    if (j === undefined) problems.push('判断题的答案应为“正确”或“错误”');
    else answer = [j];
  } else {
    blanks = answerText.split(BLANK_SEPARATOR).map((b) =>
      b
        .split(ALTERNATIVE_SEPARATOR)
        .map((a) => a.trim())
        .filter(Boolean),
    );
    if (blanks.flat().some((a) => a.length > 50)) problems.push('每个答案最多 50 个字');
  }
  const tags = tagText
    .split(/[、,，\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  const badTag = tags.find((t) => !isStudyTag(t));
  if (badTag) problems.push(`标签“${badTag}”不在可选标签中`);
  if (tags.length > 3) problems.push('最多 3 个标签');
  const difficulty = difficultyText ? DIFFICULTY_BY_LABEL.get(difficultyText) : 2;
  if (!difficulty) problems.push('难度应为 易、中 或 难');
  const q: QuestionDraft = {
    type,
    stem,
    options: type === 'single' || type === 'multiple' ? options : [],
    answer,
    blanks,
    explanation,
    tags: tags.filter(isStudyTag),
    difficulty: difficulty ?? 2,
  };
  if ((type === 'judge' || type === 'blank') && options.length) problems.push(`${QUESTION_TYPE_LABEL[type]}不需要选项`);
  if (!problems.length) problems.push(...questionProblems(q));
  return problems.length ? { problems } : { question: q, problems };
}

const CHUNK = 100;

export const importBank: Handler<'exam', 'import'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  const sheet = await firstSheet(await takeUpload(ctx, input.fileID));
  const header = BANK_SHEET_COLUMNS.map((_, i) => cellText(sheet.getRow(1).getCell(i + 1).value));
  if (header.join('|') !== BANK_SHEET_COLUMNS.join('|')) {
    throw new AppError('INVALID_INPUT', '表头与模板不一致，请下载导入模板填写', [`表头应为：${BANK_SHEET_COLUMNS.join('、')}`]);
  }
  const questions: QuestionDraft[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  for (let line = 2; line <= sheet.rowCount; line += 1) {
    const cells = BANK_SHEET_COLUMNS.map((_, i) => cellText(sheet.getRow(line).getCell(i + 1).value));
    if (cells.every((c) => c === '')) continue;
    const { question: q, problems } = parseRow(cells);
    const first = q ? seen.get(q.stem) : undefined;
    if (q && first) problems.push(`题干与第 ${first} 行重复`);
    if (q) seen.set(q.stem, line);
    if (problems.length || !q) errors.push(`第 ${line} 行：${problems.join('；')}`);
    else questions.push(q);
  }
  if (questions.length + errors.length === 0) errors.push('表格里没有题目');
  if (questions.length + errors.length > EXAM_RULES.importMaxRows) errors.push(`一次最多导入 ${EXAM_RULES.importMaxRows} 题`);
  if (errors.length) throw new AppError('INVALID_INPUT', `导入失败，没有导入任何题目：${errors.length} 处问题`, errors);
  await checkContent(ctx, ctx.caller.openid, questions.flatMap(textsOf), 3);

  const docs = questions.map((q, i) => ({
    ...q,
    orgId: unit._id,
    createdBy: ctx.caller.openid,
    createdAt: ctx.now,
    // One instant per row, in the sheet's order: the bank lists the first row first.
    updatedAt: new Date(ctx.now.getTime() - i),
    removedAt: null,
  }));
  // Each add() of a chunk is atomic; if a later chunk fails, what was written is taken back.
  const written: string[] = [];
  try {
    for (let i = 0; i < docs.length; i += CHUNK) {
      const { ids } = await col(ctx.db, 'bank_questions').add(docs.slice(i, i + CHUNK));
      written.push(...ids);
    }
  } catch (e) {
    for (let i = 0; i < written.length; i += CHUNK) {
      await col(ctx.db, 'bank_questions')
        .where({ _id: ctx.db.command.in(written.slice(i, i + CHUNK)) })
        .remove();
    }
    throw e;
  }
  return { imported: docs.length };
};

export const exportBank: Handler<'exam', 'exportBank'> = async (_input, ctx) => {
  const questions = await bankOf(ctx, ctx.grant.unit._id);
  const book = new ExcelJS.Workbook();
  const sheet = bankSheet(book);
  for (const q of questions) sheet.addRow(sheetRow(q));
  return { url: await publishWorkbook(ctx, book), count: questions.length };
};
