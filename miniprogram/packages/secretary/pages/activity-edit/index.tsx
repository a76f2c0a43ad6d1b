import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  ACTIVITY_TYPE_LABEL,
  ACTIVITY_TYPES,
  cancelRuleLabel,
  type ActivityType,
  type Audience,
  type CancelRule,
  type ImageRef,
} from '../../../../../typings/domain';
import { inShanghai, shanghaiDay } from '../../../../../typings/time';
import { ImageEditor } from '../../../../components/image-grid';
import { EmptyState } from '../../../../components/empty-state';
import { Field, problemSummary, type Problems } from '../../../../components/field';
import { PageState } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { session } from '../../../../services/session';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { askToSubscribe } from '../../../../services/wechat';
import { AudiencePicker } from './audience';
import { Choices } from '../../../../components/choices';
import { instant, WhenField } from './when';
import { LocationPicker, type Place } from './location';
import './index.scss';
import { pageUrl } from '../../../../../typings/pages';
import { usePageClass } from '../../../../services/care';

type FieldKey = 'title' | 'place' | 'when' | 'capacity' | 'audience' | 'live';
const FIELD_LABEL: Record<FieldKey, string> = {
  title: '标题',
  place: '地点',
  when: '时间',
  capacity: '名额',
  audience: '参加范围',
  live: '直播',
};

