/**
 * The API contract: every call, declared once, as function -> action -> { input schema, output type }.
 * The client infers its types from here; each cloud function validates `event.data` with the same schema.
 */
import * as z from 'zod';
import type { BranchHome, Me, Pong } from './domain';

export interface ActionDef<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output: O;
}

const action =
  <O>() =>
  <I extends z.ZodType>(input: I): ActionDef<I, O> => ({ input, output: undefined as unknown as O });

export const docId = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, '无效的编号');

export const contract = {
  user: {
    /** Creates or loads the caller's user record from their WeChat identity. */
    signIn: action<Me>()(z.strictObject({})),
  },
  branch: {
    /** The branch home: name and member count of the caller's branch (or of `orgId` if they belong to it). */
    home: action<BranchHome>()(z.strictObject({ orgId: docId.optional() })),
  },
  system: {
    ping: action<Pong>()(z.strictObject({})),
  },
} as const;

export type Contract = typeof contract;
export type FunctionName = keyof Contract;
export type ActionName<F extends FunctionName> = keyof Contract[F] & string;
type Def<F extends FunctionName, A extends ActionName<F>> =
  Contract[F][A] extends ActionDef<infer I, infer O> ? { input: I; output: O } : never;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<Def<F, A>['input']>;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Def<F, A>['output'];

/** The event a cloud function receives: what `callFunction({ name, data: { action, data } })` sends. */
export interface FunctionEvent {
  action: string;
  data?: unknown;
}
