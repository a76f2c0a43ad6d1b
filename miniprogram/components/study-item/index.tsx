import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl } from '../../../typings/pages';
import type { StudyCard } from '../../../typings/study';
import './index.scss';

/** A course or a 学习资料 post in 学习: cover, title, what it is and how far the member is. */
export function StudyItem({ item }: { item: StudyCard }) {
  const course = item.kind === 'course';
  const finished = course ? item.lessonCount > 0 && item.done >= item.lessonCount : item.done > 0;
  const open = () => void Taro.navigateTo({ url: course ? pageUrl('course', { id: item.id }) : pageUrl('postDetail', { id: item.id }) });
  return (
    <View className='zb-card study-item' id={`study-${item.id}`} onClick={open}>
      {item.coverUrl ? (
        <Image className='study-item__cover' src={item.coverUrl} mode='aspectFill' />
      ) : (
        <View className='study-item__cover study-item__cover--plain'>
          <Text>{course ? '课' : '文'}</Text>
        </View>
      )}
      <View className='study-item__text'>
        <Text className='study-item__title'>{item.title}</Text>
        <View className='zb-row study-item__marks'>
          <Text className='zb-tag'>{course ? '系列课' : '学习资料'}</Text>
          {item.featured && <Text className='study-item__mark'>精品</Text>}
          {item.tags.slice(0, 2).map((t) => (
            <Text key={t} className='study-item__tagname'>
              {t}
            </Text>
          ))}
        </View>
        <Text className='zb-muted'>
          {course ? `${item.lessonCount} 课时 · ` : ''}
          {item.learners} 人学过
        </Text>
        {finished ? (
          <Text className='study-item__done'>✓ 已学完</Text>
        ) : course && item.done > 0 ? (
          <Text className='study-item__progress'>
            已学 {item.done}/{item.lessonCount} 课时
          </Text>
        ) : null}
      </View>
    </View>
  );
}
