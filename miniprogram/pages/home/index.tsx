import { View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { ORG_TYPE_LABEL, ROLE_LABEL } from '../../../typings/domain';
import { inShanghai } from '../../../typings/time';
import { StateView } from '../../components/state-view';
import { api } from '../../services/api';
import { session } from '../../services/session';
import { useApi } from '../../services/useApi';
import './index.scss';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function formatToday(day: string): string {
  const d = inShanghai(`${day}T12:00:00+08:00`);
  return `${d.month() + 1}月${d.date()}日 星期${WEEKDAYS[d.day()]}`;
}

export default function HomePage() {
  const { data, error, loading, reload } = useApi(async () => {
    await session();
    return api.branch.home({});
  });

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className='zb-page home'>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && !data.branch && (
          <View className='zb-card home__none' id='home-no-branch'>
            <Text className='home__none-title'>你还没有加入支部</Text>
            <Text className='home__none-text'>请从所在支部微信群里的小程序卡片进入，或联系支部书记把你加入支部。</Text>
          </View>
        )}
        {data?.branch && (
          <>
            <View className='home__hero' id='home-branch'>
              <Text className='home__date'>{formatToday(data.today)}</Text>
              <Text className='home__branch-name' id='branch-name'>
                {data.branch.name}
              </Text>
              {data.branch.parentName && <Text className='home__parent'>{data.branch.parentName}</Text>}
              <View className='home__meta'>
                <Text className='home__tag'>{ORG_TYPE_LABEL[data.branch.type]}</Text>
                {data.role && <Text className='home__tag home__tag--filled'>{ROLE_LABEL[data.role]}</Text>}
              </View>
              <View className='home__stat'>
                <Text className='home__stat-number' id='member-count'>
                  {data.memberCount}
                </Text>
                <Text className='home__stat-label'>名党员</Text>
              </View>
            </View>

            <Text className='zb-section-title'>置顶通知</Text>
            <CellGroup>
              <Cell title='暂无置顶通知' description='支部发布的重要通知会显示在这里' />
            </CellGroup>

            <Text className='zb-section-title'>近期活动</Text>
            <CellGroup>
              <Cell title='暂无近期活动' description='三会一课、主题党日等活动的报名入口会显示在这里' />
            </CellGroup>
          </>
        )}
      </StateView>
    </View>
  );
}
