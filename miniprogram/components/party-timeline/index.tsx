import { Text, View } from '@tarojs/components';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { PARTY_STAGE_LABEL, type LifecycleStepView, type PartyStage } from '../../../typings/domain';

export interface Timeline {
  steps: LifecycleStepView[];
  current: { stage: PartyStage; since: string } | null;
}

/** 发展历程: where a member stands in becoming a Party member, and each dated step. */
export function PartyTimeline({ timeline }: { timeline: Timeline }) {
  return (
    <View id='party-timeline'>
      <Text className='zb-section-title'>
        发展历程
        {timeline.current ? `（目前：${PARTY_STAGE_LABEL[timeline.current.stage]}，自 ${timeline.current.since}）` : ''}
      </Text>
      <CellGroup>
        {timeline.steps.length === 0 && <Cell title='尚未记录' description='由支部书记记录每一步的日期' />}
        {timeline.steps.map((s) => (
          <Cell
            key={`${s.stage}-${s.date}`}
            title={PARTY_STAGE_LABEL[s.stage]}
            description={[s.responsible && `培养联系人 ${s.responsible}`, `记录人 ${s.recordedByName}`, s.note].filter(Boolean).join(' · ')}
            extra={s.date}
          />
        ))}
      </CellGroup>
    </View>
  );
}
