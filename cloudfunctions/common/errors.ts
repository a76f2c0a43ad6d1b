import { ERROR_CODES, type ErrorCode } from '../../typings/errors';

/** A failure the caller should see: a code from the closed list and a message in Chinese. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: string[];

  constructor(code: ErrorCode, message?: string, issues?: string[]) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }
}

export const fail = (code: ErrorCode, message?: string): never => {
  throw new AppError(code, message);
};
