/**
 * The local runtime as a CloudBase emulator for another mini program's functions (ZHIBU_EXTRA_FUNCTIONS):
 * functions written against wx-server-sdk and node-sdk, unchanged, each with its own copy of the SDK.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { readConfig } from '../../local/config';
import { describeFunction, hookedDatabaseCopies, loadExtraFunctions, type ExtraFunctions } from '../../local/extra';
import { createRuntime, quietLogger } from '../../local/runtime';
import { startGateway } from '../helpers/gateway';

const ROOT = join(__dirname, '../..');
const FIXTURES = join(ROOT, 'tests/fixtures/cloudfunctions');
// Under the project, so what a fixture does not bring (bson, axios, tcb-router…) resolves from its node_modules
// (and under node_modules, where no test runner looks for modules of its own).
const WORK = join(ROOT, 'node_modules/.cache/zhibu-extra-functions');

/** The fixtures as deployable folders; activity-router brings its own wx-server-sdk and @cloudbase/database. */
function deployable(): { router: string; clock: string; dir: string } {
  mkdirSync(WORK, { recursive: true });
  const dir = mkdtempSync(join(WORK, 'run-'));
  const router = join(dir, 'activity-router');
  const clock = join(dir, 'node-clock');
  cpSync(join(FIXTURES, 'activity-router'), router, { recursive: true });
  cpSync(join(FIXTURES, 'node-clock'), clock, { recursive: true });
  cpSync(join(ROOT, 'node_modules/wx-server-sdk'), join(router, 'node_modules/wx-server-sdk'), { recursive: true });
  cpSync(join(ROOT, 'node_modules/@cloudbase/database'), join(router, 'node_modules/@cloudbase/database'), { recursive: true });
  return { router, clock, dir };
}

const folders = deployable();
const runtime = createRuntime({ dataDir: ':memory:', log: quietLogger });
let extras: ExtraFunctions;

beforeAll(() => {
  extras = loadExtraFunctions([folders.router, folders.clock], runtime.engine, Object.keys(FUNCTIONS));
  expect(extras.names()).toEqual(['activity-router', 'node-clock']);
});

afterAll(() => {
  runtime.close();
  rmSync(folders.dir, { recursive: true, force: true });
});

const as = (openid: string) => ({ openid });

async function created(title: string, capacity: number): Promise<string> {
  const res = await extras.invoke('activity-router', { $url: 'create', title, capacity }, as('owner-1'));
  expect(res.status).toBe(200);
  const id = (res.body as { id: string }).id;
  expect(id).toMatch(/^[0-9a-f]{32}$/);
  return id;
}

describe('a wx-server-sdk router function, unchanged', () => {
  it('creates, lists, shows and joins an activity through its own copy of @cloudbase/database, in the runtime engine', async () => {
    const id = await created('社区义诊', 2);
    const joined = await extras.invoke('activity-router', { $url: 'join', id }, as('resident-a'));
    expect(joined).toEqual({ status: 200, body: { joined: true } });
    const again = await extras.invoke('activity-router', { $url: 'join', id }, as('resident-a'));
    expect(again.body).toEqual({ joined: false, reason: 'already' });
    const list = await extras.invoke('activity-router', { $url: 'list' }, as('resident-b'));
    expect(list.body).toEqual(expect.arrayContaining([{ id, title: '社区义诊', joined: 1, left: 1 }]));
    const detail = await extras.invoke('activity-router', { $url: 'detail', id }, as('resident-a'));
    expect(detail.body).toMatchObject({ id, joined: 1, mine: true });
    // The same document, read by Zhibu's own copy of the SDK from the same engine.
    const stored = await runtime.db.collection('activities').doc(id).get();
    expect(stored.data[0]).toMatchObject({ title: '社区义诊', joined: ['resident-a'], owner: 'owner-1' });
    // The function's SDK chain loaded the copy in its own node_modules, and that copy is the one answering.
    expect(hookedDatabaseCopies().some((f) => f.startsWith(join(folders.router, 'node_modules', '@cloudbase', 'database')))).toBe(true);
  });

  it('a full activity refuses the third joiner; a burst of joins never overfills it', async () => {
    const id = await created('党员先锋岗', 2);
    for (const who of ['first', 'second']) {
      expect((await extras.invoke('activity-router', { $url: 'join', id }, as(who))).body).toEqual({ joined: true });
    }
    expect((await extras.invoke('activity-router', { $url: 'join', id }, as('third'))).body).toEqual({ joined: false, reason: 'full' });

    // wx-server-sdk turns a transaction conflict into errCode -501001, so its runTransaction does not retry:
    // of ten joining at once, the first wins and the others fail with CloudBase's conflict, none silently.
    const burst = await created('志愿服务', 5);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => extras.invoke('activity-router', { $url: 'join', id: burst }, as(`burst-${i}`))),
    );
    const won = results.filter((r) => r.status === 200 && (r.body as { joined: boolean }).joined);
    const lost = results.filter((r) => r.status === 500);
    expect(won.length).toBeGreaterThanOrEqual(1);
    expect(won.length + lost.length).toBe(10);
    for (const r of lost) expect((r.body as { errMsg: string }).errMsg).toContain('TransactionConflict');
    const stored = await runtime.db.collection('activities').doc(burst).get();
    expect((stored.data[0] as { joined: string[] }).joined).toHaveLength(won.length);
  });

  it('getWXContext and event.userInfo give each of twenty concurrent callers their own openid', async () => {
    const callers = Array.from({ length: 20 }, (_, i) => `caller-${i}`);
    const results = await Promise.all(
      callers.map((openid, i) => extras.invoke('activity-router', { $url: 'whoami', delayMs: (i * 7) % 50 }, as(openid))),
    );
    expect(results.map((r) => r.body)).toEqual(callers.map((openid) => ({ openid, fromEvent: openid })));
    expect(process.env['WX_OPENID']).toBeUndefined();
  });

  it('a call past the function timeout (2 s in its config.json) answers as CloudBase does', async () => {
    const res = await extras.invoke('activity-router', { $url: 'slow' }, as('resident-a'));
    expect(res).toEqual({ status: 504, body: { errCode: -504003, errMsg: 'Invoking task timed out after 2 seconds' } });
  });
});

