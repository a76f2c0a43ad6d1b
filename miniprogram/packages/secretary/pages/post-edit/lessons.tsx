import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { LESSON_KIND_LABEL, STUDY_TAGS, type StudyTag } from '../../../../../typings/study';
import { api } from '../../../../services/api';
import { confirmDestructive } from '../../../../services/confirm';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';

/** Up to three tags, as large toggles; and for a leader, the 精品 mark. */
export function StudyMarks({
  tags,
  onTags,
  featured,
  onFeatured,
  leads,
}: {
  tags: StudyTag[];
  onTags: (t: StudyTag[]) => void;
  featured: boolean;
  onFeatured: (f: boolean) => void;
  leads: boolean;
}) {
  return (
    <View className='zb-card zb-stack' id='edit-study'>
      <Text className='zb-muted'>标签（最多 3 个，党员可按标签查找）</Text>
      <View className='zb-choices' id='edit-tags'>
        {STUDY_TAGS.map((t) => {
          const on = tags.includes(t);
          return (
            <Button
              key={t}
              id={`edit-tag-${t}`}
              className={on ? 'zb-choice zb-choice--on' : 'zb-choice'}
              onClick={() => onTags(on ? tags.filter((x) => x !== t) : tags.length < 3 ? [...tags, t] : tags)}
            >
              {t}
            </Button>
          );
        })}
      </View>
      {leads && (
        <>
          <Text className='zb-muted'>精品（在“学习 → 精品”中展示）</Text>
          <View className='zb-choices' id='edit-featured'>
            <Button className={!featured ? 'zb-choice zb-choice--on' : 'zb-choice'} onClick={() => onFeatured(false)}>
              普通
            </Button>
            <Button id='edit-featured-yes' className={featured ? 'zb-choice zb-choice--on' : 'zb-choice'} onClick={() => onFeatured(true)}>
              设为精品
            </Button>
          </View>
        </>
      )}
    </View>
  );
}

/** A 系列课's lessons in order: add, edit, move and remove (removing asks first). */
export function CourseLessons({ courseId, onSaveFirst }: { courseId: string; onSaveFirst: () => void }) {
  const lessons = useApi(() => (courseId ? api.study.lessons({ courseId }) : Promise.resolve(null)), [courseId], { refreshOnShow: true });
  const acting = useAction();
  const list = lessons.data?.lessons ?? [];
  const add = () => void Taro.navigateTo({ url: pageUrl('lessonEdit', { courseId }) });
  const move = (lessonId: string, direction: 'up' | 'down') =>
    void acting.run(() => api.study.moveLesson({ lessonId, direction })).then((r) => r && lessons.reload());
  const remove = async (lessonId: string, title: string) => {
    const yes = await confirmDestructive({
      title: `删除「${title}」？`,
      content: '这一课的内容和文件会被删除，党员的学习记录保留。',
      confirmText: '删除',
    });
    if (yes && (await acting.run(() => api.study.removeLesson({ lessonId }), '已删除'))) await lessons.reload();
  };
  return (
    <View className='zb-card zb-stack' id='edit-lessons'>
      <Text className='zb-title'>课时（{list.length}）</Text>
      {!courseId && (
        <>
          <Text className='zb-muted'>先保存草稿，再逐课添加图文、音频、视频或文档。</Text>
          <Button id='edit-lessons-save' size='large' block onClick={onSaveFirst}>
            保存草稿，开始添加课时
          </Button>
        </>
      )}
      {list.map((l, i) => (
        <View key={l.id} className='post-edit__block' id={`edit-lesson-${i}`}>
          <Text className='post-edit__lesson-title'>
            {i + 1}. {l.title}
          </Text>
          <Text className='zb-muted'>
            {LESSON_KIND_LABEL[l.kind]} · {l.learners} 人学过 · {l.completions} 人学完
          </Text>
          <View className='zb-choices'>
            <Button onClick={() => void Taro.navigateTo({ url: pageUrl('lessonEdit', { courseId, lessonId: l.id }) })}>编辑</Button>
            {i > 0 && <Button onClick={() => move(l.id, 'up')}>上移</Button>}
            {i < list.length - 1 && <Button onClick={() => move(l.id, 'down')}>下移</Button>}
            <Button className='zb-danger' id={`edit-lesson-${i}-remove`} onClick={() => void remove(l.id, l.title)}>
              删除
            </Button>
          </View>
        </View>
      ))}
      {courseId && (
        <Button id='edit-lesson-add' type='primary' size='large' block onClick={add}>
          + 添加课时
        </Button>
      )}
      {acting.error && <Text className='zb-error'>{acting.error}</Text>}
    </View>
  );
}
