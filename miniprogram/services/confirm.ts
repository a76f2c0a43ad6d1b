import Taro from '@tarojs/taro';

/** Party red: the colour of a confirm button that cannot be taken back. */
const DESTRUCTIVE = '#c8161d';

/**
 * Asks before something that cannot simply be undone (取消报名, 撤回申请, 作废, 解除, 归档, 取消活动, 删除):
 * the title names the action, the content says what follows from it, the confirm button repeats the
 * action in red and the safe choice is 再想想. Resolves true only when the user confirms.
 */
export async function confirmDestructive(o: { title: string; content: string; confirmText: string }): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: o.title,
    content: o.content,
    confirmText: o.confirmText,
    confirmColor: DESTRUCTIVE,
    cancelText: '再想想',
  });
  return confirm;
}
