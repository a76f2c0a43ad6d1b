import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro';
import { POST_KIND_LABEL, POST_STATUS_LABEL, type PostEditorCard } from '../../../../../typings/domain';
import { EmptyState } from '../../../../components/empty-state';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { moment } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';
import './index.scss';
import { pageUrl } from '../../../../../typings/pages';
import { usePageClass } from '../../../../services/care';

const ORDER: PostEditorCard['status'][] = ['pending', 'returned', 'draft', 'published', 'withdrawn'];

/** 通知稿件: what the unit is writing; those waiting for review first. */
export default function PostsEditorPage() {
  const pageClass = usePageClass();
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const { data, error, loading, reload } = useApi(() => api.post.drafts({ orgId }), [orgId], { refreshOnShow: true });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  const open = (p: PostEditorCard) =>
    void Taro.navigateTo({
      url: p.status === 'published' ? pageUrl('postDetail', { id: p.id }) : pageUrl('postEdit', { id: p.id }),
    });
  const groups = ORDER.map((s) => [s, data?.posts.filter((p) => p.status === s) ?? []] as const).filter(([, ps]) => ps.length > 0);
  return (
    <View className={pageClass}>
      <View className='zb-actions'>
        <Button
          id='posts-new'
          type='primary'
          size='large'
          block
          onClick={() => void Taro.navigateTo({ url: pageUrl('postEdit', { orgId }) })}
        >
          写新稿件
        </Button>
      </View>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && data.posts.length === 0 && (
          <EmptyState title='还没有稿件' description='通知公告、党务公开、新闻动态都从这里写，书记审核后发布' />
        )}
        {groups.map(([status, posts]) => (
          <CellGroup key={status} title={`${POST_STATUS_LABEL[status]}（${posts.length}）`}>
            {posts.map((p) => (
              <View key={p.id} id={`draft-${p.id}`} className={status === 'pending' ? 'posts-editor__pending' : ''}>
                <Cell
                  title={p.title}
                  description={`${POST_KIND_LABEL[p.kind]} · ${p.authorName} · ${moment(p.publishAt ?? p.updatedAt)}${p.reviewNote ? ` · ${p.reviewNote}` : ''}`}
                  extra={`${POST_STATUS_LABEL[p.status]} ›`}
                  clickable
                  onClick={() => open(p)}
                />
              </View>
            ))}
          </CellGroup>
        ))}
      </StateView>
    </View>
  );
}
