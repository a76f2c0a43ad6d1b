import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Runtime } from '../../local/runtime';
import { RD } from './activity';
import { callPost, postInput } from './post';
import { ok, uploaded } from './runtime';

/** The demo media made for Zhibu (synthetic speech; see local/demo-media). */
export const DEMO_AUDIO = readFileSync(join(__dirname, '..', '..', 'local', 'demo-media', 'lesson-audio.mp3'));
export const DEMO_VIDEO = readFileSync(join(__dirname, '..', '..', 'local', 'demo-media', 'lesson-video.mp4'));

/** An article lesson of about 600 characters (a minute's reading at least). */
export function articleLesson(title = '第一课 支部的基本任务') {
  return {
    kind: 'article',
    title,
    body: [
      { type: 'heading', text: '学习要点' },
      {
        type: 'paragraph',
        text: '支部是党的基础组织，担负直接教育党员、管理党员、监督党员和组织群众、宣传群众、凝聚群众、服务群众的职责。'.repeat(10),
      },
    ],
  };
}

export async function audioLesson(rt: Runtime, by: string, title = '第二课 听党课') {
  return { kind: 'audio', title, file: await uploaded(rt, 'lesson.mp3', DEMO_AUDIO, by) };
}

export async function videoLesson(rt: Runtime, by: string, title = '第三课 看视频') {
  return { kind: 'video', title, file: await uploaded(rt, 'lesson.mp4', DEMO_VIDEO, by) };
}

/** A course (a post of kind `course`) with lessons, published by `by` (a leader of `orgId`) unless `publish` is false. */
export async function course(
  rt: Runtime,
  options: { orgId?: string; by?: string; lessons?: object[]; publish?: boolean; post?: Record<string, unknown> } = {},
): Promise<{ courseId: string; lessonIds: string[] }> {
  const by = options.by ?? 'demo-secretary';
  const orgId = options.orgId ?? RD;
  const draft = await callPost(
    rt,
    'create',
    {
      orgId,
      ...postInput({ kind: 'course', title: '支部书记讲党课', tags: ['理论'], body: [{ type: 'paragraph', text: '一门演示系列课。' }] }),
      ...options.post,
    },
    by,
  );
  const courseId = draft['id'] as string;
  const lessonIds: string[] = [];
  for (const lesson of options.lessons ?? [articleLesson()]) {
    lessonIds.push((await ok<{ lessonId: string }>(rt, 'study', 'saveLesson', { courseId, lesson }, { openid: by })).lessonId);
  }
  if (options.publish !== false) await callPost(rt, 'publish', { postId: courseId }, by);
  return { courseId, lessonIds };
}
