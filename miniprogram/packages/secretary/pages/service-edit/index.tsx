import { useEffect, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import type { ImageRef } from '../../../../../typings/domain';
import { pageUrl } from '../../../../../typings/pages';
import { SERVICE_RULES } from '../../../../../typings/service';
import { inShanghai, shanghaiDay } from '../../../../../typings/time';
import { Choices } from '../../../../components/choices';
import { Field, Picked, problemSummary, type Problems } from '../../../../components/field';
import { ImageEditor } from '../../../../components/image-grid';
import { PageState } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { confirmDestructive } from '../../../../services/confirm';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { instant, WhenField } from '../activity-edit/when';

interface SlotDraft {
  /** Stored slots keep their id (and, once someone signed up, their time). */
  id: string | null;
  day: string;
  start: string;
  end: string;
  capacity: string;
}

type FieldKey = 'title' | 'place' | 'slots';
const FIELD_LABEL: Record<FieldKey, string> = { title: '标题', place: '地点', slots: '服务时段' };

const tomorrow = () => shanghaiDay(new Date(Date.now() + 24 * 3600 * 1000));

/** 发布志愿服务: what, where, for whom (members only, or residents too), and its time slots with places. */
export default function ServiceEditPage() {
  const pageClass = usePageClass();
  const { params } = useRouter();
  const editing = params['id'] ?? '';
  const [orgId, setOrgId] = useState(params['orgId'] ?? '');
  const [title, setTitle] = useState('');
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [open, setOpen] = useState<'public' | 'members'>('public');
  const [images, setImages] = useState<ImageRef[]>([]);
  const [slots, setSlots] = useState<SlotDraft[]>([{ id: null, day: tomorrow(), start: '09:00', end: '11:00', capacity: '10' }]);
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const existing = useApi(async () => (editing ? api.service.projectDraft({ projectId: editing }) : null), [editing]);
  const [filled, setFilled] = useState(!editing);
  useEffect(() => {
    const p = existing.data;
    if (!p) return;
    void Taro.setNavigationBarTitle({ title: '修改志愿服务' });
    setOrgId(p.orgId);
    setTitle(p.title);
    setPlace(p.place);
    setDescription(p.description);
    setOpen(p.public ? 'public' : 'members');
    setImages(p.images);
    setSlots(
      p.slots.map((s) => ({
        id: s.id,
        day: inShanghai(s.startAt).format('YYYY-MM-DD'),
        start: inShanghai(s.startAt).format('HH:mm'),
        end: inShanghai(s.endAt).format('HH:mm'),
        capacity: s.capacity === null ? '' : String(s.capacity),
      })),
    );
    setFilled(true);
  }, [existing.data]);

  const slotProblem = (s: SlotDraft) =>
    instant(s.day, s.end) <= instant(s.day, s.start)
      ? '结束时间要晚于开始时间'
      : s.capacity && !/^[1-9]\d*$/.test(s.capacity)
        ? '名额请填正整数，不限名额请留空'
        : null;
  const problems: Problems<FieldKey> = {
    title: title.trim().length < 2 ? '请填写标题，至少 2 个字' : null,
    place: place.trim() ? null : '请填写服务地点',
    slots: slots.length === 0 ? '请至少添加一个服务时段' : (slots.map(slotProblem).find(Boolean) ?? null),
  };
  const summary = tried ? problemSummary(problems, FIELD_LABEL) : null;
  const change = (i: number, patch: Partial<SlotDraft>) => setSlots((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  async function remove(i: number) {
    const s = slots[i]!;
    if (
      s.id &&
      !(await confirmDestructive({ title: '删除时段', content: '保存后这个时段会删除（已有人报名的时段不能删除）。', confirmText: '删除' }))
    )
      return;
    setSlots((all) => all.filter((_, j) => j !== i));
  }

  async function save() {
    setTried(true);
    if (problemSummary(problems, FIELD_LABEL)) return;
    const project = {
      title: title.trim(),
      description: description.trim(),
      place: place.trim(),
      public: open === 'public',
      images: images.map((i) => i.fileID),
      slots: slots.map((s) => ({
        id: s.id,
        startAt: instant(s.day, s.start),
        endAt: instant(s.day, s.end),
        capacity: s.capacity ? Number(s.capacity) : null,
      })),
    };
    const saved = await run(() => api.service.saveProject({ orgId, ...(editing ? { projectId: editing } : {}), project }), '已保存');
    if (saved) await Taro.redirectTo({ url: pageUrl('serviceProject', { id: saved.projectId }) });
  }

  if (!filled) return <PageState state={existing} />;
  return (
    <View className={pageClass}>
      <View className='zb-card zb-stack'>
        <Field id='field-service-title' label='标题' required error={tried ? problems.title : null}>
          <Input id='service-title' placeholder='如：关爱社区老人·义务理发' value={title} onChange={setTitle} maxLength={40} />
        </Field>
        <Field id='field-service-place' label='地点' required error={tried ? problems.place : null}>
          <Input id='service-place' placeholder='如：社区党群服务中心' value={place} onChange={setPlace} maxLength={60} />
        </Field>
        <Field
          id='field-service-open'
          label='谁可以报名'
          required
          plain
          hint='群众报名需填姓名和手机号（加密保存）；“仅党员”包括到本社区报到的在职党员'
        >
          <Choices
            id='service-open'
            options={[
              ['public', '党员和群众'],
              ['members', '仅党员'],
            ]}
            value={open}
            onChange={setOpen}
          />
        </Field>
        <Field id='field-service-description' label='说明'>
          <TextArea
            id='service-description'
            placeholder='服务内容、需要准备什么'
            value={description}
            onChange={setDescription}
            maxLength={2000}
          />
        </Field>
        <Field id='field-service-images' label='图片' plain>
          <ImageEditor id='service-images' value={images} onChange={setImages} />
        </Field>
      </View>
      <Text className='zb-section-title'>服务时段（每段最长 {SERVICE_RULES.slotMaxHours} 小时）</Text>
      {slots.map((s, i) => (
        <View key={s.id ?? `new-${i}`} className='zb-card zb-stack' id={`service-slot-${i}`}>
          <WhenField
            id={`field-slot-start-${i}`}
            label={`第 ${i + 1} 段 开始（北京时间）`}
            ids={[`slot-day-${i}`, `slot-start-${i}`]}
            day={s.day}
            time={s.start}
            firstDay={shanghaiDay(new Date())}
            onDay={(day) => change(i, { day })}
            onTime={(start) => change(i, { start })}
          />
          <Field id={`field-slot-end-${i}`} label='结束（同一天）' required error={tried ? slotProblem(s) : null}>
            <Picker mode='time' value={s.end} onChange={(e) => change(i, { end: e.detail.value })}>
              <Picked id={`slot-end-${i}`} value={s.end} />
            </Picker>
          </Field>
          <Field id={`field-slot-capacity-${i}`} label='名额' hint='不填为不限名额'>
            <Input
              id={`slot-capacity-${i}`}
              type='number'
              value={s.capacity}
              onChange={(capacity) => change(i, { capacity })}
              maxLength={3}
            />
          </Field>
          {slots.length > 1 && (
            <Button id={`slot-remove-${i}`} size='large' block onClick={() => void remove(i)}>
              删除这个时段
            </Button>
          )}
        </View>
      ))}
      <View className='zb-actions'>
        <Button
          id='service-add-slot'
          size='large'
          block
          disabled={slots.length >= SERVICE_RULES.maxSlots}
          onClick={() =>
            setSlots((all) => [...all, { ...(all.at(-1) ?? { day: tomorrow(), start: '09:00', end: '11:00', capacity: '10' }), id: null }])
          }
        >
          添加时段
        </Button>
        <Button id='service-save' type='primary' size='large' block loading={busy} onClick={() => void save()}>
          {editing ? '保存修改' : '发布'}
        </Button>
        {summary && (
          <Text className='zb-error' id='service-missing'>
            {summary}
          </Text>
        )}
        {error && (
          <Text className='zb-error' id='service-error'>
            {error}
          </Text>
        )}
      </View>
    </View>
  );
}
