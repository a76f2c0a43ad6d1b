import { View } from '@tarojs/components';
import emptyImage from '../../assets/empty/study.png';
import { EmptyState } from '../../components/empty-state';
import { usePageClass } from '../../services/care';

export default function StudyPage() {
  const pageClass = usePageClass();
  return (
    <View className={pageClass}>
      <EmptyState image={emptyImage} title='暂无学习内容' description='支部上架课程和答题后，学习记录和积分会显示在这里' />
    </View>
  );
}
