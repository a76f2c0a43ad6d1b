import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { inShanghai } from '../../../../../typings/time';
import { APPRAISAL_STEP_LABEL } from '../../../../../typings/voice';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';

const go = (url: string) => void Taro.navigateTo({ url });

/** 民主评议党员: the unit's appraisals by year; this year's starts here (at 学习培训). */
export default function AppraisalsPage() {
  const pageClass = usePageClass();
  const { orgId = '' } = useRouter().params;
  const list = useApi(() => api.voice.appraisals({ orgId }), [orgId], { refreshOnShow: true });
  const starting = useAction();
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));
  const year = Number(inShanghai(new Date()).format('YYYY'));
  const started = list.data?.appraisals.some((a) => a.year === year);

  async function start() {
    const { confirm } = await Taro.showModal({
      title: `开始${year}年度民主评议`,
      content: '本支部在册党员都会列入评议名单，先进入“学习培训”阶段，之后由你逐步开启自评、互评、评定和公示。',
      confirmText: '开始',
      cancelText: '再想想',
    });
    if (!confirm) return;
    const done = await starting.run(() => api.voice.startAppraisal({ orgId, year }), '已开始');
    if (done) go(pageUrl('appraisalBoard', { id: done.appraisalId }));
  }

  return (
    <View className={pageClass}>
      {!started && list.data && (
        <View className='zb-actions'>
          {starting.error && <Text className='zb-error'>{starting.error}</Text>}
          <Button id='appraisals-start' type='primary' size='large' block loading={starting.busy} onClick={() => void start()}>
            开始{year}年度民主评议
          </Button>
        </View>
      )}
      <StateView loading={list.loading && !list.data} error={list.data ? undefined : list.error} onRetry={() => void list.reload()}>
        {list.data?.appraisals.length === 0 && (
          <View className='zb-card'>
            <Text className='zb-muted'>还没有开展过民主评议。步骤：学习培训 → 个人自评 → 党员互评 → 组织评定 → 结果公示。</Text>
          </View>
        )}
        {list.data?.appraisals.map((a) => (
          <View
            key={a.id}
            className='zb-card zb-stack'
            id={`appraisals-${a.year}`}
            onClick={() => go(pageUrl('appraisalBoard', { id: a.id }))}
          >
            <Text className='zb-title'>{a.title}</Text>
            <Text className='zb-muted'>
              {APPRAISAL_STEP_LABEL[a.step]} · 参评 {a.members} 人 · 已互评 {a.raters} 人
            </Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
