import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ACTIVITY_STATUS_LABEL, ACTIVITY_TYPE_LABEL, SIGNUP_STATUS_LABEL, type ActivityCard } from '../../../typings/domain';
import { timeRange } from '../../services/format';
import './index.scss';
import { pageUrl } from '../../../typings/pages';

/** One activity in a list: type, status, title, time, place, sign-ups and the caller's own. */
export function ActivityItem({ a }: { a: ActivityCard }) {
  return (
    <View
      className='zb-card activity-item'
      id={`activity-${a.id}`}
      onClick={() => void Taro.navigateTo({ url: pageUrl('activityDetail', { id: a.id }) })}
    >
      <View className='zb-row'>
        <Text className='zb-tag'>{ACTIVITY_TYPE_LABEL[a.type]}</Text>
        <Text className={`activity-item__status activity-item__status--${a.status}`}>{ACTIVITY_STATUS_LABEL[a.status]}</Text>
      </View>
      <Text className='activity-item__title'>{a.title}</Text>
      <Text className='zb-muted'>{timeRange(a.startAt, a.endAt)}</Text>
      <Text className='zb-muted'>
        {a.place} · {a.orgName}
      </Text>
      <View className='zb-row'>
        <Text className='zb-muted zb-grow'>
          {a.capacity ? `已报名 ${a.confirmedCount}/${a.capacity}` : a.confirmedCount ? `已报名 ${a.confirmedCount} 人` : ''}
        </Text>
        {a.recordClosed && <Text className='activity-item__mine'>有会议纪实</Text>}
        {a.mySignup && (
          <Text className={`activity-item__mine${a.mySignup === 'confirmed' ? ' activity-item__mine--done' : ''}`}>
            {SIGNUP_STATUS_LABEL[a.mySignup]}
          </Text>
        )}
      </View>
    </View>
  );
}
