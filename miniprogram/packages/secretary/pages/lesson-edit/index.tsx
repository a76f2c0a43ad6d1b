import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { PostBlockView } from '../../../../../typings/domain';
import { LESSON_KIND_LABEL, LESSON_KINDS, type LessonDraft, type LessonKind } from '../../../../../typings/study';
import { Field, problemSummary, type Problems } from '../../../../components/field';
import { PageState } from '../../../../components/state-view';
import { api, ApiError } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { pickDocuments, pickMedia, upload } from '../../../../services/files';
import { clockTime } from '../../../../services/study';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { Choices } from '../../../../components/choices';
import { BodyEditor } from '../post-edit/body';

interface Picked {
  fileID: string;
  name: string;
  duration: number | null;
}

const FILE_HINT: Partial<Record<LessonKind, string>> = {
  audio: 'MP3 或 M4A，不超过 50 MB（从微信聊天中选择录音文件）',
  video: 'MP4，不超过 200 MB（从手机相册中选择）',
  document: 'PDF、Word 或 PPT，不超过 10 MB（党员用微信的文档查看器打开）',
};

/** One lesson of a 系列课: its kind, title and content — text, an audio or video file, a document, or a Channels video. */
export default function LessonEditPage() {
  const pageClass = usePageClass('lesson-edit');
  const params = useRouter().params;
  const lessonId = params['lessonId'] ?? '';
  // From a live lecture that has ended (its replay on Channels): the editor picks the course it joins.
  const replay = params['kind'] === 'channels';
  const [courseId, setCourseId] = useState(params['courseId'] ?? '');
  const courses = useApi(
    async () => (!params['courseId'] && params['orgId'] ? api.post.drafts({ orgId: params['orgId'] }) : null),
    [params['orgId'], params['courseId']],
  );
  const existing = useApi(async () => (lessonId ? api.study.lesson({ lessonId }) : null), [lessonId]);
  const [kind, setKind] = useState<LessonKind>(replay ? 'channels' : 'article');
  const [title, setTitle] = useState(params['title'] ?? '');
  const [body, setBody] = useState<PostBlockView[]>([{ type: 'paragraph', text: '' }]);
  const [file, setFile] = useState<Picked | null>(null);
  const [minutes, setMinutes] = useState('5');
  const [finder, setFinder] = useState(params['finder'] ?? '');
  const [feedId, setFeedId] = useState('');
  const [live, setLive] = useState(false);
  const [tried, setTried] = useState(false);
  const [uploadError, setUploadError] = useState('');
  const [uploading, setUploading] = useState(false);
  const saving = useAction();

  useEffect(() => {
    const d: LessonDraft | null | undefined = existing.data;
    if (!d) return;
    void Taro.setNavigationBarTitle({ title: '编辑课时' });
    setKind(d.kind);
    setTitle(d.title);
    if (d.body.length) setBody(d.body);
    setFile(d.file ? { fileID: d.file.fileID, name: d.file.name, duration: d.file.duration } : null);
    setMinutes(String(d.minutes));
    setFinder(d.channels?.finderUserName ?? '');
    setFeedId(d.channels?.feedId ?? '');
    setLive(d.channels?.live ?? false);
  }, [existing.data]);

  async function choose() {
    setUploadError('');
    const picked = kind === 'document' ? (await pickDocuments(1))[0] : kind === 'audio' || kind === 'video' ? await pickMedia(kind) : null;
    if (!picked) return;
    setUploading(true);
    try {
      const allowed =
        kind === 'audio'
          ? (['mp3', 'm4a'] as const)
          : kind === 'video'
            ? (['mp4'] as const)
            : (['pdf', 'doc', 'docx', 'ppt', 'pptx'] as const);
      const fileID = await upload(picked, [...allowed]);
      setFile({ fileID, name: picked.name.replace(/^.*[\\/]/, ''), duration: null });
    } catch (e) {
      setUploadError(e instanceof ApiError ? e.message : '上传失败，请重试');
    } finally {
      setUploading(false);
    }
  }

  const blocks = body
    .filter((b) => b.type === 'image' || b.type === 'link' || b.text.trim())
    .map((b) =>
      b.type === 'image' ? { type: 'image' as const, fileID: b.fileID, ...(b.caption?.trim() ? { caption: b.caption.trim() } : {}) } : b,
    );
  const mins = Number(minutes);
  const problems: Problems<'course' | 'title' | 'content' | 'minutes'> = {
    course: courseId ? null : '请选择要加入的系列课',
    title: title.trim().length < 2 ? '请填写标题，至少 2 个字' : null,
    content:
      kind === 'article'
        ? blocks.some((b) => b.type !== 'link')
          ? null
          : '请填写正文，至少一段文字或一张图片'
        : kind === 'channels'
          ? /^sph[0-9A-Za-z_-]{3,40}$/.test(finder.trim())
            ? null
            : '请填写视频号 ID（以 sph 开头，可在视频号助手中查看）'
          : file
            ? null
            : `请选择${LESSON_KIND_LABEL[kind]}文件`,
    minutes:
      (kind === 'document' || kind === 'channels') && !(Number.isInteger(mins) && mins >= 1 && mins <= 120)
        ? '请填写 1 到 120 之间的分钟数'
        : null,
  };
  const labels = { course: '系列课', title: '标题', content: '内容', minutes: '学习时长' };
  const summary = tried ? problemSummary(problems, labels) : null;

  function lesson() {
    const t = title.trim();
    switch (kind) {
      case 'article':
        return { kind, title: t, body: blocks };
      case 'audio':
      case 'video':
        return { kind, title: t, file: file!.fileID };
      case 'document':
        return { kind, title: t, file: file!.fileID, name: file!.name, minutes: mins };
      case 'channels':
        return { kind, title: t, finderUserName: finder.trim(), feedId: feedId.trim() || null, live, minutes: mins };
    }
  }

  async function save() {
    setTried(true);
    if (problemSummary(problems, labels)) return;
    const r = await saving.run(() => api.study.saveLesson({ courseId, ...(lessonId ? { lessonId } : {}), lesson: lesson() }), '已保存');
    if (r) await Taro.navigateBack();
  }

  if (lessonId && !existing.data) return <PageState state={existing} />;
  const err = (k: keyof typeof problems) => (tried ? (problems[k] ?? null) : null);
  const courseChoices = (courses.data?.posts ?? []).filter((p) => p.kind === 'course');
  return (
    <View className={pageClass}>
      {!params['courseId'] && (
        <View className='zb-card zb-stack' id='lesson-course'>
          <Field id='field-lesson-course' label='加入哪门系列课' required plain error={err('course')}>
            <View className='zb-stack'>
              {courses.data && courseChoices.length === 0 && (
                <Text className='zb-muted'>本组织还没有系列课，请先在“写稿与审核”中新建一门。</Text>
              )}
              {courseChoices.map((c) => (
                <View
                  key={c.id}
                  id={`lesson-course-${c.id}`}
                  className={`zb-option${courseId === c.id ? ' zb-option--on' : ''}`}
                  onClick={() => setCourseId(c.id)}
                >
                  <Text className='zb-option__title'>{c.title}</Text>
                </View>
              ))}
            </View>
          </Field>
        </View>
      )}
      <View className='zb-card zb-stack'>
        <Field id='field-lesson-kind' label='课时类型' required plain>
          <Choices
            id='lesson-kind'
            options={LESSON_KINDS.map((k) => [k, LESSON_KIND_LABEL[k]])}
            value={kind}
            onChange={(k) => {
              setKind(k);
              setFile(null);
            }}
          />
        </Field>
        <Field id='field-lesson-title' label='标题' required error={err('title')}>
          <Input id='lesson-title' value={title} onChange={setTitle} placeholder='如：第一课 支部的基本任务' maxLength={40} />
        </Field>
        {kind === 'article' && (
          <Field
            id='field-lesson-text'
            label='正文'
            required
            plain
            error={err('content')}
            hint='党员读到末尾、且读够按字数计算的时间（每秒 10 字，至少 30 秒），才算学完。'
          >
            <BodyEditor orgId='' links={false} value={body} onChange={setBody} />
          </Field>
        )}
        {(kind === 'audio' || kind === 'video' || kind === 'document') && (
          <Field
            id='field-lesson-file'
            label={`${LESSON_KIND_LABEL[kind]}文件`}
            required
            plain
            error={err('content') ?? (uploadError || null)}
            hint={FILE_HINT[kind]}
          >
            <View className='zb-stack'>
              {file && (
                <Text className='zb-quote' id='lesson-file'>
                  {file.name}
                  {file.duration ? `（${clockTime(file.duration)}）` : ''}
                </Text>
              )}
              <Button id='lesson-choose' size='large' block loading={uploading} onClick={() => void choose()}>
                {file ? '换一个文件' : `选择${LESSON_KIND_LABEL[kind]}文件`}
              </Button>
            </View>
          </Field>
        )}
        {kind === 'channels' && (
          <>
            <Field
              id='field-lesson-finder'
              label='视频号 ID'
              required
              error={err('content')}
              hint='以 sph 开头，在“视频号助手 → 账号设置”中查看'
            >
              <Input id='lesson-finder' value={finder} onChange={setFinder} placeholder='sphXXXXXXXX' maxLength={44} />
            </Field>
            <Field id='field-lesson-live' label='内容' required plain>
              <Choices
                id='lesson-live'
                options={[
                  ['video', '一条视频'],
                  ['live', '直播'],
                ]}
                value={live ? 'live' : 'video'}
                onChange={(v) => setLive(v === 'live')}
              />
            </Field>
            {!live && (
              <Field id='field-lesson-feed' label='视频 ID（feedId）' hint='在视频号助手中复制；不填则打开视频号主页'>
                <Input id='lesson-feed' value={feedId} onChange={setFeedId} placeholder='可不填' maxLength={200} />
              </Field>
            )}
          </>
        )}
        {(kind === 'document' || kind === 'channels') && (
          <Field
            id='field-lesson-minutes'
            label='学习时长（分钟）'
            required
            error={err('minutes')}
            hint='党员在这一课上学够这么久，才算学完'
          >
            <Input id='lesson-minutes' type='number' value={minutes} onChange={setMinutes} maxLength={3} />
          </Field>
        )}
      </View>
      <View className='zb-actions'>
        <Button id='lesson-save' type='primary' size='large' block loading={saving.busy} onClick={() => void save()}>
          保存课时
        </Button>
        {summary && (
          <Text className='zb-error' id='lesson-missing'>
            {summary}
          </Text>
        )}
        {saving.error && (
          <Text className='zb-error' id='lesson-error'>
            {saving.error}
          </Text>
        )}
      </View>
    </View>
  );
}
