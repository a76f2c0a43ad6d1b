import { Db } from '@cloudbase/database';
import type { AnyObject } from 'mingo/types';
import { DbError, nextRequestId } from './errors';
import { forClient, isOid, isPlainObject, keyOf, parseEjson, parseParam } from './ejson';
import { DEFAULT_LIMIT, MAX_LIMIT, type Engine } from './engine';

/** Marks a Db config as local; the value is the engine that answers it. */
export const LOCAL_ENGINE = Symbol.for('zhibu.localEngine');

type Params = Record<string, unknown>;
type Response = Record<string, unknown> & { requestId: string };

function str(params: Params, key: string): string {
  const v = params[key];
  if (typeof v !== 'string' || !v) throw new DbError('INVALID_PARAM', `缺少参数 ${key}`);
  return v;
}

function optionalObject(params: Params, key: string): AnyObject {
  return objectParam(params[key], key);
}

/** An EJSON object as sent (`name` says which, in an error); nothing (or an empty string) is `{}`. */
function objectParam(v: unknown, name: string): AnyObject {
  if (v === undefined || v === '') return {};
  try {
    return parseParam(v, name) as AnyObject;
  } catch (err) {
    throw new DbError('INVALID_PARAM', `参数 ${name} 无效：${(err as Error).message}`);
  }
}

/**
 * A query as sent; an ObjectId compared by equality (`{ a: db.ObjectId(…) }`, `{ $oid }` inside the engine)
 * becomes `{ a: { $eq: … } }`, or mingo would take `$oid` for an operator.
 */
function queryOf(p: Params): AnyObject {
  const query = optionalObject(p, 'query');
  return typeof p['query'] === 'string' && p['query'].includes('"$oid"') ? (oidEquality(query) as AnyObject) : query;
}

function oidEquality(q: unknown): unknown {
  if (Array.isArray(q)) return q.map(oidEquality);
  if (q === null || typeof q !== 'object' || q instanceof RegExp || q instanceof Date) return q;
  const out: AnyObject = {};
  for (const [k, v] of Object.entries(q)) {
    if (k.startsWith('$')) out[k] = k === '$and' || k === '$or' || k === '$nor' ? oidEquality(v) : v;
    else out[k] = isOid(v) ? { $eq: v } : v;
  }
  return out;
}

/**
 * An aggregation stage with an ObjectId compared by equality wherever a query sits in it, as in a where():
 * `$match`, `$geoNear`'s `query`, and the stages of a `$lookup`'s pipeline.
 */
function oidStage(key: string, value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  switch (key) {
    case '$match':
      return oidEquality(value);
    case '$geoNear':
      return value['query'] === undefined ? value : { ...value, query: oidEquality(value['query']) };
    case '$lookup':
      return Array.isArray(value['pipeline']) ? { ...value, pipeline: value['pipeline'].map(oidPipelineStage) } : value;
    default:
      return value;
  }
}

const oidPipelineStage = (stage: unknown): unknown =>
  isPlainObject(stage) ? Object.fromEntries(Object.entries(stage).map(([k, v]) => [k, oidStage(k, v)])) : stage;

function docIdOf(query: AnyObject): string {
  try {
    return keyOf(query['_id']);
  } catch {
    throw new DbError('INVALID_PARAM', 'docId 不能为空');
  }
}

function limitOf(params: Params): number {
  const v = params['limit'];
  if (v === undefined) return DEFAULT_LIMIT;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new DbError('INVALID_PARAM', 'limit 必须是非负整数');
  return Math.min(v, MAX_LIMIT);
}

/** The transaction a request belongs to, if it names one. */
function transactionOf(params: Params): string | undefined {
  const id = params['transactionId'];
  return typeof id === 'string' && id ? id : undefined;
}

const WRITES = new Set([
  'database.insertDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
  'database.commitTransaction',
  'database.addCollection',
]);

/** Answers `@cloudbase/database`'s request layer (`send(action, params)`) from the local engine. */
export class LocalRequest {
  /**
   * `throwOnCode: false` in the app's config (`tcb.init`) makes the cloud requester resolve to `{ code,
   * message, requestId }` instead of throwing; the SDK's database layer then returns that as the result.
   */
  constructor(
    private readonly engine: Engine,
    private readonly throwOnCode = true,
    /** Another app's function (the emulator): a collection it uses is there, as if made in CloudBase's console. */
    private readonly createMissing = false,
  ) {}

