import { View } from '@tarojs/components';
import emptyImage from '../../assets/empty/activity.png';
import { EmptyState } from '../../components/empty-state';

export default function ActivityPage() {
  return (
    <View className='zb-page'>
      <EmptyState image={emptyImage} title='暂无活动' description='支部发布三会一课、主题党日、志愿服务等活动后，可在这里报名和签到' />
    </View>
  );
}
