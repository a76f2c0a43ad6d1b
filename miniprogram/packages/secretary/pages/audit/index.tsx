import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useReachBottom, useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro';
import type { AuditEntryView } from '../../../../../typings/domain';
import { inShanghai } from '../../../../../typings/time';
import { EmptyState } from '../../../../components/empty-state';
import { api } from '../../../../services/api';
import { useAction } from '../../../../services/useAction';

/** The branch's audit log, newest first, a page at a time. Read-only: nobody can change it. */
export default function AuditPage() {
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const load = useCallback(
    async (after: string | null) => {
      const page = await run(() => api.audit.list({ orgId, cursor: after ?? undefined, limit: 30 }));
      if (!page) return;
      setEntries((e) => (after && e ? [...e, ...page.entries] : page.entries));
      setCursor(page.nextCursor);
    },
    [orgId, run],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  useReachBottom(() => {
    if (cursor && !busy) void load(cursor);
  });

  return (
    <View className='zb-page'>
      <Text className='zb-section-title'>谁在何时做了什么：角色变更、审批、档案修改、查看敏感信息、导出</Text>
      {error && <Text className='zb-error zb-section-title'>{error}</Text>}
      {entries && entries.length === 0 && <EmptyState title='暂无记录' />}
      <CellGroup>
        {entries?.map((e) => (
          <View key={e.id} id={`audit-${e.id}`}>
            <Cell title={e.summary} description={`${e.actorName} · ${inShanghai(e.at).format('YYYY-MM-DD HH:mm')}`} />
          </View>
        ))}
      </CellGroup>
      {cursor && (
        <View className='zb-actions'>
          <Button block loading={busy} onClick={() => void load(cursor)}>
            加载更多
          </Button>
        </View>
      )}
    </View>
  );
}
