import { View } from '@tarojs/components';
import { Empty } from '@nutui/nutui-react-taro';

export default function ActivityPage() {
  return (
    <View className='zb-page'>
      <Empty title='暂无活动' description='支部发布三会一课、主题党日、志愿服务等活动后，可在这里报名和签到' />
    </View>
  );
}
