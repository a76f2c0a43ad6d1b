import { CodeEntry } from '../../../components/code-entry';
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup, TextArea } from '@nutui/nutui-react-taro';
import {
  ACTIVITY_STATUS_LABEL,
  ACTIVITY_TYPE_LABEL,
  LEAVE_STATUS_LABEL,
  SIGNUP_STATUS_LABEL,
  type ActivityView,
  type Audience,
  cancelRuleLabel,
} from '../../../../typings/domain';
import { ImageGrid } from '../../../components/image-grid';
import { RecordCard } from '../../../components/record-card';
import { ShareButton, useShareCard } from '../../../components/share-card';
import { StateView } from '../../../components/state-view';
import { api, ApiError } from '../../../services/api';
import { moment, timeRange } from '../../../services/format';
import { useAction } from '../../../services/useAction';
import { session } from '../../../services/session';
import { useApi } from '../../../services/useApi';
import { currentSpot } from '../../../services/location';
import { LiveBox, Questions } from './live';
import { askToSubscribe } from '../../../services/wechat';
import './index.scss';
import { pageUrl, type SecretaryPage } from '../../../../typings/pages';
import { confirmDestructive } from '../../../services/confirm';
import { usePageClass } from '../../../services/care';

const audienceText = (a: Audience, orgName: string) =>
  a.kind === 'unit'
    ? orgName
    : a.kind === 'units'
      ? `${a.orgIds.length} 个组织`
      : a.kind === 'subtree'
        ? `${orgName}及下级组织`
        : `受邀的 ${a.memberIds.length} 名党员`;

