import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import * as updateOperators from 'mingo/operators/update';
import { compare, resolve } from 'mingo/util';
import type { AnyObject } from 'mingo/types';
import { Checkpointer } from './checkpointer';
import { DbError } from './errors';
import { boxOf, byDistance, isIndexablePoint, nearField, type GeoBox } from './geo';
import { Aggregator, Query, update as applyUpdate } from './mingo';
import { fromStored, getPath, idForClient, isOid, isPlainObject, keyOf, resolveServerDates, toStored, type Doc } from './ejson';
import { assertCollectionName, assertFieldPath, jsonPath, type CollectionSpec, type IndexSpec } from './schema';

export interface EngineOptions {
  /** A file path, or ':memory:' for tests. */
  filename: string;
  /** In memory only: start from this image of a database (`Engine.image()`) instead of an empty one. */
  image?: Buffer;
  collections: CollectionSpec[];
  /** The server clock (serverDate); tests may pin it. */
  now?: () => Date;
  /** A transaction older than this loses its locks to whoever needs them. */
  transactionTtlMs?: number;
  /**
   * Group commit (default: for a file): writes made in the same turn of the event loop share one SQLite
   * commit, and each is acknowledged (`flushed()`) once that commit is done. A commit to the WAL costs
   * more than the writes it carries (~25 µs and up, growing with the index pages it touches).
   */
  groupCommit?: boolean;
  /** For a file: how often a second connection checkpoints the WAL (`Checkpointer`); 0 leaves it to SQLite. */
  checkpointEveryMs?: number;
}

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: AnyObject;
}

interface Row {
  doc: string;
  ver: number;
}

interface Tx {
  id: string;
  /**
   * The version its reads see, fixed at its first operation (as a MongoDB transaction's snapshot is, which is
   * what CloudBase runs): a transaction started, then idle while others write, sees their writes.
   */
  startSeq?: number;
  startedAt: number;
  writes: Map<string, { coll: string; id: string; doc: Doc | null }>;
  /** Committed states this transaction read from SQLite; good while no write to them is in `history`. */
  seen: Map<string, { ver: number; text: string | null }>;
}

interface Collection {
  spec: CollectionSpec;
  table: string;
  get: Database.Statement<[string], Row>;
  insert: Database.Statement<[string, string, number]>;
  replace: Database.Statement<[string, number, string]>;
  upsert: Database.Statement<[string, string, number]>;
  remove: Database.Statement<[string]>;
  scan: Database.Statement<[], Row>;
  /** For each indexed field, the kinds of value it has held (TYPE_RANK): one kind sorts by value alone in SQL. */
  kinds: Map<string, Set<number>>;
  /** The same fields with their paths split once, for the check every write makes (`checkIndexable`). */
  indexed: { field: string; parts: string[]; kinds: Set<number> }[];
  /** Geo-indexed fields (points only). */
  geo: Set<string>;
  /** Plans of queries made only of equalities on plain fields, by shape (see `shapeOf`). */
  plans: Map<string, { plan: Plan; fields: string[] }>;
}

/** A plan for finding candidates: a SQL fragment over one collection, and whether it decides the result alone. */
interface Plan {
  where: string;
  params: unknown[];
  /** Every condition of the query is expressed in `where`: no need to re-test in JS. */
  covered: boolean;
  index?: string;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/**
 * 32 random hex digits, as CloudBase's own ids are. `randomUUID` draws from a buffered pool; `randomBytes(16)`
 * made a system call per id (~8 µs here).
 */
export const newDocId = (): string => randomUUID().replace(/-/g, '');

/** Transaction ids: unique in this process and across restarts (a random prefix, a counter); only ever handed back. */
const TX_PREFIX = newDocId().slice(0, 12);
let transactions = 0;
const nextTransactionId = (): string => `${TX_PREFIX}-${(transactions += 1).toString(36)}`;

/** CloudBase's own words for a transaction that has ended (committed, aborted or timed out) and for a conflict. */
const TX_GONE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';
const TX_CONFLICT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';

function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * An update without positional paths (`a.$`, `a.$[]`, `a.$[x]`) or $rename: applied with mingo's update
 * operators directly. mingo's `update()` rebuilds its whole operator context on every call (about
 * 0.2 ms, most of a write's cost here); the operators themselves are the same either way.
 */
// Each operator takes its expression and returns the change to apply to a document (the fields it changed).
// A plain copy: the module namespace's members are getters, read on every update.
const UPDATE_OPERATORS = { ...updateOperators } as unknown as Record<string, (expr: AnyObject) => (doc: AnyObject) => string[]>;

function simpleModifier(modifier: AnyObject): boolean {
  return Object.entries(modifier).every(
    ([op, expr]) =>
      op !== '$rename' &&
      Object.prototype.hasOwnProperty.call(UPDATE_OPERATORS, op) &&
      isPlainObject(expr) &&
      Object.keys(expr).every((path) => !path.includes('$')),
  );
}

/**
 * A stored document's field names never start with `$` (MongoDB, and so CloudBase, refuse them on insert and
 * replacement: `DATABASE_REQUEST_FAILED`); such a name in a query or an update is an operator.
 */
function assertStorableKeys(value: unknown): void {
  // Checked without building a path for every field (every write checks); the path is found for the message only.
  if (hasDollarKey(value)) refuseDollarKey(value, '');
}

function hasDollarKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || isOid(value)) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (hasDollarKey(v)) return true;
    return false;
  }
  if (!isPlainObject(value)) return false;
  for (const k in value) if (k.charCodeAt(0) === 36 /* $ */ || hasDollarKey(value[k])) return true;
  return false;
}

function refuseDollarKey(value: unknown, path: string): void {
  if (isOid(value)) return;
  if (Array.isArray(value)) value.forEach((v, i) => refuseDollarKey(v, `${path}[${i}]`));
  else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('$')) throw new DbError('DATABASE_REQUEST_FAILED', `字段名不能以 $ 开头：${path ? `${path}.` : ''}${k}`);
      refuseDollarKey(v, path ? `${path}.${k}` : k);
    }
  }
}

/**
 * MongoDB's sort: by each key in turn, values of different types in BSON order (mingo's `compare`), an array
 * by its least element ascending and its greatest descending (an empty one before null). Stable.
 */
