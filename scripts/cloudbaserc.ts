import { join } from 'node:path';
import { COLLECTIONS } from '../cloudfunctions/common/collections';
import { FUNCTIONS, TIMERS } from '../cloudfunctions/registry';

/**
 * Cloud storage, for clients: read nothing (every file a page shows comes as a short-lived temp URL a
 * function issued), write only files one owns (uploads land in one's own folder; see
 * cloudfunctions/common/files.ts). CloudBase's functions are not bound by it. Applied by `npm run deploy`.
 */
export const STORAGE_RULES = { read: false, write: 'resource.openid == auth.openid' } as const;

/** cloudbaserc.json is generated from the one collection list and the function registry. */
export function cloudbaserc() {
  return {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot: './dist/functions',
    functions: Object.keys(FUNCTIONS).map((name) => ({
      name,
      runtime: 'Nodejs18.15',
      handler: 'index.main',
      timeout: 10,
      memorySize: 256,
      installDependency: true,
      // The master secret for PII encryption and invite signatures; filled from the deploying shell.
      envVariables: { ZHIBU_SECRET_KEY: '{{env.ZHIBU_SECRET_KEY}}' },
      triggers: TIMERS.filter((t) => t.fn === name).map((t) => ({ name: t.name, type: 'timer', config: t.cron })),
    })),
    framework: {
      name: 'zhibu',
      plugins: {
        database: {
          use: '@cloudbase/framework-plugin-database',
          inputs: {
            collections: COLLECTIONS.map((c) => ({
              collectionName: c.name,
              // Closed to clients: only cloud functions read or write.
              aclTag: 'CUSTOM',
              aclRule: { read: false, write: false },
              indexes: [
                ...c.indexes.map((i) => ({
                  IndexName: i.name,
                  MgoKeySchema: {
                    MgoIsUnique: Boolean('unique' in i && i.unique),
                    MgoIndexKeys: Object.entries(i.keys).map(([Name, dir]) => ({ Name, Direction: String(dir) })),
                  },
                })),
                // A geo field: CloudBase's geo index on it (the local engine indexes its points alike).
                ...('geo' in c ? (c.geo as readonly string[]) : []).map((field) => ({
                  IndexName: `geo_${field.replace(/\./g, '_')}`,
                  MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: [{ Name: field, Direction: '2dsphere' }] },
                })),
              ],
            })),
          },
        },
      },
    },
  };
}

export const CLOUDBASERC_PATH = join(__dirname, '..', 'cloudbaserc.json');