/** Sign up, give the seat back, or ask for leave. */
function SignupBox({ a, onChanged, reminderTemplate }: { a: ActivityView; onChanged: () => void; reminderTemplate: string | null }) {
  const { busy, error, run } = useAction();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const mine = a.mine;
  const open = a.status === 'open' || a.status === 'full';
  const live = mine.signup === 'confirmed' || mine.signup === 'waitlisted' || mine.signup === 'pending';
  const act = async (f: () => Promise<unknown>, done: string) => {
    if (await run(async () => (await f(), true), done)) onChanged();
  };
  // Where the member stands, in one line: 已报名 · 请假已批准 · 已签到 (checking in needs no sign-up).
  const standing = [
    mine.signup
      ? mine.signup === 'waitlisted' && mine.waitlistPosition
        ? `候补第 ${mine.waitlistPosition} 位`
        : SIGNUP_STATUS_LABEL[mine.signup]
      : null,
    mine.leave ? LEAVE_STATUS_LABEL[mine.leave] : null,
    // 已签到 has its own green card at the top (with the time) whenever the time is known.
    mine.checkedIn && !mine.checkedInAt ? '已签到' : null,
  ].filter(Boolean);
  // Someone on leave (asked or granted) is not offered 我要报名 as the main button: they said they cannot come.
  const onLeave = mine.leave === 'pending' || mine.leave === 'approved';
  const canJoin = a.signupRequired && open && !live && !onLeave;
  const canRemind = (live || !a.signupRequired) && !mine.checkedIn && !onLeave && Date.now() < Date.parse(a.startAt) - 60 * 60 * 1000;
  const canLeave = !mine.checkedIn && !mine.leave && a.status !== 'ended' && a.status !== 'cancelled';
  if (standing.length === 0 && !canJoin && !(live && mine.canCancel) && !canRemind && !canLeave && mine.leave !== 'pending' && !error)
    return null;
  return (
    <View className='zb-card zb-stack' id='signup-box'>
      {standing.length > 0 && (
        <Text className={`detail__mine${mine.checkedIn || mine.signup === 'confirmed' ? ' detail__mine--done' : ''}`} id='my-signup'>
          {standing.join(' · ')}
        </Text>
      )}
      {canJoin && (
        <Button
          id='signup-join'
          type='primary'
          size='large'
          block
          loading={busy}
          onClick={() => void act(() => api.signup.join({ activityId: a.id }), '报名成功')}
        >
          {a.status === 'full' ? '名额已满，加入候补' : a.approvalRequired ? '报名（需审核）' : '我要报名'}
        </Button>
      )}
      {live && mine.canCancel && (
        <Button
          id='signup-cancel'
          className='zb-danger'
          size='large'
          block
          loading={busy}
          onClick={() =>
            void confirmDestructive({
              title: '取消报名？',
              content:
                a.capacity !== null
                  ? '你的名额会让给候补的党员，之后再报名需要重新排队。'
                  : '取消后你将不在报名名单中，报名截止前可以再次报名。',
              confirmText: '取消报名',
            }).then((yes) => (yes ? act(() => api.signup.cancel({ activityId: a.id }), '已取消报名') : undefined))
          }
        >
          取消报名
        </Button>
      )}
      {canRemind && (
        <Button
          id='remind-me'
          size='large'
          block
          loading={busy}
          onClick={() => {
            // Straight from the tap: WeChat allows the subscribe prompt only then.
            const asked = askToSubscribe([reminderTemplate]);
            void act(async () => (await asked, api.signup.remind({ activityId: a.id, minutesBefore: 60 })), '将在开始前 1 小时提醒你');
          }}
        >
          开始前 1 小时提醒我
        </Button>
      )}
      {mine.leave === 'pending' && (
        <View className='detail__leave' id='my-leave'>
          <Text className='detail__leave-text'>你已请假，等待组织者批准。计划有变、能参加了，可以撤回请假。</Text>
          <Button
            id='leave-withdraw'
            size='large'
            block
            loading={busy}
            onClick={() => void act(() => api.signup.withdrawLeave({ activityId: a.id }), '已撤回请假')}
          >
            撤回请假
          </Button>
        </View>
      )}
      {canLeave && !asking && (
        <Button id='leave-open' size='large' block fill='none' onClick={() => setAsking(true)}>
          不能参加？请假
        </Button>
      )}
      {asking && (
        <>
          <TextArea id='leave-reason' placeholder='请假原因，如：出差在外地' value={reason} onChange={setReason} maxLength={200} />
          <Button
            id='leave-submit'
            type='primary'
            size='large'
            block
            loading={busy}
            disabled={reason.trim().length < 2}
            onClick={() =>
              void act(() => api.signup.leave({ activityId: a.id, reason: reason.trim() }), '已提交请假').then(() => setAsking(false))
            }
          >
            提交请假
          </Button>
        </>
      )}
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}

const IDEOGRAPHIC_SPACE = '\u3000';

/** 接龙: who has signed up, as the organiser chose to show it to everyone the activity is for. */
function SignupNames({ a, names }: { a: ActivityView; names: string[] }) {
  const more = a.confirmedCount - names.length;
  return (
    <View className='zb-card zb-stack' id='signup-names'>
      <Text className='detail__names-title'>已报名 {a.confirmedCount} 人</Text>
      {names.length === 0 ? (
        <Text className='zb-muted'>还没有人报名，来做第一个吧</Text>
      ) : (
        <Text className='detail__names'>
          {names.map((n, i) => `${i + 1}. ${n}`).join(IDEOGRAPHIC_SPACE)}
          {more > 0 ? `${IDEOGRAPHIC_SPACE}等 ${a.confirmedCount} 人` : ''}
        </Text>
      )}
    </View>
  );
}

/** Check in: scan the code on the secretary's screen (WeChat), or type its 6 digits. */
function CheckinBox({ a, onDone }: { a: ActivityView; onDone: () => void }) {
  const { busy, error, run } = useAction();
  const submit = async (input: { digits: string } | { payload: string }) => {
    const ok = await run(async () => {
      // With a check-in radius, the server compares the phone's location (which can be faked: the rotating code is the real guard).
      const location = a.location
        ? await currentSpot().catch(() => {
            throw new ApiError('OUT_OF_RANGE', '本活动签到需要获取位置，请允许后再试');
          })
        : undefined;
      return api.checkin.submit({ activityId: a.id, ...input, ...(location ? { location } : {}) });
    }, '签到成功');
    if (ok) onDone();
  };
  const scan = async () => {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).catch(() => null);
    if (res?.result) await submit({ payload: res.result.trim() });
  };
  return (
    <View className='zb-card zb-stack' id='checkin-box'>
      <Text className='zb-title'>签到</Text>
      {process.env.TARO_ENV === 'weapp' && !a.live && (
        <Button id='checkin-scan' type='primary' size='large' block loading={busy} onClick={() => void scan()}>
          扫码签到
        </Button>
      )}
      <Text className='zb-muted'>{a.live ? '输入主讲人在直播中展示的 6 位签到码：' : '或输入书记屏幕上的 6 位签到码：'}</Text>
      {a.location && (
        <Text className='zb-muted'>
          签到时会核对你是否在活动地点 {a.location.radius} 米内。手机定位不准时，输入书记屏幕上的签到码即可。
        </Text>
      )}
      <CodeEntry
        ids={{ digits: 'checkin-digits', submit: 'checkin-submit', error: 'checkin-error' }}
        busy={busy}
        error={error}
        missingText={a.live ? '请输入直播中展示的 6 位数字' : '请输入书记屏幕上的 6 位数字'}
        onSubmit={(digits) => void submit({ digits })}
      />
    </View>
  );
}

