import { randomBytes } from 'node:crypto';

/** CloudBase database error codes the local engine can raise (same spelling as the cloud). */
export type DbErrorCode =
  | 'INVALID_PARAM'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_REQUEST_FAILED';

/**
 * Shaped like what the SDK throws for a failed CloudBase request (node-sdk's TcbError): `{ code, message,
 * requestId }`, the message as the cloud words it, without the code. `detail` says more, locally only.
 */
export class DbError extends Error {
  readonly code: DbErrorCode;
  readonly requestId: string;
  readonly detail?: string;

  constructor(code: DbErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'DbError';
    this.code = code;
    this.requestId = nextRequestId();
    if (detail !== undefined) this.detail = detail;
  }
}

export function isDbError(err: unknown, code?: DbErrorCode): err is DbError {
  return err instanceof DbError && (code === undefined || err.code === code);
}

/**
 * A request id, unique in this process and across restarts (random prefix, counter): what CloudBase's
 * request ids are for, a handle in logs. A UUID per request was one of the larger allocations of a busy run.
 */
const REQUEST_PREFIX = randomBytes(6).toString('hex');
let requests = 0;
export const nextRequestId = (): string => `${REQUEST_PREFIX}-${(requests += 1).toString(36)}`;
