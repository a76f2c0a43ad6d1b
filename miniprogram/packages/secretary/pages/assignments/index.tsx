import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import type { Audience } from '../../../../../typings/domain';
import type { AssignmentView } from '../../../../../typings/study';
import { shanghaiDay } from '../../../../../typings/time';
import { Field, Picked } from '../../../../components/field';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { AudiencePicker } from '../activity-edit/audience';
import { Choices } from '../../../../components/choices';

function Assignment({ a }: { a: AssignmentView }) {
  return (
    <View
      className='zb-card zb-stack'
      id={`assignment-${a.id}`}
      onClick={() => void Taro.navigateTo({ url: pageUrl('assignmentProgress', { id: a.id }) })}
    >
      <Text className='zb-title'>{a.courseTitle}</Text>
      <Text className='zb-muted'>
        {moment(a.dueAt)} 前完成 · {a.lessonsTotal} 课时 · {a.audienceLabel}
      </Text>
      <Text>
        已完成 {a.counts.done} 人 · 学习中 {a.counts.studying} 人 · 未开始 {a.counts.notStarted} 人
      </Text>
      <Text className='zb-muted'>查看每个人的进度 ›</Text>
    </View>
  );
}

/** 必学: a unit's leaders assign a course by a date and see how far their members are. */
export default function AssignmentsPage() {
  const pageClass = usePageClass('assignments');
  const { orgId = '', courseId: preset = '' } = useRouter().params;
  const list = useApi(() => api.study.assignments({ orgId }), [orgId], { refreshOnShow: true });
  const courses = useApi(() => api.study.library({ tab: 'latest', limit: 50 }), []);
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));
  const [courseId, setCourseId] = useState(preset);
  const [audience, setAudience] = useState<Audience>({ kind: 'unit' });
  const [only, setOnly] = useState<string[] | null>(null);
  const lessons = useApi(async () => (courseId ? api.study.course({ courseId }) : null), [courseId]);
  const [day, setDay] = useState(shanghaiDay(new Date(Date.now() + 14 * 24 * 3600 * 1000)));
  const [tried, setTried] = useState(false);
  const assigning = useAction();
  const options = (courses.data?.items ?? []).filter((c) => c.kind === 'course');
  const audienceChosen =
    (audience.kind !== 'units' || audience.orgIds.length > 0) && (audience.kind !== 'members' || audience.memberIds.length > 0);
  const chosen = options.find((c) => c.id === courseId);
  async function assign() {
    setTried(true);
    if (!courseId || !audienceChosen || (only && only.length === 0)) return;
    const done = await assigning.run(
      () =>
        api.study.assign({
          orgId,
          courseId,
          audience,
          lessonIds: only && only.length ? only : null,
          dueAt: new Date(`${day}T23:59:00+08:00`).toISOString(),
        }),
      '已布置',
    );
    if (done) {
      setTried(false);
      setCourseId('');
      await list.reload();
    }
  }
  return (
    <View className={pageClass}>
      <View className='zb-card zb-stack' id='assign-form'>
        <Text className='zb-title'>布置必学</Text>
        <Field id='field-assign-course' label='课程' required plain error={tried && !courseId ? '请选择一门系列课' : null}>
          <View className='zb-stack'>
            {options.length === 0 && <Text className='zb-muted'>还没有可布置的系列课。先在“写稿与审核”中发布一门系列课。</Text>}
            {options.map((c) => (
              <View
                key={c.id}
                id={`assign-course-${c.id}`}
                className={`zb-option${courseId === c.id ? ' zb-option--on' : ''}`}
                onClick={() => setCourseId(c.id)}
              >
                <Text className='zb-option__title'>{c.title}</Text>
                <Text className='zb-muted'>
                  {c.orgName} · {c.lessonCount} 课时
                </Text>
              </View>
            ))}
          </View>
        </Field>
        {courseId && lessons.data && (
          <Field id='field-assign-lessons' label='学哪些课时' required plain error={tried && only?.length === 0 ? '请至少选一课' : null}>
            <View className='zb-stack'>
              <Choices
                id='assign-lessons'
                options={[
                  ['all', `全部 ${lessons.data.lessons.length} 课时`],
                  ['some', '指定课时'],
                ]}
                value={only ? 'some' : 'all'}
                onChange={(v) => setOnly(v === 'some' ? [] : null)}
              />
              {only &&
                lessons.data.lessons.map((l, i) => (
                  <View
                    key={l.id}
                    id={`assign-lesson-${i}`}
                    className={`zb-option${only.includes(l.id) ? ' zb-option--on' : ''}`}
                    onClick={() => setOnly(only.includes(l.id) ? only.filter((x) => x !== l.id) : [...only, l.id])}
                  >
                    <Text className='zb-option__title'>
                      {i + 1}. {l.title}
                    </Text>
                  </View>
                ))}
            </View>
          </Field>
        )}
        <Field id='field-assign-scope' label='学习范围' required plain error={tried && !audienceChosen ? '请选择组织或党员' : null}>
          <AudiencePicker orgId={orgId} value={audience} onChange={setAudience} />
        </Field>
        <Field id='field-assign-due' label='完成期限' required hint='当天 23:59 截止；未学完的党员每天晚上会收到一次提醒'>
          <Picker mode='date' value={day} start={shanghaiDay(new Date())} onChange={(e) => setDay(e.detail.value)}>
            <Picked id='assign-due' value={day} />
          </Picker>
        </Field>
        <Button id='assign-submit' type='primary' size='large' block loading={assigning.busy} onClick={() => void assign()}>
          {chosen ? `布置必学：${chosen.title}` : '布置必学'}
        </Button>
        {assigning.error && (
          <Text className='zb-error' id='assign-error'>
            {assigning.error}
          </Text>
        )}
      </View>
      <Text className='zb-section-title'>已布置的必学</Text>
      <StateView loading={list.loading && !list.data} error={list.data ? undefined : list.error} onRetry={() => void list.reload()}>
        {list.data?.assignments.length === 0 && (
          <View className='zb-card'>
            <Text className='zb-muted'>还没有布置必学</Text>
          </View>
        )}
        {list.data?.assignments.map((a) => (
          <Assignment key={a.id} a={a} />
        ))}
      </StateView>
    </View>
  );
}
