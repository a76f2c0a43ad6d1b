import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface FieldProps {
  /** Carried by the wrapper; the error line is `<id>-error`. */
  id?: string;
  label: string;
  required?: boolean;
  /** A line under the field while it is fine: what to write, what happens. */
  hint?: string;
  /** What is wrong or missing, shown under the field in place of the hint. */
  error?: string | null;
  /** The control draws its own rows or buttons (choices, a picker list): no box around it. */
  plain?: boolean;
  children: ReactNode;
}

/**
 * A WeUI-style labelled field: the label (marked 必填 when it is), the control in a visible box, and
 * under it either a hint or what is missing. Forms keep their submit button enabled and, on a tap
 * with something missing, show it here instead of a pale button that never says why.
 */
export function Field({ id, label, required, hint, error, plain, children }: FieldProps) {
  return (
    <View className={`zb-field${error ? ' zb-field--error' : ''}`} id={id}>
      <View className='zb-field__label'>
        <Text className='zb-field__name'>{label}</Text>
        {required && <Text className='zb-field__required'>必填</Text>}
      </View>
      <View className={plain ? 'zb-field__plain' : 'zb-field__box'}>{children}</View>
      {error ? (
        <Text className='zb-field__error' id={id ? `${id}-error` : undefined}>
          {error}
        </Text>
      ) : (
        hint && <Text className='zb-field__hint'>{hint}</Text>
      )}
    </View>
  );
}

/** A picker's value as a tappable line in a field box; with nothing picked yet, the prompt in grey. */
export function Picked({ id, value, prompt = '请选择' }: { id?: string; value: string | null | undefined; prompt?: string }) {
  return (
    <View id={id} className={value ? 'zb-field__picked' : 'zb-field__picked zb-field__picked--empty'}>
      {value || prompt}
    </View>
  );
}

/** The first problems of a form, by field: null where the field is fine. */
export type Problems<K extends string> = Partial<Record<K, string | null>>;

/** The labels of the fields with a problem, for the line next to the submit button. */
export function problemSummary<K extends string>(problems: Problems<K>, labels: Record<K, string>): string | null {
  const names = (Object.keys(problems) as K[]).filter((k) => problems[k]).map((k) => labels[k]);
  return names.length ? `还有 ${names.length} 项需要补充或修改：${names.join('、')}` : null;
}
