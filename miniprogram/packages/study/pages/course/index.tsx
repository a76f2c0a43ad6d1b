import { Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { LESSON_KIND_LABEL, type CourseView, type LessonCard } from '../../../../../typings/study';
import { PostBody } from '../../../../components/post-body';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';
import './index.scss';

const minutes = (seconds: number) => (seconds < 60 ? `${Math.round(seconds)} 秒` : `${Math.round(seconds / 60)} 分钟`);
const go = (url: string) => void Taro.navigateTo({ url });

function Lesson({ l, index }: { l: LessonCard; index: number }) {
  return (
    <View className='course__lesson' id={`lesson-${l.id}`} onClick={() => go(pageUrl('lesson', { id: l.id }))}>
      <Text className='course__index'>{index + 1}</Text>
      <View className='zb-grow zb-stack course__lesson-text'>
        <Text className='course__lesson-title'>{l.title}</Text>
        <Text className='zb-muted'>
          {LESSON_KIND_LABEL[l.kind]}
          {l.duration ? ` · ${minutes(l.duration)}` : ''}
        </Text>
      </View>
      {l.done ? (
        <Text className='course__done'>✓ 已学完</Text>
      ) : l.progress > 0 ? (
        <Text className='course__progress'>已学 {Math.round(l.progress * 100)}%</Text>
      ) : (
        <Text className='course__go'>去学习 ›</Text>
      )}
    </View>
  );
}

/** A 系列课: what it is, whether it is 必学 and by when, its lessons with the member's progress, and where to start. */
export default function CoursePage() {
  const pageClass = usePageClass('course');
  const { id = '' } = useRouter().params;
  const course = useApi(() => api.study.course({ courseId: id }), [id], { refreshOnShow: true });
  usePullDownRefresh(() => void course.reload().finally(() => Taro.stopPullDownRefresh()));
  const c: CourseView | undefined = course.data;
  const next = c?.lessons.find((l) => !l.done) ?? c?.lessons[0];
  const started = c?.lessons.some((l) => l.progress > 0);
  const done = c ? c.lessons.filter((l) => l.done).length : 0;
  return (
    <View className={pageClass}>
      <StateView loading={course.loading && !c} error={c ? undefined : course.error} onRetry={() => void course.reload()}>
        {c && (
          <>
            <View className='zb-card zb-stack' id='course-head'>
              {c.coverUrl && <Image className='course__cover' src={c.coverUrl} mode='widthFix' />}
              <Text className='course__title' id='course-title'>
                {c.title}
              </Text>
              <View className='zb-row course__marks'>
                <Text className='zb-tag'>系列课</Text>
                {c.featured && <Text className='course__mark'>精品</Text>}
                {c.tags.map((t) => (
                  <Text key={t} className='zb-muted'>
                    {t}
                  </Text>
                ))}
              </View>
              <Text className='zb-muted'>
                {c.orgName} · {c.lessons.length} 课时 · {c.learners} 人学过
              </Text>
              {c.assigned && (
                <Text className='course__assigned' id='course-assigned'>
                  必学：{moment(c.assigned.dueAt)} 前完成{c.assigned.lessonIds ? `（指定 ${c.assigned.lessonIds.length} 课时）` : ''}
                </Text>
              )}
              <Text className='course__count'>
                已学完 {done}/{c.lessons.length} 课时
              </Text>
              {next && (
                <Button id='course-start' type='primary' size='large' block onClick={() => go(pageUrl('lesson', { id: next.id }))}>
                  {done === c.lessons.length ? '再学一遍' : started ? '继续学习' : '开始学习'}：第 {c.lessons.indexOf(next) + 1} 课
                </Button>
              )}
            </View>
            <Text className='zb-section-title'>课程目录</Text>
            <View className='zb-card course__lessons' id='course-lessons'>
              {c.lessons.length === 0 && <Text className='zb-muted'>这门课还没有课时</Text>}
              {c.lessons.map((l, i) => (
                <Lesson key={l.id} l={l} index={i} />
              ))}
            </View>
            {c.summary.length > 0 && (
              <>
                <Text className='zb-section-title'>课程介绍</Text>
                <View className='zb-card'>
                  <PostBody id='course-summary' body={c.summary} />
                </View>
              </>
            )}
            {c.canManage && (
              <View className='zb-actions'>
                <Button id='course-edit' size='large' block onClick={() => go(pageUrl('postEdit', { id: c.id }))}>
                  编辑课程和课时
                </Button>
              </View>
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
