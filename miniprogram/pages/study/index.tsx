import { useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, SearchBar } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../typings/pages';
import {
  LESSON_KIND_LABEL,
  STUDY_STATE_LABEL,
  STUDY_TAB_LABEL,
  STUDY_TABS,
  STUDY_TAGS,
  studyDuration,
  type AssignedCard,
  type StudyCard,
  type StudyTab,
  type StudyTag,
} from '../../../typings/study';
import type { ExamHome } from '../../../typings/exam';
import emptyImage from '../../assets/empty/study.png';
import { EmptyState } from '../../components/empty-state';
import { ListState } from '../../components/list-state';
import { LoadMore } from '../../components/load-more';
import { StudyItem } from '../../components/study-item';
import { api } from '../../services/api';
import { usePageClass } from '../../services/care';
import { moment } from '../../services/format';
import { session } from '../../services/session';
import { useApi } from '../../services/useApi';
import { usePaged } from '../../services/usePaged';
import './index.scss';

const go = (url: string) => void Taro.navigateTo({ url });

function Assigned({ a }: { a: AssignedCard }) {
  return (
    <View
      className={`zb-card study__assigned${a.overdue ? ' study__assigned--overdue' : ''}`}
      id={`assigned-${a.assignmentId}`}
      onClick={() => go(pageUrl('course', { id: a.courseId }))}
    >
      <View className='zb-row'>
        <Text className='zb-tag'>必学</Text>
        <Text className={`study__state study__state--${a.state}`}>{STUDY_STATE_LABEL[a.state]}</Text>
      </View>
      <Text className='study__assigned-title'>{a.title}</Text>
      <Text className={a.overdue ? 'zb-error' : 'zb-muted'}>
        {a.overdue ? '已过期限：' : ''}
        {moment(a.dueAt)} 前完成 · 已学 {a.lessonsDone}/{a.lessonsTotal} 课时
      </Text>
    </View>
  );
}

/** 学习考核 on the 学习 tab: today's practice and the exams waiting, one tap from each. */
function Assessment({ home }: { home: ExamHome }) {
  const waiting = home.papers.filter((p) => p.state === 'open' && !p.best?.passed);
  return (
    <View className='zb-card zb-stack study__exam' id='study-exam'>
      <View className='zb-row'>
        <Text className='study__exam-title zb-grow'>学习考核</Text>
        <Text className='study__more' id='study-practice' onClick={() => go(pageUrl('practice'))}>
          全部 ›
        </Text>
      </View>
      {waiting.map((p) => (
        <View key={p.id} className='zb-option' id={`study-paper-${p.id}`} onClick={() => go(pageUrl('exam', { paperId: p.id }))}>
          <Text className='zb-option__title'>
            {p.openAttemptId ? '继续作答：' : ''}
            {p.title}
          </Text>
          <Text className='zb-muted'>{p.closeAt ? `${moment(p.closeAt)} 截止` : '随时可做'}</Text>
        </View>
      ))}
      <View className='study__exam-actions'>
        {home.daily.available && (
          <Button
            id='study-daily'
            type={home.daily.done ? 'default' : 'primary'}
            size='large'
            onClick={() => go(pageUrl('exam', { daily: 1 }))}
          >
            {home.daily.done ? `今日已练 ${home.daily.score ?? 0} 分` : '每日一练'}
          </Button>
        )}
        <Button id='study-points' size='large' onClick={() => go(pageUrl('points'))}>
          我的积分
        </Button>
      </View>
    </View>
  );
}

