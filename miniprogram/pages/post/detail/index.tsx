import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup, TextArea } from '@nutui/nutui-react-taro';
import { POST_KIND_LABEL, type PostView } from '../../../../typings/domain';
import { EmptyState } from '../../../components/empty-state';
import { PostBody } from '../../../components/post-body';
import { ShareButton, useShareCard } from '../../../components/share-card';
import { StateView } from '../../../components/state-view';
import { api } from '../../../services/api';
import { openDocument } from '../../../services/files';
import { moment } from '../../../services/format';
import { useAction } from '../../../services/useAction';
import { session } from '../../../services/session';
import { useApi } from '../../../services/useApi';
import './index.scss';
import { pageUrl } from '../../../../typings/pages';
import { usePageClass } from '../../../services/care';

type Full = Extract<PostView, { visibility: 'full' | 'public' }>;

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** 我已阅知: a must-read post asks each member of its audience to confirm. */
function MustRead({ p, onDone }: { p: Full; onDone: () => void }) {
  const { busy, error, run } = useAction();
  if (!p.mustReadBy || p.visibility !== 'full' || !p.read) return null;
  return (
    <View className='zb-card zb-stack' id='must-read'>
      {p.confirmed ? (
        <Text className='post__confirmed' id='must-read-done'>
          ✓ 你已确认阅知
        </Text>
      ) : (
        <>
          <Text>本通知需要阅知确认，请在 {moment(p.mustReadBy)} 前确认。</Text>
          <Button
            id='must-read-confirm'
            type='primary'
            size='large'
            block
            loading={busy}
            onClick={() => void run(() => api.post.confirm({ postId: p.id }), '已确认阅知').then((ok) => ok && onDone())}
          >
            我已阅知
          </Button>
        </>
      )}
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}

/** Likes and comments, on 新闻 and 先锋风采, for the post's audience. */
function Discussion({ p, onChanged }: { p: Full; onChanged: () => void }) {
  const comments = useApi(() => api.post.comments({ postId: p.id }), [p.id]);
  const [text, setText] = useState('');
  const liking = useAction();
  const posting = useAction();
  const hiding = useAction();
  async function send() {
    if (await posting.run(() => api.post.comment({ postId: p.id, text: text.trim() }), '评论已发表')) {
      setText('');
      await comments.reload();
      onChanged();
    }
  }
  return (
    <View className='zb-card zb-stack' id='discussion'>
      <View className='zb-row'>
        <Text className='zb-title zb-grow'>评论 {p.counts.comments}</Text>
        <Button
          id='post-like'
          size='small'
          type={p.liked ? 'primary' : 'default'}
          loading={liking.busy}
          onClick={() => void liking.run(() => api.post.like({ postId: p.id, like: !p.liked })).then((r) => r && onChanged())}
        >
          {p.liked ? '已赞' : '点赞'} {p.counts.likes}
        </Button>
      </View>
      {p.canInteract && (
        <>
          <TextArea id='comment-text' placeholder='写下你的学习体会' value={text} onChange={setText} maxLength={300} rows={2} />
          <Button id='comment-send' type='primary' block loading={posting.busy} disabled={!text.trim()} onClick={() => void send()}>
            发表评论
          </Button>
          {(posting.error || liking.error) && <Text className='zb-error'>{posting.error || liking.error}</Text>}
        </>
      )}
      {comments.data?.comments.map((c) => (
        <View key={c.id} className={`post__comment ${c.hidden ? 'post__comment--hidden' : ''}`} id={`comment-${c.id}`}>
          <Text className='post__comment-name'>
            {c.name}
            {c.hidden ? '（已隐藏）' : ''}
          </Text>
          <Text>{c.text}</Text>
          <View className='zb-row'>
            <Text className='zb-muted zb-grow'>{moment(c.at)}</Text>
            {p.canManage && (
              <Text
                className='post__comment-action'
                onClick={() =>
                  void hiding.run(() => api.post.hideComment({ commentId: c.id, hidden: !c.hidden })).then(() => comments.reload())
                }
              >
                {c.hidden ? '恢复显示' : '隐藏'}
              </Text>
            )}
          </View>
        </View>
      ))}
      {comments.data && comments.data.comments.length === 0 && <Text className='zb-muted'>还没有评论</Text>}
    </View>
  );
}

/** 更正记录: for editors, what the post said before each correction, and why it changed. */
function Versions({ postId }: { postId: string }) {
  const { data } = useApi(() => api.post.versions({ postId }), [postId]);
  if (!data || data.versions.length === 0) return null;
  return (
    <View className='zb-card zb-stack' id='post-versions'>
      <Text className='zb-title'>更正记录</Text>
      {data.versions.map((v) => (
        <View key={v.at} className='zb-stack post__version'>
          <Text className='zb-muted'>
            {moment(v.at)} {v.by} 更正：{v.note}
          </Text>
          <Text className='post__version-text'>
            原标题：{v.title}
            {'\n'}
            {v.text}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** A post: what its audience reads in full, what anyone else a card reaches may see. */
export default function PostDetailPage() {
  const pageClass = usePageClass('post');
  const { params } = useRouter();
  const id = params['id'] ?? '';
  const { data, error, loading, reload } = useApi(() => api.post.detail({ postId: id }), [id]);
  // Someone already in a branch is not told to join one: the post is simply not for them.
  const me = useApi(() => (data?.visibility === 'restricted' ? session() : Promise.resolve(null)), [data?.visibility]);
  const inBranch = (me.data?.memberships.length ?? 0) > 0;
  const full = data && data.visibility !== 'restricted' ? data : null;
  const card = full
    ? {
        title: full.title,
        path: pageUrl('postDetail', { id: full.id }),
        imageUrl: full.coverUrl ?? undefined,
        description: `${POST_KIND_LABEL[full.kind]} · ${full.orgName}`,
        onShare: () => void api.post.share({ postId: full.id }).catch(() => undefined),
      }
    : null;
  useShareCard(card);
  const opening = useAction();

  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data?.visibility === 'restricted' && (
          <EmptyState
            id='post-restricted'
            title='无法查看这条内容'
            description={
              inBranch
                ? '它只对所在组织的党员开放，或已撤回、尚未发布。如有疑问，请联系支部书记。'
                : '它只对所在组织的党员开放，或已撤回、尚未发布。如果你是该组织的党员，请先加入支部，再打开这条内容。'
            }
          >
            {inBranch ? (
              <Button id='post-restricted-home' type='primary' size='large' onClick={() => void Taro.switchTab({ url: pageUrl('home') })}>
                回到首页
              </Button>
            ) : (
              <Button id='post-restricted-join' type='primary' size='large' onClick={() => void Taro.navigateTo({ url: pageUrl('join') })}>
                找到我的支部
              </Button>
            )}
          </EmptyState>
        )}
        {full && (
          <>
            <View className='zb-card zb-stack'>
              <View className='zb-row'>
                <Text className='zb-tag'>{POST_KIND_LABEL[full.kind]}</Text>
                {full.visibility === 'public' && <Text className='zb-muted'>公开内容</Text>}
              </View>
              <Text className='post__title' id='post-title'>
                {full.title}
              </Text>
              <Text className='zb-muted'>
                {full.orgName} · {full.publishAt ? moment(full.publishAt) : ''} · 阅读 {full.counts.views}
                {full.correctedAt ? ` · ${moment(full.correctedAt)} 更正` : ''}
              </Text>
              {full.coverUrl && <Image className='post__cover' src={full.coverUrl} mode='widthFix' />}
              <PostBody id='post-body' body={full.body} />
            </View>
            {full.attachments.length > 0 && (
              <CellGroup title='附件'>
                {full.attachments.map((a) => (
                  <View key={a.fileID} id={`attachment-${a.ext}`}>
                    <Cell
                      title={a.name}
                      description={`${a.ext.toUpperCase()} · ${sizeText(a.size)}`}
                      extra='打开 ›'
                      clickable
                      onClick={() => void opening.run(() => openDocument(a.url, a.ext))}
                    />
                  </View>
                ))}
              </CellGroup>
            )}
            {opening.error && <Text className='zb-error zb-section-title'>{opening.error}</Text>}
            <MustRead p={full} onDone={() => void reload()} />
            {(full.canInteract || full.counts.comments > 0 || full.counts.likes > 0) && full.visibility === 'full' && (
              <Discussion p={full} onChanged={() => void reload()} />
            )}
            {card && <View className='zb-actions'>{<ShareButton id='post-share' card={card} label='分享到微信群' />}</View>}
            {full.canManage && full.correctedAt && <Versions postId={full.id} />}
            {full.canManage && (
              <View className='zb-actions' id='post-manage'>
                <Text className='zb-section-title'>编辑</Text>
                <Button
                  id='post-receipts'
                  size='large'
                  block
                  onClick={() => void Taro.navigateTo({ url: pageUrl('postReceipts', { id: full.id }) })}
                >
                  阅读回执
                </Button>
                <Button
                  id='post-correct'
                  size='large'
                  block
                  onClick={() => void Taro.navigateTo({ url: pageUrl('postEdit', { id: full.id }) })}
                >
                  更正或撤回
                </Button>
              </View>
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
