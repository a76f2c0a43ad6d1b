import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { ACTIVITY_TYPE_LABEL, ATTENDANCE_LABEL, type HistoryItem } from '../../../typings/domain';
import { inShanghai } from '../../../typings/time';
import { pageUrl } from '../../../typings/pages';

const STATE: Record<HistoryItem['state'], string> = { ...ATTENDANCE_LABEL, upcoming: '已报名' };

/** The member's activity record in their archive: each meeting and whether they were there. */
export function ActivityHistory({ items }: { items: HistoryItem[] }) {
  const present = items.filter((i) => i.state === 'present').length;
  const due = items.filter((i) => i.state === 'present' || i.state === 'absent').length;
  return (
    <View id='activity-history'>
      <Text className='zb-section-title'>活动记录{due ? `（出席 ${present}/${due}）` : ''}</Text>
      <CellGroup>
        {items.length === 0 && <Cell title='暂无活动记录' description='报名或参加支部活动后会记录在这里' />}
        {items.map((i) => (
          <View key={i.activityId} id={`history-${i.activityId}`}>
            <Cell
              title={i.title}
              description={`${inShanghai(i.startAt).format('YYYY-MM-DD')} · ${ACTIVITY_TYPE_LABEL[i.type]}${i.recordClosed ? ' · 有会议纪实' : ''}`}
              extra={STATE[i.state]}
              clickable
              onClick={() => void Taro.navigateTo({ url: pageUrl('activityDetail', { id: i.activityId }) })}
            />
          </View>
        ))}
      </CellGroup>
    </View>
  );
}