describe('a node-sdk function, unchanged', () => {
  it('reads the caller from getCloudbaseContext and auth().getUserInfo, and a timer trigger runs it with no caller', async () => {
    const fired = await extras.fireTimer('node-clock', 'everyMinute');
    expect(fired).toEqual({ status: 200, body: { ticked: true } });
    const res = await extras.invoke('node-clock', {}, as('resident-c'));
    expect(res).toEqual({ status: 200, body: { contextOpenid: 'resident-c', authOpenid: 'resident-c', ticks: 1 } });
  });

  it('a function that throws answers with CloudBase failure code and its message', async () => {
    const res = await extras.invoke('node-clock', { fail: true }, as('resident-c'));
    expect(res).toEqual({ status: 500, body: { errCode: -504002, errMsg: 'Invoking task failed: asked to fail' } });
  });

  it('reads the default 3 s timeout and the timer trigger from the folder', () => {
    expect(describeFunction(folders.clock)).toMatchObject({
      name: 'node-clock',
      timeoutS: 3,
      triggers: [{ name: 'everyMinute', type: 'timer', config: '0 * * * * * *' }],
    });
  });

  it('refuses a folder whose name is one of Zhibu functions', () => {
    const clash = join(folders.dir, 'branch');
    cpSync(folders.clock, clash, { recursive: true });
    expect(() => loadExtraFunctions([clash], runtime.engine, Object.keys(FUNCTIONS))).toThrow(/already served/);
  });
});

describe('configuration', () => {
  it('ZHIBU_EXTRA_FUNCTIONS is a :-separated list of folders, resolved, blanks ignored', () => {
    const config = readConfig({ ZHIBU_EXTRA_FUNCTIONS: `${folders.router}::${folders.clock} ` } as unknown as NodeJS.ProcessEnv);
    expect(config.extraFunctions).toEqual([folders.router, folders.clock]);
    expect(readConfig({} as NodeJS.ProcessEnv).extraFunctions).toEqual([]);
  });

  it('a folder whose config.json timeout is not 1-900 seconds is refused at start', () => {
    const bad = join(folders.dir, 'bad-timeout');
    cpSync(folders.clock, bad, { recursive: true });
    writeFileSync(join(bad, 'config.json'), JSON.stringify({ timeout: 0 }));
    expect(() => describeFunction(bad)).toThrow(/timeout/);
  });
});

describe('over HTTP', () => {
  it('a signed-in persona calls another app’s function at /api/functions/<folder>', async () => {
    const gw = await startGateway({ extras: (rt) => loadExtraFunctions([folders.router], rt.engine, Object.keys(FUNCTIONS)) });
    try {
      const token = await gw.signIn('demo-member-01');
      const made = await gw.call('activity-router', { $url: 'create', title: '主题党日', capacity: 5 }, token);
      expect(made.status).toBe(200);
      const id = made.body['id'] as string;
      const joined = await gw.call('activity-router', { $url: 'join', id }, token);
      expect(joined).toEqual({ status: 200, body: { joined: true } });
      const detail = await gw.call('activity-router', { $url: 'detail', id }, token);
      expect(detail.body).toMatchObject({ title: '主题党日', mine: true, joined: 1 });
      // Zhibu's own functions are still there.
      expect((await gw.call('branch', { action: 'home', data: {} }, token)).body).toMatchObject({ ok: true });
    } finally {
      await gw.close();
    }
  });
});
