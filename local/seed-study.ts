import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uploadFolder } from '../cloudfunctions/common/files';
import type { Runtime } from './runtime';

/**
 * Demo learning: courses written, filled and published through the functions, as a secretary would,
 * with a short audio and video made for the demo (synthetic speech, see local/demo-media), and one
 * 必学. All text is made up.
 */
const MEDIA = join(__dirname, 'demo-media');

async function call<T>(runtime: Runtime, fn: string, action: string, data: object, openid: string): Promise<T> {
  const res = await runtime.invoke(fn, { action, data }, { openid });
  if (!res.ok) throw new Error(`demo study ${fn}.${action}: ${res.message}`);
  return res.data as T;
}

/** An upload in the editor's own folder, as the mini program would make one. */
async function uploaded(runtime: Runtime, openid: string, file: string): Promise<string> {
  const ext = file.slice(file.lastIndexOf('.'));
  const cloudPath = `${uploadFolder(runtime.platform.keys(), openid)}/${randomBytes(12).toString('hex')}${ext}`;
  return (await runtime.platform.storage().uploadFile({ cloudPath, fileContent: readFileSync(join(MEDIA, file)) })).fileID;
}

const paragraph = (text: string) => ({ type: 'paragraph', text });

async function course(
  runtime: Runtime,
  by: string,
  orgId: string,
  post: Record<string, unknown>,
  lessons: (() => Promise<Record<string, unknown>>)[],
): Promise<string> {
  const { id } = await call<{ id: string }>(runtime, 'post', 'create', { orgId, kind: 'course', ...post }, by);
  for (const lesson of lessons) await call(runtime, 'study', 'saveLesson', { courseId: id, lesson: await lesson() }, by);
  await call(runtime, 'post', 'publish', { postId: id }, by);
  return id;
}

/** Adds the demo courses once (when there are none) and a 必学 for the first branch. */
export async function seedDemoStudy(runtime: Runtime, now: Date): Promise<number> {
  const { total } = await runtime.db.collection('lessons').count();
  if (total > 0) return 0;
  const admin = 'demo-admin';
  const secretary = 'demo-secretary';
  const tenLessons = await course(
    runtime,
    admin,
    'org-xh-committee',
    {
      title: '新时代党支部工作十讲',
      tags: ['理论', '业务'],
      featured: true,
      audience: { kind: 'subtree' },
      body: [paragraph('面向各党支部书记和党员的系列课：支部的基本任务、组织生活、党员教育管理。可以读、可以听、可以看。')],
    },
    [
      async () => ({
        kind: 'article',
        title: '第一讲 支部的基本任务',
        body: [
          { type: 'heading', text: '学习要点' },
          paragraph('党支部是党的基础组织，是党在社会基层组织中的战斗堡垒，是党的全部工作和战斗力的基础。'),
          paragraph(
            '支部的基本任务包括：宣传和执行党的路线方针政策；组织党员认真学习；对党员进行教育、管理、监督和服务；密切联系群众；发现、培养和推荐优秀人才。',
          ),
          paragraph('本讲为演示内容，文字均为虚构。读到末尾并读满规定时间，才算学完这一课。'),
        ],
      }),
      async () => ({ kind: 'audio', title: '第二讲 听：支部工作的基本要求', file: await uploaded(runtime, admin, 'lesson-audio.mp3') }),
      async () => ({ kind: 'video', title: '第三讲 看：三会一课', file: await uploaded(runtime, admin, 'lesson-video.mp4') }),
    ],
  );
  await course(
    runtime,
    secretary,
    'org-xh-branch-rd',
    {
      title: '身边的榜样：研发中心优秀党员事迹',
      tags: ['身边榜样'],
      audience: { kind: 'unit' },
      body: [paragraph('讲述支部里几位党员的故事（人物与事迹均为虚构）。')],
    },
    [
      async () => ({
        kind: 'article',
        title: '坚守一线的老党员',
        body: [paragraph('他在技术岗位上工作了三十年，带出了二十多名徒弟，退休后仍坚持参加支部的志愿服务。')],
      }),
      async () => ({
        kind: 'article',
        title: '年轻党员的攻关故事',
        body: [paragraph('项目最紧张的三个月里，她带领小组连续攻关，把测试时间缩短了一半。')],
      }),
    ],
  );
  await course(
    runtime,
    admin,
    'org-xh-committee',
    {
      title: '党史小课堂',
      tags: ['党史'],
      audience: { kind: 'subtree' },
      body: [paragraph('每课几分钟，路上、做饭时都可以听。')],
    },
    [async () => ({ kind: 'audio', title: '第一课 听党史', file: await uploaded(runtime, admin, 'lesson-audio.mp3') })],
  );
  const due = new Date(now.getTime() + 10 * 24 * 3600 * 1000);
  await call(
    runtime,
    'study',
    'assign',
    {
      orgId: 'org-xh-branch-rd',
      courseId: tenLessons,
      audience: { kind: 'unit' },
      dueAt: new Date(`${due.toISOString().slice(0, 10)}T15:59:00.000Z`).toISOString(),
    },
    secretary,
  );
  return 3;
}
