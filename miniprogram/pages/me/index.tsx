import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Cell, CellGroup, Switch } from '@nutui/nutui-react-taro';
import { ORG_TYPE_LABEL, ROLE_LABEL } from '../../../typings/domain';
import { shanghaiDay } from '../../../typings/time';
import { StateView } from '../../components/state-view';
import { JoinStatus } from '../../components/join-status';
import { NamePrompt } from '../../components/name-prompt';
import { api } from '../../services/api';
import { session } from '../../services/session';
import { useApi } from '../../services/useApi';
import './index.scss';
import { pageUrl } from '../../../typings/pages';
import { careFollowsWeChat, setCareMode, useCareMode, usePageClass } from '../../services/care';

/** The care-mode switch: larger text and buttons everywhere, and a simpler home. */
function CareSwitch() {
  const care = useCareMode();
  const followsWeChat = careFollowsWeChat();
  return (
    // The whole row is the switch (a 44 px target however small the toggle is drawn).
    <View id='me-care' className='me__care' role='switch' aria-checked={care} onClick={() => setCareMode(!care)}>
      <Cell
        title='关怀模式'
        description={followsWeChat ? '已按微信的字体大小开启：字更大、按钮更大，首页只留常用的' : '字更大、按钮更大，首页只留常用的'}
        extra={<Switch checked={care} className='me__care-switch' />}
      />
    </View>
  );
}

export default function MePage() {
  const pageClass = usePageClass('me');
  const { data, error, loading, reload } = useApi(() => session({ fresh: true }), [], { refreshOnShow: true });
  // Someone not in a branch yet sees where their request to join stands, as on the home.
  const mine = useApi(
    () => (data && data.memberships.length === 0 ? api.join.mine({}) : Promise.resolve(null)),
    [data?.memberships.length],
  );
  const request = mine.data?.requests[0];
  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && (
          <>
            <View className='zb-card me__profile'>
              <Text className='me__name' id='me-name'>
                {data.user.name ?? '未填写姓名'}
              </Text>
              <Text className='me__since'>{shanghaiDay(data.user.createdAt)} 开始使用支部通</Text>
            </View>
            {!data.user.name && <NamePrompt onSaved={() => void reload()} />}
            <CellGroup>
              <View id='me-archive'>
                <Cell
                  title='我的电子档案'
                  extra='查看与修改 ›'
                  clickable
                  onClick={() => void Taro.navigateTo({ url: pageUrl('archive') })}
                />
              </View>
              <View id='me-service'>
                <Cell
                  title='我的志愿服务'
                  extra='报名、时长、微心愿 ›'
                  clickable
                  onClick={() => void Taro.navigateTo({ url: pageUrl('service') })}
                />
              </View>
              {data.memberships.length > 0 && (
                <View id='me-dues'>
                  <Cell
                    title='我的党费'
                    extra='应交与缴纳记录 ›'
                    clickable
                    onClick={() => void Taro.navigateTo({ url: pageUrl('myDues') })}
                  />
                </View>
              )}
              <View id='me-transfer'>
                <Cell
                  title='组织关系转接'
                  extra='申请与进度 ›'
                  clickable
                  onClick={() => void Taro.navigateTo({ url: pageUrl('transfer') })}
                />
              </View>
            </CellGroup>
            <CellGroup>
              <CareSwitch />
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