  async send(action: string, params: Params = {}): Promise<Response> {
    const requestId = nextRequestId();
    this.engine.requestCount += 1;
    try {
      let answer: Record<string, unknown>;
      try {
        answer = this.dispatch(action, params);
      } catch (err) {
        const name = params['collectionName'];
        if (!this.createMissing || !(err instanceof DbError) || err.code !== 'DATABASE_COLLECTION_NOT_EXIST' || typeof name !== 'string') {
          throw err;
        }
        this.engine.createCollection({ name, indexes: [] }, true);
        answer = this.dispatch(action, params);
      }
      // A write is acknowledged once it is committed (the engine commits this turn's writes together). Inside a
      // transaction, writes are kept in memory until its commit: nothing to wait for before then.
      if (WRITES.has(action) && (!transactionOf(params) || action === 'database.commitTransaction')) await this.engine.flushed();
      answer['requestId'] = requestId;
      return answer as Response;
    } catch (err) {
      // mingo and SQLite errors (an unknown operator, a bad regex, …) reach the SDK the way the cloud reports them.
      const failure = err instanceof DbError ? err : new DbError('DATABASE_REQUEST_FAILED', (err as Error).message);
      if (this.throwOnCode) throw failure;
      return { code: failure.code, message: failure.message, requestId: failure.requestId };
    }
  }

  private dispatch(action: string, p: Params): Record<string, unknown> {
    const e = this.engine;
    const tx = transactionOf(p);
    switch (action) {
      case 'database.insertDocument': {
        const coll = str(p, 'collectionName');
        const data = p['data'];
        if (!Array.isArray(data) || data.length === 0) throw new DbError('INVALID_PARAM', 'data 不能为空');
        const docs = data.map((d: unknown, i) => objectParam(d, `data[${i}]`));
        if (tx) return { data: { insertedIds: docs.map((d) => e.txInsert(tx, coll, d)) } };
        return { data: { insertedIds: e.insert(coll, docs) } };
      }
      case 'database.getDocument': {
        const coll = str(p, 'collectionName');
        const query = queryOf(p);
        const projection = p['projection'] === undefined ? undefined : optionalObject(p, 'projection');
        if (tx && p['queryType'] === 'DOC') {
          const doc = e.txGet(tx, coll, docIdOf(query));
          return { data: { list: doc === null ? [] : [forClient(doc)] } };
        }
        if (p['queryType'] === 'DOC') {
          const doc = e.findById(coll, docIdOf(query), projection);
          return { data: { list: doc ? [forClient(doc)] : [] } };
        }
        const order = p['order'] === undefined ? undefined : (optionalObject(p, 'order') as Record<string, 1 | -1>);
        const offset = typeof p['offset'] === 'number' ? p['offset'] : 0;
        const limit = limitOf(p);
        const options = { order, offset, limit, projection };
        const list = tx ? e.txFind(tx, coll, query, options) : e.find(coll, query, options);
        return { data: { list: list.map(forClient) }, limit, offset };
      }
      case 'database.calculateDocument':
        return { data: { total: e.count(str(p, 'collectionName'), queryOf(p)) } };
      case 'database.modifyDocument': {
        const coll = str(p, 'collectionName');
        const query = queryOf(p);
        const data = optionalObject(p, 'data');
        const merge = p['merge'] !== false;
        const upsert = p['upsert'] === true;
        if (tx) {
          if (p['queryType'] !== 'DOC') throw new DbError('INVALID_PARAM', '事务中只支持按 doc(id) 更新');
          const r = e.txModify(tx, coll, docIdOf(query), data, merge, upsert);
          return { data: { updated: r.updated, upsert_id: r.upsertId } };
        }
        const r = e.modify(coll, query, data, { multi: p['multi'] === true, merge, upsert });
        return { data: { updated: r.updated, upsert_id: r.upsertId } };
      }
      case 'database.modifyAndReturnDoc': {
        const coll = str(p, 'collectionName');
        const query = queryOf(p);
        const data = optionalObject(p, 'data');
        const r = tx ? e.txModifyAndReturn(tx, coll, query, data) : e.modifyAndReturn(coll, query, data);
        return { data: { updated: r.updated, doc: r.doc === null ? null : forClient(r.doc) } };
      }
      case 'database.removeDocument': {
        const coll = str(p, 'collectionName');
        const query = queryOf(p);
        if (tx) {
          if (p['queryType'] !== 'DOC') throw new DbError('INVALID_PARAM', '事务中只支持按 doc(id) 删除');
          return { data: { deleted: e.txRemove(tx, coll, docIdOf(query)) } };
        }
        const multi = p['queryType'] === 'DOC' ? false : p['multi'] !== false;
        return { data: { deleted: e.remove(coll, query, multi) } };
      }
      case 'database.aggregateDocuments': {
        const stages = p['stages'];
        if (!Array.isArray(stages)) throw new DbError('INVALID_PARAM', 'stages 必须是数组');
        const pipeline = stages.map((s: { stageKey?: unknown; stageValue?: unknown }) => {
          if (typeof s.stageKey !== 'string' || typeof s.stageValue !== 'string') {
            throw new DbError('INVALID_PARAM', '聚合阶段格式错误');
          }
          const value = parseEjson(s.stageValue);
          return { [s.stageKey]: s.stageValue.includes('"$oid"') ? oidStage(s.stageKey, value) : value };
        });
        return { data: { list: e.aggregate(str(p, 'collectionName'), pipeline).map(forClient) } };
      }
      case 'database.addCollection':
        e.createCollection({ name: str(p, 'collectionName'), indexes: [] });
        return { data: {} };
      case 'database.startTransaction':
        return { transactionId: e.startTransaction() };
      case 'database.commitTransaction':
        e.commit(str(p, 'transactionId'));
        return { data: {} };
      case 'database.abortTransaction':
        e.abort(str(p, 'transactionId'));
        return { data: {} };
      default:
        throw new DbError('INVALID_PARAM', `本地数据库不支持 ${action}`);
    }
  }
}

