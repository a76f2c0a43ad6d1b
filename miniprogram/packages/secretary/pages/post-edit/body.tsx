import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import type { PostBlockView } from '../../../../../typings/domain';
import { pageUrl } from '../../../../../typings/pages';
import { api, ApiError } from '../../../../services/api';
import { pickImages, previewOf, upload } from '../../../../services/files';
import { useApi } from '../../../../services/useApi';
// The blocks' styles, shared with the post editor (the lesson editor uses this editor too).
import './index.scss';

const BLOCK_LABEL = { heading: '小标题', paragraph: '段落', image: '图片', link: '活动链接' } as const;

/** The body: headings, paragraphs, pictures and links to activities, in order, each movable and removable. */
export function BodyEditor({
  orgId,
  value,
  onChange,
  links = true,
}: {
  orgId: string;
  value: PostBlockView[];
  onChange: (b: PostBlockView[]) => void;
  /** Offer links to the unit's activities (a post's sign-up link); a lesson has none. */
  links?: boolean;
}) {
  const [error, setError] = useState('');
  const [choosing, setChoosing] = useState(false);
  const activities = useApi(() => (choosing ? api.activity.list({ when: 'upcoming', orgId }) : Promise.resolve(null)), [choosing, orgId]);
  const set = (i: number, b: PostBlockView) => onChange(value.map((x, j) => (j === i ? b : x)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...value];
    const [b] = next.splice(i, 1);
    next.splice(i + d, 0, b!);
    onChange(next);
  };
  async function addImage() {
    setError('');
    const [file] = await pickImages(1);
    if (!file) return;
    try {
      onChange([...value, { type: 'image', fileID: await upload(file, ['jpg', 'png']), url: previewOf(file) }]);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '上传失败，请重试');
    }
  }
  return (
    <View className='zb-stack' id='edit-body'>
      {value.map((b, i) => (
        <View key={i} className='post-edit__block' id={`block-${i}`}>
          <View className='zb-row'>
            <Text className='zb-muted zb-grow'>{BLOCK_LABEL[b.type]}</Text>
            {i > 0 && (
              <Text className='post-edit__op' onClick={() => move(i, -1)}>
                上移
              </Text>
            )}
            {i < value.length - 1 && (
              <Text className='post-edit__op' onClick={() => move(i, 1)}>
                下移
              </Text>
            )}
            <Text
              className='post-edit__op post-edit__op--danger'
              id={`block-${i}-remove`}
              onClick={() => onChange(value.filter((_x, j) => j !== i))}
            >
              删除
            </Text>
          </View>
          {b.type === 'heading' && (
            <Input id={`block-${i}-text`} value={b.text} onChange={(text) => set(i, { ...b, text })} placeholder='小标题' maxLength={60} />
          )}
          {b.type === 'paragraph' && (
            <TextArea
              id={`block-${i}-text`}
              value={b.text}
              onChange={(text) => set(i, { ...b, text })}
              placeholder='正文'
              maxLength={5000}
              autoSize
            />
          )}
          {b.type === 'image' && (
            <>
              <Image className='post-edit__image' src={b.url} mode='widthFix' />
              <Input
                value={b.caption ?? ''}
                onChange={(caption) => set(i, { ...b, caption })}
                placeholder='图片说明（可不填）'
                maxLength={60}
              />
            </>
          )}
          {b.type === 'link' && <Text className='post-edit__link'>{b.text} ›</Text>}
        </View>
      ))}
      <View className='zb-choices'>
        <Button id='add-paragraph' onClick={() => onChange([...value, { type: 'paragraph', text: '' }])}>
          + 段落
        </Button>
        <Button id='add-heading' onClick={() => onChange([...value, { type: 'heading', text: '' }])}>
          + 小标题
        </Button>
        <Button id='add-image' onClick={() => void addImage()}>
          + 图片
        </Button>
        {links && (
          <Button id='add-link' onClick={() => setChoosing(true)}>
            + 活动链接
          </Button>
        )}
      </View>
      {choosing && (
        <View className='zb-stack post-edit__choose'>
          <Text className='zb-muted'>选择要链接的活动（党员点击即可报名）：</Text>
          {activities.data?.activities.map((a) => (
            <Button
              key={a.id}
              block
              onClick={() => {
                onChange([
                  ...value,
                  { type: 'link', text: `报名：${a.title}`.slice(0, 40), path: pageUrl('activityDetail', { id: a.id }) },
                ]);
                setChoosing(false);
              }}
            >
              {a.title}
            </Button>
          ))}
          {activities.data && activities.data.activities.length === 0 && <Text className='zb-muted'>暂无即将开始的活动</Text>}
          <Button fill='none' onClick={() => setChoosing(false)}>
            取消
          </Button>
        </View>
      )}
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}
