import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro';
import { ATTENDANCE_LABEL, CHECKIN_METHOD_LABEL, type AttendanceBoard } from '../../../../../typings/domain';
import { inShanghai } from '../../../../../typings/time';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { openSpreadsheet } from '../../../../services/files';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import './index.scss';
import { usePageClass } from '../../../../services/care';

/** The live attendance board: who is here, who is still expected, on leave, absent; refreshes while the meeting runs. */
export default function BoardPage() {
  const pageClass = usePageClass('board');
  const { params } = useRouter();
  const activityId = params['id'] ?? '';
  const { data, error, loading, reload } = useApi(() => api.checkin.board({ activityId }), [activityId]);
  const acting = useAction();
  const exporting = useAction();

  useEffect(() => {
    const timer = setInterval(() => {
      if (
        data &&
        (data.status === 'ongoing' ||
          data.status === 'closed' ||
          data.status === 'full' ||
          data.status === 'open' ||
          data.status === 'upcoming')
      )
        void reload();
    }, 5000);
    return () => clearInterval(timer);
  }, [data, reload]);

  const act = async (f: () => Promise<AttendanceBoard>, done: string) => {
    if (await acting.run(f, done)) await reload();
  };

  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && (
          <>
            <View className='board__counts' id='board-counts'>
              {(['present', 'expected', 'excused', 'absent'] as const).map((s) => (
                <View key={s} className={`board__count board__count--${s}`} id={`count-${s}`}>
                  <Text className='board__number'>{data.counts[s]}</Text>
                  <Text className='board__label'>{ATTENDANCE_LABEL[s]}</Text>
                </View>
              ))}
            </View>
            {data.pending.length > 0 && (
              <>
                <Text className='zb-section-title'>待处理</Text>
                {data.pending.map((p) => (
                  <View key={`${p.kind}-${p.memberId}`} className='zb-card zb-stack' id={`pending-${p.kind}-${p.memberId}`}>
                    <Text className='zb-title'>
                      {p.name} · {p.kind === 'signup' ? '报名待审核' : '请假'}
                    </Text>
                    {p.reason && <Text className='zb-quote'>{p.reason}</Text>}
                    <View className='zb-row'>
                      <Button
                        className='zb-grow'
                        type='primary'
                        onClick={() =>
                          void act(() => api.signup.review({ activityId, memberId: p.memberId, kind: p.kind, approve: true }), '已同意')
                        }
                      >
                        {p.kind === 'signup' ? '通过' : '准假'}
                      </Button>
                      <Button
                        className='zb-grow'
                        onClick={() =>
                          void act(() => api.signup.review({ activityId, memberId: p.memberId, kind: p.kind, approve: false }), '已拒绝')
                        }
                      >
                        不同意
                      </Button>
                    </View>
                  </View>
                ))}
              </>
            )}
            <Text className='zb-section-title'>名单（共 {data.rows.length} 人，每 5 秒刷新）</Text>
            <CellGroup>
              {data.rows.length === 0 && <Cell title='还没有人报名或签到' />}
              {data.rows.map((r) => (
                <View key={r.memberId} id={`row-${r.memberId}`}>
                  <Cell
                    title={r.name}
                    description={
                      r.checkedInAt
                        ? `${inShanghai(r.checkedInAt).format('HH:mm')} ${r.method ? CHECKIN_METHOD_LABEL[r.method] : ''}`
                        : r.leave
                          ? '请假'
                          : undefined
                    }
                    extra={
                      r.state === 'present' ? (
                        <Text className='board__tag board__tag--present'>{ATTENDANCE_LABEL.present}</Text>
                      ) : r.state === 'expected' ? (
                        <Button
                          size='small'
                          id={`mark-${r.memberId}`}
                          onClick={() => void act(() => api.checkin.mark({ activityId, memberId: r.memberId, present: true }), '已补签')}
                        >
                          补签
                        </Button>
                      ) : (
                        <Text className='board__tag'>{ATTENDANCE_LABEL[r.state]}</Text>
                      )
                    }
                  />
                </View>
              ))}
            </CellGroup>
            <View className='zb-actions board__export'>
              <Button
                id='board-export'
                size='large'
                block
                loading={exporting.busy}
                onClick={() => void exporting.run(async () => openSpreadsheet((await api.record.export({ activityId })).url))}
              >
                导出签到表和会议记录
              </Button>
            </View>
            {(acting.error || exporting.error) && <Text className='zb-error zb-section-title'>{acting.error || exporting.error}</Text>}
          </>
        )}
      </StateView>
    </View>
  );
}
