import { Text, View } from '@tarojs/components';
import { studyDuration, type StudyArchiveView } from '../../../typings/study';
import { moment } from '../../services/format';

/** 学习档案: time studied (as the server measured it), lessons and courses completed, exams taken. */
export function StudyArchive({ study }: { study: StudyArchiveView }) {
  return (
    <>
      <Text className='zb-section-title'>学习档案</Text>
      <View className='zb-card zb-stack' id='archive-study'>
        <Text>
          今年学习 {studyDuration(study.yearSeconds)} · 累计 {studyDuration(study.totalSeconds)}
        </Text>
        <Text>
          学完 {study.lessonsDone} 课时、{study.coursesDone} 门课 · 近 30 天学习 {study.daysLast30} 天
        </Text>
        {study.courses.map((c) => (
          <Text key={c.title} className='zb-muted'>
            ✓ {c.title}（{moment(c.doneAt)} 学完）
          </Text>
        ))}
        {study.exams.length > 0 && (
          <Text>
            考试 {study.exams.length} 场，合格 {study.exams.filter((e) => e.passed).length} 场
          </Text>
        )}
        {study.exams.map((e) => (
          <Text key={`${e.title}-${e.at}`} className='zb-muted' id='archive-exam'>
            {e.passed ? '✓' : '✗'} {e.title}：{e.score} 分（{e.passed ? '合格' : '不合格'}，{moment(e.at)}）
          </Text>
        ))}
      </View>
    </>
  );
}
