import { useEffect, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  POST_KIND_LABEL,
  POST_KINDS,
  LEADER_ROLES,
  POST_STATUS_LABEL,
  PUBLIC_POST_KINDS,
  type AttachmentView,
  type ImageRef,
  type PostAudience,
  type PostBlockView,
  type PostDraft,
  type PostKind,
  STUDY_POST_KINDS,
} from '../../../../../typings/domain';
import type { StudyTag } from '../../../../../typings/study';
import { BodyEditor } from './body';
import { CourseLessons, StudyMarks } from './lessons';
import { inShanghai, shanghaiDay } from '../../../../../typings/time';
import { Field, problemSummary, type Problems } from '../../../../components/field';
import { ImageEditor } from '../../../../components/image-grid';
import { confirmDestructive } from '../../../../services/confirm';
import { PageState } from '../../../../components/state-view';
import { api, ApiError } from '../../../../services/api';
import { pickDocuments, upload } from '../../../../services/files';
import { session } from '../../../../services/session';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { AudiencePicker } from '../activity-edit/audience';
import { Choices } from '../../../../components/choices';
import './index.scss';
import { pageUrl } from '../../../../../typings/pages';
import { usePageClass } from '../../../../services/care';

/** A Beijing-time day (and clock time) as an instant. */
const instant = (day: string, time = '00:00') => new Date(`${day}T${time}:00+08:00`).toISOString();
const endOfDay = (day: string) => new Date(`${day}T23:59:00+08:00`).toISOString();
/** Attachments: PDF, Word, Excel, PowerPoint, opened with WeChat's document viewer. */
function AttachmentsEditor({ value, onChange }: { value: AttachmentView[]; onChange: (a: AttachmentView[]) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function add() {
    setError('');
    const files = await pickDocuments(10 - value.length);
    if (files.length === 0) return;
    setBusy(true);
    const added: AttachmentView[] = [];
    try {
      for (const f of files) {
        const fileID = await upload(f, ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx']);
        const ext = fileID.slice(fileID.lastIndexOf('.') + 1) as AttachmentView['ext'];
        added.push({ fileID, name: f.name.replace(/^.*[\\/]/, ''), size: f.size, ext, url: '' });
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '上传失败，请重试');
    } finally {
      setBusy(false);
      if (added.length) onChange([...value, ...added]);
    }
  }
  return (
    <View className='zb-stack' id='edit-attachments'>
      {value.map((a, i) => (
        <View key={a.fileID} className='zb-row post-edit__attachment'>
          <Text className='zb-grow'>
            {a.name}（{a.ext.toUpperCase()}）
          </Text>
          <Text
            className='post-edit__op post-edit__op--danger'
            id={`attachment-${i}-remove`}
            onClick={() => onChange(value.filter((x) => x.fileID !== a.fileID))}
          >
            删除
          </Text>
        </View>
      ))}
      {value.length < 10 && (
        <>
          <Button id='add-attachment' loading={busy} onClick={() => void add()}>
            + 添加附件
          </Button>
          <Text className='zb-muted'>PDF、Word、Excel 或 PPT，每个不超过 10 MB，最多 10 个</Text>
        </>
      )}
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}

function DayPicker({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (d: string) => void }) {
  return (
    <Picker mode='date' value={value} start={shanghaiDay(new Date())} onChange={(e) => onChange(e.detail.value)}>
      <View className='zb-quote' id={id}>
        {label}：{value}
      </View>
    </Picker>
  );
}

/** 写稿件: a post from draft to review to publication; for a published one, a correction or a withdrawal. */
export default function PostEditPage() {
  const pageClass = usePageClass('post-edit');
  const { params } = useRouter();
  const [postId, setPostId] = useState(params['id'] ?? '');
  const [orgId, setOrgId] = useState(params['orgId'] ?? '');
  const me = useApi(() => session());
  const [kind, setKind] = useState<PostKind>(POST_KINDS.includes(params['kind'] as PostKind) ? (params['kind'] as PostKind) : 'notice');
  const [title, setTitle] = useState('');
  const [cover, setCover] = useState<ImageRef[]>([]);
  const [body, setBody] = useState<PostBlockView[]>([{ type: 'paragraph', text: '' }]);
  const [attachments, setAttachments] = useState<AttachmentView[]>([]);
  const [audience, setAudience] = useState<PostAudience>({ kind: 'unit' });
  const [isPublic, setPublic] = useState(false);
  const tomorrow = shanghaiDay(new Date(Date.now() + 24 * 3600 * 1000));
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [publishDay, setPublishDay] = useState(tomorrow);
  const [publishTime, setPublishTime] = useState('08:00');
  const [pin, setPin] = useState<'no' | 'yes'>('no');
  const [pinDay, setPinDay] = useState(shanghaiDay(new Date(Date.now() + 7 * 24 * 3600 * 1000)));
  const [mustRead, setMustRead] = useState<'no' | 'yes'>('no');
  const [mustReadDay, setMustReadDay] = useState(shanghaiDay(new Date(Date.now() + 3 * 24 * 3600 * 1000)));
  const [tags, setTags] = useState<StudyTag[]>([]);
  const [featured, setFeatured] = useState(false);
  const [note, setNote] = useState('');
  const [draft, setDraft] = useState<PostDraft | null>(null);
  const saving = useAction();
  const acting = useAction();

  function fill(d: PostDraft) {
    setDraft(d);
    setPostId(d.id);
    setOrgId(d.orgId);
    setKind(d.kind);
    setTitle(d.title);
    setCover(d.cover ? [d.cover] : []);
    setBody(d.body);
    setAttachments(d.attachments);
    setAudience(d.audience);
    setPublic(d.public);
    setTags(d.tags);
    setFeatured(d.featured);
    if (d.publishAt && Date.parse(d.publishAt) > Date.now()) {
      setWhen('later');
      setPublishDay(inShanghai(d.publishAt).format('YYYY-MM-DD'));
      setPublishTime(inShanghai(d.publishAt).format('HH:mm'));
    }
    setPin(d.pinnedUntil ? 'yes' : 'no');
    if (d.pinnedUntil) setPinDay(inShanghai(d.pinnedUntil).format('YYYY-MM-DD'));
    setMustRead(d.mustReadBy ? 'yes' : 'no');
    if (d.mustReadBy) setMustReadDay(inShanghai(d.mustReadBy).format('YYYY-MM-DD'));
  }
  // Editing: start from the post as it is; a link the caller cannot open says so instead of an empty form.
  const editing = params['id'] ?? '';
  const existing = useApi(async () => (editing ? api.post.draft({ postId: editing }) : null), [editing]);
  const [filled, setFilled] = useState(!editing);
  useEffect(() => {
    if (editing) void Taro.setNavigationBarTitle({ title: '编辑稿件' });
  }, [editing]);
  useEffect(() => {
    if (!existing.data) return;
    fill(existing.data);
    setFilled(true);
  }, [existing.data]);

  const leads = Boolean(me.data?.memberships.some((m) => LEADER_ROLES.includes(m.role) && (m.orgId === orgId || m.role === 'admin')));
  const status = draft?.status ?? 'draft';
  const published = status === 'published';
  const studyKind = STUDY_POST_KINDS.includes(kind);
  const course = kind === 'course';
  const fields = () => ({
    kind,
    title: title.trim(),
    cover: cover[0]?.fileID ?? null,
    body: body
      .filter((b) => b.type === 'image' || b.type === 'link' || b.text.trim())
      .map((b) =>
        b.type === 'image' ? { type: 'image' as const, fileID: b.fileID, ...(b.caption?.trim() ? { caption: b.caption.trim() } : {}) } : b,
      ),
    attachments: course ? [] : attachments.map((a) => ({ fileID: a.fileID, name: a.name })),
    audience,
    public: PUBLIC_POST_KINDS.includes(kind) && isPublic,
    publishAt: when === 'later' ? instant(publishDay, publishTime) : null,
    pinnedUntil: pin === 'yes' && !course ? endOfDay(pinDay) : null,
    mustReadBy: mustRead === 'yes' && kind !== 'course' ? endOfDay(mustReadDay) : null,
    tags: studyKind ? tags : [],
    featured: studyKind && featured,
  });

  /** Saves the draft (creating it the first time); the stored files replace the uploads from then on. */
  async function save(): Promise<PostDraft | undefined> {
    const d = await saving.run(
      () => (postId ? api.post.update({ postId, ...fields() }) : api.post.create({ orgId, ...fields() })),
      '已保存',
    );
    if (d) fill(d);
    return d;
  }
  async function then(action: (id: string) => Promise<PostDraft>, done: string) {
    const d = published ? draft : await save();
    if (!d) return;
    const after = await acting.run(() => action(d.id), done);
    if (!after) return;
    fill(after);
    if (after.status === 'published')
      await Taro.redirectTo({
        url: after.kind === 'course' ? pageUrl('course', { id: after.id }) : pageUrl('postDetail', { id: after.id }),
      });
  }

  // What is missing shows once the writer has tried to save or send, next to the field and by the buttons.
  const [tried, setTried] = useState<'content' | 'note' | null>(null);
  const problems: Problems<'title' | 'body'> = {
    title: title.trim().length < 2 ? '请填写标题，至少 2 个字' : null,
    body: body.some((b) => b.type !== 'paragraph' || b.text.trim()) ? null : '请写正文，至少一段文字或一张图片',
  };
  const noteProblem = note.trim().length < 2 ? (published ? '请写明更正或撤回的原因，至少 2 个字' : '请写退回意见，至少 2 个字') : null;
  const shown = (k: 'title' | 'body') => (tried ? (problems[k] ?? null) : null);
  const summary = tried ? problemSummary(problems, { title: '标题', body: '正文' }) : null;
  /** Runs `act` when the content (and, for a decision, the note) is complete; otherwise shows what is missing. */
  function guarded(act: () => unknown, needs: { content?: boolean; note?: boolean }) {
    setTried(needs.note ? 'note' : 'content');
    if (needs.content !== false && problemSummary(problems, { title: '标题', body: '正文' })) return;
    if (needs.note && noteProblem) return;
    void act();
  }
  if (!filled) return <PageState state={existing} />;
  return (
    <View className={pageClass}>
      {draft && (
        <View className='zb-card zb-stack' id='edit-status'>
          <Text className='zb-title'>{POST_STATUS_LABEL[status]}</Text>
          {draft.reviewNote && (
            <Text className='zb-quote'>{status === 'returned' ? `退回意见：${draft.reviewNote}` : draft.reviewNote}</Text>
          )}
        </View>
      )}
      <View className='zb-card zb-stack'>
        <Text className='zb-muted'>类型</Text>
        <Choices id='edit-kind' options={POST_KINDS.map((k) => [k, POST_KIND_LABEL[k]])} value={kind} onChange={setKind} />
        <Field id='field-title' label='标题' required error={shown('title')}>
          <Input id='edit-title' value={title} onChange={setTitle} placeholder='如：关于开展十二月主题党日活动的通知' maxLength={60} />
        </Field>
        <Text className='zb-muted'>封面图（可不填，分享卡片会用它）</Text>
        <ImageEditor id='edit-cover' value={cover} onChange={setCover} max={1} />
      </View>
      <View className='zb-card zb-stack'>
        <Field id='field-body' label={course ? '课程介绍' : '正文'} required plain error={shown('body')}>
          {orgId && <BodyEditor orgId={orgId} value={body} onChange={setBody} />}
        </Field>
      </View>
      {course && <CourseLessons courseId={postId} onSaveFirst={() => guarded(save, {})} />}
      {studyKind && <StudyMarks tags={tags} onTags={setTags} featured={featured} onFeatured={setFeatured} leads={leads} />}
      {!course && (
        <View className='zb-card zb-stack'>
          <Text className='zb-muted'>附件</Text>
          <AttachmentsEditor value={attachments} onChange={setAttachments} />
        </View>
      )}
      <View className='zb-card zb-stack'>
        <Text className='zb-muted'>发送范围</Text>
        {orgId && (
          <AudiencePicker orgId={orgId} value={audience} members={false} onChange={(a) => a.kind !== 'members' && setAudience(a)} />
        )}
        {PUBLIC_POST_KINDS.includes(kind) && (
          <>
            <Text className='zb-muted'>分享出去后</Text>
            <Choices
              id='edit-public'
              options={[
                ['no', '仅发送范围内的党员可看'],
                ['yes', '公开：任何人都可看'],
              ]}
              value={isPublic ? 'yes' : 'no'}
              onChange={(v) => setPublic(v === 'yes')}
            />
          </>
        )}
      </View>
      <View className='zb-card zb-stack'>
        <Text className='zb-muted'>发布时间</Text>
        <Choices
          id='edit-when'
          options={[
            ['now', '审核通过后立即发布'],
            ['later', '定时发布'],
          ]}
          value={when}
          onChange={setWhen}
        />
        {when === 'later' && (
          <View className='zb-row'>
            <DayPicker id='edit-publish-day' label='日期' value={publishDay} onChange={setPublishDay} />
            <Picker mode='time' value={publishTime} onChange={(e) => setPublishTime(e.detail.value)}>
              <View className='zb-quote'>时间：{publishTime}</View>
            </Picker>
          </View>
        )}
        {!course && (
          <>
            <Text className='zb-muted'>置顶</Text>
            <Choices
              id='edit-pin'
              options={[
                ['no', '不置顶'],
                ['yes', '置顶到'],
              ]}
              value={pin}
              onChange={setPin}
            />
            {pin === 'yes' && <DayPicker id='edit-pin-day' label='置顶截止' value={pinDay} onChange={setPinDay} />}
            <Text className='zb-muted'>需阅知（党员需点“我已阅知”）</Text>
            <Choices
              id='edit-must-read'
              options={[
                ['no', '不需要'],
                ['yes', '需要确认'],
              ]}
              value={mustRead}
              onChange={setMustRead}
            />
            {mustRead === 'yes' && <DayPicker id='edit-must-read-day' label='确认截止' value={mustReadDay} onChange={setMustReadDay} />}
          </>
        )}
      </View>
      <View className='zb-actions'>
        {!published && status !== 'withdrawn' && (
          <>
            <Button id='edit-save' size='large' block loading={saving.busy} onClick={() => guarded(save, {})}>
              保存草稿
            </Button>
            {leads ? (
              <Button
                id='edit-publish'
                type='primary'
                size='large'
                block
                loading={acting.busy}
                onClick={() =>
                  guarded(() => then((id) => api.post.publish({ postId: id }), when === 'later' ? '已定时发布' : '已发布'), {})
                }
              >
                {when === 'later' ? `定时发布（${publishDay} ${publishTime}）` : '发布'}
              </Button>
            ) : (
              <Button
                id='edit-submit'
                type='primary'
                size='large'
                block
                loading={acting.busy}
                disabled={status === 'pending'}
                onClick={() => guarded(() => then((id) => api.post.submit({ postId: id }), '已提交审核'), {})}
              >
                {status === 'pending' ? '已提交，等待书记审核' : '提交书记审核'}
              </Button>
            )}
          </>
        )}
        {(leads && status === 'pending') || published ? (
          <>
            <Field
              id='field-note'
              label={published ? '更正或撤回的说明' : '退回意见'}
              required
              error={tried === 'note' ? noteProblem : null}
            >
              <TextArea
                id='edit-note'
                value={note}
                onChange={setNote}
                maxLength={200}
                rows={2}
                placeholder={published ? '如：活动时间改为下午三点' : '如：请写明集合地点'}
              />
            </Field>
            {status === 'pending' && (
              <Button
                id='edit-return'
                size='large'
                block
                onClick={() =>
                  guarded(() => then((id) => api.post.return({ postId: id, note: note.trim() }), '已退回'), { content: false, note: true })
                }
              >
                退回修改
              </Button>
            )}
            {published && (
              <>
                <Button
                  id='edit-correct'
                  type='primary'
                  size='large'
                  block
                  loading={acting.busy}
                  onClick={() =>
                    guarded(() => then((id) => api.post.correct({ postId: id, note: note.trim(), ...fields() }), '已更正'), { note: true })
                  }
                >
                  发布更正（保留原文记录）
                </Button>
                <Button
                  id='edit-withdraw'
                  size='large'
                  block
                  className='zb-danger'
                  onClick={() =>
                    guarded(
                      () =>
                        confirmDestructive({
                          title: '撤回这条内容？',
                          content: '撤回后党员将看不到它，已读记录会保留。',
                          confirmText: '撤回',
                        }).then((yes) =>
                          yes
                            ? acting
                                .run(() => api.post.withdraw({ postId: postId, reason: note.trim() }), '已撤回')
                                .then((d) => {
                                  if (d) fill(d);
                                })
                            : undefined,
                        ),
                      { content: false, note: true },
                    )
                  }
                >
                  撤回（党员将看不到）
                </Button>
              </>
            )}
          </>
        ) : null}
        {summary && (
          <Text className='zb-error' id='edit-missing'>
            {summary}
          </Text>
        )}
        {(saving.error || acting.error) && (
          <Text className='zb-error' id='edit-error'>
            {saving.error || acting.error}
          </Text>
        )}
      </View>
    </View>
  );
}
