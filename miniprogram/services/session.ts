import type { Me } from '../../typings/domain';
import { api } from './api';

let current: Promise<Me> | undefined;

/**
 * Signs in once per app launch: the platform's identity creates or loads the user record.
 * `fresh` asks again, for pages that show memberships, which change (approval, transfer).
 */
export function session(options: { fresh?: boolean } = {}): Promise<Me> {
  if (options.fresh) current = undefined;
  current ??= api.user.signIn({}).catch((err: unknown) => {
    current = undefined;
    throw err;
  });
  return current;
}

export function resetSession(): void {
  current = undefined;
}
