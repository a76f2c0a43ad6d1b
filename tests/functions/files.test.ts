/**
 * The one path files take (cloudfunctions/common/files.ts): uploads belong to their uploader, stored
 * files are reached only through short-lived URLs, exports go after their retention or with the
 * person they are about, and pictures are decoded and re-encoded before they are kept.
 */
import jpeg from 'jpeg-js';
import { PNG as PNGLib } from 'pngjs';
import { EXPORT_RETENTION_MS } from '../../cloudfunctions/common/files';
import { clock, createActivity, RD, SECRETARY } from '../helpers/activity';
import { phoneOf, rosterFile } from '../helpers/excel';
import { consented, demoRuntime, inStorage, JPEG, ok, PNG, readStored, snapshot, storedFileOf, uploaded } from '../helpers/runtime';

type Rt = Awaited<ReturnType<typeof demoRuntime>>;
const MEMBER = { openid: 'demo-member-01' }; // 第一支部
const OTHER_MEMBER = { openid: 'demo-member-12' }; // 第二支部
const OTHER_SECRETARY = { openid: 'demo-secretary-2' }; // 第二支部书记

const exportsLeft = async (rt: Rt) => (await rt.db.collection('exports').count()).total;

describe('an upload belongs to whoever uploaded it', () => {
  it('another branch’s secretary cannot import a roster someone else just uploaded; it stays, and its uploader’s import then works', async () => {
    const rt = await demoRuntime();
    const roster = await rosterFile([['赵雅静', '女', phoneOf(61), '', '正式党员', '2015-07-01']]);
    const fileID = await uploaded(rt, 'roster-file.xlsx', roster, SECRETARY.openid);
    const before = await snapshot(rt);
    const stolen = await rt.invoke('member', { action: 'import', data: { orgId: 'org-xh-branch-mk', fileID } }, OTHER_SECRETARY);
    expect(stolen).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '没有找到上传的文件，请重新上传' });
    expect(await snapshot(rt)).toEqual(before);
    expect(await inStorage(rt, fileID)).toBe(true);
    expect(await rt.invoke('member', { action: 'import', data: { orgId: RD, fileID } }, SECRETARY)).toEqual({
      ok: true,
      data: { imported: 1 },
    });
    expect(await inStorage(rt, fileID)).toBe(false);
  });

  it('a member of another branch cannot make someone’s pending upload their archive photo; its uploader still can', async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    await consented(rt, OTHER_MEMBER.openid);
    const fileID = await uploaded(rt, 'photo-file.png', PNG, MEMBER.openid);
    expect(await rt.invoke('archive', { action: 'setPhoto', data: { fileID } }, OTHER_MEMBER)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await inStorage(rt, fileID)).toBe(true);
    expect(await rt.invoke('archive', { action: 'setPhoto', data: { fileID } }, MEMBER)).toMatchObject({
      ok: true,
      data: { photoUrl: expect.stringContaining('/storage/photos/') },
    });
  });

  it('someone else’s upload is refused as an activity image or a post attachment, and left for its owner', async () => {
    const rt = await demoRuntime();
    const image = await uploaded(rt, 'image-file.png', PNG, 'demo-committee');
    const res = await rt.invoke(
      'activity',
      { action: 'create', data: { ...(await import('../helpers/activity')).activityInput({ images: [image] }) } },
      SECRETARY,
    );
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '图片无效，请重新上传' });
    const pdf = await uploaded(rt, 'attachment-file.pdf', Buffer.from('%PDF-1.4 test'), 'demo-committee');
    const { postInput } = await import('../helpers/post');
    const post = await rt.invoke(
      'post',
      { action: 'create', data: { orgId: RD, ...postInput({ attachments: [{ fileID: pdf, name: '通知.pdf' }] }) } },
      SECRETARY,
    );
    expect(post).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '附件无效，请重新上传' });
    expect(await inStorage(rt, image)).toBe(true);
    expect(await inStorage(rt, pdf)).toBe(true);
  });
});

