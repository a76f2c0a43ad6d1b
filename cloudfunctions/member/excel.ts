import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PARTY_STAGE_LABEL, PARTY_STAGES, ROLE_LABEL, type PartyStage } from '../../typings/domain';
import { shanghaiDay } from '../../typings/time';
import { audit } from '../common/audit';
import type { HandlerContext } from '../common/context';
import { col, type ArchiveDoc, type MembershipDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { takeUpload } from '../common/files';
import { cellText, firstSheet, publishWorkbook } from '../common/sheets';
import { nameKey } from '../common/names';
import { blindIndex, encrypt, isValidIdCard, isValidPhone, normalizeIdCard, normalizePhone } from '../common/pii';
import { archivesOf, toRow } from './list';

const COLUMNS = ['姓名', '性别', '手机号', '身份证号', '党员状态', '进入该阶段日期'] as const;
const MAX_ROWS = 2000;
const STAGE_BY_LABEL = new Map(PARTY_STAGES.map((s) => [PARTY_STAGE_LABEL[s], s] as const));

/** The directory as a spreadsheet. Sensitive fields stay masked in exports too. */
export const exportMembers: Handler<'member', 'export'> = async (_input, ctx) => {
  const unit = ctx.grant.unit;
  const { data } = await col(ctx.db, 'memberships')
    .where({ orgId: unit._id, status: 'active' })
    .orderBy('nameKey', 'asc')
    .limit(1000)
    .get();
  const members = data;
  const archives = await archivesOf(
    ctx.db,
    members.map((m) => m.openid),
  );
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('党员名册');
  sheet.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '职务', key: 'role', width: 12 },
    { header: '党员状态', key: 'stage', width: 14 },
    { header: '进入该阶段日期', key: 'since', width: 16 },
    { header: '手机号（已脱敏）', key: 'phone', width: 18 },
    { header: '已使用支部通', key: 'wechat', width: 14 },
  ];
  for (const m of members) {
    const row = toRow(ctx, m, archives.get(m.openid));
    sheet.addRow({
      name: row.name,
      role: ROLE_LABEL[row.role],
      stage: row.partyStage ? PARTY_STAGE_LABEL[row.partyStage] : '',
      since: row.stageSince ?? '',
      phone: row.phoneMasked ?? '',
      wechat: row.onWeChat ? '是' : '否',
    });
  }
  const url = await publishWorkbook(ctx, book);
  await audit(ctx, {
    orgId: unit._id,
    action: 'member.export',
    targetType: 'org',
    targetId: unit._id,
    summary: `导出了党员名册（${members.length} 人）`,
  });
  return { url, count: members.length };
};

export const importTemplate: Handler<'member', 'importTemplate'> = async (_input, ctx) => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('党员名册');
  sheet.addRow([...COLUMNS]);
  sheet.addRow(['张三', '男', '13800000000', '', '正式党员', '2020-07-01']);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => (c.width = 16));
  return { url: await publishWorkbook(ctx, book) };
};

interface ParsedRow {
  line: number;
  name: string;
  gender?: 'male' | 'female';
  phone?: string;
  idCard?: string;
  stage?: PartyStage;
  since?: string;
}

/** Every row checked; returns the rows, or every problem found with its row number. */
function parse(sheet: ExcelJS.Worksheet, today: string): { rows: ParsedRow[]; errors: string[] } {
  const header = COLUMNS.map((_, i) => cellText(sheet.getRow(1).getCell(i + 1).value));
  if (header.join('|') !== COLUMNS.join('|')) return { rows: [], errors: [`表头应为：${COLUMNS.join('、')}，请使用导入模板`] };
  const rows: ParsedRow[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  for (let line = 2; line <= sheet.rowCount; line += 1) {
    const cells = COLUMNS.map((_, i) => cellText(sheet.getRow(line).getCell(i + 1).value));
    if (cells.every((c) => c === '')) continue;
    const [name, gender, phoneRaw, idRaw, stageLabel, since] = cells as [string, string, string, string, string, string];
    const problems: string[] = [];
    const row: ParsedRow = { line, name };
    if (name.length < 2 || name.length > 20) problems.push('姓名应为 2-20 个字');
    if (gender) {
      if (gender === '男') row.gender = 'male';
      else if (gender === '女') row.gender = 'female';
      else problems.push('性别应为“男”或“女”');
    }
    if (phoneRaw) {
      const phone = normalizePhone(phoneRaw);
      if (isValidPhone(phone)) row.phone = phone;
      else problems.push('手机号格式不正确');
    }
    if (idRaw) {
      const idCard = normalizeIdCard(idRaw);
      if (isValidIdCard(idCard)) row.idCard = idCard;
      else problems.push('身份证号不正确');
    }
    if (stageLabel) {
      const stage = STAGE_BY_LABEL.get(stageLabel);
      if (stage) row.stage = stage;
      else problems.push(`党员状态应为：${[...STAGE_BY_LABEL.keys()].join('、')}`);
    }
    if (since) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(since))) problems.push('日期应为 YYYY-MM-DD');
      else if (since > today) problems.push('日期不能晚于今天');
      else row.since = since;
    }
    if (since && !stageLabel) problems.push('填写日期时请同时填写党员状态');
    for (const [kind, value] of [
      ['手机号', row.phone],
      ['身份证号', row.idCard],
    ] as const) {
      if (!value) continue;
      const first = seen.get(`${kind}:${value}`);
      if (first) problems.push(`${kind}与第 ${first} 行重复`);
      else seen.set(`${kind}:${value}`, line);
    }
    if (problems.length) errors.push(`第 ${line} 行：${problems.join('；')}`);
    else rows.push(row);
  }
  if (rows.length + errors.length === 0) errors.push('表格里没有党员数据');
  if (rows.length + errors.length > MAX_ROWS) errors.push(`一次最多导入 ${MAX_ROWS} 人`);
  return { rows, errors };
}

