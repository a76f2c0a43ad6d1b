import { Text, View } from '@tarojs/components';
import type { RecordView } from '../../../typings/domain';
import { moment } from '../../services/format';
import { ImageGrid } from '../image-grid';

/** A closed record (纪实): attendance numbers, then the minutes. */
export function RecordCard({ record }: { record: RecordView }) {
  const a = record.attendance;
  return (
    <View className='zb-card zb-stack' id='record-card'>
      <Text className='zb-title'>会议纪实</Text>
      {a && (
        <Text className='zb-muted' id='record-attendance'>
          应到 {a.present + a.absent} 人，实到 {a.present} 人，请假 {a.excused} 人，缺席 {a.absent} 人，出席率 {a.rate}%
        </Text>
      )}
      {record.topic && <Text>议题：{record.topic}</Text>}
      {(record.host || record.recorder) && (
        <Text className='zb-muted'>
          {record.host && `主持人：${record.host}  `}
          {record.recorder && `记录人：${record.recorder}`}
        </Text>
      )}
      {record.content && <Text className='zb-quote'>{record.content}</Text>}
      {record.resolutions && <Text>决议：{record.resolutions}</Text>}
      <ImageGrid images={record.photos} id='record-photos' />
      {record.closedAt && <Text className='zb-muted'>{moment(record.closedAt)} 归档</Text>}
    </View>
  );
}
