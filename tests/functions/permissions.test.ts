import { ACCESS } from '../../cloudfunctions/common/permissions';
import { demoRuntime } from '../helpers/runtime';

/**
 * The permission matrix: who x action x same/other branch. Every action of the permission table must
 * appear here, so a new action cannot ship without its row.
 */
type Who = 'anonymous' | 'newcomer' | 'member' | 'committee' | 'secretary' | 'otherSecretary' | 'admin';
const OPENID: Record<Exclude<Who, 'anonymous'>, string> = {
  newcomer: 'someone-new',
  member: 'demo-member-03',
  committee: 'demo-committee',
  secretary: 'demo-secretary',
  otherSecretary: 'demo-secretary-2',
  admin: 'demo-admin',
};
const WHO = ['anonymous', 'newcomer', 'member', 'committee', 'secretary', 'otherSecretary', 'admin'] as const;

const OWN_BRANCH = 'org-xh-branch-rd';

/** [function, action, data, expected outcome per caller: 'ok' or an error code] */
const MATRIX: [string, string, object, Record<Who, string>][] = [
  [
    'user',
    'signIn',
    {},
    { anonymous: 'UNAUTHENTICATED', newcomer: 'ok', member: 'ok', committee: 'ok', secretary: 'ok', otherSecretary: 'ok', admin: 'ok' },
  ],
  [
    'branch',
    'home',
    {},
    { anonymous: 'UNAUTHENTICATED', newcomer: 'ok', member: 'ok', committee: 'ok', secretary: 'ok', otherSecretary: 'ok', admin: 'ok' },
  ],
  [
    'branch',
    'home',
    { orgId: OWN_BRANCH },
    {
      anonymous: 'UNAUTHENTICATED',
      newcomer: 'FORBIDDEN',
      member: 'ok',
      committee: 'ok',
      secretary: 'ok',
      otherSecretary: 'FORBIDDEN',
      admin: 'FORBIDDEN',
    },
  ],
  [
    'system',
    'ping',
    {},
    { anonymous: 'ok', newcomer: 'ok', member: 'ok', committee: 'ok', secretary: 'ok', otherSecretary: 'ok', admin: 'ok' },
  ],
];

it('covers every action in the permission table', () => {
  const inTable = Object.entries(ACCESS).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`));
  const inMatrix = new Set(MATRIX.map(([fn, action]) => `${fn}.${action}`));
  expect(inTable.filter((k) => !inMatrix.has(k))).toEqual([]);
});

describe.each(MATRIX)('%s.%s %j', (fn, action, data, expected) => {
  it.each(WHO)('as %s', async (who) => {
    const rt = await demoRuntime();
    const identity = who === 'anonymous' ? null : { openid: OPENID[who] };
    const res = await rt.invoke(fn, { action, data }, identity);
    expect(res.ok ? 'ok' : res.code).toBe(expected[who]);
  });
});
