import type { ArchiveBranchView, ArchiveView } from '../../typings/domain';
import { audit, auditOwn } from '../common/audit';
import { type HandlerContext } from '../common/context';
import { fileUrls } from '../common/files';
import { col, type ArchiveDoc, type MembershipDoc } from '../common/db';
import { studyArchive } from '../study/beat';
import { appraisalsOf } from '../voice/appraisals';
import { honoursOf } from '../voice/honours';
import { volunteerYears } from '../service/signups';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { orgNames } from '../org/view';
import { requireConsent } from '../privacy/privacy';
import {
  blindIndex,
  decrypt,
  encrypt,
  isValidIdCard,
  isValidPhone,
  mask,
  normalizeIdCard,
  normalizePhone,
  type PiiKind,
} from '../common/pii';

const FIELD_LABEL: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  education: '学历',
  job: '工作岗位',
  phone: '手机号',
  idCard: '身份证号',
};

export async function archiveOf(ctx: HandlerContext, openid: string): Promise<ArchiveDoc | undefined> {
  const { data } = await col(ctx.db, 'archives').where({ openid }).limit(1).get();
  return data[0];
}

function sensitive(ctx: HandlerContext, doc: ArchiveDoc | undefined, kind: PiiKind): string | null {
  const token = kind === 'phone' ? doc?.phoneEnc : doc?.idCardEnc;
  return token ? decrypt(ctx.keys(), token) : null;
}

async function photoUrl(ctx: HandlerContext, fileID: string): Promise<string | null> {
  return (await fileUrls(ctx, [fileID])).get(fileID) ?? null;
}

/** The member's units, current first, then the most recent. Roster placeholders have one. */
async function branchesOf(ctx: HandlerContext, openid: string): Promise<ArchiveBranchView[]> {
  const { data } = await col(ctx.db, 'memberships').where({ openid }).limit(100).get();
  const memberships = data.sort(
    (a, b) =>
      Number(b.status === 'active') - Number(a.status === 'active') || new Date(b.joinedAt).getTime() - new Date(a.joinedAt).getTime(),
  );
  const names = await orgNames(
    ctx.db,
    memberships.map((m) => m.orgId),
  );
  return memberships.map((m) => ({
    memberId: m._id,
    orgName: names.get(m.orgId) ?? '（已撤销的组织）',
    role: m.role,
    duty: m.duty ?? null,
    status: m.status,
    joinedAt: new Date(m.joinedAt).toISOString(),
  }));
}

export async function view(ctx: HandlerContext, openid: string): Promise<ArchiveView> {
  const doc = await archiveOf(ctx, openid);
  const phone = sensitive(ctx, doc, 'phone');
  const idCard = sensitive(ctx, doc, 'idCard');
  // The record's sections read different collections: side by side.
  const [branches, study, honours, appraisals, service] = await Promise.all([
    branchesOf(ctx, openid),
    studyArchive(ctx, openid),
    honoursOf(ctx, openid),
    appraisalsOf(ctx, openid),
    volunteerYears(ctx, openid),
  ]);
  return {
    name: doc?.name ?? null,
    gender: doc?.gender ?? null,
    ethnicity: doc?.ethnicity ?? null,
    birthDate: doc?.birthDate ?? null,
    education: (doc?.education as ArchiveView['education']) ?? null,
    job: doc?.job ?? null,
    phoneMasked: phone ? mask('phone', phone) : null,
    idCardMasked: idCard ? mask('idCard', idCard) : null,
    updatedAt: doc ? new Date(doc.updatedAt).toISOString() : null,
    photoUrl: doc?.photoFileID ? await photoUrl(ctx, doc.photoFileID) : null,
    branches,
    study,
    honours,
    appraisals,
    service,
  };
}

export const mine: Handler<'archive', 'mine'> = async (_input, ctx) => view(ctx, ctx.caller.openid);

/** The member edits their own archive; phone and ID number are validated, encrypted and hashed. */
export const updateMine: Handler<'archive', 'updateMine'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  await requireConsent(ctx);
  const { phone, idCard, ...plain } = input;
  const changes: Partial<ArchiveDoc> = { ...plain };
  const keys = ctx.keys();
  if (phone !== undefined) {
    const value = normalizePhone(phone);
    if (!isValidPhone(value)) throw new AppError('INVALID_INPUT', '手机号格式不正确');
    Object.assign(changes, { phoneEnc: encrypt(keys, value), phoneHash: blindIndex(keys, 'phone', value) });
  }
  if (idCard !== undefined) {
    const value = normalizeIdCard(idCard);
    if (!isValidIdCard(value)) throw new AppError('INVALID_INPUT', '身份证号不正确，请核对后重新输入');
    Object.assign(changes, { idCardEnc: encrypt(keys, value), idCardHash: blindIndex(keys, 'idCard', value) });
  }
  const fields = Object.keys(input);
  if (fields.length === 0) return view(ctx, openid);

  const existing = await archiveOf(ctx, openid);
  if (existing)
    await col(ctx.db, 'archives')
      .doc(existing._id)
      .update({ ...changes, updatedAt: ctx.now });
  else await col(ctx.db, 'archives').add({ openid, ...changes, updatedAt: ctx.now });

  const summary = `更新了电子档案：${fields.map((f) => FIELD_LABEL[f] ?? f).join('、')}`;
  await auditOwn(ctx, { action: 'archive.update', summary });
  return view(ctx, openid);
};

/** The member behind a membership id, only if that membership is in the unit the permission check named. */
async function memberIn(ctx: HandlerContext, orgId: string, memberId: string): Promise<MembershipDoc> {
  const m = (await col(ctx.db, 'memberships').doc(memberId).get()).data[0];
  // Same answer for "no such member" and "not in your unit": ids leak nothing.
  if (!m || m.orgId !== orgId) throw new AppError('FORBIDDEN', '你没有权限查看该党员的档案');
  return m;
}

export const get: Handler<'archive', 'get'> = async (input, ctx) => {
  const member = await memberIn(ctx, input.orgId, input.memberId);
  return view(ctx, member.openid);
};

/** The full value of one sensitive field, for the member or their secretary; every reveal is audited. */
export const reveal: Handler<'archive', 'reveal'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  if (input.orgId && !input.memberId) throw new AppError('INVALID_INPUT', '请指定要查看的党员');
  if (input.memberId && !input.orgId) throw new AppError('INVALID_INPUT', '请指定党员所在的组织');
  const member = input.orgId && input.memberId ? await memberIn(ctx, input.orgId, input.memberId) : null;
  const value = sensitive(ctx, await archiveOf(ctx, member?.openid ?? openid), input.field);
  const what = FIELD_LABEL[input.field];
  if (member) {
    await audit(ctx, {
      orgId: member.orgId,
      action: 'archive.reveal',
      targetType: 'member',
      targetId: member._id,
      summary: `查看了${member.name}的完整${what}`,
    });
  } else {
    await auditOwn(ctx, { action: 'archive.reveal', summary: `查看了本人的完整${what}` });
  }
  return { value };
};