/** 发起活动: the details members see, sign-up and its rules. */
export default function ActivityEditPage() {
  const pageClass = usePageClass();
  const { params } = useRouter();
  const [orgId, setOrgId] = useState(params['orgId'] ?? '');
  const tomorrow = shanghaiDay(new Date(Date.now() + 24 * 3600 * 1000));
  const [type, setType] = useState<ActivityType>('theme_day');
  const [title, setTitle] = useState('');
  const [place, setPlace] = useState('');
  const [day, setDay] = useState(tomorrow);
  const [start, setStart] = useState('14:00');
  const [endDay, setEndDay] = useState(tomorrow);
  const [end, setEnd] = useState('16:00');
  // What is missing shows once the organiser has tried to publish, and updates as they fix it.
  const [tried, setTried] = useState(false);
  const [signup, setSignup] = useState<'yes' | 'no'>('yes');
  const [capacity, setCapacity] = useState('');
  const [approval, setApproval] = useState<'no' | 'yes'>('no');
  const [names, setNames] = useState<'no' | 'yes'>('no');
  const [rule, setRule] = useState<CancelRule['kind']>('deadline');
  const [audience, setAudience] = useState<Audience>({ kind: 'unit' });
  const [location, setLocation] = useState<Place | null>(null);
  const [finder, setFinder] = useState('');
  const [link, setLink] = useState('');
  const [description, setDescription] = useState('');
  const [images, setImages] = useState<ImageRef[]>([]);
  const { busy, error, run } = useAction();
  const me = useApi(() => session());
  const editing = params['id'] ?? '';

  // Editing: start from the activity as it is; a link the caller cannot open says so instead of an empty form.
  const existing = useApi(async () => (editing ? api.activity.detail({ activityId: editing }) : null), [editing]);
  const [filled, setFilled] = useState(!editing);
  useEffect(() => {
    if (editing) void Taro.setNavigationBarTitle({ title: '修改活动' });
  }, [editing]);
  useEffect(() => {
    const a = existing.data;
    if (!a) return;
    setOrgId(a.orgId);
    setType(a.type);
    setTitle(a.title);
    setPlace(a.place);
    setDay(inShanghai(a.startAt).format('YYYY-MM-DD'));
    setStart(inShanghai(a.startAt).format('HH:mm'));
    setEndDay(inShanghai(a.endAt).format('YYYY-MM-DD'));
    setEnd(inShanghai(a.endAt).format('HH:mm'));
    setSignup(a.signupRequired ? 'yes' : 'no');
    setCapacity(a.capacity ? String(a.capacity) : '');
    setApproval(a.approvalRequired ? 'yes' : 'no');
    setNames(a.showSignupNames ? 'yes' : 'no');
    setRule(a.cancelRule.kind);
    setAudience(a.audience);
    setLocation(a.location);
    setFinder(a.live?.finderUserName ?? '');
    setLink(a.live?.link ?? '');
    setDescription(a.description);
    setImages(a.images);
    setFilled(true);
  }, [existing.data]);

  const audienceChosen =
    (audience.kind !== 'units' || audience.orgIds.length > 0) && (audience.kind !== 'members' || audience.memberIds.length > 0);

  const problems: Problems<FieldKey> = {
    title: title.trim().length < 2 ? '请填写标题，至少 2 个字' : null,
    place: place.trim() ? null : '请填写活动地点',
    when: instant(endDay, end) > instant(day, start) ? null : '结束时间要晚于开始时间',
    capacity: signup === 'yes' && capacity && !/^[1-9]\d*$/.test(capacity) ? '名额请填正整数，不限名额请留空' : null,
    audience: audienceChosen ? null : '请选择参加的组织或党员',
    live:
      type !== 'live_lecture'
        ? null
        : !finder.trim() && !link.trim()
          ? '请填写视频号 ID 或直播链接'
          : finder.trim() && !/^sph[0-9A-Za-z_-]{3,40}$/.test(finder.trim())
            ? '视频号 ID 应以 sph 开头，可在视频号助手中查看'
            : link.trim() && !/^https:\/\/\S+$/.test(link.trim())
              ? '直播链接应为 https 开头的网址'
              : null,
  };
  const live = type === 'live_lecture';
  const shown = (k: FieldKey) => (tried ? (problems[k] ?? null) : null);
  const summary = tried ? problemSummary(problems, FIELD_LABEL) : null;

  /** A new start day carries the end along when the end was on the old start day (or before the new one). */
  function changeDay(next: string) {
    if (endDay === day || endDay < next) setEndDay(next);
    setDay(next);
  }

  async function save() {
    setTried(true);
    if (problemSummary(problems, FIELD_LABEL)) return;
    // Straight from the tap (WeChat allows the prompt only then): the organiser hears when it has ended and the record is due.
    void askToSubscribe([me.data?.subscribeTemplates.activityNotice]);
    const body = {
      type,
      title: title.trim(),
      place: place.trim(),
      description: description.trim(),
      startAt: instant(day, start),
      endAt: instant(endDay, end),
      signupDeadline: null,
      location: live ? null : location,
      live: live ? { finderUserName: finder.trim() || null, link: link.trim() || null } : null,
      capacity: signup === 'yes' && capacity ? Number(capacity) : null,
      audience,
      images: images.map((i) => i.fileID),
      signupRequired: signup === 'yes',
      approvalRequired: approval === 'yes',
      showSignupNames: signup === 'yes' && names === 'yes',
      cancelRule: rule === 'hoursBefore' ? ({ kind: 'hoursBefore', hours: 24 } as const) : { kind: rule },
    };
    const saved = await run(() =>
      editing ? api.activity.update({ activityId: editing, ...body }) : api.activity.create({ orgId, ...body }),
    );
    if (saved) await Taro.redirectTo({ url: pageUrl('activityDetail', { id: saved.id }) });
  }

  if (existing.data && !existing.data.canManage) {
    return (
      <View className={pageClass}>
        <EmptyState id='edit-refused' title='不能修改这个活动' description='只有活动的组织者可以修改' />
      </View>
    );
  }
  if (!filled) return <PageState state={existing} />;
  return (
    <View className={pageClass}>
      <View className='zb-card zb-stack'>
        <Field label='类型' required plain>
          <Choices
            id='edit-type'
            options={ACTIVITY_TYPES.map((t) => [t, ACTIVITY_TYPE_LABEL[t]])}
            value={type}
            onChange={(t) => {
              setType(t);
              if (t === 'live_lecture' && !place.trim()) setPlace('线上（视频号直播）');
            }}
          />
        </Field>
        <Field id='field-title' label='标题' required error={shown('title')}>
          <Input id='edit-title' placeholder='如：十二月主题党日' value={title} onChange={setTitle} maxLength={40} />
        </Field>
        <Field id='field-place' label='地点' required error={shown('place')}>
          <Input id='edit-place' placeholder='如：三楼会议室' value={place} onChange={setPlace} maxLength={60} />
        </Field>
        <WhenField
          id='field-start'
          label='开始（北京时间）'
          ids={['edit-day', 'edit-start']}
          day={day}
          time={start}
          firstDay={shanghaiDay(new Date())}
          onDay={changeDay}
          onTime={setStart}
        />
        <WhenField
          id='field-end'
          label='结束（北京时间）'
          ids={['edit-end-day', 'edit-end']}
          day={endDay}
          time={end}
          firstDay={day}
          onDay={setEndDay}
          onTime={setEnd}
          error={shown('when')}
          hint='会议开到第二天时，改结束日期'
        />
      </View>
      <View className='zb-card zb-stack'>
        <Field id='field-audience' label='参加范围' required plain error={shown('audience')}>
          {orgId && <AudiencePicker orgId={orgId} value={audience} onChange={setAudience} />}
        </Field>
      </View>
      {live ? (
        <View className='zb-card zb-stack' id='edit-live'>
          <Field
            id='field-live-finder'
            label='视频号 ID'
            error={shown('live')}
            hint='以 sph 开头，在“视频号助手 → 账号设置”中查看；党员可预约并进入直播间'
          >
            <Input id='edit-live-finder' placeholder='sphXXXXXXXX' value={finder} onChange={setFinder} maxLength={44} />
          </Field>
          <Field id='field-live-link' label='直播链接（可不填）' hint='没有视频号时，或作为备用：党员复制后在浏览器中打开'>
            <Input id='edit-live-link' placeholder='https://…' value={link} onChange={setLink} maxLength={500} />
          </Field>
          <Text className='zb-muted'>线上签到：开播后打开签到码，在直播画面中展示 6 位数字，党员输入即签到，不核对位置。</Text>
        </View>
      ) : (
        <View className='zb-card zb-stack'>
          <Text className='zb-muted'>签到地点</Text>
          <LocationPicker value={location} onChange={setLocation} />
        </View>
      )}
      <View className='zb-card zb-stack'>
        <Text className='zb-muted'>是否需要报名</Text>
        <Choices
          id='edit-signup'
          options={[
            ['yes', '需要报名'],
            ['no', '无需报名，直接参加'],
          ]}
          value={signup}
          onChange={setSignup}
        />
        {signup === 'yes' && (
          <>
            <Field id='field-capacity' label='名额' hint='不填为不限名额' error={shown('capacity')}>
              <Input id='edit-capacity' type='number' placeholder='如：30' value={capacity} onChange={setCapacity} maxLength={4} />
            </Field>
            <Text className='zb-muted'>报名是否需要审核</Text>
            <Choices
              id='edit-approval'
              options={[
                ['no', '无需审核'],
                ['yes', '需要审核'],
              ]}
              value={approval}
              onChange={setApproval}
            />
            <Text className='zb-muted'>报名名单</Text>
            <Choices
              id='edit-names'
              options={[
                ['no', '只有组织者能看到'],
                ['yes', '参加范围内的党员都能看到（接龙）'],
              ]}
              value={names}
              onChange={setNames}
            />
            <Text className='zb-muted'>取消报名</Text>
            <Choices
              id='edit-rule'
              options={[
                // In the words members will read on the activity (this form sets no sign-up deadline).
                ['deadline', cancelRuleLabel({ kind: 'deadline' }, false)],
                ['hoursBefore', cancelRuleLabel({ kind: 'hoursBefore', hours: 24 }, false)],
                ['beforeCheckin', cancelRuleLabel({ kind: 'beforeCheckin' }, false)],
              ]}
              value={rule}
              onChange={setRule}
            />
          </>
        )}
      </View>
      <View className='zb-card zb-stack'>
        <Text className='zb-muted'>活动说明</Text>
        <TextArea
          id='edit-description'
          placeholder='议程、需要准备的材料等'
          value={description}
          onChange={setDescription}
          maxLength={2000}
        />
        <Text className='zb-muted'>图片（海报、议程、地图等）</Text>
        <ImageEditor id='edit-images' value={images} onChange={setImages} />
      </View>
      <View className='zb-actions'>
        <Button id='edit-save' type='primary' size='large' block loading={busy} onClick={() => void save()}>
          {editing ? '保存修改（已报名党员会收到时间地点变更通知）' : '发布活动'}
        </Button>
        {summary && (
          <Text className='zb-error' id='edit-missing'>
            {summary}
          </Text>
        )}
        {error && (
          <Text className='zb-error' id='edit-error'>
            {error}
          </Text>
        )}
      </View>
    </View>
  );
}
