import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { inShanghai } from '../../../../typings/time';
import { Field } from '../../../components/field';
import { api } from '../../../services/api';
import { useAction } from '../../../services/useAction';

/** Records an honour given outside a vote (e.g. by the 党委) in the member's archive; it shows on the unit's 风采 page. */
export function HonourForm({ memberId, onDone }: { memberId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('优秀共产党员');
  const [year, setYear] = useState(inShanghai(new Date()).format('YYYY'));
  const [deed, setDeed] = useState('');
  const [tried, setTried] = useState(false);
  const saving = useAction();
  if (!open) {
    return (
      <Button id='honour-open' block onClick={() => setOpen(true)}>
        记录荣誉
      </Button>
    );
  }
  const problems = {
    title: title.trim().length < 2 ? '请填写荣誉名称' : null,
    year: /^\d{4}$/.test(year.trim()) ? null : '请填写年份，如 2026',
    deed: deed.trim().length < 10 ? '请写明主要事迹（至少 10 个字）' : null,
  };
  async function save() {
    setTried(true);
    if (Object.values(problems).some(Boolean)) return;
    if (
      await saving.run(
        () => api.voice.addHonour({ memberId, title: title.trim(), year: Number(year.trim()), deed: deed.trim() }),
        '已记入档案',
      )
    ) {
      setOpen(false);
      setDeed('');
      setTried(false);
      onDone();
    }
  }
  return (
    <View className='zb-stack' id='honour-form'>
      <Field id='field-honour-title' label='荣誉名称' required error={tried ? problems.title : null}>
        <Input id='honour-title' value={title} onChange={setTitle} maxLength={40} />
      </Field>
      <Field id='field-honour-year' label='年份' required error={tried ? problems.year : null}>
        <Input id='honour-year' type='digit' value={year} onChange={setYear} maxLength={4} />
      </Field>
      <Field id='field-honour-deed' label='主要事迹' required error={tried ? problems.deed : null}>
        <TextArea id='honour-deed' value={deed} onChange={setDeed} maxLength={500} showCount placeholder='会显示在优秀党员风采中' />
      </Field>
      {saving.error && <Text className='zb-error'>{saving.error}</Text>}
      <Button id='honour-save' type='primary' block loading={saving.busy} onClick={() => void save()}>
        记入档案
      </Button>
    </View>
  );
}
