import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { ImageEditor } from '../../../../components/image-grid';
import { StateView } from '../../../../components/state-view';
import { RecordCard } from '../../../../components/record-card';
import type { ImageRef } from '../../../../../typings/domain';
import { api, ApiError } from '../../../../services/api';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { confirmDestructive } from '../../../../services/confirm';
import { usePageClass } from '../../../../services/care';

/** 会议记录: the organiser writes the minutes, then closes them with the attendance (纪实). */
export default function RecordPage() {
  const pageClass = usePageClass();
  const { params } = useRouter();
  const activityId = params['id'] ?? '';
  const { data, error, loading, reload } = useApi(() => api.record.get({ activityId }), [activityId]);
  const [draft, setDraft] = useState({ topic: '', host: '', recorder: '', content: '', resolutions: '' });
  const [photos, setPhotos] = useState<ImageRef[]>([]);
  const saving = useAction();
  const closing = useAction();
  useEffect(() => {
    if (!data) return;
    setDraft({ topic: data.topic, host: data.host, recorder: data.recorder, content: data.content, resolutions: data.resolutions });
    setPhotos(data.photos);
  }, [data]);
  const set = (k: keyof typeof draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  /** Saves the draft; `quietly` when closing follows at once (no "saved" toast over the next question). */
  async function save(quietly = false) {
    const saved = await saving.run(
      () => api.record.save({ activityId, ...draft, photos: photos.map((p) => p.fileID) }),
      quietly ? undefined : '已保存',
    );
    // New photos were uploads until now; from here on they are the record's own files.
    if (saved) setPhotos(saved.photos);
    return saved;
  }
  async function close() {
    const yes = await confirmDestructive({
      title: '归档会议记录？',
      content: '归档后出勤记入每位党员的档案，党员可以查看这份记录；之后不能再修改，只能补签。',
      confirmText: '归档',
    });
    if (!yes) return;
    if (!(await save(true))) return;
    const closed = await closing.run(async () => {
      try {
        return await api.record.close({ activityId });
      } catch (e) {
        // Before the activity's end the server says what closing early does; close only if the organiser agrees.
        if (!(e instanceof ApiError) || e.code !== 'CONFIRM_NEEDED') throw e;
        const confirm = await confirmDestructive({ title: '提前归档？', content: e.message, confirmText: '提前归档' });
        return confirm ? api.record.close({ activityId, early: true }) : null;
      }
    });
    if (!closed) return;
    void Taro.showToast({ title: '会议记录已归档', icon: 'none' });
    await reload();
  }

  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data?.closed && <RecordCard record={data} />}
        {data && !data.closed && (
          <>
            <View className='zb-card zb-stack' id='record-form'>
              <Text className='zb-muted'>议题</Text>
              <Input
                id='record-topic'
                value={draft.topic}
                onChange={set('topic')}
                placeholder='如：学习党的二十届四中全会精神'
                maxLength={60}
              />
              <View className='zb-row'>
                <View className='zb-grow zb-stack'>
                  <Text className='zb-muted'>主持人</Text>
                  <Input id='record-host' value={draft.host} onChange={set('host')} maxLength={20} />
                </View>
                <View className='zb-grow zb-stack'>
                  <Text className='zb-muted'>记录人</Text>
                  <Input id='record-recorder' value={draft.recorder} onChange={set('recorder')} maxLength={20} />
                </View>
              </View>
              <Text className='zb-muted'>会议内容</Text>
              <TextArea
                id='record-content'
                value={draft.content}
                onChange={set('content')}
                placeholder='议程、发言要点'
                maxLength={5000}
                rows={6}
              />
              <Text className='zb-muted'>决议事项</Text>
              <TextArea id='record-resolutions' value={draft.resolutions} onChange={set('resolutions')} maxLength={2000} rows={3} />
              <Text className='zb-muted'>会议照片</Text>
              <ImageEditor id='record-photos' value={photos} onChange={setPhotos} />
            </View>
            <View className='zb-actions'>
              <Button id='record-save' size='large' block loading={saving.busy} onClick={() => void save()}>
                保存草稿
              </Button>
              <Button id='record-close' type='primary' size='large' block loading={closing.busy} onClick={() => void close()}>
                归档（记入出勤，党员可查看）
              </Button>
              {(saving.error || closing.error) && (
                <Text className='zb-error' id='record-error'>
                  {saving.error || closing.error}
                </Text>
              )}
            </View>
          </>
        )}
      </StateView>
    </View>
  );
}
