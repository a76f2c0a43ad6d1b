import { useEffect, useState } from 'react';
import { Image, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import { EDUCATION_LEVELS, type ArchiveView, type Education, type Gender } from '../../../typings/domain';
import { BranchHistory } from '../../components/branch-history';
import { ActivityHistory } from '../../components/activity-history';
import { PartyTimeline } from '../../components/party-timeline';
import { PrivacyPrompt } from '../../components/privacy-prompt';
import { Field, Picked } from '../../components/field';
import { StudyArchive } from '../../components/study-archive';
import { Honours } from '../../components/honours';
import { VolunteerHours } from '../../components/volunteer-hours';
import { StateView } from '../../components/state-view';
import { api, ApiError } from '../../services/api';
import { pickImages, upload } from '../../services/files';
import { useAction } from '../../services/useAction';
import { useApi } from '../../services/useApi';
import './index.scss';
import { usePageClass } from '../../services/care';

interface Draft {
  name: string;
  gender: Gender | null;
  ethnicity: string;
  birthDate: string;
  education: Education | null;
  job: string;
  phone: string;
  idCard: string;
}

const fromView = (a: ArchiveView): Draft => ({
  name: a.name ?? '',
  gender: a.gender,
  ethnicity: a.ethnicity ?? '',
  birthDate: a.birthDate ?? '',
  education: a.education,
  job: a.job ?? '',
  // Sensitive fields are never sent back in full: empty means "leave as it is".
  phone: '',
  idCard: '',
});

/** Only what the member changed goes to the server. */
function changes(a: ArchiveView, d: Draft) {
  const out: Parameters<typeof api.archive.updateMine>[0] = {};
  if (d.name.trim() && d.name.trim() !== (a.name ?? '')) out.name = d.name.trim();
  if (d.gender && d.gender !== a.gender) out.gender = d.gender;
  if (d.ethnicity.trim() && d.ethnicity.trim() !== (a.ethnicity ?? '')) out.ethnicity = d.ethnicity.trim();
  if (d.birthDate && d.birthDate !== a.birthDate) out.birthDate = d.birthDate;
  if (d.education && d.education !== a.education) out.education = d.education;
  if (d.job.trim() && d.job.trim() !== (a.job ?? '')) out.job = d.job.trim();
  if (d.phone.trim()) out.phone = d.phone.trim();
  if (d.idCard.trim()) out.idCard = d.idCard.trim();
  return out;
}

function Reveal({ field, masked }: { field: 'phone' | 'idCard'; masked: string | null }) {
  const [value, setValue] = useState<string | null>(null);
  if (!masked) return <Text className='archive__muted'>未填写</Text>;
  return (
    <View className='archive__reveal'>
      <Text id={`archive-${field}-value`}>{value ?? masked}</Text>
      {!value && (
        <Button size='small' onClick={() => void api.archive.reveal({ field }).then((r) => setValue(r.value))}>
          查看完整
        </Button>
      )}
    </View>
  );
}

/** 证件照: shown on the archive, for the member and their secretary. */
function PhotoEditor({ photoUrl, onChanged }: { photoUrl: string | null; onChanged: () => void }) {
  const { busy, error, run } = useAction();
  async function change() {
    const [file] = await pickImages(1);
    if (!file) return;
    if (await run(async () => api.archive.setPhoto({ fileID: await upload(file, ['jpg', 'png']) }), '照片已更新')) onChanged();
  }
  async function remove() {
    if (await run(() => api.archive.setPhoto({ fileID: null }), '照片已删除')) onChanged();
  }
  return (
    <View className='zb-card archive__photo' id='archive-photo'>
      {photoUrl ? (
        <Image className='archive__photo-image' src={photoUrl} mode='aspectFill' id='archive-photo-image' />
      ) : (
        <View className='archive__photo-image archive__photo-image--none'>
          <Text>照片</Text>
        </View>
      )}
      <View className='zb-stack zb-grow'>
        <Text className='zb-muted'>证件照，用于电子档案。只有你和支部书记能看到。</Text>
        <Button id='archive-photo-change' size='small' type='primary' loading={busy} onClick={() => void change()}>
          {photoUrl ? '更换照片' : '上传照片'}
        </Button>
        {photoUrl && (
          <Button size='small' onClick={() => void remove()}>
            删除照片
          </Button>
        )}
        {error && <Text className='zb-error'>{error}</Text>}
      </View>
    </View>
  );
}

const DELETE_PHRASE = '删除我的个人信息';

/** Erasing one's personal details: typed confirmation, since it cannot be undone. */
function DeleteMine({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [typed, setTyped] = useState('');
  const { busy, error, run } = useAction();
  async function erase() {
    if (await run(() => api.privacy.deleteMine({ confirm: DELETE_PHRASE }), '已删除你的个人信息')) onDone();
  }
  return (
    <View className='zb-card zb-stack' id='archive-delete'>
      <Text className='zb-title'>删除我的个人信息</Text>
      <Text className='zb-muted'>
        将删除你的电子档案（姓名、性别、民族、出生日期、学历、岗位、照片、手机号、身份证号）和你导出过的文件，并撤回同意。支部仍保留你的党员身份、登记姓名、组织关系记录、已归档会议纪实中的出勤记录和审计记录。此操作不能撤销。
      </Text>
      <Text className='zb-muted'>请输入“{DELETE_PHRASE}”以确认：</Text>
      <Input id='archive-delete-phrase' value={typed} onChange={setTyped} placeholder={DELETE_PHRASE} maxLength={10} />
      <View className='zb-row'>
        <Button
          className='zb-grow'
          id='archive-delete-confirm'
          type='primary'
          loading={busy}
          disabled={typed !== DELETE_PHRASE}
          onClick={() => void erase()}
        >
          确认删除
        </Button>
        <Button className='zb-grow' onClick={onCancel}>
          取消
        </Button>
      </View>
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}

/** The member's own electronic archive: view and edit; phone and ID number shown masked. */
export default function ArchivePage() {
  const pageClass = usePageClass('archive');
  const { data, error, loading, reload } = useApi(() => api.archive.mine({}));
  const privacy = useApi(() => api.privacy.status({}));
  const timeline = useApi(() => api.lifecycle.mine({}));
  const history = useApi(() => api.record.history({}));
  const consentedNow = privacy.data && privacy.data.consentedVersion === privacy.data.version;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState('');
  const [deleting, setDeleting] = useState(false);
  useEffect(() => {
    if (data) setDraft(fromView(data));
  }, [data]);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => (d ? { ...d, [key]: value } : d));

  async function save() {
    if (!data || !draft) return;
    const input = changes(data, draft);
    if (Object.keys(input).length === 0) {
      void Taro.showToast({ title: '没有需要保存的修改', icon: 'none' });
      return;
    }
    setSaving(true);
    setFormError('');
    try {
      await api.archive.updateMine(input);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      await reload();
    } catch (e) {
      setFormError(e instanceof ApiError ? e.message : '保存失败，请稍后再试');
    } finally {
      setSaving(false);
    }
  }

  return (
    <View className={pageClass}>
      <PrivacyPrompt />
      <StateView loading={(loading && !data) || (privacy.loading && !privacy.data)} error={error ?? privacy.error} onRetry={reload}>
        {privacy.data && !consentedNow && (
          <View className='zb-card archive__form' id='privacy-notice'>
            <Text className='archive__label'>个人信息保护说明</Text>
            <Text className='archive__notice'>
              支部通收集你的姓名、性别、出生日期、学历、工作岗位、照片、手机号和身份证号，仅用于所在党组织的党员管理。手机号和身份证号加密保存，除你本人和支部书记外，他人只能看到部分号码；每一次查看完整号码都会被记录。照片上传时会去掉拍摄地点等附加信息。你可以随时导出、更正或删除自己的信息，也可以撤回同意；导出的文件
              30
              分钟后自动删除。删除后，支部按党组织工作要求仍保留你的党员身份与组织关系记录、已归档会议纪实中的出勤记录，以及谁在何时查看或修改过信息的审计记录。
            </Text>
            <Button
              id='consent-agree'
              type='primary'
              size='large'
              block
              openType={process.env.TARO_ENV === 'weapp' ? 'agreePrivacyAuthorization' : undefined}
              onClick={() => void api.privacy.consent({ version: privacy.data!.version }).then(() => privacy.reload())}
            >
              同意并继续
            </Button>
          </View>
        )}
        {consentedNow && data && draft && (
          <>
            <PhotoEditor photoUrl={data.photoUrl} onChanged={() => void reload()} />
            <Text className='zb-section-title'>基本信息</Text>
            <View className='zb-card archive__form'>
              <Field label='姓名'>
                <Input id='archive-name' value={draft.name} onChange={set('name')} placeholder='真实姓名' maxLength={20} />
              </Field>
              <Field label='性别' plain>
                <View className='archive__choices'>
                  {(['male', 'female'] as const).map((g) => (
                    <Button
                      key={g}
                      className={draft.gender === g ? 'zb-choice zb-choice--on' : 'zb-choice'}
                      onClick={() => set('gender')(g)}
                    >
                      {g === 'male' ? '男' : '女'}
                    </Button>
                  ))}
                </View>
              </Field>
              <Field label='民族'>
                <Input value={draft.ethnicity} onChange={set('ethnicity')} placeholder='如 汉族' maxLength={10} />
              </Field>
              <Field label='出生日期'>
                <Picker
                  mode='date'
                  value={draft.birthDate || '1980-01-01'}
                  start='1920-01-01'
                  end='2020-12-31'
                  onChange={(e) => set('birthDate')(e.detail.value)}
                >
                  <Picked value={draft.birthDate} />
                </Picker>
              </Field>
              <Field label='学历'>
                <Picker
                  mode='selector'
                  range={[...EDUCATION_LEVELS]}
                  onChange={(e) => set('education')(EDUCATION_LEVELS[Number(e.detail.value)] ?? null)}
                >
                  <Picked value={draft.education} />
                </Picker>
              </Field>
              <Field label='工作单位及岗位'>
                <Input value={draft.job} onChange={set('job')} placeholder='如 研发中心 工程师' maxLength={40} />
              </Field>
            </View>

            <Text className='zb-section-title'>联系方式与证件</Text>
            <Text className='archive__hint'>加密保存；除你本人和支部书记外，他人只能看到部分号码。</Text>
            <CellGroup>
              <Cell title='手机号' extra={<Reveal field='phone' masked={data.phoneMasked} />} />
              <Cell title='身份证号' extra={<Reveal field='idCard' masked={data.idCardMasked} />} />
            </CellGroup>
            <View className='zb-card archive__form'>
              <Field label='修改手机号' hint='不修改请留空'>
                <Input
                  id='archive-phone'
                  type='digit'
                  value={draft.phone}
                  onChange={set('phone')}
                  placeholder='11 位手机号'
                  maxLength={13}
                />
              </Field>
              <Field label='修改身份证号' hint='不修改请留空'>
                <Input
                  id='archive-id-card'
                  type='idcard'
                  value={draft.idCard}
                  onChange={set('idCard')}
                  placeholder='18 位身份证号'
                  maxLength={18}
                />
              </Field>
              <Button id='archive-save' type='primary' size='large' block loading={saving} onClick={() => void save()}>
                保存
              </Button>
              {formError && (
                <Text className='archive__error' id='archive-error'>
                  {formError}
                </Text>
              )}
            </View>
            {timeline.data && <PartyTimeline timeline={timeline.data} />}
            {history.data && <ActivityHistory items={history.data.items} />}
            <StudyArchive study={data.study} />
            <Honours honours={data.honours} appraisals={data.appraisals} />
            <VolunteerHours years={data.service} own />
            <BranchHistory branches={data.branches} />

            <Text className='zb-section-title'>我的信息权利</Text>
            <CellGroup>
              <Cell
                title='导出我的个人信息'
                clickable
                onClick={() =>
                  void api.privacy
                    .exportMine({})
                    .then((r) =>
                      Taro.setClipboardData({ data: r.url }).then(() => Taro.showToast({ title: '下载链接已复制', icon: 'none' })),
                    )
                }
              />
              <Cell
                title='撤回同意'
                description='撤回后将不能再修改档案'
                clickable
                onClick={() => void api.privacy.withdraw({}).then(() => privacy.reload())}
              />
              <View id='archive-delete-open'>
                <Cell title='删除我的个人信息' description='支部只保留你的党员身份记录' clickable onClick={() => setDeleting(true)} />
              </View>
            </CellGroup>
            {deleting && (
              <DeleteMine
                onDone={() => void Promise.all([reload(), privacy.reload()]).then(() => setDeleting(false))}
                onCancel={() => setDeleting(false)}
              />
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
