import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { JoinRequestView } from '../../../typings/domain';
import { pageUrl } from '../../../typings/pages';
import { moment } from '../../services/format';
import './index.scss';

/**
 * Where the caller's latest request to join stands, said the same way on every page that shows it
 * (home, 我的): pending until the secretary decides, or not approved with the reason.
 */
export function JoinStatus({ request, id }: { request: JoinRequestView; id: string }) {
  const open = () => void Taro.navigateTo({ url: pageUrl('join') });
  if (request.status === 'pending') {
    return (
      <View className='zb-card join-status' id={id}>
        <Text className='join-status__title'>已申请加入「{request.orgName}」</Text>
        <Text className='join-status__text'>{moment(request.createdAt)} 提交，等待支部书记审核。通过后会通知你，也可以回到这里查看。</Text>
        <Text className='join-status__link' id={`${id}-open`} onClick={open}>
          查看或撤回申请 ›
        </Text>
      </View>
    );
  }
  if (request.status === 'rejected') {
    return (
      <View className='zb-card join-status' id={id}>
        <Text className='join-status__title'>加入「{request.orgName}」的申请未通过</Text>
        {request.reason && <Text className='join-status__text'>原因：{request.reason}</Text>}
        <Text className='join-status__link' id={`${id}-open`} onClick={open}>
          重新申请 ›
        </Text>
      </View>
    );
  }
  return null;
}
