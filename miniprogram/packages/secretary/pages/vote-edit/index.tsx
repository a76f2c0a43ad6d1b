import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import type { Audience } from '../../../../../typings/domain';
import { pageUrl } from '../../../../../typings/pages';
import { inShanghai, shanghaiDay } from '../../../../../typings/time';
import { Field } from '../../../../components/field';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { AudiencePicker } from '../activity-edit/audience';
import { Choices } from '../../../../components/choices';
import { instant, WhenField } from '../activity-edit/when';

const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : null);

/** An evaluation vote: the honour, its seats and votes per member, anonymous or named, who nominates, until when, for whom. */
export default function VoteEditPage() {
  const pageClass = usePageClass();
  const { orgId = '', id = '' } = useRouter().params;
  const existing = useApi(async () => (id ? api.voice.voteDraft({ voteId: id }) : null), [id]);
  const [title, setTitle] = useState(`${inShanghai(new Date()).format('YYYY')}年度优秀共产党员`);
  const [intro, setIntro] = useState('');
  const [seats, setSeats] = useState('2');
  const [maxChoices, setMaxChoices] = useState('2');
  const [anonymous, setAnonymous] = useState(true);
  const [memberNominations, setMemberNominations] = useState(false);
  const [closeDay, setCloseDay] = useState(shanghaiDay(new Date(Date.now() + 7 * 24 * 3600 * 1000)));
  const [closeTime, setCloseTime] = useState('18:00');
  const [audience, setAudience] = useState<Audience>({ kind: 'unit' });
  const [tried, setTried] = useState(false);
  const saving = useAction();
  const locked = existing.data?.locked ?? false;
  const unit = existing.data?.orgId ?? orgId;

  useEffect(() => {
    const v = existing.data;
    if (!v) return;
    setTitle(v.title);
    setIntro(v.intro);
    setSeats(String(v.seats));
    setMaxChoices(String(v.maxChoices));
    setAnonymous(v.anonymous);
    setMemberNominations(v.memberNominations);
    setCloseDay(shanghaiDay(v.closeAt));
    setCloseTime(inShanghai(v.closeAt).format('HH:mm'));
    setAudience(v.audience);
  }, [existing.data]);

  const problems = {
    title: title.trim().length < 2 ? '请填写评选名称' : null,
    seats: !whole(seats) ? '请填写名额' : null,
    maxChoices: !whole(maxChoices) ? '请填写每人可投票数' : null,
  };

  async function save() {
    setTried(true);
    if (Object.values(problems).some(Boolean)) return;
    const vote = {
      title: title.trim(),
      intro: intro.trim(),
      seats: whole(seats)!,
      maxChoices: whole(maxChoices)!,
      anonymous,
      memberNominations,
      openAt: existing.data?.openAt ?? null,
      closeAt: instant(closeDay, closeTime),
      audience,
    };
    const done = await saving.run(() => api.voice.saveVote({ orgId: unit, ...(id ? { voteId: id } : {}), vote }), id ? '已保存' : '已发起');
    if (done) void Taro.redirectTo({ url: pageUrl('voteManage', { id: done.voteId }) });
  }

  return (
    <View className={pageClass}>
      <StateView loading={Boolean(id) && existing.loading && !existing.data} error={existing.error} onRetry={() => void existing.reload()}>
        <View className='zb-card zb-stack' id='vote-form'>
          {locked && <Text className='zb-quote'>已有党员投票：只能修改名称、说明和截止时间。</Text>}
          <Field id='field-vote-title' label='评选名称' required error={tried ? problems.title : null}>
            <Input id='vote-title' value={title} onChange={setTitle} maxLength={40} placeholder='如：2026年度优秀共产党员' />
          </Field>
          <Field id='field-vote-intro' label='说明'>
            <TextArea id='vote-intro' value={intro} onChange={setIntro} maxLength={500} placeholder='可选：评选条件、办法' />
          </Field>
          <Field id='field-vote-seats' label='名额' required error={tried ? problems.seats : null} hint='最终当选的人数'>
            <Input id='vote-seats' type='digit' value={seats} onChange={setSeats} maxLength={2} disabled={locked} />
          </Field>
          <Field id='field-vote-max' label='每人最多选几位' required error={tried ? problems.maxChoices : null}>
            <Input id='vote-max' type='digit' value={maxChoices} onChange={setMaxChoices} maxLength={2} disabled={locked} />
          </Field>
          <Field
            id='field-vote-anonymous'
            label='投票方式'
            required
            plain
            hint={anonymous ? '无记名：选票不与投票人一起保存，结果在截止后公布。' : '记名：组织者能看到每张选票是谁投的。'}
          >
            <Choices
              id='vote-anonymous'
              options={[
                ['yes', '无记名投票'],
                ['no', '记名投票'],
              ]}
              value={anonymous ? 'yes' : 'no'}
              onChange={(v) => !locked && setAnonymous(v === 'yes')}
            />
          </Field>
          <Field id='field-vote-nominations' label='候选人提名' required plain>
            <Choices
              id='vote-nominations'
              options={[
                ['leaders', '支部提名'],
                ['members', '党员也可提名（支部审核）'],
              ]}
              value={memberNominations ? 'members' : 'leaders'}
              onChange={(v) => setMemberNominations(v === 'members')}
            />
          </Field>
          <WhenField
            id='field-vote-close'
            label='投票截止'
            ids={['vote-close-day', 'vote-close-time']}
            day={closeDay}
            time={closeTime}
            firstDay={shanghaiDay(new Date())}
            onDay={setCloseDay}
            onTime={setCloseTime}
          />
          {unit && !locked && (
            <Field id='field-vote-audience' label='参与范围' required plain hint='候选人和投票人都在这个范围内'>
              <AudiencePicker orgId={unit} value={audience} onChange={setAudience} />
            </Field>
          )}
          {saving.error && <Text className='zb-error'>{saving.error}</Text>}
          <Button id='vote-save' type='primary' size='large' block loading={saving.busy} onClick={() => void save()}>
            {id ? '保存' : '发起评选，下一步提名候选人'}
          </Button>
        </View>
      </StateView>
    </View>
  );
}
