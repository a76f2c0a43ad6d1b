import { localCloudID } from '../../local/openapi';
import { createActivity } from '../helpers/activity';
import { rosterFile, phoneOf } from '../helpers/excel';
import { consented, demoRuntime, uploaded } from '../helpers/runtime';

const OWN = 'org-xh-branch-rd';
const OTHER = 'org-xh-branch-mk';
const SECRETARY = { openid: 'demo-secretary' };
const ID_CARD = '999999199003070012';

/**
 * Every list action, called by someone allowed to, over a branch with every kind of record in it:
 * no response carries an openid (or a roster placeholder), an unmasked phone or an unmasked ID number.
 */
it('no list response leaks an openid or an unmasked phone or ID number', async () => {
  const rt = await demoRuntime();
  const member = { openid: 'demo-member-03' };
  await consented(rt, member.openid);
  await rt.invoke('archive', { action: 'updateMine', data: { phone: phoneOf(42), idCard: ID_CARD } }, member);
  await rt.invoke('join', { action: 'apply', data: { orgId: OWN, name: '申请人', via: 'search' } }, { openid: 'wx-applicant-1' });
  await rt.invoke('transfer', { action: 'request', data: { fromOrgId: OWN, toOrgId: OTHER, reason: '工作调动' } }, member);
  await rt.invoke('invite', { action: 'create', data: { orgId: OWN } }, SECRETARY);
  await rt.invoke('group', { action: 'bind', data: { orgId: OWN, cloudID: localCloudID({ openGId: 'G-x' }), label: '党员群' } }, SECRETARY);
  await rt.invoke('lifecycle', { action: 'advance', data: { memberId: 'm-demo-007', to: 'probationary', date: '2026-01-05' } }, SECRETARY);
  const fileID = await uploaded(rt, 'roster-file.xlsx', await rosterFile([['赵雅静', '女', phoneOf(43), '', '正式党员', '2015-07-01']]));
  expect(await rt.invoke('member', { action: 'import', data: { orgId: OWN, fileID } }, SECRETARY)).toMatchObject({ ok: true });
  // An activity starting soon: signed up, on leave, checked in, marked by hand.
  const activityId = await createActivity(rt, {
    startAt: '2026-11-28T10:10:00.000Z',
    endAt: '2026-11-28T12:00:00.000Z',
    signupDeadline: null,
    approvalRequired: true,
  });
  await rt.invoke('signup', { action: 'join', data: { activityId } }, member);
  await rt.invoke('signup', { action: 'leave', data: { activityId, reason: '出差' } }, { openid: 'demo-member-01' });
  const code = (await rt.invoke('checkin', { action: 'code', data: { activityId } }, SECRETARY)) as { data: { digits: string } };
  await rt.invoke('checkin', { action: 'submit', data: { activityId, digits: code.data.digits } }, { openid: 'demo-member-02' });
  await rt.invoke('checkin', { action: 'mark', data: { activityId, memberId: 'm-demo-008', present: true } }, SECRETARY);

  // A must-read notice read and confirmed, and a news post with a comment.
  const { publishedPost } = await import('../helpers/post');
  const notice = await publishedPost(rt, { mustReadBy: '2026-12-31T00:00:00.000Z' });
  await rt.invoke('post', { action: 'detail', data: { postId: notice } }, member);
  await rt.invoke('post', { action: 'confirm', data: { postId: notice } }, member);
  const news = await publishedPost(rt, { kind: 'news', title: '志愿服务' });
  await rt.invoke('post', { action: 'comment', data: { postId: news, text: '学习了' } }, member);

  const calls: [string, string, object, { openid: string }][] = [
    ['post', 'feed', {}, member],
    ['post', 'list', {}, member],
    ['post', 'detail', { postId: notice }, member],
    ['post', 'drafts', { orgId: OWN }, SECRETARY],
    ['post', 'draft', { postId: notice }, SECRETARY],
    ['post', 'receipts', { postId: notice }, SECRETARY],
    ['post', 'comments', { postId: news }, SECRETARY],
    ['org', 'tree', {}, { openid: 'demo-admin' }],
    ['org', 'search', { q: '支部' }, member],
    ['join', 'mine', {}, { openid: 'wx-applicant-1' }],
    ['join', 'inbox', { orgId: OWN }, SECRETARY],
    ['group', 'list', { orgId: OWN }, SECRETARY],
    ['invite', 'list', { orgId: OWN }, SECRETARY],
    ['member', 'list', { orgId: OWN, limit: 100 }, SECRETARY],
    ['lifecycle', 'history', { memberId: 'm-demo-007' }, SECRETARY],
    ['lifecycle', 'due', { orgId: OWN }, SECRETARY],
    ['transfer', 'inbox', { orgId: OWN }, SECRETARY],
    ['transfer', 'mine', {}, member],
    ['audit', 'list', { orgId: OWN, limit: 100 }, SECRETARY],
    ['archive', 'get', { orgId: OWN, memberId: 'm-demo-007' }, SECRETARY],
    ['user', 'signIn', {}, member],
    ['branch', 'home', {}, SECRETARY],
    ['activity', 'list', { when: 'upcoming' }, member],
    ['activity', 'list', { when: 'upcoming', orgId: OWN }, SECRETARY],
    ['activity', 'detail', { activityId }, member],
    ['checkin', 'board', { activityId }, SECRETARY],
    ['record', 'history', {}, { openid: 'demo-member-02' }],
  ];
  const { data: users } = await rt.db.collection('users').limit(1000).get();
  const { data: memberships } = await rt.db.collection('memberships').limit(1000).get();
  const openids = new Set([...users, ...memberships].map((d: { openid: string }) => d.openid));
  expect(openids.size).toBeGreaterThan(20);
  for (const [fn, action, data, who] of calls) {
    const res = await rt.invoke(fn, { action, data }, who);
    expect({ fn, action, ok: res.ok }).toEqual({ fn, action, ok: true });
    const text = JSON.stringify(res);
    for (const id of openids) expect({ fn, action, leaks: text.includes(id) }).toEqual({ fn, action, leaks: false });
    for (const secret of [phoneOf(42), phoneOf(43), ID_CARD])
      expect({ fn, action, leaks: text.includes(secret) }).toEqual({ fn, action, leaks: false });
  }
});