/** 学习: where I left off and what I must study first, then the library by 最新 / 最热 / 精品, tag and title. */
export default function StudyPage() {
  const pageClass = usePageClass('study');
  const [tab, setTab] = useState<StudyTab>('latest');
  const [tag, setTag] = useState<StudyTag | null>(null);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const home = useApi(() => api.study.home({}), [], { refreshOnShow: true });
  const exam = useApi(() => api.exam.home({}), [], { refreshOnShow: true });
  const me = useApi(() => session());
  const { items, cursor, busy, error, more, reload } = usePaged<StudyCard>(
    async (after) => {
      const page = await api.study.library({
        tab,
        ...(tag ? { tag } : {}),
        ...(query ? { q: query } : {}),
        ...(after ? { cursor: after } : {}),
      });
      return page;
    },
    [tab, tag, query],
  );
  const desk = me.data?.memberships.find((m) => m.role === 'secretary' || m.role === 'deputy_secretary' || m.role === 'admin');
  const h = home.data;
  return (
    <View className={pageClass}>
      {h?.resume && (
        <View className='zb-card study__resume' id='study-resume'>
          <Text className='zb-muted'>继续学习 · {h.resume.courseTitle}</Text>
          <Text className='study__resume-title'>
            {LESSON_KIND_LABEL[h.resume.kind]} · {h.resume.lessonTitle}
          </Text>
          <Button type='primary' size='large' block onClick={() => go(pageUrl('lesson', { id: h.resume!.lessonId }))}>
            继续学习
          </Button>
        </View>
      )}
      {h && h.assigned.length > 0 && (
        <View id='study-assigned'>
          <Text className='zb-section-title'>必学（{h.assigned.filter((a) => a.state !== 'done').length} 门未学完）</Text>
          {h.assigned.map((a) => (
            <Assigned key={a.assignmentId} a={a} />
          ))}
        </View>
      )}
      {exam.data && <Assessment home={exam.data} />}
      <View className='zb-card study__time' id='study-mine' onClick={() => go(pageUrl('myStudy'))}>
        <View className='zb-stack zb-grow'>
          <Text className='zb-muted'>今天 · 本周学习</Text>
          <Text className='study__time-value'>
            {studyDuration(h?.todaySeconds ?? 0)} · {studyDuration(h?.weekSeconds ?? 0)}
          </Text>
        </View>
        <Text className='study__more'>我的学习 ›</Text>
      </View>
      <SearchBar
        className='study__search'
        placeholder='搜索课程和学习资料'
        value={q}
        onChange={setQ}
        onSearch={(v) => setQuery(v.trim())}
        onClear={() => setQuery('')}
      />
      <View className='study__tabs'>
        {STUDY_TABS.map((k) => (
          <View key={k} id={`study-tab-${k}`} className={`study__tab ${tab === k ? 'study__tab--on' : ''}`} onClick={() => setTab(k)}>
            {STUDY_TAB_LABEL[k]}
          </View>
        ))}
      </View>
      <ScrollView scrollX className='study__tags' enhanced showScrollbar={false}>
        {[null, ...STUDY_TAGS].map((t) => (
          <View
            key={t ?? 'all'}
            id={`study-tag-${t ?? 'all'}`}
            className={`study__chip ${tag === t ? 'study__chip--on' : ''}`}
            onClick={() => setTag(t)}
          >
            {t ?? '全部'}
          </View>
        ))}
      </ScrollView>
      <ListState id='study-list' items={items} error={error} onRetry={() => void reload()} />
      {items && items.length === 0 && (
        <EmptyState
          image={emptyImage}
          title={query || tag ? '没有找到相关课程' : '暂无学习内容'}
          description={query || tag ? '换个关键词或标签试试' : '支部和上级党委发布系列课、学习资料后，会出现在这里'}
        />
      )}
      {items?.map((item) => (
        <StudyItem key={item.id} item={item} />
      ))}
      <LoadMore cursor={cursor} busy={busy} onMore={() => void more()} />
      {desk && (
        <View className='zb-actions'>
          <Button id='study-desk' size='large' block onClick={() => go(pageUrl('posts', { orgId: desk.orgId }))}>
            发布系列课（{desk.orgName}）
          </Button>
          <Button id='study-assignments' size='large' block onClick={() => go(pageUrl('assignments', { orgId: desk.orgId }))}>
            布置必学、查看学习进度
          </Button>
        </View>
      )}
    </View>
  );
}
