import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import type { BranchHome } from '../../../../../typings/domain';
import { pageUrl, type SecretaryPage } from '../../../../../typings/pages';
import { Field } from '../../../../components/field';
import { StateView } from '../../../../components/state-view';
import { useAction } from '../../../../services/useAction';
import { api } from '../../../../services/api';
import { useApi } from '../../../../services/useApi';
import { usePageClass } from '../../../../services/care';

interface Tool {
  id: string;
  page: SecretaryPage;
  title: string;
  extra: string;
}

/** Everything a unit's leaders manage beyond the four home shortcuts, grouped by what it is about. */
function toolGroups(home: BranchHome): { title: string; tools: Tool[] }[] {
  const pending = home.pendingJoinRequests ?? 0;
  return [
    {
      title: '党员与组织',
      tools: [
        { id: 'approvals', page: 'approvals', title: '入支部申请', extra: pending > 0 ? `${pending} 条待审核` : '暂无待审核' },
        { id: 'members', page: 'members', title: '党员名册', extra: `${home.memberCount} 人` },
        { id: 'due', page: 'due', title: '发展党员提醒', extra: '到期名单' },
        { id: 'transfers', page: 'transfers', title: '组织关系转接', extra: '审核' },
        { id: 'invites', page: 'invites', title: '邀请入支部', extra: '卡片 / 二维码' },
        { id: 'groups', page: 'groups', title: '支部微信群', extra: home.groupCount > 0 ? `已绑定 ${home.groupCount} 个` : '未绑定' },
        { id: 'org', page: 'org', title: '组织架构', extra: '查看' },
      ],
    },
    {
      title: '通知与活动',
      tools: [
        { id: 'posts', page: 'posts', title: '通知稿件', extra: '写稿 / 审核 / 回执' },
        {
          id: 'records',
          page: 'records',
          title: '会议纪实',
          extra: home.recordsToClose ? `${home.recordsToClose} 场活动待归档` : '已全部归档',
        },
        { id: 'stats', page: 'stats', title: '活动统计', extra: '三会一课' },
      ],
    },
    {
      title: '学习与考核',
      tools: [
        { id: 'assignments', page: 'assignments', title: '必学', extra: '布置 / 进度' },
        { id: 'papers', page: 'papers', title: '考试与测验', extra: '发布 / 成绩' },
        { id: 'bank', page: 'bank', title: '题库', extra: '录入 / 导入' },
      ],
    },
    {
      title: '党员心声',
      tools: [
        { id: 'letters', page: 'letters', title: '书记信箱', extra: '来信 / 答复' },
        { id: 'surveys', page: 'surveys', title: '调查问卷', extra: '匿名 / 实名' },
        { id: 'votes', page: 'votes', title: '评先评优', extra: '评选 / 荣誉' },
        { id: 'topics', page: 'topics', title: '讲坛', extra: '话题讨论' },
        { id: 'appraisals', page: 'appraisals', title: '民主评议党员', extra: '年度评议' },
      ],
    },
    {
      title: '服务群众',
      tools: [
        { id: 'service', page: 'serviceProjects', title: '志愿服务', extra: '发布 / 签到 / 时长' },
        { id: 'wishes', page: 'wishInbox', title: '微心愿', extra: '审核 / 跟进' },
        ...(home.branch?.community
          ? [{ id: 'community', page: 'communityMembers' as const, title: '报到党员', extra: '在职党员进社区' }]
          : []),
      ],
    },
    ...(home.keepsDues
      ? [{ title: '党费', tools: [{ id: 'dues', page: 'dues' as const, title: '党费收缴', extra: '标准 / 登记 / 台账' }] }]
      : []),
    { title: '记录', tools: [{ id: 'audit', page: 'audit', title: '审计日志', extra: '谁在何时做了什么' }] },
  ];
}

/** The number members call or copy from their home: set here by the unit's leaders. */
function ContactForm({ orgId, current, onSaved }: { orgId: string; current: string | null; onSaved: () => void }) {
  const [phone, setPhone] = useState(current ?? '');
  const { busy, error, run } = useAction();
  const save = async (value: string | null) => {
    if (await run(() => api.org.setContact({ orgId, phone: value }), value ? '已保存' : '已取消')) onSaved();
  };
  return (
    <View className='zb-card zb-stack' id='tools-contact'>
      <Field
        id='field-contact'
        label='支部联系电话'
        hint='党员在首页点一下就能拨打或复制。可填办公电话；填个人手机前请确认本人同意公开。'
        error={error || null}
      >
        <Input id='contact-phone' type='tel' placeholder='如：021-12345678' value={phone} onChange={setPhone} maxLength={13} />
      </Field>
      <Button id='contact-save' type='primary' size='large' block loading={busy} onClick={() => void save(phone.trim())}>
        保存
      </Button>
      {current && (
        <Button id='contact-clear' className='zb-danger' size='large' block onClick={() => void save(null)}>
          不再公开联系电话
        </Button>
      )}
    </View>
  );
}

/** 更多管理: the unit's tools beyond the home shortcuts, each a page of this package. */
export default function ToolsPage() {
  const pageClass = usePageClass();
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const home = useApi(() => api.branch.home({ orgId }), [orgId], { refreshOnShow: true });
  const data = home.data;
  return (
    <View className={pageClass}>
      <StateView loading={home.loading && !data} error={home.error} onRetry={() => void home.reload()}>
        {data?.branch &&
          toolGroups(data).map((g) => (
            <View key={g.title}>
              <View className='zb-section-title'>{g.title}</View>
              {/* NutUI's Cell drops `id`; the wrapper carries it for tests and anchors. */}
              <CellGroup>
                {g.tools.map((t) => (
                  <View key={t.id} id={`tool-${t.id}`}>
                    <Cell
                      title={t.title}
                      extra={`${t.extra} ›`}
                      clickable
                      onClick={() => void Taro.navigateTo({ url: pageUrl(t.page, { orgId }) })}
                    />
                  </View>
                ))}
              </CellGroup>
            </View>
          ))}
        {data?.branch && <View className='zb-section-title'>联系方式</View>}
        {data?.branch && (
          <ContactForm
            key={data.contact?.phone ?? ''}
            orgId={orgId}
            current={data.contact?.phone ?? null}
            onSaved={() => void home.reload()}
          />
        )}
      </StateView>
    </View>
  );
}
