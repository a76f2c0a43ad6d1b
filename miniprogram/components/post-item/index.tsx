import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { POST_KIND_LABEL, type PostCard } from '../../../typings/domain';
import { moment } from '../../services/format';
import './index.scss';
import { pageUrl } from '../../../typings/pages';

/** One post in a list: kind, marks (置顶, 需阅知), title with an unread dot, unit and time, cover on the right. */
export function PostItem({ p }: { p: PostCard }) {
  const mustConfirm = p.mustReadBy && !p.confirmed;
  return (
    <View
      className='zb-card post-item'
      id={`post-${p.id}`}
      onClick={() => void Taro.navigateTo({ url: pageUrl('postDetail', { id: p.id }) })}
    >
      <View className='post-item__text'>
        <View className='zb-row post-item__marks'>
          <Text className='zb-tag'>{POST_KIND_LABEL[p.kind]}</Text>
          {p.pinned && <Text className='post-item__mark'>置顶</Text>}
          {mustConfirm && <Text className='post-item__mark post-item__mark--due'>需阅知</Text>}
        </View>
        <Text className={`post-item__title ${p.read ? '' : 'post-item__title--unread'}`}>
          {!p.read && <Text className='post-item__dot' aria-label='未读' />}
          {p.title}
        </Text>
        <Text className='zb-muted'>
          {p.orgName} · {p.publishAt ? moment(p.publishAt) : ''}
        </Text>
      </View>
      {p.coverUrl && <Image className='post-item__cover' src={p.coverUrl} mode='aspectFill' />}
    </View>
  );
}
