import { View } from '@tarojs/components';
import emptyImage from '../../assets/empty/study.png';
import { EmptyState } from '../../components/empty-state';

export default function StudyPage() {
  return (
    <View className='zb-page'>
      <EmptyState image={emptyImage} title='暂无学习内容' description='支部上架课程和答题后，学习记录和积分会显示在这里' />
    </View>
  );
}
