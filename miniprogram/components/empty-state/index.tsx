import { Image, Text, View } from '@tarojs/components';
import './index.scss';

export interface EmptyStateProps {
  /** A local image (NutUI's Empty loads its pictures from a remote CDN, which WeChat would block). */
  image: string;
  title: string;
  description?: string;
}

export function EmptyState({ image, title, description }: EmptyStateProps) {
  return (
    <View className='zb-empty'>
      <Image className='zb-empty__image' src={image} />
      <Text className='zb-empty__title'>{title}</Text>
      {description && <Text className='zb-empty__text'>{description}</Text>}
    </View>
  );
}
