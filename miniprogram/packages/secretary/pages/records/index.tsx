import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { ACTIVITY_TYPE_LABEL, type ActivityCard } from '../../../../../typings/domain';
import { EmptyState } from '../../../../components/empty-state';
import { LoadMore } from '../../../../components/load-more';
import { api } from '../../../../services/api';
import { timeRange } from '../../../../services/format';
import { usePaged } from '../../../../services/usePaged';
import './index.scss';
import { pageUrl } from '../../../../../typings/pages';
import { usePageClass } from '../../../../services/care';

/** 会议纪实: the unit's ended activities, the ones whose minutes are still open first to the eye. */
export default function RecordsPage() {
  const pageClass = usePageClass();
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  // Back from closing a record, the list shows it closed (usePaged reloads on show).
  const { items, cursor, busy, error, more } = usePaged<ActivityCard>(
    async (after) => {
      const page = await api.activity.list({ when: 'past', orgId, cursor: after ?? undefined });
      return { items: page.activities, nextCursor: page.nextCursor };
    },
    [orgId],
  );

  const held = items?.filter((a) => a.status !== 'cancelled') ?? [];
  const open = held.filter((a) => !a.recordClosed).length;
  return (
    <View className={pageClass}>
      {items && held.length > 0 && (
        <Text className='zb-section-title' id='records-summary'>
          {open > 0 ? `${open} 场活动的会议记录待归档` : '已结束的活动都已归档'}
        </Text>
      )}
      {items && held.length === 0 && <EmptyState title='还没有已结束的活动' description='活动结束后，在这里填写会议记录并归档' />}
      {held.length > 0 && (
        <CellGroup>
          {held.map((a) => (
            <View key={a.id} id={`records-${a.id}`}>
              <Cell
                title={a.title}
                description={`${ACTIVITY_TYPE_LABEL[a.type]} · ${timeRange(a.startAt, a.endAt)}`}
                extra={a.recordClosed ? '已归档 ›' : '待归档 ›'}
                clickable
                className={a.recordClosed ? '' : 'records__open'}
                onClick={() => void Taro.navigateTo({ url: pageUrl('record', { id: a.id }) })}
              />
            </View>
          ))}
        </CellGroup>
      )}
      {error && <Text className='zb-error zb-section-title'>{error}</Text>}
      <LoadMore cursor={cursor} busy={busy} onMore={() => void more()} />
    </View>
  );
}
