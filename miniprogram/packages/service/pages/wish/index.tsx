import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import type { ImageRef } from '../../../../../typings/domain';
import { WISH_STATE_LABEL, type WishView } from '../../../../../typings/service';
import { Field } from '../../../../components/field';
import { ImageEditor, ImageGrid } from '../../../../components/image-grid';
import { PageState } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { confirmDestructive } from '../../../../services/confirm';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import '../service.scss';

/** The claimer marks it done: a photo of it done (required) and a line. */
function FulfilForm({ w, onDone }: { w: WishView; onDone: (v: WishView) => void }) {
  const [photos, setPhotos] = useState<ImageRef[]>([]);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const problem = photos.length === 0 ? '请上传一张完成时的照片' : null;
  async function send() {
    setTried(true);
    if (problem) return;
    const v = await run(
      () => api.service.fulfilWish({ wishId: w.id, photos: photos.map((p) => p.fileID), note: note.trim() }),
      '已标记完成',
    );
    if (v) onDone(v);
  }
  return (
    <View className='zb-card zb-stack' id='wish-fulfil'>
      <Text className='zb-title'>完成后，上传照片告诉群众</Text>
      <Field id='field-wish-photos' label='完成照片' required plain error={tried ? problem : null}>
        <ImageEditor id='wish-photos' value={photos} onChange={setPhotos} max={3} />
      </Field>
      <Field id='field-wish-note' label='说明'>
        <TextArea id='wish-note' value={note} onChange={setNote} maxLength={200} placeholder='如：已换上新灯泡' />
      </Field>
      {error && <Text className='zb-error'>{error}</Text>}
      <Button id='wish-fulfil-submit' type='primary' size='large' block loading={busy} onClick={() => void send()}>
        标记完成
      </Button>
    </View>
  );
}

/** One wish: what was asked, who took it on and how it was done; the buttons of whoever may act on it now. */
export default function WishPage() {
  const pageClass = usePageClass('service');
  const { params } = useRouter();
  const id = params['id'] ?? '';
  const state = useApi(() => api.service.wish({ wishId: id }), [id], { refreshOnShow: true });
  const [view, setView] = useState<WishView | null>(null);
  const [thanks, setThanks] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const w = view ?? state.data;
  if (!w) return <PageState state={state} />;
  const act = async (action: () => Promise<WishView>, done: string) => {
    const v = await run(action, done);
    if (v) setView(v);
  };
  return (
    <View className={pageClass}>
      <View className='zb-card zb-stack' id='wish-head'>
        <Text className={w.state === 'published' ? 'zb-attention' : w.state === 'confirmed' ? 'zb-done' : 'zb-muted'} id='wish-state'>
          {WISH_STATE_LABEL[w.state]}
        </Text>
        <Text className='zb-title' id='wish-title'>
          {w.title}
        </Text>
        <Text>{w.content}</Text>
        {w.images.length > 0 && <ImageGrid images={w.images} />}
        <Text className='zb-muted'>
          {w.orgName} · {w.day}
        </Text>
        {w.contact && (
          <Text id='wish-contact'>
            联系人：{w.contact.name} {w.contact.phone}
          </Text>
        )}
        {w.claimerName && <Text id='wish-claimer'>认领党员：{w.claimerName}</Text>}
        {w.reviewNote && <Text className='zb-quote'>党组织说明：{w.reviewNote}</Text>}
      </View>
      {(w.donePhotos.length > 0 || w.doneNote) && (
        <View className='zb-card zb-stack' id='wish-done'>
          <Text className='zb-title'>完成情况</Text>
          {w.doneNote && <Text>{w.doneNote}</Text>}
          <ImageGrid images={w.donePhotos} />
          {w.thanks && <Text className='zb-quote'>群众的话：{w.thanks}</Text>}
        </View>
      )}
      {w.can.review && (
        <View className='zb-card zb-stack' id='wish-review'>
          <Text className='zb-title'>审核</Text>
          <Text className='zb-muted'>发布后，本组织党员（及到本社区报到的党员）可以认领；群众只看到内容，看不到提出人和联系方式。</Text>
          <Field id='field-review-note' label='说明（不予发布时必填，提出人会看到）'>
            <Input id='wish-review-note' value={note} onChange={setNote} maxLength={100} />
          </Field>
          <Button
            id='wish-publish'
            type='primary'
            size='large'
            block
            loading={busy}
            onClick={() => void act(() => api.service.reviewWish({ wishId: w.id, decision: 'publish', note: note.trim() }), '已发布')}
          >
            发布，等待党员认领
          </Button>
          <Button
            id='wish-reject'
            size='large'
            block
            loading={busy}
            onClick={() => void act(() => api.service.reviewWish({ wishId: w.id, decision: 'reject', note: note.trim() }), '已处理')}
          >
            不予发布
          </Button>
        </View>
      )}
      {w.can.claim && (
        <View className='zb-actions'>
          <Button
            id='wish-claim'
            type='primary'
            size='large'
            block
            loading={busy}
            onClick={() =>
              void Taro.showModal({
                title: '认领这个心愿',
                content: '认领后请尽快联系群众并帮办，完成后上传照片。',
                confirmText: '认领',
              }).then((r) => (r.confirm ? act(() => api.service.claimWish({ wishId: w.id }), '认领成功') : undefined))
            }
          >
            我来认领
          </Button>
        </View>
      )}
      {w.can.fulfil && <FulfilForm w={w} onDone={setView} />}
      {w.can.release && (
        <View className='zb-actions'>
          <Button
            id='wish-release'
            size='large'
            block
            loading={busy}
            onClick={() =>
              void confirmDestructive({ title: '放弃认领', content: '心愿会回到心愿墙，由其他党员认领。', confirmText: '放弃认领' }).then(
                (sure) => (sure ? act(() => api.service.releaseWish({ wishId: w.id }), '已放弃认领') : undefined),
              )
            }
          >
            放弃认领
          </Button>
        </View>
      )}
      {w.can.confirm && (
        <View className='zb-card zb-stack' id='wish-confirm-box'>
          <Text className='zb-title'>心愿办好了吗？</Text>
          <Field id='field-wish-thanks' label='想对党员说的话（可不填）'>
            <Input id='wish-thanks' value={thanks} onChange={setThanks} maxLength={100} />
          </Field>
          <Button
            id='wish-confirm'
            type='primary'
            size='large'
            block
            loading={busy}
            onClick={() => void act(() => api.service.confirmWish({ wishId: w.id, thanks: thanks.trim() }), '感谢你的确认')}
          >
            确认已完成
          </Button>
        </View>
      )}
      {w.can.withdraw && (
        <View className='zb-actions'>
          <Button
            id='wish-withdraw'
            size='large'
            block
            loading={busy}
            onClick={() =>
              void confirmDestructive({ title: '撤回心愿', content: '撤回后党员不会再看到这个心愿。', confirmText: '撤回' }).then((sure) =>
                sure ? act(() => api.service.withdrawWish({ wishId: w.id }), '已撤回') : undefined,
              )
            }
          >
            撤回心愿
          </Button>
        </View>
      )}
      {error && (
        <Text className='zb-error zb-note' id='wish-error'>
          {error}
        </Text>
      )}
    </View>
  );
}
