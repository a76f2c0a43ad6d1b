import { View } from '@tarojs/components';
import { Empty } from '@nutui/nutui-react-taro';

export default function StudyPage() {
  return (
    <View className='zb-page'>
      <Empty title='暂无学习内容' description='支部上架课程和答题后，学习记录和积分会显示在这里' />
    </View>
  );
}
