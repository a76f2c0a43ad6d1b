import { Image, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface EmptyStateProps {
  id?: string;
  /** A local image (NutUI's Empty loads its pictures from a remote CDN, which WeChat would block). */
  image?: string;
  title?: string;
  description?: string;
  /** An action under the text, such as a retry button. */
  children?: ReactNode;
}

/** A centred picture, title and explanation: for empty lists, loading and failures. */
export function EmptyState({ id, image, title, description, children }: EmptyStateProps) {
  return (
    <View className='zb-empty' id={id}>
      {image && <Image className='zb-empty__image' src={image} />}
      {title && <Text className='zb-empty__title'>{title}</Text>}
      {description && <Text className='zb-empty__text'>{description}</Text>}
      {children}
    </View>
  );
}
