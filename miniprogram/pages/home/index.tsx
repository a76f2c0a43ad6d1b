import { View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro';
import { ORG_TYPE_LABEL, ROLE_LABEL, type BranchHome, type UnitStatus } from '../../../typings/domain';
import { inShanghai } from '../../../typings/time';
import { ActivityItem } from '../../components/activity-item';
import { PostItem } from '../../components/post-item';
import { StateView } from '../../components/state-view';
import { TodoList } from '../../components/todo-list';
import { JoinStatus } from '../../components/join-status';
import { NamePrompt } from '../../components/name-prompt';
import { api } from '../../services/api';
import { routeGroupEntry } from '../../services/entry';
import { session } from '../../services/session';
import { useApi } from '../../services/useApi';
import './index.scss';
import { pageUrl, type SecretaryPage } from '../../../typings/pages';
import { useCareMode, usePageClass } from '../../services/care';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function formatToday(day: string): string {
  const d = inShanghai(`${day}T12:00:00+08:00`);
  return `${d.month() + 1}月${d.date()}日 星期${WEEKDAYS[d.day()]}`;
}

/**
 * Someone not in a branch yet: where their request stands comes first, and while it is pending the
 * page says so instead of "you have not joined"; otherwise, how to find their branch.
 */
function NoBranch() {
  const mine = useApi(() => api.join.mine({}), [], { refreshOnShow: true });
  // First use: the name comes first (no name is made up from the WeChat id).
  const me = useApi(() => session(), [], { refreshOnShow: true });
  if (!mine.data || !me.data) return <View id='home-no-branch' />;
  const latest = mine.data.requests[0];
  const pending = latest?.status === 'pending';
  return (
    <View id='home-no-branch' className='home__none'>
      {!me.data.user.name && <NamePrompt onSaved={() => void me.reload()} />}
      {latest && <JoinStatus request={latest} id='home-join-status' />}
      {!pending && (
        <View className='zb-card home__none-card'>
          <Text className='home__none-title'>你还没有加入支部</Text>
          <Text className='home__none-text'>请从所在支部微信群里的小程序卡片进入，或搜索你的支部提交申请，由支部书记审核。</Text>
          <Button id='home-find-branch' type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: pageUrl('join') })}>
            找到我的支部
          </Button>
        </View>
      )}
    </View>
  );
}

/** Call or copy the number the branch's leaders published, from a sheet WeChat draws (large, native). */
function Contact({ contact }: { contact: NonNullable<BranchHome['contact']> }) {
  const choose = async () => {
    const { tapIndex } = await Taro.showActionSheet({ itemList: [`拨打 ${contact.phone}`, '复制号码'] });
    if (tapIndex === 0) await Taro.makePhoneCall({ phoneNumber: contact.phone.replace(/-/g, '') });
    else await Taro.setClipboardData({ data: contact.phone });
  };
  return (
    <View className='home__contact' id='home-contact' onClick={() => void choose().catch(() => undefined)}>
      <Text className='home__contact-text'>
        联系{contact.title} {contact.name}
      </Text>
      <Text className='home__contact-phone'>{contact.phone} ›</Text>
    </View>
  );
}

