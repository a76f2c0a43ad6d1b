import * as z from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.cjs';
import { contract, type ActionName, type ActionOutput, type Contract, type FunctionName } from '../../typings/api';
import { ERROR_CODES, type ApiErr, type ApiResult } from '../../typings/errors';
import { resolveInvocation, type BaseContext, type Caller, type InvocationContext } from './context';
import { AppError } from './errors';
import { logs } from './logs';
import { authorize, authorizeAudience, type Grant, type GrantFor } from './authz';
import { ACCESS, type Access, type AccessOf } from './permissions';
import { platform, type Platform } from './platform';

// Only the Chinese locale: importing z.locales would bundle every language into each function.
z.config(zhCN());

type ParsedInput<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends { input: infer I extends z.ZodType }
  ? z.output<I>
  : never;

/**
 * A handler's context, typed by its entry in the permission table: `caller` is never null unless the
 * action is open to anyone, and `grant` holds what the check loaded (the unit, the document of a `via`
 * or audience rule, typed by its collection) — so a handler never casts them.
 */
export type ActionContext<F extends FunctionName, A extends ActionName<F>> = BaseContext & {
  caller: AccessOf<F, A> extends 'anyone' ? Caller | null : Caller;
  grant: GrantFor<AccessOf<F, A>>;
};

export type Handler<F extends FunctionName, A extends ActionName<F>> = (
  input: ParsedInput<F, A>,
  ctx: ActionContext<F, A>,
) => Promise<ActionOutput<F, A>>;

export type TimerHandler = (ctx: Omit<BaseContext, 'keys'>) => Promise<unknown>;

/**
 * Where the typed handlers meet the event, by action name: the one untyped call. Its input has just
 * been parsed by that action's schema, and its context built by that action's permission entry, from
 * which the handler's own types are derived.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type UntypedHandler = (input: any, ctx: any) => Promise<unknown>;

export interface FunctionSpec<F extends FunctionName> {
  actions: { [A in ActionName<F>]: Handler<F, A> };
  /** Timer triggers by name, as declared in cloudbaserc.json. */
  timers?: Record<string, TimerHandler>;
}

interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time?: string;
}

function isTimerEvent(event: unknown): event is TimerEvent {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';
}

function err(code: ApiErr['code'], message?: string, issues?: string[]): ApiErr {
  return { ok: false, code, message: message ?? ERROR_CODES[code], ...(issues ? { issues } : {}) };
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(输入)'}: ${i.message}`);
}

/**
 * A cloud function's `main(event, context)`: resolve the caller from the platform context, check the
 * permission table, validate `event.data` with the action's schema, run the handler, return a result.
 * `run` is the same on a given platform: the local runtime passes its own, so two runtimes in one
 * process never share a database.
 */
export function defineFunction<F extends FunctionName>(name: F, spec: FunctionSpec<F>) {
  const actions = contract[name] as Record<string, { input: z.ZodType }>;

  async function run(p: Platform, event: unknown, context?: InvocationContext): Promise<ApiResult<unknown>> {
    const { caller, timer: fromTimer } = resolveInvocation(context);

    if (isTimerEvent(event)) {
      // Only the platform's timer trigger runs a timer; an event that merely looks like one is refused.
      if (!fromTimer) {
        logs.denied(p.log, name, `timer:${String(event.TriggerName)}`, 'FORBIDDEN');
        return err('FORBIDDEN', '定时任务只能由定时触发器运行');
      }
      const timer = spec.timers?.[event.TriggerName];
      if (!timer) return err('UNKNOWN_ACTION', `未知的定时触发器 ${String(event.TriggerName)}`);
      const started = Date.now();
      try {
        await timer({ db: p.db(), now: p.now(), storage: p.storage(), openapi: p.openapi(), log: p.log, templates: () => p.templates() });
      } catch (e) {
        logs.failed(p.log, name, `timer:${event.TriggerName}`, e);
        return err('INTERNAL');
      }
      logs.timerRan(p.log, name, event.TriggerName, Date.now() - started);
      return { ok: true, data: null };
    }

    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      return err('INVALID_INPUT', '请求格式错误');
    }
    const { action, data, ...extra } = event as { action?: unknown; data?: unknown };
    // CloudBase adds userInfo to client events; it is never identity, and nothing else may ride along.
    const unexpected = Object.keys(extra).filter((k) => k !== 'userInfo');
    if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(actions, action)) {
      return err('UNKNOWN_ACTION', `${name} 没有操作 ${String(action)}`);
    }
    if (unexpected.length) return err('INVALID_INPUT', `请求包含多余字段：${unexpected.join(', ')}`);

    const access = (ACCESS[name] as Record<string, Access>)[action]!;
    if (access !== 'anyone' && !caller) {
      logs.denied(p.log, name, action, 'UNAUTHENTICATED');
      return err('UNAUTHENTICATED');
    }

    const parsed = actions[action]!.input.safeParse(data === undefined ? {} : data);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      logs.invalidInput(p.log, name, action, issues);
      return err('INVALID_INPUT', `${ERROR_CODES.INVALID_INPUT}：${issues.join('；')}`, issues);
    }

    const handler = (spec.actions as Record<string, UntypedHandler>)[action]!;
    try {
      const db = p.db();
      const input = parsed.data as Record<string, unknown>;
      const grant: Grant =
        typeof access === 'object' && caller
          ? 'audienceOf' in access
            ? await authorizeAudience(db, caller.openid, access, input)
            : await authorize(db, caller.openid, access, input)
          : { unit: null, roles: [] };
      const out = await handler(parsed.data, {
        caller,
        grant,
        db,
        keys: () => p.keys(),
        templates: () => p.templates(),
        now: p.now(),
        storage: p.storage(),
        openapi: p.openapi(),
        log: p.log,
      });
      return { ok: true, data: out };
    } catch (e) {
      if (e instanceof AppError) {
        if (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED') logs.denied(p.log, name, action, e.code);
        return err(e.code, e.message, e.issues);
      }
      logs.failed(p.log, name, action, e);
      return err('INTERNAL');
    }
  }

  async function main(event: unknown, context?: InvocationContext): Promise<ApiResult<unknown>> {
    return run(await platform(), event, context);
  }

  return { name, spec, main, run };
}
