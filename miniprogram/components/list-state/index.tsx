import { Text, View } from '@tarojs/components';
import { Button, Skeleton } from '@nutui/nutui-react-taro';

/**
 * A paged list's loading and error states, the same on every list: grey placeholder cards while the
 * first page loads (never a blank page), and when a page fails, what went wrong with 重试.
 */
export function ListState({ id, items, error, onRetry }: { id: string; items: unknown[] | null; error: string; onRetry: () => void }) {
  if (error) {
    return (
      <View className='zb-card zb-stack' id={`${id}-error`}>
        <Text className='zb-title'>{items ? '更多内容没有加载出来' : '没有加载出来'}</Text>
        <Text className='zb-muted'>{error}</Text>
        <Button id={`${id}-retry`} type='primary' size='large' block onClick={onRetry}>
          重试
        </Button>
      </View>
    );
  }
  if (items !== null) return null;
  return (
    <View id={`${id}-loading`}>
      {[0, 1, 2].map((i) => (
        <View key={i} className='zb-card'>
          <Skeleton rows={3} animated />
        </View>
      ))}
    </View>
  );
}