/** The four things a secretary does most, as large buttons; the rest is under 更多管理. */
function Shortcuts({ home }: { home: BranchHome }) {
  const orgId = home.branch!.id;
  const go = (page: SecretaryPage) => void Taro.navigateTo({ url: pageUrl(page, { orgId }) });
  const pending = home.pendingJoinRequests ?? 0;
  const shortcuts: { id: string; label: string; page: SecretaryPage; badge?: number }[] = [
    { id: 'new-activity', label: '发起活动', page: 'activityEdit' },
    { id: 'new-post', label: '发通知', page: 'postEdit' },
    { id: 'review', label: '审核', page: 'approvals', badge: pending },
    { id: 'roster', label: '名册', page: 'members' },
  ];
  return (
    <View className='home__shortcuts' id='home-shortcuts'>
      {shortcuts.map((s) => (
        <View key={s.id} id={`shortcut-${s.id}`} className='home__shortcut' onClick={() => go(s.page)}>
          <Text className='home__shortcut-label'>{s.label}</Text>
          {s.badge ? <Text className='home__shortcut-badge'>{s.badge}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/** 心声 (letters to the branch, surveys, votes) and the branch's 优秀党员风采, for everyone in it. */
function Voice({ orgId }: { orgId: string }) {
  return (
    <View id='home-voice' className='home__more-tools'>
      <View id='home-voice-open'>
        <Cell title='心声' extra='给支部写信、问卷、评选 ›' clickable onClick={() => void Taro.navigateTo({ url: pageUrl('voice') })} />
      </View>
      <View id='home-showcase'>
        <Cell
          title='优秀党员风采'
          extra='身边的榜样 ›'
          clickable
          onClick={() => void Taro.navigateTo({ url: pageUrl('showcase', { orgId }) })}
        />
      </View>
    </View>
  );
}

/** 志愿服务 and 微心愿 for everyone (residents too); a member's own 党费. */
function Service({ member }: { member: boolean }) {
  return (
    <View id='home-service' className='home__more-tools'>
      <View id='home-service-open'>
        <Cell
          title='志愿服务'
          extra={member ? '报名、签到、微心愿 ›' : '报名服务、提交微心愿 ›'}
          clickable
          onClick={() => void Taro.navigateTo({ url: pageUrl('service') })}
        />
      </View>
      {member && (
        <View id='home-dues'>
          <Cell title='我的党费' extra='应交与缴纳记录 ›' clickable onClick={() => void Taro.navigateTo({ url: pageUrl('myDues') })} />
        </View>
      )}
    </View>
  );
}

/** The rest of the leaders' tools, on a page of their own. */
function MoreTools({ orgId }: { orgId: string }) {
  return (
    <View id='home-more' className='home__more-tools'>
      <Cell
        title='更多管理'
        extra='名册、转接、邀请、纪实、统计… ›'
        clickable
        onClick={() => void Taro.navigateTo({ url: pageUrl('tools', { orgId }) })}
      />
    </View>
  );
}

/** One unit below a 党委 or 党总支: its size, and what waits there with a way to it. */
function UnitRow({ unit }: { unit: UnitStatus }) {
  const go = (page: SecretaryPage) => void Taro.navigateTo({ url: pageUrl(page, { orgId: unit.id }) });
  return (
    <View className='zb-card home__unit' id={`unit-${unit.id}`}>
      <View className='home__unit-head' onClick={() => go('members')}>
        <Text className='home__unit-name'>{unit.name}</Text>
        <Text className='home__unit-meta'>
          {ORG_TYPE_LABEL[unit.type]} · {unit.memberCount} 名党员 ›
        </Text>
      </View>
      {unit.pendingJoinRequests + unit.recordsToClose > 0 ? (
        <View className='home__unit-waits'>
          {unit.pendingJoinRequests > 0 && (
            <Button id={`unit-${unit.id}-approvals`} size='small' fill='outline' type='primary' onClick={() => go('approvals')}>
              {unit.pendingJoinRequests} 条入支部申请待审
            </Button>
          )}
          {unit.recordsToClose > 0 && (
            <Button id={`unit-${unit.id}-records`} size='small' fill='outline' type='primary' onClick={() => go('records')}>
              {unit.recordsToClose} 场活动待归档
            </Button>
          )}
        </View>
      ) : (
        <Text className='home__unit-ok'>没有待办</Text>
      )}
    </View>
  );
}

/** An upper unit's home lists the units below it instead of a branch's lists. */
function Units({ units }: { units: UnitStatus[] }) {
  return (
    <View id='home-units'>
      <Text className='zb-section-title'>下级组织（{units.length}）</Text>
      {units.length === 0 && (
        <CellGroup>
          <Cell title='还没有下级组织' description='在「更多管理 › 组织架构」里添加党支部' />
        </CellGroup>
      )}
      {units.map((u) => (
        <UnitRow key={u.id} unit={u} />
      ))}
    </View>
  );
}

/** 近期活动 on the home: the next few the caller can join. */
function HomeActivities() {
  const list = useApi(() => api.activity.list({ when: 'upcoming', limit: 3 }), [], { refreshOnShow: true });
  const items = list.data?.activities ?? [];
  return (
    <View id='home-activities'>
      <View className='zb-row home__section'>
        <Text className='zb-section-title zb-grow'>近期活动</Text>
        {items.length > 0 && (
          <Text className='home__more' onClick={() => void Taro.switchTab({ url: pageUrl('activity') })}>
            全部活动 ›
          </Text>
        )}
      </View>
      {list.data && items.length === 0 && (
        <CellGroup>
          <Cell title='暂无近期活动' description='三会一课、主题党日等活动发布后，可在这里报名' />
        </CellGroup>
      )}
      {items.map((a) => (
        <ActivityItem key={a.id} a={a} />
      ))}
    </View>
  );
}

/** 通知公告 on the home: pinned posts, then the latest few; the rest is on the 通知 tab. */
function HomePosts() {
  const feed = useApi(() => api.post.feed({}), [], { refreshOnShow: true });
  const f = feed.data;
  if (!f) return null;
  if (f.pinned.length === 0 && f.latest.length === 0) {
    return (
      <View id='home-posts'>
        <Text className='zb-section-title'>通知公告</Text>
        <CellGroup>
          <Cell title='暂无通知公告' description='支部发布的通知、党务公开和新闻会显示在这里' />
        </CellGroup>
      </View>
    );
  }
  return (
    <View id='home-posts'>
      <View className='zb-row home__section'>
        <Text className='zb-section-title zb-grow'>通知公告{f.unread > 0 ? `（${f.unread} 条未读）` : ''}</Text>
        <Text className='home__more' id='home-posts-more' onClick={() => void Taro.switchTab({ url: pageUrl('post') })}>
          查看全部 ›
        </Text>
      </View>
      {[...f.pinned, ...f.latest.slice(0, Math.max(0, 3 - f.pinned.length) || 1)].map((p) => (
        <PostItem key={p.id} p={p} />
      ))}
    </View>
  );
}

export default function HomePage() {
  const pageClass = usePageClass('home');
  // Care mode keeps the essentials: who I am here, my to-dos, the leaders' shortcuts, what is coming up.
  const care = useCareMode();
  const { params } = useRouter();
  const { data, error, loading, reload } = useApi(
    async () => {
      await session();
      // Opened from a bound group by a non-member: this redirects to "apply to join".
      await routeGroupEntry(params);
      return api.branch.home({});
    },
    [params['cloudID']],
    { refreshOnShow: true },
  );

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && !data.branch && (
          <>
            <NoBranch />
            {/* Residents who are not members come for service and wishes: their slots and wishes are on the list too. */}
            <TodoList />
            <Service member={false} />
          </>
        )}
        {data?.branch && (
          <>
            {/* The branch in one card: who they are here, today, who leads; what to do comes right after. */}
            <View className='home__hero' id='home-branch'>
              <View className='zb-row home__hero-top'>
                <Text className='home__branch-name zb-grow' id='branch-name'>
                  {data.branch.name}
                </Text>
                {data.role && <Text className='home__tag'>{ROLE_LABEL[data.role]}</Text>}
              </View>
              <Text className='home__date'>
                {formatToday(data.today)} · {ORG_TYPE_LABEL[data.branch.type]} · <Text id='member-count'>{data.memberCount}</Text> 名党员
                {data.units ? `，${data.units.length} 个下级组织` : ''}
              </Text>
              {!care && data.leaders.length > 0 && (
                <Text className='home__leaders' id='home-leaders'>
                  {data.leaders.map((l) => `${l.title} ${l.name}`).join('　')}
                </Text>
              )}
              {data.contact && <Contact contact={data.contact} />}
            </View>

            <TodoList />

            <Voice orgId={data.branch.id} />

            <Service member />

            {data.pendingJoinRequests !== null && (
              <>
                <Shortcuts home={data} />
                <MoreTools orgId={data.branch.id} />
              </>
            )}

            {data.units && <Units units={data.units} />}

            {!care && <HomePosts />}

            {!data.units && <HomeActivities />}
          </>
        )}
      </StateView>
    </View>
  );
}
