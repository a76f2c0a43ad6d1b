import { pageUrl } from '../../../typings/pages';
/** The secretary's view of one member (their archive and 发展历程). */
export function memberPage(orgId: string, memberId: string, name: string): string {
  return pageUrl('member', { orgId, memberId, name });
}
