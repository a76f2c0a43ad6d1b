import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import type { BranchCard } from '../../../typings/domain';
import { api } from '../../services/api';
import { useAction } from '../../services/useAction';
import { EmptyState } from '../empty-state';

interface Props {
  /** Element ids: `<idPrefix>-search`, `<idPrefix>-search-submit`, `<idPrefix>-pick-<orgId>`. */
  idPrefix: string;
  label: string;
  onPick: (branch: BranchCard) => void;
  /** Leaves a branch out of the results (e.g. the one a member transfers from). */
  exclude?: string;
}

/** Find a 党支部 by part of its name and pick one: used to join a branch and to transfer to one. */
export function BranchSearch({ idPrefix, label, onPick, exclude }: Props) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<BranchCard[] | null>(null);
  const { busy, error, run } = useAction();

  async function search() {
    const found = await run(() => api.org.search({ q }));
    if (found) setResults(found.units.filter((b) => b.id !== exclude));
  }

  return (
    <>
      <View className='zb-card zb-stack'>
        <Text className='zb-title'>{label}</Text>
        <Input id={`${idPrefix}-search`} placeholder='输入支部名称中的字，如“研发”' value={q} onChange={setQ} clearable />
        <Button
          id={`${idPrefix}-search-submit`}
          type='primary'
          size='large'
          block
          loading={busy}
          disabled={!q.trim()}
          onClick={() => void search()}
        >
          搜索
        </Button>
        {error && <Text className='zb-error'>{error}</Text>}
      </View>
      {results && results.length === 0 && <EmptyState title='没有找到' description='换几个字再试，或请支部书记把邀请发给你' />}
      {results && results.length > 0 && (
        <CellGroup>
          {results.map((b) => (
            <Cell
              key={b.id}
              title={b.name}
              description={`${b.parentName ?? ''} · ${b.memberCount} 名党员`}
              extra={
                <Button id={`${idPrefix}-pick-${b.id}`} size='small' type='primary' onClick={() => onPick(b)}>
                  选择
                </Button>
              }
            />
          ))}
        </CellGroup>
      )}
    </>
  );
}