function sortDocs(docs: AnyObject[], order: [string, 1 | -1][]): AnyObject[] {
  const keyOf = (doc: AnyObject, field: string, dir: 1 | -1): unknown => {
    const value = resolve(doc, field);
    if (!Array.isArray(value)) return value ?? null;
    if (value.length === 0) return EMPTY_ARRAY;
    return value.reduce((best: unknown, v: unknown) => (compare(v, best) * dir < 0 ? v : best));
  };
  const keyed = docs.map((doc, i) => ({ doc, i, keys: order.map(([f, dir]) => keyOf(doc, f, dir)) }));
  const cmp = (a: unknown, b: unknown) => (a === EMPTY_ARRAY ? (b === EMPTY_ARRAY ? 0 : -1) : b === EMPTY_ARRAY ? 1 : compare(a, b));
  keyed.sort((a, b) => {
    for (let k = 0; k < order.length; k++) {
      const c = cmp(a.keys[k], b.keys[k]) * order[k]![1];
      if (c !== 0) return c;
    }
    return a.i - b.i;
  });
  return keyed.map((k) => k.doc);
}

const EMPTY_ARRAY = Symbol('empty array');

/**
 * BSON's sort order across types for what indexed fields hold (null and missing, numbers, strings, booleans,
 * dates); SQLite alone would put booleans among numbers (as 0 and 1) and dates among strings.
 */
const TYPE_RANK = { missing: 1, number: 2, string: 3, boolean: 4, date: 5 } as const;

function rankOf(value: unknown): number {
  if (typeof value === 'number') return TYPE_RANK.number;
  if (typeof value === 'string') return TYPE_RANK.string;
  if (typeof value === 'boolean') return TYPE_RANK.boolean;
  if (value instanceof Date) return TYPE_RANK.date;
  return TYPE_RANK.missing;
}

/** The same rank in SQL over a stored document (an object in an indexed field can only be a date). */
function rankSql(field: string): string {
  const path = jsonPath(field);
  return `CASE json_type(doc, '${path}') WHEN 'integer' THEN ${TYPE_RANK.number} WHEN 'real' THEN ${TYPE_RANK.number} WHEN 'text' THEN ${TYPE_RANK.string} WHEN 'true' THEN ${TYPE_RANK.boolean} WHEN 'false' THEN ${TYPE_RANK.boolean} WHEN 'object' THEN ${TYPE_RANK.date} ELSE ${TYPE_RANK.missing} END`;
}

/**
 * The shape of a query made only of plain fields equal to strings, finite numbers or booleans (each field's
 * name and kind, in order): every query of one shape has one plan, with only the values changing. Undefined
 * for any other query.
 */
function shapeOf(query: AnyObject): string | undefined {
  let shape = '';
  for (const key in query) {
    if (key.charCodeAt(0) === 36 /* $ */) return undefined;
    const v = query[key];
    const kind = typeof v === 'string' ? 's' : typeof v === 'boolean' ? 'b' : typeof v === 'number' && Number.isFinite(v) ? 'n' : '';
    if (!kind) return undefined;
    shape += `${key}\u0000${kind}\u0000`;
  }
  return shape;
}

/** Documents with only the fields a projection (`field()`) keeps, as MongoDB projects them. */
function project(docs: AnyObject[], projection: AnyObject): AnyObject[] {
  return new Query({}, {}).find<AnyObject>(docs, projection).all() as AnyObject[];
}

/** A document's key in the engine's own maps (locks, history, tombstones, a transaction's writes and reads). */
const docKey = (collection: string, id: string): string => `${collection}\u0000${id}`;

/** What CloudBase takes as an `_id`: a string, a finite number or an ObjectId. */
function isDocId(v: unknown): v is string | number {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || isOid(v);
}

