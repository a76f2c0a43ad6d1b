import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import type { Audience } from '../../../../../typings/domain';
import { pageUrl } from '../../../../../typings/pages';
import { TOPIC_KIND_LABEL, TOPIC_KINDS, type TopicKind } from '../../../../../typings/voice';
import { Field } from '../../../../components/field';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { AudiencePicker } from '../activity-edit/audience';
import { Choices } from '../../../../components/choices';

/** A topic for discussion: what kind, the question, optionally the meeting it belongs to, and for whom. */
export default function TopicEditPage() {
  const pageClass = usePageClass();
  const { orgId = '' } = useRouter().params;
  const [kind, setKind] = useState<TopicKind>('lesson');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [activityId, setActivityId] = useState<string>('');
  const [audience, setAudience] = useState<Audience>({ kind: 'unit' });
  const [tried, setTried] = useState(false);
  const saving = useAction();
  const meetings = useApi(() => api.activity.list({ orgId, when: 'upcoming', limit: 10 }), [orgId]);
  const problem = title.trim().length < 2 ? '请写下要讨论的问题' : null;

  async function save() {
    setTried(true);
    if (problem) return;
    const topic = { kind, title: title.trim(), body: body.trim(), activityId: activityId || null, audience };
    const done = await saving.run(() => api.voice.saveTopic({ orgId, topic }), '已发起');
    if (done) void Taro.redirectTo({ url: pageUrl('topic', { id: done.topicId }) });
  }

  return (
    <View className={pageClass}>
      <View className='zb-card zb-stack' id='topic-form'>
        <Field id='field-topic-kind' label='类型' required plain>
          <Choices
            id='topic-kind'
            options={TOPIC_KINDS.map((k): [TopicKind, string] => [k, TOPIC_KIND_LABEL[k]])}
            value={kind}
            onChange={setKind}
          />
        </Field>
        <Field id='field-topic-title' label='讨论的问题' required error={tried ? problem : null}>
          <Input id='topic-title' value={title} onChange={setTitle} maxLength={60} placeholder='如：如何把全会精神落实到岗位上？' />
        </Field>
        <Field id='field-topic-body' label='说明'>
          <TextArea id='topic-body' value={body} onChange={setBody} maxLength={2000} placeholder='可选：背景材料、发言要求' />
        </Field>
        {(meetings.data?.activities.length ?? 0) > 0 && (
          <Field id='field-topic-activity' label='关联会议' plain hint='关联后可导出讨论记录，作为会议纪实的一部分'>
            <View className='zb-stack'>
              <View id='topic-activity-none' className={`zb-option${activityId ? '' : ' zb-option--on'}`} onClick={() => setActivityId('')}>
                <Text className='zb-option__title'>不关联</Text>
              </View>
              {meetings.data?.activities.slice(0, 10).map((a) => (
                <View
                  key={a.id}
                  id={`topic-activity-${a.id}`}
                  className={`zb-option${activityId === a.id ? ' zb-option--on' : ''}`}
                  onClick={() => setActivityId(a.id)}
                >
                  <Text className='zb-option__title'>{a.title}</Text>
                  <Text className='zb-muted'>{moment(a.startAt)}</Text>
                </View>
              ))}
            </View>
          </Field>
        )}
        <Field id='field-topic-audience' label='参与范围' required plain>
          <AudiencePicker orgId={orgId} value={audience} onChange={setAudience} />
        </Field>
        {saving.error && <Text className='zb-error'>{saving.error}</Text>}
        <Button id='topic-save' type='primary' size='large' block loading={saving.busy} onClick={() => void save()}>
          发起讨论
        </Button>
      </View>
    </View>
  );
}
