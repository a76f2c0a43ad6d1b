import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { CommunityCard } from '../../../../../typings/service';
import { Field } from '../../../../components/field';
import { PageState } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { confirmDestructive } from '../../../../services/confirm';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import '../service.scss';

/**
 * 党员进社区 (在职党员到社区报到): the member says which community they live in; its party organisation
 * then sees them and the service they give there, and its members-only projects and wishes open to them.
 */
export default function CommunityPage() {
  const pageClass = usePageClass('service');
  const mine = useApi(() => api.service.mine({}), []);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<CommunityCard[] | null>(null);
  const { busy, error, run } = useAction();
  const m = mine.data;
  if (!m) return <PageState state={mine} />;
  if (!m.member) {
    return (
      <View className={pageClass}>
        <View className='zb-card'>
          <Text className='zb-muted'>在职党员到居住地社区报到；加入支部后即可报到。</Text>
        </View>
      </View>
    );
  }
  const register = (u: CommunityCard) => void run(() => api.service.register({ orgId: u.id }), '报到成功').then((r) => r && mine.reload());
  const leave = async () => {
    const sure = await confirmDestructive({
      title: '取消社区报到',
      content: '取消后，社区党组织不再把你算作在本社区报到的党员。',
      confirmText: '取消报到',
    });
    if (sure && (await run(() => api.service.unregister({}), '已取消报到'))) await mine.reload();
  };
  return (
    <View className={pageClass}>
      {m.community ? (
        <View className='zb-card zb-stack' id='community-current'>
          <Text className='zb-done'>已报到</Text>
          <Text className='zb-title' id='community-name'>
            {m.community.orgName}
          </Text>
          <Text className='zb-muted'>{m.community.since} 起。社区的志愿服务和群众微心愿会出现在你的志愿服务和心愿墙里。</Text>
          <Button id='community-leave' size='large' block loading={busy} onClick={() => void leave()}>
            取消报到
          </Button>
        </View>
      ) : (
        <View className='zb-card'>
          <Text>在职党员到居住地社区党组织报到，参加社区的志愿服务，认领邻里的微心愿。</Text>
        </View>
      )}
      <View className='zb-card zb-stack' id='community-search'>
        <Field id='field-community-q' label={m.community ? '搬家了？改到其他社区' : '我住在哪个社区'}>
          <Input id='community-q' value={q} onChange={setQ} maxLength={20} placeholder='输入社区名称，如：星光' />
        </Field>
        <Button
          id='community-find'
          size='large'
          block
          loading={busy}
          onClick={() => void run(() => api.service.communities({ q: q.trim() })).then((r) => r && setFound(r.units))}
        >
          查找社区党组织
        </Button>
        {found?.length === 0 && <Text className='zb-muted'>没有找到，换个名称试试。</Text>}
        {found?.map((u) => (
          <View key={u.id} className='zb-card zb-link-row' id={`community-${u.id}`} onClick={() => register(u)}>
            <Text>{u.name}</Text>
            <Text className='zb-muted'>报到 ›</Text>
          </View>
        ))}
        {error && <Text className='zb-error'>{error}</Text>}
      </View>
    </View>
  );
}
