import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ImageRef } from '../../../typings/domain';
import { ApiError } from '../../services/api';
import { pickImages, previewOf, upload } from '../../services/files';
import './index.scss';

const preview = (images: ImageRef[], current: string) =>
  void Taro.previewImage({ urls: images.map((i) => i.url), current }).catch(() => undefined);

/** Pictures in a three-column grid; tapping one opens the platform's full-screen viewer. */
export function ImageGrid({ images, id }: { images: ImageRef[]; id?: string }) {
  if (images.length === 0) return null;
  return (
    <View className='zb-images' id={id}>
      {images.map((img) => (
        <View key={img.fileID} className='zb-images__item'>
          <Image className='zb-images__fill' src={img.url} mode='aspectFill' onClick={() => preview(images, img.url)} />
        </View>
      ))}
    </View>
  );
}

/**
 * The same grid while writing: each picked photo is uploaded at once (the save then sends fileIDs), can be removed,
 * and a tile adds more up to `max`.
 */
export function ImageEditor({
  value,
  onChange,
  max = 9,
  id,
}: {
  value: ImageRef[];
  onChange: (next: ImageRef[]) => void;
  max?: number;
  id: string;
}) {
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState('');

  async function add() {
    setError('');
    const files = await pickImages(max - value.length);
    if (files.length === 0) return;
    setUploading(files.length);
    const added: ImageRef[] = [];
    try {
      for (const file of files) {
        added.push({ fileID: await upload(file, ['jpg', 'png']), url: previewOf(file) });
        setUploading((n) => n - 1);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '上传失败，请重试');
    } finally {
      setUploading(0);
      if (added.length) onChange([...value, ...added]);
    }
  }

  return (
    <View className='zb-stack' id={id}>
      <View className='zb-images'>
        {value.map((img, i) => (
          <View key={img.fileID} className='zb-images__item'>
            <Image className='zb-images__fill' src={img.url} mode='aspectFill' onClick={() => preview(value, img.url)} />
            <View
              className='zb-images__remove'
              id={`${id}-remove-${i}`}
              aria-label='删除这张图片'
              onClick={() => onChange(value.filter((x) => x.fileID !== img.fileID))}
            >
              ×
            </View>
          </View>
        ))}
        {value.length < max && (
          <View className='zb-images__item zb-images__add' id={`${id}-add`} onClick={() => void (uploading ? undefined : add())}>
            <Text className='zb-images__plus'>{uploading ? '上传中' : '+'}</Text>
            {!uploading && <Text className='zb-muted'>添加图片</Text>}
          </View>
        )}
      </View>
      <Text className='zb-muted'>
        JPG 或 PNG，每张不超过 2 MB，最多 {max} 张（已添加 {value.length} 张）
      </Text>
      {error && (
        <Text className='zb-error' id={`${id}-error`}>
          {error}
        </Text>
      )}
    </View>
  );
}
