import { deriveKeys, type SecretKeys } from './pii';

/** Subscribe-message template ids, set per mini program in the WeChat admin console. */
export interface Templates {
  /** 审核结果通知: thing1 unit, phrase2 result, thing3 note */
  joinResult: string;
  /** 活动变更通知: thing1 activity, time2 start, thing3 place, thing4 note (changes, cancellation, waitlist promotion) */
  activityNotice: string;
  /** 活动开始提醒: thing1 activity, time2 start, thing3 place */
  activityReminder: string;
  /** 通知阅读提醒: thing1 title, thing2 unit, thing3 note */
  postReminder: string;
  /** 学习提醒: thing1 course, time2 deadline, thing3 note */
  studyReminder: string;
}

/**
 * The deployed function's configuration, read from the environment once (CloudBase function
 * environment variables). Nothing else reads process.env.
 */
export interface FunctionConfig {
  keys(): SecretKeys;
  templates: Templates;
}

let cached: FunctionConfig | undefined;

export function functionConfig(): FunctionConfig {
  if (cached) return cached;
  // eslint-disable-next-line no-restricted-properties -- the one place that reads the function's configuration
  const env = process.env;
  let keys: SecretKeys | undefined;
  cached = {
    keys() {
      const master = env['ZHIBU_SECRET_KEY'];
      if (!master) throw new Error('ZHIBU_SECRET_KEY is not configured: set a base64 32-byte key in the function configuration');
      keys ??= deriveKeys(Buffer.from(master, 'base64'));
      return keys;
    },
    templates: {
      joinResult: env['ZHIBU_TPL_JOIN_RESULT'] ?? '',
      activityNotice: env['ZHIBU_TPL_ACTIVITY_NOTICE'] ?? '',
      activityReminder: env['ZHIBU_TPL_ACTIVITY_REMINDER'] ?? '',
      postReminder: env['ZHIBU_TPL_POST_REMINDER'] ?? '',
      studyReminder: env['ZHIBU_TPL_STUDY_REMINDER'] ?? '',
    },
  };
  return cached;
}
