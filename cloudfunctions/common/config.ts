import { deriveKeys, type SecretKeys } from './pii';

/**
 * The deployed function's configuration, read from the environment once (CloudBase function
 * environment variables). Nothing else reads process.env.
 */
export interface FunctionConfig {
  keys: SecretKeys;
}

let cached: FunctionConfig | undefined;

export function functionConfig(): FunctionConfig {
  if (cached) return cached;
  // eslint-disable-next-line no-restricted-properties -- the one place that reads the function's configuration
  const master = process.env['ZHIBU_SECRET_KEY'];
  if (!master) throw new Error('ZHIBU_SECRET_KEY is not configured: set a base64 32-byte key in the function configuration');
  cached = { keys: deriveKeys(Buffer.from(master, 'base64')) };
  return cached;
}
