import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PostBlockView } from '../../../typings/domain';
import './index.scss';

function Block({ b, images }: { b: PostBlockView; images: string[] }) {
  switch (b.type) {
    case 'heading':
      return <Text className='post-body__heading'>{b.text}</Text>;
    case 'paragraph':
      return <Text className='post-body__paragraph'>{b.text}</Text>;
    case 'image':
      return (
        <View className='post-body__figure'>
          <Image
            className='post-body__image'
            src={b.url}
            mode='widthFix'
            onClick={() => void Taro.previewImage({ urls: images, current: b.url }).catch(() => undefined)}
          />
          {b.caption && <Text className='zb-muted post-body__caption'>{b.caption}</Text>}
        </View>
      );
    case 'link':
      return (
        <Text
          className='post-body__link'
          onClick={() => void Taro.navigateTo({ url: b.path }).catch(() => Taro.switchTab({ url: b.path.split('?')[0]! }))}
        >
          {b.text} ›
        </Text>
      );
  }
}

/** The blocks of a post's or an article lesson's body, at a size older eyes read comfortably; images open full screen. */
export function PostBody({ id, body }: { id?: string; body: PostBlockView[] }) {
  const images = body.flatMap((b) => (b.type === 'image' ? [b.url] : []));
  return (
    <View className='post-body' id={id}>
      {body.map((b, i) => (
        <Block key={i} b={b} images={images} />
      ))}
    </View>
  );
}