/** An activity: details, the member's sign-up and check-in, and the organiser's tools. Shared cards open here. */
export default function ActivityDetailPage() {
  const pageClass = usePageClass('detail');
  const { params } = useRouter();
  const [id, setId] = useState(params['id'] ?? '');
  const scene = params['scene'] ? decodeURIComponent(params['scene']) : null;
  const [sceneResult, setSceneResult] = useState('');
  const { data, error, loading, reload } = useApi(
    () => (id ? api.activity.detail({ activityId: id }) : new Promise<never>(() => undefined)),
    [id],
  );
  const cancelling = useAction();
  const me = useApi(() => session());
  // The minutes, once closed (members get NOT_FOUND before that, which here just means none yet).
  const record = useApi(() => (id ? api.record.get({ activityId: id }).catch(() => null) : Promise.resolve(null)), [id]);

  // Opened by scanning the check-in mini-program code with WeChat's own scanner: `scene` is the payload.
  useEffect(() => {
    if (!scene) return;
    void (async () => {
      try {
        const { activityId } = await api.checkin.resolve({ payload: scene });
        setId(activityId);
        await api.checkin.submit({ activityId, payload: scene });
        setSceneResult('签到成功');
      } catch (e) {
        setSceneResult((e as Error).message);
      }
    })();
  }, [scene]);

  // Opened from the home's 签到 button: bring the check-in box into view.
  const toCheckin = params['checkin'] === '1' && Boolean(data);
  useEffect(() => {
    if (toCheckin) void Promise.resolve(Taro.pageScrollTo({ selector: '#checkin-box', duration: 0 })).catch(() => undefined);
  }, [toCheckin]);

  const card = data
    ? {
        title: `${data.title}｜${timeRange(data.startAt, data.endAt)}`,
        path: pageUrl('activityDetail', { id: data.id }),
        description: `${ACTIVITY_TYPE_LABEL[data.type]} · ${data.place}`,
        imageUrl: data.images[0]?.url,
      }
    : null;
  useShareCard(card);

  // While sign-up is open, the shared card shows the live count (WeChat's updatable message; the
  // local runtime records the calls on the dev page). Without it the card still works.
  const shareable = data && (data.status === 'open' || data.status === 'full') ? data.id : null;
  useEffect(() => {
    if (!shareable) return;
    void api.activity
      .share({ activityId: shareable })
      .then((t) =>
        process.env.TARO_ENV === 'weapp'
          ? Taro.updateShareMenu({
              withShareTicket: true,
              isUpdatableMessage: true,
              activityId: t.wxActivityId,
              templateInfo: { parameterList: t.parameters },
            } as Taro.updateShareMenu.Option)
          : undefined,
      )
      .catch(() => undefined);
  }, [shareable]);

  const checkinOpen = data && Date.now() >= Date.parse(data.checkinOpensAt) && data.status !== 'ended' && data.status !== 'cancelled';
  const go = (page: SecretaryPage) => void Taro.navigateTo({ url: pageUrl(page, { id }) });

  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  async function cancelActivity() {
    if (await cancelling.run(() => api.activity.cancel({ activityId: id, reason: cancelReason.trim() }), '活动已取消')) {
      setCancelOpen(false);
      await reload();
    }
  }

  return (
    <View className={pageClass}>
      {sceneResult && (
        <View className='zb-card' id='scene-result'>
          <Text className='zb-title'>{sceneResult}</Text>
        </View>
      )}
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && (
          <>
            <View className='zb-card zb-stack detail__head'>
              <View className='zb-row'>
                <Text className='zb-tag'>{ACTIVITY_TYPE_LABEL[data.type]}</Text>
                <Text className='detail__status' id='activity-status'>
                  {ACTIVITY_STATUS_LABEL[data.status]}
                </Text>
              </View>
              <Text className='detail__title' id='activity-title'>
                {data.title}
              </Text>
              <Text className='zb-muted'>{data.orgName}</Text>
            </View>
            {/* While check-in is open, it comes first: the organiser's code screen, the member's check-in, or their confirmation. */}
            {checkinOpen && data.canManage && (
              <Button
                id='open-checkin-screen'
                type='primary'
                size='large'
                block
                className='detail__lead'
                onClick={() => go('checkinScreen')}
              >
                打开签到码
              </Button>
            )}
            {data.mine.checkedIn && data.mine.checkedInAt && (
              <View className='zb-card detail__checked-in' id='checked-in'>
                <Text className='detail__checked-in-title'>已签到</Text>
                <Text className='detail__checked-in-time'>{moment(data.mine.checkedInAt)}</Text>
              </View>
            )}
            {data.live && data.status !== 'cancelled' && data.status !== 'ended' && <LiveBox a={data} live={data.live} />}
            {data.mine.inAudience && checkinOpen && !data.mine.checkedIn && <CheckinBox a={data} onDone={() => void reload()} />}
            <CellGroup>
              <Cell title='时间' extra={timeRange(data.startAt, data.endAt)} />
              <Cell title='地点' extra={data.place} />
              {data.signupRequired && (
                <Cell
                  title='报名'
                  extra={`${data.capacity ? `${data.confirmedCount}/${data.capacity}` : `${data.confirmedCount} 人`}${data.waitlistCount ? `，候补 ${data.waitlistCount}` : ''}`}
                />
              )}
              {data.signupRequired && data.signupDeadline && <Cell title='报名截止' extra={moment(data.signupDeadline)} />}
              {data.signupRequired && <Cell title='取消规则' extra={cancelRuleLabel(data.cancelRule, data.signupDeadline !== null)} />}
              <Cell title='参加范围' extra={audienceText(data.audience, data.orgName)} />
              <Cell
                title='签到'
                extra={`${moment(data.checkinOpensAt)} 起${data.location ? `，需在活动地点 ${data.location.radius} 米内` : ''}`}
              />
            </CellGroup>
            {(data.description || data.images.length > 0) && (
              <View className='zb-card zb-stack'>
                {data.description && <Text className='detail__desc'>{data.description}</Text>}
                <ImageGrid images={data.images} id='activity-images' />
              </View>
            )}
            {data.live && (data.mine.inAudience || data.canManage) && <Questions a={data} />}
            {record.data?.closed && <RecordCard record={record.data} />}
            {data.mine.inAudience && data.status !== 'cancelled' && (
              <SignupBox a={data} onChanged={() => void reload()} reminderTemplate={me.data?.subscribeTemplates.activityReminder ?? null} />
            )}
            {data.signupNames && <SignupNames a={data} names={data.signupNames} />}
            {data.canManage && card && (
              <View className='zb-actions' id='manage'>
                <Text className='zb-section-title'>组织者</Text>
                <ShareButton id='activity-share' card={card} label='分享报名卡片到微信群' />
                {(data.status === 'open' || data.status === 'full' || data.status === 'closed' || data.status === 'upcoming') && (
                  <Button
                    id='activity-edit'
                    size='large'
                    block
                    onClick={() => void Taro.navigateTo({ url: pageUrl('activityEdit', { id: data.id }) })}
                  >
                    修改活动
                  </Button>
                )}
                <Button id='open-board' size='large' block onClick={() => go('board')}>
                  签到与请假情况
                </Button>
                {data.status !== 'cancelled' && Date.now() >= Date.parse(data.startAt) && (
                  <Button id='open-record' size='large' block onClick={() => go('record')}>
                    会议记录
                  </Button>
                )}
                {data.live && data.status === 'ended' && (
                  <Button
                    id='live-replay'
                    size='large'
                    block
                    onClick={() =>
                      void Taro.navigateTo({
                        url: pageUrl('lessonEdit', {
                          orgId: data.orgId,
                          kind: 'channels',
                          finder: data.live?.finderUserName ?? '',
                          title: `回放：${data.title}`.slice(0, 40),
                        }),
                      })
                    }
                  >
                    把回放加入系列课
                  </Button>
                )}
                {data.status !== 'cancelled' && data.status !== 'ended' && !cancelOpen && (
                  <Button id='activity-cancel' className='zb-danger' size='large' block onClick={() => setCancelOpen(true)}>
                    取消活动
                  </Button>
                )}
                {cancelOpen && (
                  <View className='zb-card zb-stack'>
                    <TextArea
                      placeholder='取消原因，报名的党员会收到通知'
                      value={cancelReason}
                      onChange={setCancelReason}
                      maxLength={200}
                    />
                    <Button
                      id='activity-cancel-confirm'
                      type='primary'
                      size='large'
                      block
                      loading={cancelling.busy}
                      disabled={cancelReason.trim().length < 2}
                      onClick={() => void cancelActivity()}
                    >
                      确认取消活动
                    </Button>
                  </View>
                )}
                {cancelling.error && <Text className='zb-error'>{cancelling.error}</Text>}
              </View>
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
