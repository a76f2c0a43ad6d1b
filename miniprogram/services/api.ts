import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../typings/api';
import type { ErrorCode } from '../../typings/errors';
import { callFunction } from './transport';

/** A failed call, with its code from the closed list and a message fit to show the user. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For INVALID_INPUT: one line per problem (e.g. per bad row of an import). */
    readonly issues?: string[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Client = {
  [F in FunctionName]: {
    [A in ActionName<F>]: (input: ActionInput<F, A>) => Promise<ActionOutput<F, A>>;
  };
};

type Listener = (err: ApiError) => void;
const listeners = new Set<Listener>();

/** Lets the app react to some failures globally (the h5 build sends UNAUTHENTICATED to dev sign-in). */
export function onApiError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function call(fn: string, action: string, data: unknown): Promise<unknown> {
  const res = await callFunction(fn, { action, data });
  if (res.ok) return res.data;
  const err = new ApiError(res.code, res.message, res.issues);
  listeners.forEach((l) => l(err));
  throw err;
}

/** `api.branch.home({})`: typed from the contract in typings/api.ts. */
// `then` is answered with undefined so that awaiting `api` or `api.x` by mistake does not hang.
export const api = new Proxy({} as Client, {
  get: (_target, fn: string) =>
    fn === 'then'
      ? undefined
      : new Proxy({}, { get: (_t, action: string) => (action === 'then' ? undefined : (input: unknown) => call(fn, action, input)) }),
});
