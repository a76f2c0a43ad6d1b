import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Checkbox, Input } from '@nutui/nutui-react-taro';
import { COMMITTEE_ROLES, ORG_TYPE_LABEL, type Audience, type AudienceOptions } from '../../../../../typings/domain';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { useApi } from '../../../../services/useApi';
import { Choices } from '../../../../components/choices';

/** 参加范围: the unit, some units below it, all of them, or invited members (e.g. the 支委 for a 支委会). */
export function AudiencePicker({
  orgId,
  value,
  onChange,
  members = true,
}: {
  orgId: string;
  value: Audience;
  onChange: (a: Audience) => void;
  /** Whether invited members are a choice (activities: yes; posts go to units). */
  members?: boolean;
}) {
  const options = useApi(() => api.activity.audienceOptions({ orgId }), [orgId]);
  const data = options.data;
  const hasBelow = (data?.units.length ?? 0) > 1;
  const own = data?.units[0];
  const kinds: [Audience['kind'], string][] = [
    ['unit', own?.type === 'branch' ? '本支部党员' : '本组织党员'],
    ...(hasBelow
      ? ([
          ['units', '选择下级组织'],
          ['subtree', '本组织及全部下级组织'],
        ] as [Audience['kind'], string][])
      : []),
    ...(members ? ([['members', '指定党员']] as [Audience['kind'], string][]) : []),
  ];
  const choose = (kind: Audience['kind']) => {
    if (kind === value.kind) return;
    if (kind === 'units') onChange({ kind, orgIds: [] });
    else if (kind === 'members') onChange({ kind, memberIds: [] });
    else onChange({ kind });
  };
  return (
    <View className='zb-stack'>
      <Choices id='edit-audience' options={kinds} value={value.kind} onChange={choose} />
      {(value.kind === 'units' || value.kind === 'members') && (
        <StateView loading={options.loading && !data} error={options.error} onRetry={options.reload}>
          {data && value.kind === 'units' && (
            <UnitList data={data} value={value.orgIds} onChange={(orgIds) => onChange({ kind: 'units', orgIds })} />
          )}
          {data && value.kind === 'members' && (
            <MemberList data={data} value={value.memberIds} onChange={(memberIds) => onChange({ kind: 'members', memberIds })} />
          )}
        </StateView>
      )}
    </View>
  );
}

function UnitList({ data, value, onChange }: { data: AudienceOptions; value: string[]; onChange: (ids: string[]) => void }) {
  return (
    <View className='zb-stack' id='audience-units-list'>
      <Checkbox.Group value={value} onChange={(v) => onChange(v as string[])}>
        {data.units.map((u) => (
          <Checkbox key={u.id} value={u.id} className='edit__check' label={`${u.name}（${ORG_TYPE_LABEL[u.type]}，${u.memberCount} 人）`} />
        ))}
      </Checkbox.Group>
      <Text className='zb-muted'>已选 {value.length} 个组织</Text>
    </View>
  );
}

function MemberList({ data, value, onChange }: { data: AudienceOptions; value: string[]; onChange: (ids: string[]) => void }) {
  const [q, setQ] = useState('');
  const shown = useMemo(() => {
    const needle = q.trim();
    // The chosen stay in view while searching, so one can see (and undo) what is picked.
    return needle ? data.members.filter((m) => m.name.includes(needle) || value.includes(m.memberId)) : data.members;
  }, [data.members, q, value]);
  const committee = data.members.filter((m) => COMMITTEE_ROLES.includes(m.role)).map((m) => m.memberId);
  return (
    <View className='zb-stack' id='audience-members-list'>
      <View className='zb-row'>
        <Input id='audience-q' className='zb-grow' placeholder='按姓名查找' value={q} onChange={setQ} maxLength={20} />
        {committee.length > 0 && (
          <Button id='audience-committee' size='small' onClick={() => onChange([...new Set([...value, ...committee])])}>
            选全体支委
          </Button>
        )}
      </View>
      <Checkbox.Group value={value} onChange={(v) => onChange(v as string[])}>
        {shown.map((m) => (
          <Checkbox
            key={m.memberId}
            value={m.memberId}
            className='edit__check'
            label={data.units.length > 1 ? `${m.name}（${m.orgName}）` : m.name}
          />
        ))}
      </Checkbox.Group>
      {data.truncated && <Text className='zb-muted'>只列出前 500 名党员，请按姓名查找。</Text>}
      <Text className='zb-muted' id='audience-count'>
        已选 {value.length} 人
      </Text>
    </View>
  );
}