type ReqClass = new (config: Record<PropertyKey, unknown>) => { send: (action: string, params?: Params) => Promise<unknown> };

const installed = new WeakSet<object>();

/**
 * Where a Db without LOCAL_ENGINE in its config sends its requests: the cloud (null, the default), or an
 * engine. The emulator (local/extra.ts) answers every database of a function it runs from its runtime's
 * engine, whichever copy of `@cloudbase/database` the function loaded.
 */
let unmarkedRoute: () => Engine | null = () => null;

export function routeUnmarkedDatabases(route: () => Engine | null): void {
  unmarkedRoute = route;
}

/**
 * `app.database()` resets `Db.reqClass` on every call, and each query object reads it when built. So
 * `reqClass` becomes a getter/setter: configs marked with LOCAL_ENGINE get a LocalRequest, all others
 * the engine `routeUnmarkedDatabases` names, or else the class last assigned (the cloud requester).
 * `target` is a copy of `@cloudbase/database`'s Db class; by default, the one Zhibu's functions use.
 */
export function installLocalRequestClass(target: object = Db): void {
  if (installed.has(target)) return;
  installed.add(target);
  let cloudClass: ReqClass | undefined = (target as { reqClass?: ReqClass }).reqClass;
  function Routed(this: unknown, config: Record<PropertyKey, unknown>) {
    const marked = config?.[LOCAL_ENGINE] as Engine | undefined;
    const engine = marked ?? unmarkedRoute();
    if (engine) return new LocalRequest(engine, config?.['throwOnCode'] !== false, !marked);
    if (!cloudClass) throw new Error('CloudBase request class is not set: call app.database() first');
    return new cloudClass(config);
  }
  Object.defineProperty(target, 'reqClass', {
    configurable: true,
    get: () => Routed,
    set: (cls: ReqClass) => {
      if (cls !== (Routed as unknown)) cloudClass = cls;
    },
  });
}

/** A `@cloudbase/database` Db answered by the local engine: the same object `app.database()` returns. */
export function localDatabase(engine: Engine): Db {
  installLocalRequestClass();
  return new Db({ env: 'local', envName: 'local', [LOCAL_ENGINE]: engine });
}
