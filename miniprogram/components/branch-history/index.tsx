import { Text, View } from '@tarojs/components';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { DUTY_LABEL, MEMBERSHIP_STATUS_LABEL, ROLE_LABEL, type ArchiveBranchView } from '../../../typings/domain';
import { shanghaiDay } from '../../../typings/time';

/** 组织关系: the units a member belongs or belonged to, part of their archive. */
export function BranchHistory({ branches }: { branches: ArchiveBranchView[] }) {
  return (
    <>
      <Text className='zb-section-title'>组织关系</Text>
      <CellGroup>
        {branches.length === 0 && <Cell title='尚未加入支部' />}
        {branches.map((b) => (
          <View key={b.memberId} id={`branch-history-${b.memberId}`}>
            <Cell
              title={b.orgName}
              description={`${shanghaiDay(b.joinedAt)} 加入 · ${b.duty ? DUTY_LABEL[b.duty] : ROLE_LABEL[b.role]}`}
              extra={MEMBERSHIP_STATUS_LABEL[b.status]}
            />
          </View>
        ))}
      </CellGroup>
    </>
  );
}
