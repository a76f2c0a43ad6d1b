import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import './index.scss';

/** What a mini-program card shared into a chat shows, and the page it opens. */
export interface ShareCard {
  title: string;
  /** Mini-program path with its query, e.g. `/pages/join/index?invite=…` */
  path: string;
  imageUrl?: string;
  /** One line under the title in the h5 preview (WeChat cards have no description). */
  description?: string;
  /** Called when the card is shared (WeChat) or its share sheet opened (h5): to count shares. */
  onShare?: () => void;
}

const isWeapp = process.env.TARO_ENV === 'weapp';

/**
 * Makes the page shareable as `card`. In WeChat, the share carries a shareTicket, so whoever opens
 * the card from a group can be told which group it came from. Call once per page.
 */
export function useShareCard(card: ShareCard | null): void {
  useEffect(() => {
    if (isWeapp) void Taro.showShareMenu({ withShareTicket: true });
  }, []);
  useShareAppMessage(() => {
    card?.onShare?.();
    return card ? { title: card.title, path: card.path, imageUrl: card.imageUrl } : {};
  });
}

/** The link the local h5 build opens for a card's path. */
export function cardLink(path: string): string {
  return `${window.location.origin}${window.location.pathname}#${path.startsWith('/') ? path : `/${path}`}`;
}

/**
 * "Share to a chat". WeChat: the native share button (the page's useShareCard gives the card).
 * h5: a sheet with the card's preview and its link, since a browser has no chats to share into.
 */
export function ShareButton({ id, card, label, secondary }: { id: string; card: ShareCard; label: string; secondary?: boolean }) {
  const [open, setOpen] = useState(false);
  // Where sharing is not what the page is for (a member passing a project on), it does not outshout the page's own action.
  const type = secondary ? 'default' : 'primary';
  if (isWeapp) {
    return (
      <Button id={id} type={type} size='large' block openType='share'>
        {label}
      </Button>
    );
  }
  return (
    <>
      <Button
        id={id}
        type={type}
        size='large'
        block
        onClick={() => {
          card.onShare?.();
          setOpen(true);
        }}
      >
        {label}
      </Button>
      {open && (
        <View className='zb-sheet' id='share-sheet' onClick={() => setOpen(false)}>
          <View className='zb-sheet__panel' onClick={(e) => e.stopPropagation()}>
            <Text className='zb-share__hint'>在微信中，这张卡片会发到你选择的群聊：</Text>
            <View className='zb-share__card'>
              <Text className='zb-share__app'>支部通</Text>
              <Text className='zb-share__title' id='share-title'>
                {card.title}
              </Text>
              {card.imageUrl ? (
                <Image className='zb-share__image' src={card.imageUrl} mode='aspectFill' />
              ) : (
                <View className='zb-share__image zb-share__image--blank'>
                  <Text>{card.description ?? '点击打开小程序'}</Text>
                </View>
              )}
            </View>
            {/* Plain words, not the page path: the path rides along for 复制链接 (and tests) as data. */}
            <Text className='zb-share__path' id='share-path' data-path={card.path}>
              群里的党员点开卡片，会直接进入这里
            </Text>
            <Button block size='large' onClick={() => void Taro.setClipboardData({ data: cardLink(card.path) }).then(() => setOpen(false))}>
              复制链接
            </Button>
            <Button block size='large' fill='none' onClick={() => setOpen(false)}>
              关闭
            </Button>
          </View>
        </View>
      )}
    </>
  );
}
