import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { StateView } from '../../../../components/state-view';
import { api, ApiError } from '../../../../services/api';
import { useApi } from '../../../../services/useApi';
import { StudyArchive } from '../../../../components/study-archive';
import { Honours } from '../../../../components/honours';
import { VolunteerHours } from '../../../../components/volunteer-hours';
import { HonourForm } from '../../components/HonourForm';
import { BranchHistory } from '../../../../components/branch-history';
import { PartyTimeline } from '../../../../components/party-timeline';
import { TransferForm } from '../../../../components/transfer-form';
import { RoleForm } from '../../components/RoleForm';
import { StepForm } from '../../components/StepForm';
import './index.scss';
import { usePageClass } from '../../../../services/care';

/** A member's archive as their secretary sees it: masked, with an audited "show in full". */
export default function MemberPage() {
  const pageClass = usePageClass('member');
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const memberId = params['memberId'] ?? '';
  const { data, error, loading, reload } = useApi(async () => {
    const [archive, timeline] = await Promise.all([api.archive.get({ orgId, memberId }), api.lifecycle.history({ memberId })]);
    return { archive, timeline };
  }, [orgId, memberId]);
  const [full, setFull] = useState<string | null>(null);
  const [revealError, setRevealError] = useState('');

  async function reveal() {
    try {
      setFull((await api.archive.reveal({ field: 'idCard', orgId, memberId })).value);
    } catch (e) {
      setRevealError(e instanceof ApiError ? e.message : '查看失败');
    }
  }

  const [transferOpen, setTransferOpen] = useState(false);
  const [transferSent, setTransferSent] = useState(false);
  const a = data?.archive;
  const here = a?.branches.find((b) => b.memberId === memberId && b.status === 'active');
  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {a && data && (
          <>
            <View className='zb-card member__head'>
              {a.photoUrl && <Image className='member__photo' src={a.photoUrl} mode='aspectFill' id='member-photo' />}
              <View className='zb-stack'>
                <Text className='member__name' id='member-name'>
                  {(a.name ?? decodeURIComponent(params['name'] ?? '')) || '（未填写姓名）'}
                </Text>
                <Text className='member__muted'>{a.updatedAt ? `档案更新于 ${a.updatedAt.slice(0, 10)}` : '本人尚未填写档案'}</Text>
              </View>
            </View>
            <CellGroup>
              <Cell title='性别' extra={a.gender ? (a.gender === 'male' ? '男' : '女') : '—'} />
              <Cell title='民族' extra={a.ethnicity ?? '—'} />
              <Cell title='出生日期' extra={a.birthDate ?? '—'} />
              <Cell title='学历' extra={a.education ?? '—'} />
              <Cell title='工作单位及岗位' extra={a.job ?? '—'} />
              <View id='member-phone'>
                <Cell title='手机号' extra={a.phoneMasked ?? '—'} />
              </View>
              <View id='member-id-card'>
                <Cell title='身份证号' extra={full ?? a.idCardMasked ?? '—'} />
              </View>
            </CellGroup>
            {a.idCardMasked && !full && (
              <View className='member__actions'>
                <Button block onClick={() => void reveal()}>
                  查看完整身份证号（会记入审计日志）
                </Button>
                {revealError && <Text className='member__error'>{revealError}</Text>}
              </View>
            )}
            <PartyTimeline timeline={data.timeline} />
            <StepForm memberId={memberId} current={data.timeline.current} onDone={() => void reload()} />

            <BranchHistory branches={a.branches} />
            <StudyArchive study={a.study} />
            <Honours honours={a.honours} appraisals={a.appraisals}>
              {here && <HonourForm memberId={memberId} onDone={() => void reload()} />}
            </Honours>
            <VolunteerHours years={a.service} own={false} />
            {here && (
              <CellGroup>
                <View id='member-points'>
                  <Cell
                    title='积分明细与调整'
                    extra='›'
                    clickable
                    onClick={() => void Taro.navigateTo({ url: pageUrl('memberPoints', { memberId }) })}
                  />
                </View>
              </CellGroup>
            )}
            {here && (
              <RoleForm
                key={`${here.role}-${here.duty}`}
                memberId={memberId}
                role={here.role}
                duty={here.duty}
                onDone={() => void reload()}
              />
            )}
            {here && (
              <>
                <Text className='zb-section-title'>组织关系转接</Text>
                {!transferOpen && !transferSent && (
                  <CellGroup>
                    <View id='member-transfer-open'>
                      <Cell title='为该党员办理转出' extra='›' clickable onClick={() => setTransferOpen(true)} />
                    </View>
                  </CellGroup>
                )}
                {transferSent ? (
                  <View className='zb-card' id='member-transfer-sent'>
                    <Text className='zb-muted'>已提交。本支部审核后，再由转入支部审核。可在“组织关系转接”中查看。</Text>
                  </View>
                ) : (
                  transferOpen && (
                    <TransferForm
                      idPrefix='member-transfer'
                      fromOrgId={orgId}
                      submit={(toOrgId, reason) => api.transfer.initiate({ memberId, toOrgId, reason })}
                      onDone={() => setTransferSent(true)}
                    />
                  )
                )}
              </>
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
