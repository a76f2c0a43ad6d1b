/**
 * `@cloudbase/node-sdk` as the SDK's tests import it (`../../../src/index`), with one change: every
 * database the app opens answers from a fresh in-memory local engine (one per test file).
 */
import tcb from '@cloudbase/node-sdk';
import { Engine } from '../../local/db/engine';
import { installLocalRequestClass, LOCAL_ENGINE } from '../../local/db/request';

installLocalRequestClass();
const engine = new Engine({ filename: ':memory:', collections: [] });

function init(config: Parameters<typeof tcb.init>[0] = {}) {
  const app = tcb.init({ ...config, env: config.env ?? 'local' });
  const database = app.database.bind(app);
  app.database = (dbConfig = {}) => database({ ...dbConfig, [LOCAL_ENGINE]: engine });
  return app;
}

export default { ...tcb, init };
