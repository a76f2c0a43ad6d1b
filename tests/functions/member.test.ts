import ExcelJS from 'exceljs';
import { consented, demoRuntime, ok, readStored, snapshot, uploaded } from '../helpers/runtime';
import { phoneOf, rosterFile } from '../helpers/excel';

const OWN = 'org-xh-branch-rd';
const SECRETARY = { openid: 'demo-secretary' };
type Runtime = Awaited<ReturnType<typeof demoRuntime>>;
type Row = { memberId: string; name: string; phoneMasked: string | null; onWeChat: boolean };
type Page = { ok: true; data: { members: Row[]; nextCursor: string | null } };

/** A roster the secretary's client uploaded. */
const upload = (rt: Runtime, file: Buffer, owner = SECRETARY.openid) => uploaded(rt, 'roster-file.xlsx', file, owner);

describe('member directory', () => {
  it('pages through the branch by name (pinyin order) with a cursor, each member once, no openids', async () => {
    const rt = await demoRuntime();
    const seen: Row[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i += 1) {
      const res = (await rt.invoke(
        'member',
        { action: 'list', data: { orgId: OWN, limit: 5, ...(cursor ? { cursor } : {}) } },
        SECRETARY,
      )) as Page;
      expect(JSON.stringify(res)).not.toMatch(/demo-(member|secretary|committee|admin)/);
      seen.push(...res.data.members);
      if (!res.data.nextCursor) break;
      cursor = res.data.nextCursor;
    }
    expect(seen).toHaveLength(13);
    expect(new Set(seen.map((r) => r.memberId)).size).toBe(13);
    // In pinyin order, as a Chinese reader expects (陈 before 黄), checked against ICU's pinyin collation.
    const names = seen.map((r) => r.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN-u-co-pinyin').compare));
    expect(names).not.toEqual([...names].sort());
  });

  it('finds members by part of a name, or by a whole phone number through its keyed hash; phones stay masked', async () => {
    const rt = await demoRuntime();
    await consented(rt, 'demo-member-03');
    await ok(rt, 'archive', 'updateMine', { phone: '13800001234' }, { openid: 'demo-member-03' });
    const byPhone = (await rt.invoke('member', { action: 'list', data: { orgId: OWN, q: '138 0000 1234' } }, SECRETARY)) as Page;
    expect(byPhone.data.members).toHaveLength(1);
    expect(byPhone.data.members[0]).toMatchObject({ memberId: 'm-demo-007', phoneMasked: '138****1234' });
    expect(JSON.stringify(byPhone)).not.toContain('13800001234');
    const name = byPhone.data.members[0]!.name;
    const byName = (await rt.invoke('member', { action: 'list', data: { orgId: OWN, q: name.slice(1) } }, SECRETARY)) as Page;
    expect(byName.data.members.map((r) => r.name)).toContain(name);
  });
});

describe('Excel import', () => {
  it('imports a whole roster, which then appears in the directory and the member count', async () => {
    const rt = await demoRuntime();
    const file = await rosterFile([
      ['赵雅静', '女', phoneOf(1), '', '正式党员', '2015-07-01'],
      ['钱振宇', '男', phoneOf(2), '999999199003070012', '预备党员', '2026-01-10'],
      ['孙慧敏', '女', '', '', '', ''],
    ]);
    const res = await rt.invoke('member', { action: 'import', data: { orgId: OWN, fileID: await upload(rt, file) } }, SECRETARY);
    expect(res).toEqual({ ok: true, data: { imported: 3 } });
    expect(await rt.invoke('branch', { action: 'home' }, SECRETARY)).toMatchObject({ data: { memberCount: 16 } });
    // Imported names take their place in pinyin order among the others.
    const all = (await rt.invoke('member', { action: 'list', data: { orgId: OWN, limit: 100 } }, SECRETARY)) as Page;
    const names = all.data.members.map((m) => m.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN-u-co-pinyin').compare));
    const page = (await rt.invoke('member', { action: 'list', data: { orgId: OWN, q: '钱振宇' } }, SECRETARY)) as Page;
    expect(page.data.members[0]).toMatchObject({ phoneMasked: '138****0002', onWeChat: false });
    const dump = JSON.stringify(await snapshot(rt));
    expect(dump).not.toContain(phoneOf(2));
    expect(dump).not.toContain('999999199003070012');
  });

  it('accepts only an uploaded .xlsx, and removes the upload (plain-text phones) once read', async () => {
    const rt = await demoRuntime();
    for (const fileID of [
      'cloud://local.zhibu/exports/members.xlsx',
      'cloud://local.zhibu/uploads/../exports/a-file.xlsx',
      'not-a-file-id',
    ]) {
      expect(await rt.invoke('member', { action: 'import', data: { orgId: OWN, fileID } }, SECRETARY)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: expect.stringContaining('.xlsx'),
      });
    }
    const good = await upload(rt, await rosterFile([['赵雅静', '女', phoneOf(1), '', '正式党员', '2015-07-01']]));
    const bad = await upload(rt, await rosterFile([['钱', '男', '12345', '', '', '']]));
    expect(await rt.invoke('member', { action: 'import', data: { orgId: OWN, fileID: good } }, SECRETARY)).toMatchObject({ ok: true });
    expect(await rt.invoke('member', { action: 'import', data: { orgId: OWN, fileID: bad } }, SECRETARY)).toMatchObject({ ok: false });
    for (const fileID of [good, bad]) await expect(rt.platform.storage().downloadFile({ fileID })).rejects.toThrow();
    expect(await rt.invoke('member', { action: 'import', data: { orgId: OWN, fileID: good } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it('one bad row imports nothing and reports each bad row by number', async () => {
    const rt = await demoRuntime();
    const file = await rosterFile([
      ['赵雅静', '女', phoneOf(1), '', '正式党员', '2015-07-01'],
      ['钱', '男', '12345', '', '党员', '2015-13-45'],
      ['孙慧敏', '女', phoneOf(1), '', '', ''],
    ]);
    const fileID = await upload(rt, file);
    const before = await snapshot(rt);
    const res = await rt.invoke('member', { action: 'import', data: { orgId: OWN, fileID } }, SECRETARY);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const issues = (res as { issues: string[] }).issues;
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^第 3 行：姓名应为 2-20 个字；性别|^第 3 行：姓名/);
    expect(issues[0]).toContain('手机号格式不正确');
    expect(issues[0]).toContain('党员状态应为');
    expect(issues[1]).toBe('第 4 行：手机号与第 2 行重复');
    expect(await snapshot(rt)).toEqual(before);
  });

  it('refuses a sheet that is not the template, and people already in the branch', async () => {
    const rt = await demoRuntime();
    const wrong = await rosterFile([['赵雅静', '女']], ['名字', '性别']);
    expect(await rt.invoke('member', { action: 'import', data: { orgId: OWN, fileID: await upload(rt, wrong) } }, SECRETARY)).toMatchObject(
      {
        ok: false,
        code: 'INVALID_INPUT',
        issues: [expect.stringContaining('表头应为')],
      },
    );
    await consented(rt, 'demo-member-03');
    await ok(rt, 'archive', 'updateMine', { phone: phoneOf(9) }, { openid: 'demo-member-03' });
    const dup = await rosterFile([['周晓明', '男', phoneOf(9), '', '', '']]);
    expect(await rt.invoke('member', { action: 'import', data: { orgId: OWN, fileID: await upload(rt, dup) } }, SECRETARY)).toMatchObject({
      ok: false,
      issues: ['第 2 行：该党员已在本支部'],
    });
  });

  it('a template to fill in, and the directory exported with phones masked, audited', async () => {
    const rt = await demoRuntime();
    await consented(rt, 'demo-member-03');
    await ok(rt, 'archive', 'updateMine', { phone: phoneOf(7) }, { openid: 'demo-member-03' });
    const tpl = (await rt.invoke('member', { action: 'importTemplate', data: { orgId: OWN } }, SECRETARY)) as {
      ok: true;
      data: { url: string };
    };
    expect(tpl.data.url).toMatch(/\/storage\/exports\/[0-9a-f]{32}\.xlsx\?e=\d+&s=/);
    const res = (await rt.invoke('member', { action: 'export', data: { orgId: OWN } }, SECRETARY)) as {
      ok: true;
      data: { url: string; count: number };
    };
    expect(res.data.count).toBe(13);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readStored(rt, res.data.url)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(14);
    const phones = sheet.getColumn(5).values.filter((v): v is string => typeof v === 'string' && v.startsWith('138'));
    expect(phones).toEqual(['138****0007']);
    const log = (await rt.invoke('audit', { action: 'list', data: { orgId: OWN } }, SECRETARY)) as {
      data: { entries: { action: string; summary: string }[] };
    };
    expect(log.data.entries[0]).toMatchObject({ action: 'member.export', summary: '导出了党员名册（13 人）' });
  });
});
