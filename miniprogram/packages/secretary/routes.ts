/** The secretary's view of one member (their archive and 发展历程). */
export function memberPage(orgId: string, memberId: string, name: string): string {
  return `/packages/secretary/pages/member/index?orgId=${orgId}&memberId=${memberId}&name=${encodeURIComponent(name)}`;
}
