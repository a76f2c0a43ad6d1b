/** Domain types shared by the mini program and the cloud functions. */

/** 党委 > 总支 > 支部 > 党小组 */
export type OrgType = 'committee' | 'general_branch' | 'branch' | 'group';

export const ORG_TYPE_LABEL: Record<OrgType, string> = {
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  group: '党小组',
};

/** Roles are held per organisation unit. */
export type Role = 'member' | 'committee' | 'secretary' | 'admin';

export const ROLE_LABEL: Record<Role, string> = {
  member: '党员',
  committee: '支委委员',
  secretary: '书记',
  admin: '党委管理员',
};

export interface UserView {
  id: string;
  nickname: string;
  /** ISO instant */
  createdAt: string;
}

export interface MembershipView {
  orgId: string;
  orgName: string;
  orgType: OrgType;
  role: Role;
}

export interface Me {
  user: UserView;
  /** false when this call created the user record */
  returning: boolean;
  memberships: MembershipView[];
}

export interface BranchHome {
  branch: { id: string; name: string; type: OrgType; parentName: string | null } | null;
  memberCount: number;
  role: Role | null;
  /** The caller's calendar day in Asia/Shanghai, YYYY-MM-DD */
  today: string;
}

export interface Pong {
  pong: true;
  at: string;
}
