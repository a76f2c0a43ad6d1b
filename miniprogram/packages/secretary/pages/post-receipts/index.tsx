import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { moment } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import './index.scss';
import { usePageClass } from '../../../../services/care';

type Filter = 'unread' | 'read' | 'confirmed';

/** 阅读回执: who of the audience has read (and confirmed) a post; reminding the unread once a day. */
export default function PostReceiptsPage() {
  const pageClass = usePageClass('receipts');
  const { params } = useRouter();
  const postId = params['id'] ?? '';
  const { data, error, loading, reload } = useApi(() => api.post.receipts({ postId }), [postId]);
  const [filter, setFilter] = useState<Filter>('unread');
  const reminding = useAction();
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  const shown =
    data?.members.filter((m) => (filter === 'unread' ? !m.readAt : filter === 'read' ? Boolean(m.readAt) : Boolean(m.confirmedAt))) ?? [];
  const unread = data ? data.audience - data.read : 0;
  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && (
          <>
            <View className='zb-card receipts__stats'>
              <View className='receipts__stat' id='receipts-rate'>
                <Text className='receipts__number'>{data.readRate}%</Text>
                <Text className='zb-muted'>
                  已读 {data.read}/{data.audience}
                </Text>
              </View>
              {data.confirmRate !== null && (
                <View className='receipts__stat' id='receipts-confirm-rate'>
                  <Text className='receipts__number'>{data.confirmRate}%</Text>
                  <Text className='zb-muted'>已确认 {data.confirmed}</Text>
                </View>
              )}
              <View className='receipts__stat'>
                <Text className='receipts__number'>{data.counts.views}</Text>
                <Text className='zb-muted'>阅读次数</Text>
              </View>
              <View className='receipts__stat'>
                <Text className='receipts__number'>{data.counts.shares}</Text>
                <Text className='zb-muted'>分享</Text>
              </View>
            </View>
            {unread > 0 && (
              <View className='zb-actions'>
                <Button
                  id='receipts-remind'
                  type='primary'
                  size='large'
                  block
                  loading={reminding.busy}
                  disabled={data.remindAvailableAt !== null}
                  onClick={() => void reminding.run(() => api.post.remind({ postId }), '已发送提醒').then(() => reload())}
                >
                  {data.remindAvailableAt ? `今天已提醒，${moment(data.remindAvailableAt)} 后可再提醒` : `提醒 ${unread} 名未读党员`}
                </Button>
                <Text className='zb-muted'>提醒通过微信服务通知发送，只有订阅过提醒的党员会收到；每条内容每天最多提醒一次。</Text>
                {reminding.error && <Text className='zb-error'>{reminding.error}</Text>}
              </View>
            )}
            <View className='zb-choices receipts__filters'>
              {(
                [
                  ['unread', `未读 ${unread}`],
                  ['read', `已读 ${data.read}`],
                  ...(data.confirmRate !== null ? [['confirmed', `已确认 ${data.confirmed}`]] : []),
                ] as [Filter, string][]
              ).map(([f, label]) => (
                <Button
                  key={f}
                  id={`receipts-${f}`}
                  className={filter === f ? 'zb-choice zb-choice--on' : 'zb-choice'}
                  onClick={() => setFilter(f)}
                >
                  {label}
                </Button>
              ))}
            </View>
            <CellGroup>
              {shown.map((m) => (
                <View key={m.memberId} id={`receipt-${m.memberId}`}>
                  <Cell
                    title={m.name}
                    description={m.orgName}
                    extra={m.confirmedAt ? `${moment(m.confirmedAt)} 确认` : m.readAt ? `${moment(m.readAt)} 已读` : '未读'}
                  />
                </View>
              ))}
            </CellGroup>
            {shown.length === 0 && (
              <Text className='zb-section-title'>没有{filter === 'unread' ? '未读' : filter === 'read' ? '已读' : '已确认'}的党员</Text>
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
