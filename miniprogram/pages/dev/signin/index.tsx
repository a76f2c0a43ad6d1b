import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import { resetSession } from '../../../services/session';
import './index.scss';
import { pageUrl } from '../../../../typings/pages';
import { usePageClass } from '../../../services/care';

/** Local runtime only (h5): act as a demo persona or any openid. Not part of the weapp build. */
interface Persona {
  openid: string;
  name: string;
  label: string;
}

interface DemoGroup {
  label: string;
  cloudID: string;
}

interface OpenApiCall {
  _id: string;
  api: string;
  input: unknown;
  at: string;
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { credentials: 'same-origin', ...init });
  const body = (await res.json()) as { ok: boolean; data: T; message?: string };
  if (!body.ok) throw new Error(body.message ?? '请求失败');
  return body.data;
}

export default function DevSignInPage() {
  const pageClass = usePageClass('dev');
  const [personas, setPersonas] = useState<Persona[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [custom, setCustom] = useState('');
  const [calls, setCalls] = useState<OpenApiCall[]>([]);
  const [groups, setGroups] = useState<DemoGroup[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    void getJson<Persona[]>('/api/dev/personas')
      .then(setPersonas)
      .catch((e: Error) => setError(e.message));
    void getJson<{ openid: string | null }>('/api/dev/whoami').then((w) => setCurrent(w.openid));
    void getJson<OpenApiCall[]>('/api/dev/openapi-calls').then(setCalls);
    void getJson<DemoGroup[]>('/api/dev/groups').then(setGroups);
  }, []);

  async function signIn(openid: string) {
    try {
      setError('');
      await getJson('/api/dev/signin', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid }),
      });
      resetSession();
      await Taro.reLaunch({ url: pageUrl('home') });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <View className={pageClass}>
      <View className='zb-card dev__notice'>
        <Text className='dev__title'>本地开发登录</Text>
        <Text className='dev__text'>此页面只存在于本地运行环境，正式小程序中身份由微信提供。</Text>
        <Text className='dev__text' id='dev-current'>
          当前身份：{current ?? '未登录'}
        </Text>
      </View>

      <Text className='zb-section-title'>选择演示身份</Text>
      <CellGroup>
        {personas.map((p) => (
          <Cell
            key={p.openid}
            title={p.name}
            description={`${p.label} · ${p.openid}`}
            extra={
              <Button id={`persona-${p.openid}`} type='primary' size='small' onClick={() => void signIn(p.openid)}>
                以此身份进入
              </Button>
            }
          />
        ))}
      </CellGroup>

      <Text className='zb-section-title'>或输入任意 openid</Text>
      <View className='zb-card dev__custom'>
        <Input id='custom-openid' placeholder='例如 test-user-001' value={custom} onChange={setCustom} clearable />
        <Button id='custom-signin' type='primary' size='large' block disabled={!custom} onClick={() => void signIn(custom.trim())}>
          进入
        </Button>
        {error && (
          <Text className='dev__error' id='dev-error'>
            {error}
          </Text>
        )}
      </View>

      <Text className='zb-section-title'>模拟从微信群打开（以当前身份）</Text>
      <CellGroup>
        {groups.map((g, i) => (
          <Cell
            key={g.cloudID}
            title={g.label}
            extra={
              <Button
                id={`open-group-${i}`}
                size='small'
                disabled={!current}
                onClick={() => void Taro.reLaunch({ url: pageUrl('home', { cloudID: g.cloudID }) })}
              >
                从群里打开
              </Button>
            }
          />
        ))}
      </CellGroup>

      <Text className='zb-section-title'>微信开放接口调用记录（本地替身）</Text>
      <CellGroup>
        {calls.length === 0 && <Cell title='暂无调用' />}
        {calls.map((c) => (
          <Cell
            key={c._id}
            title={c.api}
            description={JSON.stringify(c.input).slice(0, 120)}
            extra={new Date(c.at).toLocaleString('zh-CN')}
          />
        ))}
      </CellGroup>
    </View>
  );
}
