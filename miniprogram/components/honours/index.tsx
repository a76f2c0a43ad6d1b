import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { APPRAISAL_GRADE_LABEL, type AppraisalGrade, type HonourView } from '../../../typings/voice';

/** 荣誉与评议: a member's 民主评议 grades, and their honours, newest first, each with its 事迹 (from 评先评优, or recorded by the unit). */
export function Honours({
  honours,
  appraisals = [],
  children,
}: {
  honours: HonourView[];
  /** 民主评议: each year's published grade. */
  appraisals?: { year: number; grade: AppraisalGrade; orgName: string }[];
  children?: ReactNode;
}) {
  if (honours.length === 0 && appraisals.length === 0 && !children) return null;
  return (
    <>
      <Text className='zb-section-title'>荣誉与评议</Text>
      <View className='zb-card zb-stack' id='archive-honours'>
        {honours.length === 0 && <Text className='zb-muted'>还没有记录荣誉。</Text>}
        {appraisals.map((a) => (
          <Text key={a.year} id={`archive-appraisal-${a.year}`}>
            {a.year} 年民主评议：{APPRAISAL_GRADE_LABEL[a.grade]}（{a.orgName}）
          </Text>
        ))}
        {honours.map((h) => (
          <View key={h.id} className='zb-stack' id={`archive-honour-${h.id}`}>
            <Text className='zb-title'>
              {h.year} 年 · {h.title}
            </Text>
            <Text className='zb-muted'>
              {h.orgName} · {h.source === 'vote' ? '评先评优当选' : '组织表彰'}
            </Text>
            <Text>{h.deed}</Text>
          </View>
        ))}
        {children}
      </View>
    </>
  );
}
