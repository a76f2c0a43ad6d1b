import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { DUTY_LABEL, ROLE_LABEL, ROLES, type CommitteeDuty, type Role } from '../../../../typings/domain';
import { api } from '../../../services/api';
import { useAction } from '../../../services/useAction';

const DUTIES = Object.keys(DUTY_LABEL) as CommitteeDuty[];

/** Changes a member's role in the unit (a 支委 with a duty). The server decides who may grant what; every change is audited. */
interface Props {
  memberId: string;
  role: Role;
  duty: CommitteeDuty | null;
  onDone: () => void;
}

export function RoleForm({ memberId, role, duty: currentDuty, onDone }: Props) {
  const [next, setNext] = useState<Role>(role);
  const [duty, setDuty] = useState<CommitteeDuty>(currentDuty ?? 'organization');
  const { busy, error, run } = useAction();

  async function save() {
    const ok = await run(() => api.role.set({ memberId, role: next, ...(next === 'committee' ? { duty } : {}) }), '职务已更新');
    if (ok) onDone();
  }

  return (
    <View className='zb-card zb-stack' id='role-form'>
      <Text className='zb-title'>支部职务</Text>
      <Text className='zb-muted'>
        现任：{currentDuty ? DUTY_LABEL[currentDuty] : ROLE_LABEL[role]}。任免书记、党委管理员需由上级党委管理员操作。
      </Text>
      <Text className='zb-muted'>改为：</Text>
      <View className='zb-choices' id='role-choices'>
        {ROLES.map((r) => (
          <Button key={r} id={`role-${r}`} className={next === r ? 'zb-choice zb-choice--on' : 'zb-choice'} onClick={() => setNext(r)}>
            {ROLE_LABEL[r]}
          </Button>
        ))}
      </View>
      {next === 'committee' && (
        <>
          <Text className='zb-muted'>分工：</Text>
          <View className='zb-choices' id='duty-choices'>
            {DUTIES.map((d) => (
              <Button key={d} id={`duty-${d}`} className={duty === d ? 'zb-choice zb-choice--on' : 'zb-choice'} onClick={() => setDuty(d)}>
                {DUTY_LABEL[d]}
              </Button>
            ))}
          </View>
        </>
      )}
      <Button
        id='role-save'
        type='primary'
        size='large'
        block
        loading={busy}
        disabled={next === role && (next !== 'committee' || duty === currentDuty)}
        onClick={() => void save()}
      >
        保存职务
      </Button>
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}
