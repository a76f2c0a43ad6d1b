import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { ORG_CHILD_TYPES, ORG_TYPE_LABEL, type OrgType, type OrgUnitView } from '../../../../../typings/domain';
import { Choices } from '../../../../components/choices';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import './index.scss';
import { confirmDestructive } from '../../../../services/confirm';
import { usePageClass } from '../../../../services/care';

type Editing = { unit: OrgUnitView; mode: 'rename' } | { unit: OrgUnitView; mode: 'add'; type: OrgType };

function depthOf(unit: OrgUnitView, byId: Map<string, OrgUnitView>): number {
  let depth = 0;
  for (let p = unit.parentId; p && byId.has(p); p = byId.get(p)!.parentId) depth += 1;
  return depth;
}

/** The form under a unit: rename it, or add a unit below it. */
function Editor({ editing, onDone, onCancel }: { editing: Editing; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState(editing.mode === 'rename' ? editing.unit.name : '');
  const [community, setCommunity] = useState<'no' | 'yes'>(editing.mode === 'rename' && editing.unit.community ? 'yes' : 'no');
  const { busy, error, run } = useAction();
  async function save() {
    const isCommunity = community === 'yes';
    const done =
      editing.mode === 'rename'
        ? await run(() => api.org.rename({ orgId: editing.unit.id, name, community: isCommunity }), '已保存')
        : await run(
            () => api.org.create({ parentId: editing.unit.id, name, type: editing.type, community: isCommunity }),
            `已添加${ORG_TYPE_LABEL[editing.type]}`,
          );
    if (done) onDone();
  }
  return (
    <View className='zb-stack org__editor' id='org-editor'>
      <Text className='zb-muted'>
        {editing.mode === 'rename' ? '新名称' : `在「${editing.unit.name}」下添加${ORG_TYPE_LABEL[editing.type]}`}
      </Text>
      <Input id='org-name' placeholder='如：第三党支部（财务部）' value={name} onChange={setName} maxLength={40} clearable />
      <Text className='zb-muted'>是否社区党组织（在职党员可到此报到）</Text>
      <Choices
        id='org-community'
        options={[
          ['no', '否'],
          ['yes', '是，接收在职党员报到'],
        ]}
        value={community}
        onChange={setCommunity}
      />
      <View className='zb-row'>
        <Button
          className='zb-grow'
          id='org-save'
          type='primary'
          loading={busy}
          disabled={name.trim().length < 2}
          onClick={() => void save()}
        >
          保存
        </Button>
        <Button className='zb-grow' onClick={onCancel}>
          取消
        </Button>
      </View>
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}

/** 组织架构: the units the caller belongs to and, for a 党委管理员, everything below; add, rename, remove. */
export default function OrgPage() {
  const pageClass = usePageClass('org');
  const { data, error, loading, reload } = useApi(() => api.org.tree({}));
  const [editing, setEditing] = useState<Editing | null>(null);
  const removing = useAction();

  const byId = new Map((data?.units ?? []).map((u) => [u.id, u] as const));

  async function remove(unit: OrgUnitView) {
    const confirm = await confirmDestructive({
      title: `删除「${unit.name}」？`,
      content: '删除后不能恢复。只能删除没有党员、也没有下级组织的单位。',
      confirmText: '删除',
    });
    if (confirm && (await removing.run(() => api.org.remove({ orgId: unit.id }), '已删除'))) await reload();
  }

  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {removing.error && (
          <Text className='zb-error org__banner' id='org-error'>
            {removing.error}
          </Text>
        )}
        <View className='org__list'>
          {data?.units.map((u) => (
            <View key={u.id} className='org__unit' id={`org-${u.id}`} style={{ paddingLeft: `${24 + depthOf(u, byId) * 36}px` }}>
              <View className='zb-row'>
                <View className='zb-grow zb-stack org__text'>
                  <Text className='org__name'>{u.name}</Text>
                  <Text className='zb-muted'>
                    {ORG_TYPE_LABEL[u.type]} · {u.memberCount} 名党员
                  </Text>
                </View>
              </View>
              {u.canAdminister && (
                <View className='zb-row org__buttons'>
                  {ORG_CHILD_TYPES[u.type].map((t) => (
                    <Button key={t} id={`org-add-${t}-${u.id}`} size='small' onClick={() => setEditing({ unit: u, mode: 'add', type: t })}>
                      添加{ORG_TYPE_LABEL[t]}
                    </Button>
                  ))}
                  <Button id={`org-rename-${u.id}`} onClick={() => setEditing({ unit: u, mode: 'rename' })}>
                    改名
                  </Button>
                  {u.parentId && (
                    <Button id={`org-remove-${u.id}`} className='zb-danger' loading={removing.busy} onClick={() => void remove(u)}>
                      删除
                    </Button>
                  )}
                </View>
              )}
              {editing?.unit.id === u.id && (
                <Editor
                  key={`${editing.mode}-${editing.mode === 'add' ? editing.type : ''}`}
                  editing={editing}
                  onCancel={() => setEditing(null)}
                  onDone={() => {
                    setEditing(null);
                    void reload();
                  }}
                />
              )}
            </View>
          ))}
        </View>
      </StateView>
    </View>
  );
}
