import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { toString as qrSvg } from 'qrcode/lib/browser';
import { create as qrSymbol } from 'qrcode/lib/core/qrcode';
import type { CheckinCode } from '../../../../../typings/domain';
import { api, ApiError } from '../../../../services/api';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

/**
 * The QR code's modules as a 0/1 string, for the native component to draw; null if it cannot be made,
 * so the page still shows the six digits instead of going blank.
 */
function qrModules(payload: string): { modules: string; size: number } | null {
  try {
    const { modules } = qrSymbol(payload, { errorCorrectionLevel: 'M' });
    return { modules: Array.from(modules.data, (b) => (b ? '1' : '0')).join(''), size: modules.size };
  } catch {
    return null;
  }
}

/**
 * 签到码: a full-screen QR code that changes every slot (30 s) with a countdown, and the same slot's
 * 6 digits in large type for members who type them. A new code is fetched when the shown one expires.
 */
export default function CheckinScreenPage() {
  const { params } = useRouter();
  const activityId = params['id'] ?? '';
  // A 志愿服务 time slot (`slot`) shows its own codes, with the same screen; only meetings offer the mini-program code.
  const slotId = params['slot'] ?? '';
  const [code, setCode] = useState<CheckinCode | null>(null);
  const [qr, setQr] = useState('');
  const [left, setLeft] = useState(0);
  const [error, setError] = useState('');
  const fetching = useRef(false);
  // For members who scan with WeChat's own scanner: the slot's mini-program code instead of the plain QR.
  const [wechat, setWechat] = useState(false);
  const [wxacode, setWxacode] = useState('');
  const wechatRef = useRef(false);
  wechatRef.current = wechat;
  useEffect(() => {
    if (wechat)
      void api.checkin.wxacode({ activityId }).then(
        (r) => setWxacode(r.url),
        () => setError('小程序码生成失败，请使用二维码或数字签到码'),
      );
  }, [wechat, activityId]);
  const symbol = useMemo(() => (isWeapp && code ? qrModules(code.payload) : null), [code]);

  const refresh = useCallback(async () => {
    if (fetching.current) return;
    fetching.current = true;
    try {
      const next = slotId ? await api.service.code({ slotId }) : await api.checkin.code({ activityId });
      setCode(next);
      setError('');
      if (wechatRef.current) setWxacode((await api.checkin.wxacode({ activityId })).url);
      if (!isWeapp) {
        const svg = await qrSvg(next.payload, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
        setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '获取签到码失败，正在重试');
    } finally {
      fetching.current = false;
    }
  }, [activityId, slotId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    // The screen stays on while members scan it.
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true });
  }, []);
  useEffect(() => {
    // In WeChat the native component counts down and asks for the next code itself (not in the mini-program code mode).
    if (isWeapp && !wechat) return undefined;
    const timer = setInterval(() => {
      if (!code) return;
      const ms = Date.parse(code.expiresAt) - Date.now();
      setLeft(Math.max(0, Math.ceil(ms / 1000)));
      if (ms <= 0) void refresh();
    }, 250);
    return () => clearInterval(timer);
  }, [code, refresh, wechat]);

  return (
    <View className='screen'>
      {error && (
        <Text className='screen__error' id='screen-error'>
          {error}
        </Text>
      )}
      {error && !code && (
        <Button id='screen-back' size='large' onClick={() => void Taro.navigateBack()}>
          返回
        </Button>
      )}
      {code && wechat && (
        <>
          <Text className='screen__hint'>请用微信“扫一扫”扫描下方小程序码，或输入签到码</Text>
          {wxacode && <Image className='screen__qr' id='screen-wxacode' src={wxacode} mode='aspectFit' />}
          <Text className='screen__digits'>{code.digits}</Text>
        </>
      )}
      {code && !wechat && isWeapp && (
        <>
          <Text className='screen__hint'>{symbol ? '请用支部通“扫码签到”，或输入下方签到码' : '二维码暂时无法显示，请输入下方签到码'}</Text>
          <checkin-code
            id='screen-native'
            modules={symbol?.modules ?? ''}
            size={symbol?.size ?? 0}
            digits={code.digits}
            expiresAt={Date.parse(code.expiresAt)}
            slotSeconds={code.slotSeconds}
            onExpire={() => void refresh()}
          />
        </>
      )}
      {code && !wechat && !isWeapp && (
        <>
          <Text className='screen__hint'>请用支部通“扫码签到”，或输入下方签到码</Text>
          {qr && <Image className='screen__qr' id='screen-qr' src={qr} mode='aspectFit' />}
          <Text className='screen__digits' id='screen-digits'>
            {code.digits}
          </Text>
          <View className='screen__bar'>
            <View className='screen__bar-fill' style={{ width: `${(left / code.slotSeconds) * 100}%` }} />
          </View>
          <Text className='screen__countdown' id='screen-countdown'>
            {left} 秒后更新
          </Text>
        </>
      )}
      {code && !slotId && (
        <Text className='screen__toggle' id='screen-toggle' onClick={() => setWechat((w) => !w)}>
          {wechat ? '改为显示支部通扫码用的二维码' : '党员用微信扫一扫？改为显示小程序码'}
        </Text>
      )}
    </View>
  );
}
