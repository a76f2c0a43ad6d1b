import { localCloudID } from '../../local/openapi';
import { toCroner } from '../../local/timers';
import { demoRuntime } from '../helpers/runtime';

describe('the local content check', () => {
  it('flags the words configured with ZHIBU_BLOCKED_WORDS as well as the default', async () => {
    const { readConfig } = await import('../../local/config');
    const { createRuntime, quietLogger } = await import('../../local/runtime');
    const config = readConfig({ ZHIBU_BLOCKED_WORDS: '敏感词甲， 敏感词乙' } as unknown as NodeJS.ProcessEnv);
    expect(config.blockedWords).toEqual(['违规测试', '敏感词甲', '敏感词乙']);
    const rt = createRuntime({ dataDir: ':memory:', log: quietLogger, blockedWords: config.blockedWords });
    const check = (content: string) => rt.platform.openapi().checkText({ content, openid: 'o', scene: 2 });
    expect(await check('这里有敏感词乙')).toMatchObject({ pass: false });
    expect(await check('这是违规测试')).toMatchObject({ pass: false });
    expect(await check('正常的学习体会')).toEqual({ pass: true });
    rt.close();
  });
});

describe('open-API stand-ins record what they were asked', () => {
  it('mini-program code, subscribe message, content check, updatable message, cloudID', async () => {
    const rt = await demoRuntime();
    const api = rt.platform.openapi();
    const code = await api.getUnlimitedQRCode({ scene: 'a=1', page: 'pages/home/index' });
    expect(code.contentType).toBe('image/png');
    expect(code.buffer.subarray(1, 4).toString()).toBe('PNG');
    await api.sendSubscribeMessage({ touser: 'demo-member-01', templateId: 'tpl', data: { thing1: { value: '主题党日' } } });
    expect(await api.checkText({ content: '正常内容', openid: 'o', scene: 2 })).toEqual({ pass: true });
    expect(await api.checkText({ content: '这是违规测试文本', openid: 'o', scene: 2 })).toMatchObject({ pass: false });
    const { activityId } = await api.createActivityId({ openid: 'o' });
    await api.setUpdatableMsg({ activityId, targetState: 0, parameters: [{ name: 'member_count', value: '3' }] });
    expect(await api.resolveCloudID(localCloudID({ openGId: 'G123' }))).toEqual({ openGId: 'G123' });
    await expect(api.resolveCloudID('garbage')).rejects.toThrow();

    const { data } = await rt.db.collection('dev_openapi_calls').orderBy('at', 'asc').get();
    expect(data.map((d: { api: string }) => d.api).sort()).toEqual(
      [
        'cloudID.resolve',
        'security.msgSecCheck',
        'security.msgSecCheck',
        'subscribeMessage.send',
        'updatableMessage.createActivityId',
        'updatableMessage.setUpdatableMsg',
        'wxacode.getUnlimited',
      ].sort(),
    );
  });
});

describe('storage stand-in', () => {
  it('uploads, lists a temp URL, downloads and deletes', async () => {
    const rt = await demoRuntime();
    const storage = rt.platform.storage();
    const { fileID } = await storage.uploadFile({ cloudPath: 'avatars/a.txt', fileContent: Buffer.from('你好') });
    expect(fileID).toBe('cloud://local.zhibu/avatars/a.txt');
    const urls = await storage.getTempFileURL({ fileList: [fileID], maxAge: 600 });
    expect(urls.fileList[0]!.tempFileURL).toMatch(/\/storage\/avatars\/a\.txt\?e=\d+&s=[\w-]+$/);
    expect((await storage.downloadFile({ fileID })).fileContent!.toString()).toBe('你好');
    await storage.deleteFile({ fileList: [fileID] });
    await expect(storage.downloadFile({ fileID })).rejects.toThrow();
    await expect(storage.uploadFile({ cloudPath: '../../escape', fileContent: Buffer.from('x') })).rejects.toThrow();
  });
});

it('CloudBase 7-field cron becomes croner 6-field', () => {
  expect(toCroner('0 5 0 * * * *')).toBe('0 5 0 * * *');
  expect(() => toCroner('0 5 0 * * * 2027')).toThrow();
  expect(() => toCroner('5 0 * *')).toThrow();
});

it('timer triggers are scheduled on Beijing time', async () => {
  const rt = await demoRuntime();
  const { startTimers } = await import('../../local/timers');
  const timers = startTimers(rt);
  try {
    const next = timers.jobs[0]!.nextRun(new Date('2026-11-28T10:00:00Z'));
    // 00:05 in Shanghai is 16:05 UTC the day before.
    expect(next?.toISOString()).toBe('2026-11-28T16:05:00.000Z');
  } finally {
    timers.stop();
  }
});
