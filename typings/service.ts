/**
 * Service to residents (志愿服务, 党员进社区, 微心愿) and dues records (党费). Shared by the mini
 * program and the functions.
 *
 * Residents are not members: any WeChat user may sign up for a public service slot or post a wish.
 * What they give (a name, a phone) is stored encrypted, shown masked, readable in full only by the
 * organiser who needs to call them (audited), erased on request and when its purpose has passed.
 */
import type { ImageRef } from './domain';

export const SERVICE_RULES = {
  /** Check-in opens this long before a slot starts, and closes at its end. */
  checkinBeforeMinutes: 30,
  /** A slot lasts at most this long (a day of service). */
  slotMaxHours: 12,
  maxSlots: 30,
  maxCapacity: 500,
  /** Residents' names and phones are erased this long after their slot ended (the service record stays, masked). */
  residentRetentionDays: 30,
  /** A wish done but not confirmed by its poster is confirmed by itself after this long. */
  wishAutoConfirmDays: 14,
  /** A wish's contact is erased this long after it was settled (confirmed, rejected or withdrawn). */
  wishContactRetentionDays: 30,
  wishesPerDay: 3,
  wishMaxImages: 3,
  /** Hours are confirmed in half hours. */
  hoursStep: 0.5,
} as const;

/** A slot's own length in hours, to the half hour: what the organiser's confirmation starts from. */
export function slotHours(startAt: string | Date, endAt: string | Date): number {
  const hours = (new Date(endAt).getTime() - new Date(startAt).getTime()) / 3_600_000;
  return Math.max(0, Math.round(hours * 2) / 2);
}

/** `12.5` hours as 12.5, `3` as 3: no trailing zeros. */
export const hoursText = (h: number) => String(Math.round(h * 10) / 10);

/** A 志愿服务 project as a list shows it. */
export interface ServiceProjectCard {
  id: string;
  title: string;
  orgName: string;
  place: string;
  /** Open to residents (群众) too, not only members. */
  public: boolean;
  firstStartAt: string;
  lastEndAt: string;
  slotCount: number;
  /** Places left over all slots still to come (null: some slot has no limit). */
  placesLeft: number | null;
  cancelled: boolean;
  /** The caller has signed up for one of its slots. */
  signedUp: boolean;
}

export interface ServiceSlotView {
  id: string;
  startAt: string;
  endAt: string;
  /** null: no limit. */
  capacity: number | null;
  taken: number;
  /** The hours a volunteer of this slot is credited with unless the organiser says otherwise. */
  hours: number;
  /** The caller's place in it. */
  mine: { signupId: string; checkedInAt: string | null; hours: number | null; confirmed: boolean } | null;
  /** Sign-up still possible (not started, places left). */
  open: boolean;
  /** Check-in is open now (from 30 minutes before the start to the end). */
  checkinOpen: boolean;
}

export interface ServiceProjectView {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  description: string;
  place: string;
  images: ImageRef[];
  public: boolean;
  cancelled: boolean;
  slots: ServiceSlotView[];
  /** Who the caller signs up as: a member (by their name) or a resident (with a name and phone); null: they may not sign up. */
  as: 'member' | 'resident' | null;
  /** Why they may not, when `as` is null. */
  notOpenReason: string | null;
  /** A resident's name and phone from their last sign-up, to fill the form (their own, unmasked); null for members. */
  lastContact: { name: string; phone: string } | null;
  /** The caller leads the organising unit. */
  canManage: boolean;
}

/** What an organiser writes. */
export interface ServiceProjectDraft {
  title: string;
  description: string;
  place: string;
  public: boolean;
  images: ImageRef[];
  slots: { id: string | null; startAt: string; endAt: string; capacity: number | null }[];
}

export interface ServiceEditorCard extends ServiceProjectCard {
  /** Sign-ups over all slots. */
  signups: number;
  /** Check-ins whose hours are not confirmed yet. */
  toConfirm: number;
}

/** One volunteer of a slot, as its organiser sees them: residents masked. */
export interface ServiceRosterRow {
  signupId: string;
  kind: 'member' | 'resident';
  /** A member's name; a resident's masked name (王**). */
  name: string;
  /** A resident's masked phone (138****5678); null for members and once erased. */
  phoneMasked: string | null;
  /** A member's branch. */
  orgName: string | null;
  checkedInAt: string | null;
  method: 'scan' | 'code' | 'manual' | null;
  /** Confirmed hours, or null while not confirmed. */
  hours: number | null;
  confirmedAt: string | null;
}

export interface ServiceRoster {
  slot: ServiceSlotView & { projectId: string; projectTitle: string; place: string };
  rows: ServiceRosterRow[];
  counts: { signedUp: number; present: number; confirmed: number; residents: number };
}

/** A line of 我的志愿服务. */
export interface MyServiceRow {
  signupId: string;
  projectId: string;
  projectTitle: string;
  orgName: string;
  place: string;
  startAt: string;
  endAt: string;
  checkedInAt: string | null;
  hours: number | null;
  confirmed: boolean;
}

