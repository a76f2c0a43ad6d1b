import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import type { AuditEntryView } from '../../../../../typings/domain';
import { inShanghai } from '../../../../../typings/time';
import { EmptyState } from '../../../../components/empty-state';
import { LoadMore } from '../../../../components/load-more';
import { api } from '../../../../services/api';
import { usePaged } from '../../../../services/usePaged';
import { usePageClass } from '../../../../services/care';

/** The branch's audit log, newest first, a page at a time. Read-only: nobody can change it. */
export default function AuditPage() {
  const pageClass = usePageClass();
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const {
    items: entries,
    cursor,
    busy,
    error,
    more,
  } = usePaged<AuditEntryView>(
    async (after) => {
      const page = await api.audit.list({ orgId, cursor: after ?? undefined, limit: 30 });
      return { items: page.entries, nextCursor: page.nextCursor };
    },
    [orgId],
  );

  return (
    <View className={pageClass}>
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
      <LoadMore cursor={cursor} busy={busy} onMore={() => void more()} />
    </View>
  );
}