/** Rows whose phone or ID number already belongs to an active member of this unit. */
async function alreadyHere(
  ctx: HandlerContext,
  orgId: string,
  rows: ParsedRow[],
  keyed: Map<ParsedRow, Partial<ArchiveDoc>>,
): Promise<string[]> {
  const _ = ctx.db.command;
  const phoneHashes = rows.flatMap((r) => (keyed.get(r)?.phoneHash ? [keyed.get(r)!.phoneHash!] : []));
  const idHashes = rows.flatMap((r) => (keyed.get(r)?.idCardHash ? [keyed.get(r)!.idCardHash!] : []));
  const or = [
    ...(phoneHashes.length ? [{ phoneHash: _.in(phoneHashes) }] : []),
    ...(idHashes.length ? [{ idCardHash: _.in(idHashes) }] : []),
  ];
  if (or.length === 0) return [];
  const { data } = await col(ctx.db, 'archives').where(_.or(or)).limit(1000).get();
  const existing = data;
  if (existing.length === 0) return [];
  const { data: held } = await col(ctx.db, 'memberships')
    .where({ orgId, status: 'active', openid: _.in(existing.map((a) => a.openid)) })
    .limit(1000)
    .get();
  const here = new Set(held.map((m) => m.openid));
  const taken = new Set(existing.filter((a) => here.has(a.openid)).flatMap((a) => [a.phoneHash, a.idCardHash]));
  return rows.flatMap((r) => {
    const k = keyed.get(r)!;
    return (k.phoneHash && taken.has(k.phoneHash)) || (k.idCardHash && taken.has(k.idCardHash))
      ? [`第 ${r.line} 行：该党员已在本支部`]
      : [];
  });
}

const CHUNK = 500;

/** All rows or none: problems come back as INVALID_INPUT with one issue per bad row. */
export const importMembers: Handler<'member', 'import'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  if (unit.type !== 'branch') throw new AppError('INVALID_INPUT', '只能向党支部导入党员');
  // The uploaded roster holds phones and ID numbers in plain text: only its uploader's import reads it,
  // once, and it is removed whatever the outcome (a corrected file is uploaded again).
  const sheet = await firstSheet(await takeUpload(ctx, input.fileID));

  const { rows, errors } = parse(sheet, shanghaiDay(ctx.now));
  const keys = ctx.keys();
  const keyed = new Map<ParsedRow, Partial<ArchiveDoc>>(
    rows.map((r) => [
      r,
      {
        ...(r.phone ? { phoneEnc: encrypt(keys, r.phone), phoneHash: blindIndex(keys, 'phone', r.phone) } : {}),
        ...(r.idCard ? { idCardEnc: encrypt(keys, r.idCard), idCardHash: blindIndex(keys, 'idCard', r.idCard) } : {}),
      },
    ]),
  );
  errors.push(...(await alreadyHere(ctx, unit._id, rows, keyed)));
  if (errors.length) throw new AppError('INVALID_INPUT', `导入失败，没有导入任何人：${errors.length} 处问题`, errors);

  const archives: Omit<ArchiveDoc, '_id'>[] = [];
  const memberships: MembershipDoc[] = [];
  for (const r of rows) {
    const openid = `roster:${randomBytes(12).toString('hex')}`;
    archives.push({ openid, name: r.name, ...(r.gender ? { gender: r.gender } : {}), ...keyed.get(r), updatedAt: ctx.now });
    memberships.push({
      _id: `m-${randomBytes(12).toString('hex')}`,
      openid,
      orgId: unit._id,
      role: 'member',
      status: 'active',
      name: r.name,
      nameKey: nameKey(r.name),
      joinedAt: ctx.now,
      roster: true,
      ...(r.stage ? { partyStage: r.stage } : {}),
      ...(r.since ? { stageSince: r.since } : {}),
    });
  }
  // Each add() of a chunk is atomic; if a later chunk fails, what was written is taken back.
  const written: { collection: 'archives' | 'memberships'; ids: string[] }[] = [];
  try {
    for (const [collection, docs] of [
      ['archives', archives],
      ['memberships', memberships],
    ] as const) {
      for (let i = 0; i < docs.length; i += CHUNK) {
        const { ids } = await col(ctx.db, collection).add(docs.slice(i, i + CHUNK));
        written.push({ collection, ids });
      }
    }
  } catch (e) {
    for (const w of written)
      await col(ctx.db, w.collection)
        .where({ _id: ctx.db.command.in(w.ids) })
        .remove();
    throw e;
  }
  await audit(ctx, {
    orgId: unit._id,
    action: 'member.import',
    targetType: 'org',
    targetId: unit._id,
    summary: `从表格导入了 ${rows.length} 名党员`,
  });
  return { imported: rows.length };
};
