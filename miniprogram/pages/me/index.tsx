import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { ORG_TYPE_LABEL, ROLE_LABEL } from '../../../typings/domain';
import { shanghaiDay } from '../../../typings/time';
import { StateView } from '../../components/state-view';
import { JoinStatus } from '../../components/join-status';
import { api } from '../../services/api';
import { session } from '../../services/session';
import { useApi } from '../../services/useApi';
import './index.scss';
import { pageUrl } from '../../../typings/pages';

export default function MePage() {
  const { data, error, loading, reload } = useApi(() => session({ fresh: true }), [], { refreshOnShow: true });
  // Someone not in a branch yet sees where their request to join stands, as on the home.
  const mine = useApi(
    () => (data && data.memberships.length === 0 ? api.join.mine({}) : Promise.resolve(null)),
    [data?.memberships.length],
  );
  const request = mine.data?.requests[0];
  return (
    <View className='zb-page me'>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && (
          <>
            <View className='zb-card me__profile'>
              <Text className='me__name' id='me-name'>
                {data.user.nickname}
              </Text>
              <Text className='me__since'>{shanghaiDay(data.user.createdAt)} 开始使用支部通</Text>
            </View>
            <CellGroup>
              <View id='me-archive'>
                <Cell
                  title='我的电子档案'
                  extra='查看与修改 ›'
                  clickable
                  onClick={() => void Taro.navigateTo({ url: pageUrl('archive') })}
                />
              </View>
              <View id='me-transfer'>
                <Cell
                  title='组织关系转接'
                  extra='申请与进度 ›'
                  clickable
                  onClick={() => void Taro.navigateTo({ url: pageUrl('transfer') })}
                />
              </View>
            </CellGroup>
            <Text className='zb-section-title'>我的组织</Text>
            {data.memberships.length === 0 && request && <JoinStatus request={request} id='me-join-status' />}
            <CellGroup>
              {data.memberships.length === 0 && !request && <Cell title='尚未加入任何支部' />}
              {data.memberships.map((m) => (
                <Cell key={m.orgId} title={m.orgName} description={`${ORG_TYPE_LABEL[m.orgType]} · ${ROLE_LABEL[m.role]}`} />
              ))}
            </CellGroup>
          </>
        )}
      </StateView>
    </View>
  );
}
