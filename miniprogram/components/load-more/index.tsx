import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';

/** "加载更多" under a paged list while there is a next page (reaching the bottom loads it too). */
export function LoadMore({ cursor, busy, onMore }: { cursor: string | null; busy: boolean; onMore: () => void }) {
  if (!cursor) return null;
  return (
    <View className='zb-actions'>
      <Button block loading={busy} onClick={onMore}>
        加载更多
      </Button>
    </View>
  );
}
