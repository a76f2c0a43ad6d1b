import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import type { ImageRef } from '../../../../../typings/domain';
import { pageUrl } from '../../../../../typings/pages';
import { SERVICE_RULES, type CommunityCard } from '../../../../../typings/service';
import { useConsent } from '../../../../components/consent-check';
import { Field } from '../../../../components/field';
import { ImageEditor } from '../../../../components/image-grid';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { useAction } from '../../../../services/useAction';
import { session } from '../../../../services/session';
import { useApi } from '../../../../services/useApi';
import { askToSubscribe } from '../../../../services/wechat';
import '../service.scss';

const CONTACT_NOTE = `联系人和手机号加密保存，只有认领的党员和党组织能看到；心愿完成（或撤回）${SERVICE_RULES.wishContactRetentionDays} 天后自动删除。心愿的标题和内容经审核后会公开，请不要写门牌号、电话等个人信息。`;

/** Which party organisation the wish goes to: the one of the link, or one found by name (社区党组织). */
function UnitPicker({ onPick }: { onPick: (u: CommunityCard) => void }) {
  const [q, setQ] = useState('');
  const { busy, error, run } = useAction();
  const [found, setFound] = useState<CommunityCard[] | null>(null);
  return (
    <View className='zb-card zb-stack' id='wish-unit-search'>
      <Field id='field-wish-unit' label='提交给哪个社区党组织' required>
        <Input id='wish-unit-q' value={q} onChange={setQ} maxLength={20} placeholder='输入社区名称，如：星光' />
      </Field>
      <Button
        id='wish-unit-find'
        size='large'
        block
        loading={busy}
        onClick={() => void run(() => api.service.communities({ q: q.trim() })).then((r) => r && setFound(r.units))}
      >
        查找
      </Button>
      {error && <Text className='zb-error'>{error}</Text>}
      {found?.length === 0 && <Text className='zb-muted'>没有找到，换个名称试试。</Text>}
      {found?.map((u) => (
        <View key={u.id} className='zb-card zb-link-row' id={`wish-unit-${u.id}`} onClick={() => onPick(u)}>
          <Text>{u.name}</Text>
          <Text className='zb-muted'>{u.parentName ?? ''} 选择 ›</Text>
        </View>
      ))}
    </View>
  );
}

/** 许个微心愿: a small need, to a party organisation, with a contact only the claimer and the organisation see. */
export default function WishWritePage() {
  const pageClass = usePageClass('service');
  const { params } = useRouter();
  const linked = params['orgId'] ?? '';
  const unitOfLink = useApi(() => (linked ? api.service.communities({ orgId: linked }) : Promise.resolve({ units: [] })), [linked]);
  const [picked, setPicked] = useState<CommunityCard | null>(null);
  const unit = picked ?? unitOfLink.data?.units[0] ?? null;
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [images, setImages] = useState<ImageRef[]>([]);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const consent = useConsent();
  const me = useApi(() => session(), []);
  const problems = {
    title: title.trim().length < 2 ? '请写一个标题（至少 2 个字）' : null,
    content: content.trim().length < 5 ? '请写清楚需要什么帮助（至少 5 个字）' : null,
    name: name.trim().length < 2 ? '请填写联系人姓名' : null,
    phone: /^1[3-9]\d{9}$/.test(phone.trim()) ? null : '请填写 11 位手机号',
  };
  const shown = (k: keyof typeof problems) => (tried ? problems[k] : null);
  async function send() {
    setTried(true);
    if (!unit || Object.values(problems).some(Boolean) || consent.missing) return;
    // Straight from the tap (WeChat allows the prompt only then): they hear when a member has done it.
    void askToSubscribe([me.data?.subscribeTemplates.postReminder]);
    const done = await run(
      async () =>
        (await consent.ensure()) &&
        api.service.postWish({
          orgId: unit.id,
          title: title.trim(),
          content: content.trim(),
          images: images.map((i) => i.fileID),
          contact: { name: name.trim(), phone: phone.trim() },
        }),
      '已提交，等待党组织审核',
    );
    if (done) void Taro.redirectTo({ url: pageUrl('wish', { id: done.wishId }) });
  }
  if (!unit) return <View className={pageClass}>{!linked || unitOfLink.data ? <UnitPicker onPick={setPicked} /> : null}</View>;
  return (
    <View className={pageClass}>
      <View className='zb-card zb-stack' id='wish-form'>
        <Text className='zb-muted' id='wish-unit'>
          提交给：{unit.name}
        </Text>
        <Field id='field-wish-title' label='心愿' required error={shown('title')}>
          <Input id='wish-title-input' value={title} onChange={setTitle} maxLength={30} placeholder='如：楼道灯坏了想请人修一修' />
        </Field>
        <Field id='field-wish-content' label='具体说明' required error={shown('content')}>
          <TextArea
            id='wish-content'
            value={content}
            onChange={setContent}
            maxLength={500}
            showCount
            placeholder='需要什么帮助、什么时间方便'
          />
        </Field>
        <Field id='field-wish-images' label='图片' plain>
          <ImageEditor id='wish-images' value={images} onChange={setImages} max={SERVICE_RULES.wishMaxImages} />
        </Field>
        <Field id='field-wish-name' label='联系人' required error={shown('name')}>
          <Input id='wish-name' value={name} onChange={setName} maxLength={20} placeholder='姓名' />
        </Field>
        <Field id='field-wish-phone' label='手机号' required error={shown('phone')}>
          <Input id='wish-phone' type='number' value={phone} onChange={setPhone} maxLength={11} placeholder='认领的党员会联系你' />
        </Field>
        <Text className='zb-quote' id='wish-contact-note'>
          {CONTACT_NOTE}
        </Text>
        {consent.box}
        {tried && consent.missing && <Text className='zb-error'>{consent.missing}</Text>}
        {error && (
          <Text className='zb-error' id='wish-error'>
            {error}
          </Text>
        )}
        <Button id='wish-send' type='primary' size='large' block loading={busy} onClick={() => void send()}>
          提交心愿
        </Button>
      </View>
    </View>
  );
}