export interface MyService {
  upcoming: MyServiceRow[];
  past: MyServiceRow[];
  /** Confirmed hours by year, latest first. */
  years: { year: number; hours: number; times: number }[];
  /** The caller is a member: certificates and 进社区 apply. */
  member: boolean;
  /** Their 进社区 registration. */
  community: CommunityRegView | null;
}

/** A year's volunteer hours, for the certificate the member draws and shares. */
export interface ServiceCertificate {
  name: string;
  orgName: string;
  year: number;
  hours: number;
  times: number;
  /** YYYY年M月D日 (Beijing), the day it was made. */
  issued: string;
}

/** 党员进社区: where a member registered as living (在职党员到社区报到). */
export interface CommunityRegView {
  orgId: string;
  orgName: string;
  since: string;
}

export interface CommunityCard {
  id: string;
  name: string;
  parentName: string | null;
}

export interface CommunityMemberRow {
  name: string;
  /** Their own branch. */
  homeOrgName: string;
  since: string;
  /** Confirmed hours this year in this community's service projects, and in all. */
  hoursHere: number;
  hoursAll: number;
}

export const WISH_STATES = ['pending', 'published', 'claimed', 'done', 'confirmed', 'rejected', 'withdrawn'] as const;
export type WishState = (typeof WISH_STATES)[number];
export const WISH_STATE_LABEL: Record<WishState, string> = {
  pending: '待审核',
  published: '待认领',
  claimed: '已认领',
  done: '待确认',
  confirmed: '已完成',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** A wish as a list shows it: never the poster, never the contact. */
export interface WishCard {
  id: string;
  title: string;
  excerpt: string;
  orgName: string;
  state: WishState;
  /** The Beijing day it was posted. */
  day: string;
  /** The caller posted it / claimed it. */
  mine: boolean;
  claimedByMe: boolean;
}

export interface WishView extends Omit<WishCard, 'excerpt'> {
  orgId: string;
  content: string;
  images: ImageRef[];
  /** The contact in full, only for the poster, the claimer and the branch's leaders; else null. */
  contact: { name: string; phone: string } | null;
  /** The claimer's name, once claimed (members are named for what they do). */
  claimerName: string | null;
  /** The organiser's note when rejecting. */
  reviewNote: string | null;
  donePhotos: ImageRef[];
  doneNote: string | null;
  thanks: string | null;
  /** What the caller may do now. */
  can: { claim: boolean; release: boolean; fulfil: boolean; confirm: boolean; withdraw: boolean; review: boolean };
}

/** The branch's wishes for its leaders: contacts masked. */
export interface WishInboxRow extends WishCard {
  contactMasked: string;
  claimerName: string | null;
}

export interface ServiceStats {
  year: number;
  projects: number;
  slots: number;
  /** Sign-ups this year, by members and by residents. */
  memberSignups: number;
  residentSignups: number;
  /** Confirmed hours this year, and how many distinct volunteers gave them. */
  hours: number;
  volunteers: number;
  wishes: Record<WishState, number>;
  /** 在职党员 registered with the unit (a community). */
  registered: number;
}

// ——— 党费 ———

export const DUES_METHODS = ['cash', 'transfer', 'other'] as const;
export type DuesMethod = (typeof DUES_METHODS)[number];
export const DUES_METHOD_LABEL: Record<DuesMethod, string> = { cash: '现金', transfer: '转账', other: '其他' };

/** How far back arrears are counted. */
export const DUES_LOOKBACK_MONTHS = 24;

/** Amounts are kept in fen (分) and shown in yuan with two decimals. */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

export interface DuesPaymentView {
  id: string;
  /** YYYY-MM */
  month: string;
  amount: number;
  method: DuesMethod;
  /** YYYY-MM-DD */
  paidOn: string;
  receiptNo: string;
  recordedBy: string;
}

/** A member's own dues. */
export interface MyDues {
  branches: {
    orgId: string;
    orgName: string;
    /** Monthly amount in fen and its basis; null until the branch sets it. */
    rate: { amount: number; basis: string; since: string } | null;
    /** Months (YYYY-MM) due and not paid, oldest first, the current month included. */
    unpaid: string[];
    payments: DuesPaymentView[];
    paidThisYear: number;
  }[];
}

/** One member's row of the branch's yearly ledger. */
export interface DuesLedgerRow {
  memberId: string;
  name: string;
  rate: { amount: number; basis: string; since: string } | null;
  /** Month (1–12) → amount paid in fen; absent: not paid. */
  paid: Record<string, number>;
  /** Months of the year up to now (or since the rate) not paid. */
  unpaid: string[];
  total: number;
}

export interface DuesLedger {
  orgId: string;
  orgName: string;
  year: number;
  rows: DuesLedgerRow[];
  /** The month the list is looking at (this month, in the current year), its paid and unpaid counts. */
  month: string;
  monthPaid: number;
  monthUnpaid: number;
  total: number;
}

export interface DuesMemberView {
  memberId: string;
  name: string;
  orgName: string;
  rate: { amount: number; basis: string; since: string } | null;
  payments: DuesPaymentView[];
  unpaid: string[];
}
