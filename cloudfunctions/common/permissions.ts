import type { ActionName, FunctionName } from '../../typings/api';

/**
 * Who may call each action: the one permission table. A new action without an entry here does not
 * type-check. Role rules per organisation unit are checked by the handlers against the database.
 */
export type Access = 'anyone' | 'signedIn';

export const ACCESS: { [F in FunctionName]: { [A in ActionName<F>]: Access } } = {
  user: { signIn: 'signedIn' },
  branch: { home: 'signedIn' },
  system: { ping: 'anyone' },
};
