import ExcelJS from 'exceljs';
import { ACTIVITY_TYPE_LABEL, ATTENDANCE_LABEL, CHECKIN_METHOD_LABEL, LEAVE_STATUS_LABEL, SIGNUP_STATUS_LABEL } from '../../typings/domain';
import { inShanghai, shanghaiDayStart } from '../../typings/time';
import { audit } from '../common/audit';
import { col } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { publishWorkbook } from '../common/sheets';
import { boardOf } from '../checkin/board';
import { addDiscussionSheet, topicsOfActivity } from '../voice/topics';

const when = (d: Date | string) => inShanghai(d).format('YYYY-MM-DD HH:mm');

/** One activity: 签到表 (who, how and when), 会议记录, and the discussions of its 讲坛 topics. */
export const exportRecord: Handler<'record', 'export'> = async (_input, ctx) => {
  const a = ctx.grant.doc;
  const [board, record] = await Promise.all([
    boardOf(ctx, a),
    col(ctx.db, 'activity_records')
      .doc(a._id)
      .get()
      .then((r) => r.data[0]),
  ]);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('签到表');
  sheet.addRow([`${ACTIVITY_TYPE_LABEL[a.type]}：${a.title}`]);
  sheet.addRow([`时间：${when(a.startAt)} 至 ${when(a.endAt)}，地点：${a.place}`]);
  sheet.addRow([
    `实到 ${board.counts.present} 人，未到 ${board.counts.expected} 人，请假 ${board.counts.excused} 人，缺席 ${board.counts.absent} 人`,
  ]);
  sheet.addRow([]);
  sheet.addRow(['姓名', '报名', '出勤', '签到时间', '签到方式', '请假']);
  for (const r of board.rows) {
    sheet.addRow([
      r.name,
      r.signup ? SIGNUP_STATUS_LABEL[r.signup] : '',
      ATTENDANCE_LABEL[r.state],
      r.checkedInAt ? when(r.checkedInAt) : '',
      r.method ? CHECKIN_METHOD_LABEL[r.method] : '',
      r.leave ? LEAVE_STATUS_LABEL[r.leave] : '',
    ]);
  }
  sheet.columns.forEach((c, i) => (c.width = [14, 10, 8, 18, 10, 10][i]));
  const minutes = book.addWorksheet('会议记录');
  const rows: [string, string][] = [
    ['议题', record?.topic ?? ''],
    ['主持人', record?.host ?? ''],
    ['记录人', record?.recorder ?? ''],
    ['会议内容', record?.content ?? ''],
    ['决议事项', record?.resolutions ?? ''],
    ['归档时间', record?.closedAt ? when(record.closedAt) : '未归档'],
  ];
  for (const r of rows) minutes.addRow(r);
  minutes.getColumn(1).width = 12;
  minutes.getColumn(2).width = 80;
  // 讲坛 topics of this meeting: each discussion as a sheet of the record.
  for (const [i, t] of (await topicsOfActivity(ctx, a._id)).entries()) await addDiscussionSheet(ctx, book, t, `讨论记录${i + 1}`);
  const url = await publishWorkbook(ctx, book);
  await audit(ctx, {
    orgId: a.orgId,
    action: 'record.export',
    targetType: 'activity',
    targetId: a._id,
    summary: `导出了「${a.title}」的签到表和会议记录`,
  });
  return { url };
};

/** 三会一课台账 of a unit for a date range. */
export const ledger: Handler<'record', 'ledger'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  if (input.to < input.from) throw new AppError('INVALID_INPUT', '结束日期不能早于开始日期');
  const from = shanghaiDayStart(input.from);
  const to = new Date(shanghaiDayStart(input.to).getTime() + 24 * 3600 * 1000);
  const _ = ctx.db.command;
  const { data } = await col(ctx.db, 'activities')
    .where({ orgId: unit._id, startAt: _.and(_.gte(from), _.lt(to)), cancelled: false })
    .orderBy('startAt', 'asc')
    .limit(1000)
    .get();
  const acts = data;
  const { data: recs } = acts.length
    ? await col(ctx.db, 'activity_records')
        .where({ _id: _.in(acts.map((a) => a._id)) })
        .limit(1000)
        .get()
    : { data: [] };
  const records = new Map(recs.map((r) => [r._id, r]));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('三会一课台账');
  sheet.addRow([`${unit.name} 三会一课台账（${input.from} 至 ${input.to}）`]);
  sheet.addRow(['日期', '类型', '名称', '地点', '议题', '主持人', '记录人', '应到', '实到', '请假', '出席率', '纪实']);
  for (const a of acts) {
    const r = records.get(a._id);
    const at = r?.attendance;
    sheet.addRow([
      inShanghai(a.startAt).format('YYYY-MM-DD'),
      ACTIVITY_TYPE_LABEL[a.type],
      a.title,
      a.place,
      r?.topic ?? '',
      r?.host ?? '',
      r?.recorder ?? '',
      at ? at.present + at.absent : '',
      at ? at.present : '',
      at ? at.excused : '',
      at ? `${at.rate}%` : '',
      r?.closedAt ? '已归档' : '未归档',
    ]);
  }
  sheet.columns.forEach((c, i) => (c.width = [12, 14, 24, 18, 24, 10, 10, 6, 6, 6, 8, 8][i]));
  const url = await publishWorkbook(ctx, book);
  await audit(ctx, {
    orgId: unit._id,
    action: 'record.ledger',
    targetType: 'org',
    targetId: unit._id,
    summary: `导出了三会一课台账（${input.from} 至 ${input.to}，${acts.length} 项）`,
  });
  return { url, count: acts.length };
};