function isIndexableScalar(v: unknown): v is string | number {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

const RANGE_OPS = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;

/** A date as stored (relaxed EJSON) compares as text in the same order as the dates, for years 1970-9999. */
const storableDate = (d: Date) => d.getTime() >= 0 && d.getTime() < 253402300800000;

/** `{ $gte: x, $lt: y }` on one field, all bounds of one kind: dates, finite numbers or strings. */
function isRange(v: Record<string, unknown>): boolean {
  const entries = Object.entries(v);
  if (entries.length === 0 || !entries.every(([op]) => op in RANGE_OPS)) return false;
  const values = entries.map(([, x]) => x);
  return (
    values.every((x) => x instanceof Date && storableDate(x)) ||
    values.every((x) => typeof x === 'number' && Number.isFinite(x)) ||
    values.every((x) => typeof x === 'string')
  );
}

/**
 * A range as SQL over the stored JSON. Dates are stored as `{"$date":"<ISO>"}`, whose text sorts like the
 * dates; the type check keeps MongoDB's rule that a date bound matches only dates (and a number only numbers).
 */
function rangeCondition(field: string, range: Record<string, unknown>): { sql: string; params: unknown[] } {
  const path = jsonPath(field);
  const parts: string[] = [];
  const params: unknown[] = [];
  let type = "'text'";
  for (const [op, bound] of Object.entries(range)) {
    parts.push(`json_extract(doc, '${path}') ${RANGE_OPS[op as keyof typeof RANGE_OPS]} ?`);
    if (bound instanceof Date) {
      params.push(JSON.stringify({ $date: bound.toISOString() }));
      type = "'object'";
    } else {
      params.push(bound);
      if (typeof bound === 'number') type = "'integer', 'real'";
    }
  }
  return { sql: `${parts.join(' AND ')} AND json_type(doc, '${path}') IN (${type})`, params };
}

/** The SQL of a geo-indexed field's latitude and longitude (a GeoJSON Point's coordinates). */
function pointColumns(field: string): [string, string] {
  const path = jsonPath(field);
  return [`json_extract(doc, '${path}.coordinates[1]')`, `json_extract(doc, '${path}.coordinates[0]')`];
}

/** Points of a field inside a box: the index on (latitude, longitude) finds them. */
function boxCondition(field: string, box: GeoBox): { sql: string; params: number[] } {
  const [lat, lng] = pointColumns(field);
  const lngSql = box.lng ? ` AND (${box.lng.map(() => `${lng} BETWEEN ? AND ?`).join(' OR ')})` : '';
  return { sql: `${lat} BETWEEN ? AND ?${lngSql}`, params: [...box.lat, ...(box.lng ?? []).flat()] };
}

/** A `$in` list SQL can take as is: all strings, or all finite numbers. */
function sameTypeScalars(v: unknown): v is (string | number)[] {
  return Array.isArray(v) && (v.every((x) => typeof x === 'string') || v.every((x) => typeof x === 'number' && Number.isFinite(x)));
}

/**
 * The local CloudBase document database: documents in SQLite (one table per collection, WAL),
 * MongoDB semantics from mingo, declared indexes as SQLite expression indexes.
 */
export class Engine {
  readonly db: Database.Database;
  /** Database requests answered so far (the SDK's `send` calls), for counting what one action costs. */
  requestCount = 0;
  /** Group commits made so far (see `groupCommit`). */
  batchCommits = 0;
  private readonly collections = new Map<string, Collection>();
  private readonly txs = new Map<string, Tx>();
  private readonly locks = new Map<string, Tx>();
  /** When each document was deleted, while transactions that may have seen it are open. */
  private readonly tombstones = new Map<string, number>();
  /** Earlier states of documents changed while transactions are open: what their snapshots read. */
  private readonly history = new Map<string, { ver: number; doc: string | null }[]>();
  /** Prepared statements by SQL text: queries repeat their shape, so each is prepared once. */
  private readonly statements = new Map<string, Database.Statement<unknown[], unknown>>();
  private readonly now: () => Date;
  private readonly txTtlMs: number;
  /** One transaction wrapper, made once (better-sqlite3 builds a function per `transaction()` call). */
  private readonly inTransaction: <T>(fn: () => T) => T;
  private readonly groupCommit: boolean;
  /** The open group commit: its writes are acknowledged when `done` settles. */
  private batch: { done: Promise<void>; settle: (err?: unknown) => void } | null = null;
  private seq = 0;
  private readonly checkpointer?: Checkpointer;

  constructor(options: EngineOptions) {
    if (options.image && options.filename !== ':memory:') throw new Error('an image opens in memory only');
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    this.db = options.image ? new Database(options.image) : new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a killed process (the OS keeps the WAL); FULL would also survive power loss.
    this.db.pragma('synchronous = NORMAL');
    this.now = options.now ?? (() => new Date());
    this.inTransaction = this.db.transaction((fn: () => unknown) => fn()) as <T>(fn: () => T) => T;
    this.groupCommit = options.groupCommit ?? options.filename !== ':memory:';
    this.txTtlMs = options.transactionTtlMs ?? 30_000;
    const checkpointEvery = options.checkpointEveryMs ?? 250;
    if (options.filename !== ':memory:' && checkpointEvery > 0) {
      this.checkpointer = new Checkpointer(options.filename, checkpointEvery);
      // Only a backstop now, should the checkpointer fall behind: SQLite's own would stop a commit for it.
      this.db.pragma('wal_autocheckpoint = 10000');
    }
    for (const spec of options.collections) this.createCollection(spec, true);
    this.upgrade();
  }

  /** Brings a data file written by an older version up to date, once; `user_version` says how far it is. */
  private upgrade(): void {
    if ((this.db.pragma('user_version', { simple: true }) as number) >= 1) return;
    const tables = this.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'c_*'").all();
    for (const { name } of tables) this.normaliseDates(sqlIdent(name));
    this.db.pragma('user_version = 1');
  }

  close(): void {
    this.commitBatch();
    this.checkpointer?.close();
    this.db.close();
  }

  /** The whole database as bytes: an engine made with it as `image` starts where this one is. */
  image(): Buffer {
    this.commitBatch();
    return this.db.serialize();
  }

  /** Resolves when every write made so far is committed (at once when none is waiting). */
  flushed(): Promise<void> {
    return this.batch?.done ?? Promise.resolve();
  }

  /** Opens the group commit this turn's writes join; it commits on the next turn of the event loop. */
  private joinBatch(): void {
    if (this.batch || !this.groupCommit) return;
    this.db.exec('BEGIN IMMEDIATE');
    let settle!: (err?: unknown) => void;
    const done = new Promise<void>((resolve, reject) => {
      settle = (err) => (err === undefined ? resolve() : reject(err));
    });
    // Nobody may be waiting (a write made directly on the engine); a failed commit must not go unhandled then.
    done.catch(() => undefined);
    this.batch = { done, settle };
    setImmediate(() => this.commitBatch());
  }

  private commitBatch(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    try {
      this.db.exec('COMMIT');
      this.batchCommits += 1;
      batch.settle();
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      batch.settle(new DbError('DATABASE_REQUEST_FAILED', `提交失败：${(err as Error).message}`));
    }
  }

  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  createCollection(spec: CollectionSpec, ifMissing = false): void {
    assertCollectionName(spec.name);
    if (this.collections.has(spec.name)) {
      if (ifMissing) return;
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `集合 ${spec.name} 已存在`);
    }
    const table = sqlIdent(`c_${spec.name}`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, ver INTEGER NOT NULL)`);
    for (const index of spec.indexes) {
      const fields = Object.entries(index.keys);
      fields.forEach(([field]) => assertFieldPath(field));
      const cols = fields.map(([field, dir]) => `json_extract(doc, '${jsonPath(field)}') ${dir === -1 ? 'DESC' : 'ASC'}`);
      this.db.exec(`CREATE INDEX IF NOT EXISTS ${sqlIdent(`i_${spec.name}_${index.name}`)} ON ${table} (${cols.join(', ')})`);
      if (index.unique) {
        // As in CloudBase (MongoDB), a missing field counts as null and takes part in uniqueness; SQLite
        // treats NULLs as distinct, so uniqueness is enforced on the value with a sentinel for "missing".
        const keys = fields.map(([field]) => `coalesce(json_extract(doc, '${jsonPath(field)}'), X'00')`);
        this.db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS ${sqlIdent(`u_${spec.name}_${index.name}`)} ON ${table} (${keys.join(', ')})`);
      }
    }
    for (const field of spec.geo ?? []) {
      assertFieldPath(field);
      const [lat, lng] = pointColumns(field);
      this.db.exec(`CREATE INDEX IF NOT EXISTS ${sqlIdent(`g_${spec.name}_${field}`)} ON ${table} (${lat}, ${lng})`);
    }
    const max = this.db.prepare<[], { m: number | null }>(`SELECT MAX(ver) AS m FROM ${table}`).get();
    const kinds = new Map<string, Set<number>>();
    for (const field of new Set(spec.indexes.flatMap((i) => Object.keys(i.keys)))) {
      const rows = this.db.prepare<[], { r: number }>(`SELECT DISTINCT ${rankSql(field)} AS r FROM ${table}`).all();
      kinds.set(field, new Set(rows.map((row) => row.r)));
    }
    this.seq = Math.max(this.seq, max?.m ?? 0);
    this.collections.set(spec.name, {
      spec,
      table,
      get: this.db.prepare(`SELECT doc, ver FROM ${table} WHERE id = ?`),
      insert: this.db.prepare(`INSERT INTO ${table} (id, doc, ver) VALUES (?, ?, ?)`),
      replace: this.db.prepare(`UPDATE ${table} SET doc = ?, ver = ? WHERE id = ?`),
      upsert: this.db.prepare(
        `INSERT INTO ${table} (id, doc, ver) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, ver = excluded.ver`,
      ),
      remove: this.db.prepare(`DELETE FROM ${table} WHERE id = ?`),
      scan: this.db.prepare(`SELECT doc, ver FROM ${table} ORDER BY rowid`),
      kinds,
      indexed: [...kinds].map(([field, held]) => ({ field, parts: field.split('.'), kinds: held })),
      geo: new Set(spec.geo ?? []),
      plans: new Map(),
    });
  }

  /**
   * Documents written before stored dates always carried milliseconds hold whole-second dates without
   * them, which sort after later dates of the same second. Rewritten once, as they are found.
   */
  private normaliseDates(table: string): void {
    const old = this.db
      .prepare<[], { id: string; doc: string }>(
        `SELECT id, doc FROM ${table} WHERE doc GLOB '*"$date":"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z"*'`,
      )
      .all();
    if (old.length === 0) return;
    const rewrite = this.db.prepare(`UPDATE ${table} SET doc = ? WHERE id = ?`);
    this.db.transaction(() => {
      for (const row of old) rewrite.run(toStored(fromStored(row.doc)), row.id);
    })();
  }

  private stmt<R>(sql: string): Database.Statement<unknown[], R> {
    let s = this.statements.get(sql);
    if (!s) {
      // `IN (?, ?, …)` lists vary in length; a bound keeps the cache from growing without end.
      if (this.statements.size >= 512) this.statements.clear();
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s as Database.Statement<unknown[], R>;
  }

  /**
   * A collection, with this turn's SQLite transaction open: reads join the group commit too, because a
   * statement outside a transaction takes and drops SQLite's file locks (two fcntl calls and an fstat, ~6 µs
   * here, three times what a primary-key read costs inside one).
   */
  private coll(name: string): Collection {
    const c = this.collections.get(name);
    if (!c) throw new DbError('DATABASE_COLLECTION_NOT_EXIST', `集合 ${name} 不存在`);
    this.joinBatch();
    return c;
  }

  // ---------------------------------------------------------------- planning

  /**
   * Picks candidates for a query: primary key, the declared index with the longest equality prefix, or a scan.
   * Fields of declared indexes hold scalars (the index compares them with json_extract), so equality and `$in`
   * of strings or numbers on any such field also go into the SQL; a query made only of those is decided by
   * SQLite alone and never reaches mingo.
   */
  private plan(c: Collection, query: AnyObject): Plan {
    // Most queries are equalities on a few fields (`{ openid, status: 'active' }`): planned once per shape.
    const shape = shapeOf(query);
    const known = shape === undefined ? undefined : c.plans.get(shape);
    if (known) return { ...known.plan, params: known.fields.map((f) => (f === '_id' ? keyOf(query[f]) : query[f])) };
    const { eqFields, ...plan } = this.planQuery(c, query);
    if (shape !== undefined) {
      if (c.plans.size >= 256) c.plans.clear();
      c.plans.set(shape, { plan, fields: eqFields });
    }
    return plan;
  }

  /** A plan, with the fields whose values are its parameters when they are only equalities (`eqFields`, in order). */
  private planQuery(c: Collection, query: AnyObject): Plan & { eqFields: string[] } {
    const eq = new Map<string, unknown>();
    const ins = new Map<string, (string | number)[]>();
    const ranges = new Map<string, Record<string, unknown>>();
    const boxes = new Map<string, GeoBox>();
    let residual = false;
    const collect = (q: AnyObject): void => {
      for (const [key, value] of Object.entries(q)) {
        if (key === '$and' && Array.isArray(value)) {
          for (const part of value) {
            if (isPlainObject(part)) collect(part);
            else residual = true;
          }
        } else if (key.startsWith('$')) {
          residual = true;
        } else if (isIndexableScalar(value) && !eq.has(key)) {
          eq.set(key, value);
        } else if (isPlainObject(value) && Object.keys(value).length === 1 && isIndexableScalar(value['$eq']) && !eq.has(key)) {
          eq.set(key, value['$eq']);
        } else if (key === '_id' && isPlainObject(value) && Object.keys(value).length === 1 && Array.isArray(value['$in'])) {
          const ids = value['$in'];
          if (ids.every((v) => typeof v === 'string') && !eq.has(key)) eq.set(key, { in: ids as string[] });
          else residual = true;
        } else if (isPlainObject(value) && Object.keys(value).length === 1 && sameTypeScalars(value['$in']) && !ins.has(key)) {
          ins.set(key, value['$in']);
        } else if (isPlainObject(value) && isRange(value) && !ranges.has(key)) {
          ranges.set(key, value);
        } else if (c.geo.has(key) && isPlainObject(value) && !boxes.has(key)) {
          // Narrowed by the point index to a box around the circle; the exact test stays with mingo.
          const box = boxOf(value);
          if (box) boxes.set(key, box);
          residual = true;
        } else {
          residual = true;
        }
      }
    };
    collect(query);

    const id = eq.get('_id');
    if (typeof id === 'string' || typeof id === 'number') {
      return {
        where: 'id = ?',
        params: [keyOf(id)],
        covered: !residual && eq.size === 1 && ins.size === 0 && ranges.size === 0,
        index: 'PRIMARY',
        eqFields: ['_id'],
      };
    }
    if (isPlainObject(id) && Array.isArray(id['in'])) {
      const ids = id['in'] as string[];
      return {
        where: ids.length ? `id IN (${ids.map(() => '?').join(', ')})` : '0',
        params: ids,
        covered: !residual && eq.size === 1 && ins.size === 0 && ranges.size === 0,
        index: 'PRIMARY',
        eqFields: [],
      };
    }

    let best: { index: IndexSpec; fields: string[] } | undefined;
    for (const index of c.spec.indexes) {
      const fields: string[] = [];
      for (const field of Object.keys(index.keys)) {
        if (!eq.has(field)) break;
        fields.push(field);
      }
      if (fields.length && (!best || fields.length > best.fields.length)) best = { index, fields };
    }
    const scalar = new Set(c.spec.indexes.flatMap((i) => Object.keys(i.keys)));
    // json_extract gives 1 for true and 1 for 1; the type check keeps MongoDB's "1 is not true".
    const typeOf = (v: unknown) => (typeof v === 'string' ? "'text'" : "'integer', 'real'");
    const sqlEq = (f: string) => `json_extract(doc, '${jsonPath(f)}') = ? AND json_type(doc, '${jsonPath(f)}') IN (${typeOf(eq.get(f))})`;
    const sqlIn = (f: string, values: (string | number)[]) =>
      values.length === 0
        ? '0'
        : `json_extract(doc, '${jsonPath(f)}') IN (${values.map(() => '?').join(', ')}) AND json_type(doc, '${jsonPath(f)}') IN (${typeOf(values[0])})`;
    const prefix = best?.fields ?? [];
    const extraEq = [...eq.keys()].filter((f) => !prefix.includes(f) && scalar.has(f));
    const extraIn = [...ins.keys()].filter((f) => scalar.has(f));
    const extraRange = [...ranges.keys()].filter((f) => scalar.has(f));
    const rangeSql = extraRange.map((f) => rangeCondition(f, ranges.get(f)!));
    const boxSql = [...boxes].map(([f, box]) => boxCondition(f, box));
    const where = [
      ...prefix.map(sqlEq),
      ...extraEq.map(sqlEq),
      ...extraIn.map((f) => sqlIn(f, ins.get(f)!)),
      ...rangeSql.map((r) => r.sql),
      ...boxSql.map((b) => b.sql),
    ];
    const params = [
      ...prefix.map((f) => eq.get(f)),
      ...extraEq.map((f) => eq.get(f)),
      ...extraIn.flatMap((f) => (ins.get(f)!.length ? ins.get(f)! : [])),
      ...rangeSql.flatMap((r) => r.params),
      ...boxSql.flatMap((b) => b.params),
    ];
    const covered =
      !residual && prefix.length + extraEq.length === eq.size && extraIn.length === ins.size && extraRange.length === ranges.size;
    const eqFields = [...prefix, ...extraEq];
    if (where.length === 0) return { where: '1', params: [], covered: Object.keys(query).length === 0, eqFields };
    return { where: where.join(' AND '), params, covered, ...(best ? { index: best.index.name } : {}), eqFields };
  }

  /** Which plan SQLite chose for a query (used by tests to prove indexed queries do not scan). */
  explain(collection: string, query: AnyObject, options: FindOptions = {}): { plan: Plan; sqlite: string[] } {
    const c = this.coll(collection);
    const plan = this.plan(c, query);
    const { sql, params } = this.selectSql(c, plan, options);
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    return { plan, sqlite: rows.map((r) => r.detail) };
  }

  private selectSql(c: Collection, plan: Plan, options: FindOptions): { sql: string; params: unknown[]; pushed: boolean } {
    const order = Object.entries(options.order ?? {});
    // SQL orders by `_id` and indexed fields (scalars); any other field may hold arrays, which MongoDB orders
    // by their least (or, descending, greatest) element: mingo does that.
    const orderFields = order.every(([f]) => f === '_id' || c.kinds.has(f));
    if (plan.covered && orderFields) {
      const orderSql = [
        ...order.flatMap(([f, dir]) => {
          const way = dir === -1 ? 'DESC' : 'ASC';
          if (f === '_id') return [`id ${way}`];
          const byValue = `json_extract(doc, '${jsonPath(f)}') ${way}`;
          const mixed = [...c.kinds.get(f)!].filter((k) => k !== TYPE_RANK.missing).length > 1;
          return mixed ? [`${rankSql(f)} ${way}`, byValue] : [byValue];
        }),
        'rowid',
      ].join(', ');
      // LIMIT and OFFSET as literals: bound as parameters, SQLite 3.53 plans the search ~20 µs slower per call.
      const limit = Math.trunc(options.limit ?? -1);
      const offset = Math.max(0, Math.trunc(options.offset ?? 0));
      return {
        sql: `SELECT doc, ver FROM ${c.table} WHERE ${plan.where} ORDER BY ${orderSql} LIMIT ${limit} OFFSET ${offset}`,
        params: plan.params,
        pushed: true,
      };
    }
    return { sql: `SELECT doc, ver FROM ${c.table} WHERE ${plan.where} ORDER BY rowid`, params: plan.params, pushed: false };
  }

  private candidates(c: Collection, plan: Plan): Row[] {
    if (plan.where === '1') return c.scan.all();
    return this.stmt<Row>(`SELECT doc, ver FROM ${c.table} WHERE ${plan.where} ORDER BY rowid`).all(...plan.params);
  }

  /** Matching documents as stored strings when no projection applies, else as projected objects. */
  private select(collection: string, query: AnyObject, options: FindOptions): { strings?: string[]; docs?: AnyObject[] } {
    const c = this.coll(collection);
    const plan = this.plan(c, query);
    const { sql, params, pushed } = this.selectSql(c, plan, options);
    if (pushed) {
      const rows = this.stmt<Row>(sql).all(...params);
      if (!options.projection) return { strings: rows.map((r) => r.doc) };
      return {
        docs: project(
          rows.map((r) => fromStored(r.doc)),
          options.projection,
        ),
      };
    }
    return {
      docs: this.run(
        this.candidates(c, plan).map((r) => fromStored(r.doc)),
        query,
        options,
      ),
    };
  }

  /** A query over documents in memory: filter, order, skip, limit, projection. */
  private run(docs: AnyObject[], query: AnyObject, options: FindOptions): AnyObject[] {
    const order = Object.entries(options.order ?? {});
    const near = order.length === 0 ? nearField(query) : undefined;
    if (!near && order.length === 0) {
      let cursor = new Query(query, {}).find<AnyObject>(docs, options.projection);
      if (options.offset) cursor = cursor.skip(options.offset);
      if (options.limit !== undefined) cursor = cursor.limit(options.limit);
      return cursor.all();
    }
    // Ordered (by the query's fields, or nearest first for a $nearSphere), then paged, then projected.
    const matched = new Query(query, {}).find<AnyObject>(docs).all();
    const ordered = near ? byDistance(matched, near.field, near.point) : sortDocs(matched, order);
    const start = options.offset ?? 0;
    const page = ordered.slice(start, options.limit === undefined ? undefined : start + options.limit);
    return options.projection ? project(page, options.projection) : page;
  }

  private matchingRows(collection: string, query: AnyObject, limit?: number): { id: string; doc: Doc }[] {
    const c = this.coll(collection);
    const plan = this.plan(c, query);
    const compiled = plan.covered ? null : new Query(query, {});
    const test = (d: Doc) => compiled?.test(d) ?? true;
    const out: { id: string; doc: Doc }[] = [];
    for (const row of this.candidates(c, plan)) {
      const doc = fromStored(row.doc);
      if (test(doc)) out.push({ id: keyOf(doc._id), doc });
      if (limit !== undefined && out.length >= limit) break;
    }
    return out;
  }

  // ---------------------------------------------------------------- reads

  find(collection: string, query: AnyObject, options: FindOptions = {}): string[] {
    const limit = Math.min(options.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    const res = this.select(collection, query, { ...options, limit });
    return res.strings ?? res.docs!.map((d) => toStored(d));
  }

  findById(collection: string, id: string, projection?: AnyObject): string | undefined {
    const row = this.coll(collection).get.get(id);
    if (!row) return undefined;
    if (!projection) return row.doc;
    return toStored(project([fromStored(row.doc)], projection)[0]!);
  }

  count(collection: string, query: AnyObject): number {
    const c = this.coll(collection);
    const plan = this.plan(c, query);
    if (plan.covered) {
      const row = this.stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM ${c.table} WHERE ${plan.where}`).get(...plan.params);
      return row?.n ?? 0;
    }
    return this.matchingRows(collection, query).length;
  }

  aggregate(collection: string, pipeline: AnyObject[]): string[] {
    const c = this.coll(collection);
    const first = pipeline[0];
    const match = first && isPlainObject(first['$match']) ? (first['$match'] as AnyObject) : {};
    const source = this.candidates(c, this.plan(c, match)).map((r) => fromStored(r.doc));
    const agg = new Aggregator(pipeline, {
      collectionResolver: (name: string) =>
        this.coll(name)
          .scan.all()
          .map((r) => fromStored(r.doc)),
    });
    return agg.run(source).map((d) => toStored(d as object));
  }

  // ---------------------------------------------------------------- writes

  private nextVer(): number {
    this.seq += 1;
    return this.seq;
  }

  /** Indexed fields must hold scalars so an expression index finds every document an equality query matches. */
  private checkIndexable(c: Collection, doc: Doc): void {
    for (const field of c.geo) {
      if (!isIndexablePoint(getPath(doc, field).value)) {
        throw new DbError('INVALID_PARAM', `集合 ${c.spec.name} 的字段 ${field} 建有地理位置索引，只能保存 GeoJSON 点（Point）`);
      }
    }
    for (const { field, parts, kinds } of c.indexed) {
      // An array on the way or at the end (or an object there) cannot be indexed.
      const { value, throughArray } = getPath(doc, parts);
      if (throughArray || Array.isArray(value) || isPlainObject(value)) {
        throw new DbError('INVALID_PARAM', `集合 ${c.spec.name} 的字段 ${field} 建有索引，只能保存字符串、数字、布尔或日期`);
      }
      kinds.add(rankOf(value));
    }
  }

  /** Runs `fn` in one SQLite transaction; a single statement needs none (SQLite commits it on its own). */
  private sqlWrite<T>(fn: () => T, statements = 2): T {
    this.joinBatch();
    try {
      return statements === 1 ? fn() : this.inTransaction(fn);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new DbError('DATABASE_DUPLICATE_WRITE', `唯一索引冲突：${(err as Error).message}`);
      }
      throw err;
    }
  }

  private prepareInsert(c: Collection, raw: AnyObject): Doc {
    const doc = resolveServerDates(raw, this.now()) as AnyObject;
    assertStorableKeys(doc);
    if (doc['_id'] === undefined) doc['_id'] = newDocId();
    if (!isDocId(doc['_id'])) throw new DbError('INVALID_PARAM', '_id 必须是字符串、数字或 ObjectId');
    this.checkIndexable(c, doc as Doc);
    return doc as Doc;
  }

  /** Adds documents; answers their `_id`s as the SDK is told them (`idForClient`). */
  insert(collection: string, docs: AnyObject[]): unknown[] {
    const c = this.coll(collection);
    const prepared = docs.map((d) => this.prepareInsert(c, d));
    const ids = this.sqlWrite(() => {
      const ver = this.nextVer();
      for (const doc of prepared) c.insert.run(keyOf(doc._id), toStored(doc), ver);
      return prepared.map((d) => idForClient(d._id));
    }, prepared.length);
    // Inserted, so they were not there before: open transactions' snapshots read them as missing (no read needed).
    if (this.txs.size) {
      for (const d of prepared) {
        const key = docKey(collection, keyOf(d._id));
        this.keep(key, this.tombstones.get(key) ?? 0, null);
      }
    }
    return ids;
  }

  /** Applies an update expression (merge) or a replacement (set) to one document; returns null if nothing changed. */
  private applyChange(current: Doc, data: AnyObject, merge: boolean, condition?: AnyObject): Doc | null {
    const resolved = resolveServerDates(data, this.now()) as AnyObject;
    if (!merge) {
      assertStorableKeys(resolved);
      const { _id: _ignored, ...rest } = resolved;
      return { ...rest, _id: current._id } as Doc;
    }
    const hasOperators = Object.keys(resolved).some((k) => k.startsWith('$'));
    const modifier = hasOperators ? resolved : { $set: resolved };
    if (Object.keys(modifier).some((k) => !k.startsWith('$'))) {
      throw new DbError('INVALID_PARAM', '更新内容不能同时包含操作符和普通字段');
    }
    const next = structuredClone(current);
    let changed: string[];
    try {
      changed = simpleModifier(modifier)
        ? Object.entries(modifier).flatMap(([op, expr]) => UPDATE_OPERATORS[op]!(expr as AnyObject)(next))
        : applyUpdate(next, modifier, undefined, condition);
    } catch (err) {
      throw new DbError('INVALID_PARAM', `更新失败：${(err as Error).message}`);
    }
    if (keyOf(next._id) !== keyOf(current._id)) throw new DbError('INVALID_PARAM', '不能更新 _id 的值');
    return changed.length ? next : null;
  }

  /** `doc.update` / `where.update` (merge) and `doc.set` (replace + upsert). */
  modify(
    collection: string,
    query: AnyObject,
    data: AnyObject,
    opts: { multi: boolean; merge: boolean; upsert: boolean },
  ): { updated: number; upsertId?: unknown } {
    const c = this.coll(collection);
    const targets = this.matchingRows(collection, query, opts.multi ? undefined : 1);
    if (targets.length === 0) {
      if (!opts.upsert) return { updated: 0 };
      const id = isDocId(query['_id']) ? query['_id'] : newDocId();
      const base = { _id: id } as Doc;
      const doc = opts.merge ? (this.applyChange(base, data, true) ?? base) : this.applyChange(base, data, false)!;
      this.checkIndexable(c, doc);
      this.remember(c, [keyOf(id)]);
      this.sqlWrite(() => c.insert.run(keyOf(id), toStored(doc), this.nextVer()), 1);
      return { updated: 0, upsertId: idForClient(id) };
    }
    const changes: Doc[] = [];
    for (const t of targets) {
      const next = this.applyChange(t.doc, data, opts.merge, query);
      if (next) {
        this.checkIndexable(c, next);
        changes.push(next);
      }
    }
    if (changes.length) {
      this.remember(
        c,
        changes.map((d) => keyOf(d._id)),
      );
      this.sqlWrite(() => {
        const ver = this.nextVer();
        for (const doc of changes) c.replace.run(toStored(doc), ver, keyOf(doc._id));
      }, changes.length);
    }
    return { updated: changes.length };
  }

  modifyAndReturn(collection: string, query: AnyObject, data: AnyObject): { updated: number; doc: string | null } {
    const c = this.coll(collection);
    const [target] = this.matchingRows(collection, query, 1);
    if (!target) return { updated: 0, doc: null };
    const next = this.applyChange(target.doc, data, true, query);
    // CloudBase counts the matched document as updated even when the change leaves it as it was.
    if (!next) return { updated: 1, doc: toStored(target.doc) };
    this.checkIndexable(c, next);
    const text = toStored(next);
    this.remember(c, [keyOf(next._id)]);
    this.sqlWrite(() => c.replace.run(text, this.nextVer(), keyOf(next._id)), 1);
    return { updated: 1, doc: text };
  }

  remove(collection: string, query: AnyObject, multi: boolean): number {
    const c = this.coll(collection);
    const targets = this.matchingRows(collection, query, multi ? undefined : 1);
    if (!targets.length) return 0;
    this.remember(
      c,
      targets.map((t) => t.id),
    );
    const ver = this.nextVer();
    this.sqlWrite(() => {
      for (const t of targets) c.remove.run(t.id);
    }, targets.length);
    if (this.txs.size) for (const t of targets) this.tombstones.set(docKey(collection, t.id), ver);
    return targets.length;
  }

  // ---------------------------------------------------------------- transactions

  startTransaction(): string {
    const tx: Tx = { id: nextTransactionId(), startedAt: Date.now(), writes: new Map(), seen: new Map() };
    this.txs.set(tx.id, tx);
    return tx.id;
  }

  private tx(id: string): Tx {
    const tx = this.txs.get(id);
    if (!tx) throw new DbError('DATABASE_TRANSACTION_FAIL', TX_GONE);
    tx.startSeq ??= this.seq;
    return tx;
  }

  private endTx(tx: Tx): void {
    // Its own locks are the documents it wrote (walking every lock of every open transaction made a burst quadratic).
    for (const key of tx.writes.keys()) if (this.locks.get(key) === tx) this.locks.delete(key);
    this.txs.delete(tx.id);
    if (this.txs.size === 0) {
      this.tombstones.clear();
      this.history.clear();
    }
  }

  /** Keeps the current state of documents about to change, for the snapshots of open transactions. */
  private remember(c: Collection, ids: string[]): void {
    if (this.txs.size === 0) return;
    for (const id of ids) {
      const { row, ver } = this.committedVer(c, id);
      this.keep(docKey(c.spec.name, id), ver, row ? row.doc : null);
    }
  }

  private keep(key: string, ver: number, doc: string | null): void {
    let past = this.history.get(key);
    if (!past) this.history.set(key, (past = []));
    past.push({ ver, doc });
  }

  /** The version of a document's last committed change: its row, or its deletion. */
  private committedVer(c: Collection, id: string): { row: Row | undefined; ver: number } {
    const row = c.get.get(id);
    return { row, ver: row ? row.ver : (this.tombstones.get(docKey(c.spec.name, id)) ?? 0) };
  }

  /** The engine aborts a conflicted transaction itself; the SDK's runTransaction then retries at once. */
  private conflict(tx: Tx, what: string): never {
    this.endTx(tx);
    throw new DbError('DATABASE_TRANSACTION_CONFLICT', TX_CONFLICT, what);
  }

  /**
   * A document's committed state for a transaction: read once from SQLite, then from what it read, as long
   * as nobody has written the document since (every such write, while the transaction is open, is in
   * `history`).
   */
  private committedFor(tx: Tx, c: Collection, id: string): { ver: number; text: string | null } {
    const key = docKey(c.spec.name, id);
    const cached = tx.seen.get(key);
    if (cached && !this.history.has(key)) return cached;
    const { row, ver } = this.committedVer(c, id);
    const state = { ver, text: row ? row.doc : null };
    tx.seen.set(key, state);
    return state;
  }

  /** A document as the transaction's snapshot has it (stored text), ignoring its own writes. */
  private snapshotText(tx: Tx, c: Collection, id: string): string | null {
    const { ver, text } = this.committedFor(tx, c, id);
    if (ver <= tx.startSeq!) return text;
    let seen: { ver: number; doc: string | null } | undefined;
    for (const h of this.history.get(docKey(c.spec.name, id)) ?? []) {
      if (h.ver <= tx.startSeq! && (!seen || h.ver > seen.ver)) seen = h;
    }
    return seen?.doc ?? null;
  }

  /** The committed state a write in the transaction starts from: changed by others since its snapshot is a conflict. */
  private committedForWrite(tx: Tx, c: Collection, id: string): Doc | null {
    const { ver, text } = this.committedFor(tx, c, id);
    if (ver > tx.startSeq!) this.conflict(tx, `${c.spec.name}/${id} 已被其他操作修改`);
    return text === null ? null : fromStored(text);
  }

  /** A document as the transaction sees it, as stored text: its own write, or its snapshot. */
  txGet(txId: string, collection: string, id: string): string | null {
    const tx = this.tx(txId);
    const c = this.coll(collection);
    const own = tx.writes.get(docKey(collection, id));
    if (own) return own.doc ? toStored(own.doc) : null;
    return this.snapshotText(tx, c, id);
  }

  /** A query inside a transaction: its snapshot of the collection with its own writes over it. */
  txFind(txId: string, collection: string, query: AnyObject, options: FindOptions = {}): string[] {
    const tx = this.tx(txId);
    const c = this.coll(collection);
    const prefix = docKey(collection, '');
    const changed = [...this.history.keys()].filter((k) => k.startsWith(prefix));
    const own = [...tx.writes.values()].filter((w) => w.coll === collection);
    if (changed.length === 0 && own.length === 0) return this.find(collection, query, options);
    const docs = new Map<string, Doc>();
    for (const row of c.scan.all()) {
      const doc = fromStored(row.doc);
      docs.set(keyOf(doc._id), doc);
    }
    for (const key of changed) {
      const id = key.slice(prefix.length);
      const text = this.snapshotText(tx, c, id);
      if (text === null) docs.delete(id);
      else docs.set(id, fromStored(text));
    }
    for (const w of own) {
      if (w.doc) docs.set(w.id, w.doc);
      else docs.delete(w.id);
    }
    const limit = Math.min(options.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    return this.run([...docs.values()], query, { ...options, limit }).map((d) => toStored(d));
  }

  /** `where().updateAndReturn()` inside a transaction: the first match in its view, changed by it. */
  txModifyAndReturn(txId: string, collection: string, query: AnyObject, data: AnyObject): { updated: number; doc: string | null } {
    const [first] = this.txFind(txId, collection, query, { limit: 1 });
    if (!first) return { updated: 0, doc: null };
    const id = keyOf(fromStored(first)._id);
    let doc: Doc | null = null;
    this.txWrite(txId, collection, id, (current) => {
      if (!current) return undefined;
      doc = this.applyChange(current, data, true, query);
      if (doc) return doc;
      doc = current;
      return undefined;
    });
    return { updated: doc ? 1 : 0, doc: doc ? toStored(doc) : null };
  }

  /** Locks a document for this transaction and buffers its new state (null deletes). */
  txWrite(txId: string, collection: string, id: string, change: (current: Doc | null) => Doc | null | undefined): boolean {
    const tx = this.tx(txId);
    const c = this.coll(collection);
    const key = docKey(collection, id);
    const holder = this.locks.get(key);
    if (holder && holder !== tx) {
      if (Date.now() - holder.startedAt > this.txTtlMs) this.endTx(holder);
      else this.conflict(tx, `${collection}/${id} 正被另一事务修改`);
    }
    const own = tx.writes.get(key);
    const current = own ? own.doc : this.committedForWrite(tx, c, id);
    const next = change(current);
    if (next === undefined) return false;
    if (next) this.checkIndexable(c, next);
    this.locks.set(key, tx);
    tx.writes.set(key, { coll: collection, id, doc: next });
    return true;
  }

  txInsert(txId: string, collection: string, raw: AnyObject): unknown {
    const c = this.coll(collection);
    const doc = this.prepareInsert(c, raw);
    const key = keyOf(doc._id);
    this.txWrite(txId, collection, key, (current) => {
      if (current) throw new DbError('DATABASE_DUPLICATE_WRITE', `文档 ${key} 已存在`);
      return doc;
    });
    return idForClient(doc._id);
  }

  txModify(
    txId: string,
    collection: string,
    id: string,
    data: AnyObject,
    merge: boolean,
    upsert: boolean,
  ): { updated: number; upsertId?: string } {
    let result: { updated: number; upsertId?: string } = { updated: 0 };
    this.txWrite(txId, collection, id, (current) => {
      if (!current) {
        if (!upsert) return undefined;
        result = { updated: 0, upsertId: id };
        return this.applyChange({ _id: id } as Doc, data, merge) ?? ({ _id: id } as Doc);
      }
      const next = this.applyChange(current, data, merge);
      if (!next) return undefined;
      result = { updated: 1 };
      return next;
    });
    return result;
  }

  txRemove(txId: string, collection: string, id: string): number {
    let deleted = 0;
    this.txWrite(txId, collection, id, (current) => {
      if (!current) return undefined;
      deleted = 1;
      return null;
    });
    return deleted;
  }

  commit(txId: string): void {
    const tx = this.tx(txId);
    const others = this.txs.size > 1;
    for (const w of tx.writes.values()) {
      const { ver, text } = this.committedFor(tx, this.coll(w.coll), w.id);
      if (ver > tx.startSeq!) this.conflict(tx, `${w.coll}/${w.id} 已被其他操作修改`);
      if (others) this.keep(docKey(w.coll, w.id), ver, text);
    }
    try {
      const ver = this.nextVer();
      this.sqlWrite(() => {
        for (const w of tx.writes.values()) {
          const c = this.coll(w.coll);
          if (w.doc) c.upsert.run(w.id, toStored(w.doc), ver);
          else c.remove.run(w.id);
        }
      }, tx.writes.size);
      for (const w of tx.writes.values()) if (!w.doc && this.txs.size > 1) this.tombstones.set(docKey(w.coll, w.id), ver);
    } finally {
      this.endTx(tx);
    }
  }

  abort(txId: string): void {
    const tx = this.txs.get(txId);
    if (tx) this.endTx(tx);
  }

  activeTransactions(): number {
    return this.txs.size;
  }
}