describe('pictures are decoded and re-encoded before they are kept', () => {
  /** A JPEG carrying an EXIF segment with a location, as phones write them. */
  function jpegWithExif(): Buffer {
    const exif = Buffer.concat([Buffer.from('Exif\0\0'), Buffer.from('GPSLatitude=39.9042;GPSLongitude=116.4074;SerialNumber=PHONE-123')]);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), Buffer.from([(exif.length + 2) >> 8, (exif.length + 2) & 0xff]), exif]);
    const plain = jpeg.encode({ width: 8, height: 8, data: Buffer.alloc(8 * 8 * 4, 180) }, 90).data;
    return Buffer.concat([plain.subarray(0, 2), app1, plain.subarray(2)]);
  }

  it('the phone’s EXIF (its location, its serial number) is not stored with an archive photo', async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    const original = jpegWithExif();
    expect(original.includes('GPSLatitude')).toBe(true);
    const fileID = await uploaded(rt, 'photo-file.jpg', original, MEMBER.openid);
    const res = (await rt.invoke('archive', { action: 'setPhoto', data: { fileID } }, MEMBER)) as { ok: true; data: { photoUrl: string } };
    expect(res.ok).toBe(true);
    const stored = await readStored(rt, res.data.photoUrl);
    expect(stored.includes('GPSLatitude')).toBe(false);
    expect(stored.includes('PHONE-123')).toBe(false);
    expect(jpeg.decode(stored).width).toBe(8);
  });

  it('a file that only starts like a PNG or JPEG, or a truncated one, is refused and nothing is kept', async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    const before = await snapshot(rt);
    const png = PNGLib.sync.write(Object.assign(new PNGLib({ width: 16, height: 16 }), { data: Buffer.alloc(16 * 16 * 4, 90) }));
    for (const [name, content] of [
      ['fake-file.png', Buffer.concat([PNG.subarray(0, 8), Buffer.from('<script>alert(1)</script>')])],
      ['trunc-file.png', png.subarray(0, png.length - 30)],
      ['fake-file.jpg', Buffer.concat([JPEG.subarray(0, 3), Buffer.from('<svg onload=alert(1)>')])],
    ] as const) {
      const fileID = await uploaded(rt, name, content, MEMBER.openid);
      expect([name, await rt.invoke('archive', { action: 'setPhoto', data: { fileID } }, MEMBER)]).toMatchObject([
        name,
        { ok: false, code: 'INVALID_INPUT', message: '请上传 JPG 或 PNG 格式的图片' },
      ]);
    }
    expect(await snapshot(rt)).toEqual(before);
  });
});

describe('exports', () => {
  it('are deleted, file and record, once their retention has passed — by the cleanup timer, not before', async () => {
    const c = clock('2026-12-01T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const res = (await rt.invoke('member', { action: 'export', data: { orgId: RD } }, SECRETARY)) as { ok: true; data: { url: string } };
    const fileID = storedFileOf(res.data.url);
    expect(await exportsLeft(rt)).toBe(1);
    c.advance(EXPORT_RETENTION_MS - 60_000);
    expect(await rt.fireTimer('system', 'cleanup')).toEqual({ ok: true, data: null });
    expect(await inStorage(rt, fileID)).toBe(true);
    c.advance(2 * 60_000);
    expect(await rt.fireTimer('system', 'cleanup')).toEqual({ ok: true, data: null });
    expect(await inStorage(rt, fileID)).toBe(false);
    expect(await exportsLeft(rt)).toBe(0);
  });

  it('a member’s own data export (full phone and ID) is erased with the rest of their data, at once', async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    await ok(rt, 'archive', 'updateMine', { phone: phoneOf(77) }, MEMBER);
    const res = (await rt.invoke('privacy', { action: 'exportMine' }, MEMBER)) as { ok: true; data: { url: string } };
    expect((await readStored(rt, res.data.url)).toString()).toContain(phoneOf(77));
    // Another member's export is theirs, and stays.
    await consented(rt, OTHER_MEMBER.openid);
    const other = (await rt.invoke('privacy', { action: 'exportMine' }, OTHER_MEMBER)) as { ok: true; data: { url: string } };
    expect(await rt.invoke('privacy', { action: 'deleteMine', data: { confirm: '删除我的个人信息' } }, MEMBER)).toEqual({
      ok: true,
      data: { deleted: true },
    });
    expect(await inStorage(rt, storedFileOf(res.data.url))).toBe(false);
    expect(await inStorage(rt, storedFileOf(other.data.url))).toBe(true);
    expect(JSON.stringify(await snapshot(rt))).not.toContain(storedFileOf(res.data.url));
  });

  it('a check-in mini-program code is stored under a name no client can predict, and only the current one is kept', async () => {
    const c = clock('2026-12-10T05:50:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt);
    const first = (await rt.invoke('checkin', { action: 'wxacode', data: { activityId: id } }, SECRETARY)) as {
      ok: true;
      data: { url: string };
    };
    expect(first.data.url).toMatch(/\/storage\/checkin-codes\/[0-9a-f]{32}\.png\?e=\d+&s=/);
    expect(first.data.url).not.toContain(id);
    c.advance(60_000);
    const next = (await rt.invoke('checkin', { action: 'wxacode', data: { activityId: id } }, SECRETARY)) as {
      ok: true;
      data: { url: string };
    };
    expect(storedFileOf(next.data.url)).not.toBe(storedFileOf(first.data.url));
    expect(await inStorage(rt, storedFileOf(first.data.url))).toBe(false);
  });
});
