import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import { PARTY_STAGE_LABEL, ROLE_LABEL, type MemberRowView } from '../../../../../typings/domain';
import { EmptyState } from '../../../../components/empty-state';
import { api, ApiError } from '../../../../services/api';
import { openSpreadsheet } from '../../../../services/files';
import { useAction } from '../../../../services/useAction';
import { memberPage } from '../../routes';
import './index.scss';
import { pageUrl } from '../../../../../typings/pages';
import { usePageClass } from '../../../../services/care';

/** The branch's members, by name, loaded a page at a time; search by name or a whole phone number. */
export default function MembersPage() {
  const pageClass = usePageClass('members');
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const [q, setQ] = useState('');
  const [members, setMembers] = useState<MemberRowView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');

  const load = useCallback(
    async (reset: boolean, query: string, after: string | null) => {
      setLoading(true);
      setError('');
      try {
        const page = await api.member.list({ orgId, q: query.trim() || undefined, cursor: reset ? undefined : (after ?? undefined) });
        setMembers((m) => (reset ? page.members : [...m, ...page.members]));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e instanceof ApiError ? e.message : '加载失败，请稍后再试');
      } finally {
        setLoading(false);
      }
    },
    [orgId],
  );

  useEffect(() => {
    void load(true, '', null);
  }, [load]);
  const exporting = useAction();
  async function exportAll() {
    // Audited on the server; phones and ID numbers stay masked in the file.
    await exporting.run(async () => openSpreadsheet((await api.member.export({ orgId })).url));
  }
  useReachBottom(() => {
    if (cursor && !loading) void load(false, q, cursor);
  });

  return (
    <View className={pageClass}>
      <View className='zb-card members__search'>
        <Input id='members-q' placeholder='姓名，或完整手机号' value={q} onChange={setQ} clearable />
        <Button id='members-search' type='primary' onClick={() => void load(true, q, null)}>
          搜索
        </Button>
      </View>
      <View className='zb-row members__tools'>
        <Button className='zb-grow' id='members-export' loading={exporting.busy} onClick={() => void exportAll()}>
          导出名册
        </Button>
        <Button className='zb-grow' id='members-import' onClick={() => void Taro.navigateTo({ url: pageUrl('import', { orgId }) })}>
          导入党员
        </Button>
      </View>
      {exporting.error && <Text className='members__error'>{exporting.error}</Text>}
      {error && <Text className='members__error'>{error}</Text>}
      {!loading && members.length === 0 && !error && <EmptyState title='没有找到党员' description='换个姓名试试' />}
      <CellGroup>
        {members.map((m) => (
          <View key={m.memberId} id={`member-${m.memberId}`}>
            <Cell
              title={m.name}
              description={[m.partyStage ? PARTY_STAGE_LABEL[m.partyStage] : null, m.phoneMasked, m.onWeChat ? null : '未使用支部通']
                .filter(Boolean)
                .join(' · ')}
              extra={`${ROLE_LABEL[m.role]} ›`}
              clickable
              onClick={() =>
                void Taro.navigateTo({
                  url: memberPage(orgId, m.memberId, m.name),
                })
              }
            />
          </View>
        ))}
      </CellGroup>
      {cursor && (
        <Button className='members__more' block loading={loading} onClick={() => void load(false, q, cursor)}>
          加载更多
        </Button>
      )}
    </View>
  );
}
