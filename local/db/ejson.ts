import { BSONRegExp, EJSON, ObjectId } from 'bson';

export type Doc = Record<string, unknown> & { _id: string };

/** bson writes a date without milliseconds when they are zero; stored dates always have them. */
const WHOLE_SECOND_DATE = /"\$date":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)Z"/g;

/**
 * Documents are stored as relaxed EJSON: plain JSON numbers and strings, `{"$date":"<ISO>"}` for dates,
 * always with milliseconds, so that the stored text of dates sorts like the dates themselves (indexes,
 * ORDER BY and ranges compare that text). A `"$date":"` with bare quotes can only be EJSON's own: quotes
 * inside strings are escaped.
 */
export function toStored(doc: object): string {
  return fastStringify(doc) ?? EJSON.stringify(doc, { relaxed: true }).replace(WHOLE_SECOND_DATE, '"$date":"$1.000Z"');
}

/** Not plain JSON (a non-finite number, a RegExp, a BSON value): bson's EJSON writes it. */
class NeedsEjson extends Error {}

/**
 * The same text as relaxed EJSON for a document of plain JSON values and dates (nearly all of them):
 * dates turned into `{ $date }` in a copy of only the objects that hold one, then JSON.stringify without a
 * replacer (a replacer takes V8 off its fast path: twice the time). Anything else is left to EJSON.
 */
function fastStringify(doc: object): string | undefined {
  try {
    return JSON.stringify(jsonReady(doc));
  } catch (e) {
    if (e instanceof NeedsEjson) return undefined;
    throw e;
  }
}

function jsonReady(v: unknown): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new NeedsEjson();
    return v;
  }
  if (v instanceof Date) {
    if (!storableDate(v)) throw new NeedsEjson();
    return { $date: v.toISOString() };
  }
  if (Array.isArray(v)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const y = jsonReady(x);
      if (y !== x) (copy ??= v.slice())[i] = y;
    }
    return copy ?? v;
  }
  if (!isPlainObject(v)) throw new NeedsEjson();
  let copy: Record<string, unknown> | undefined;
  for (const k in v) {
    const x = v[k];
    const y = jsonReady(x);
    if (y !== x) (copy ??= { ...v })[k] = y;
  }
  return copy ?? v;
}

/** Dates EJSON writes as an ISO string in relaxed mode (years 1970-9999); others become `$numberLong`. */
const storableDate = (d: Date) => d.getTime() >= 0 && d.getTime() < 253402300800000;

/**
 * A `"$…":` key other than `$date` and `$oid` anywhere in the text: a value only bson's EJSON reads back.
 * ObjectIds stay `{ $oid: '<hex>' }` plain objects inside the engine (equal when their hex is, cloned and
 * stored like any object); only what leaves the engine turns them into strings (`forClient`).
 */
const OTHER_EJSON = /"\$(?!date"|oid")[A-Za-z]+":/;

export function fromStored(text: string): Doc {
  if (OTHER_EJSON.test(text)) return EJSON.parse(text, { relaxed: true }) as Doc;
  const doc = JSON.parse(text) as Doc;
  // A walk after the parse, only when there are dates: a reviver is called for every value (three times the cost).
  return text.includes('"$date"') ? (reviveCommon(doc) as Doc) : doc;
}

/** BSON types only bson's own EJSON reader makes (or that it reads differently from a plain object). */
const RARE_EJSON =
  /"\$(?:binary|uuid|symbol|numberDecimal|minKey|maxKey|regex|options|timestamp|code|scope|ref|id|db|undefined|dbPointer)":/;

/**
 * `{"$numberInt":"-12"}` and a finite `{"$numberDouble":"1.5e+21"}` as the JSON number they stand for. The
 * quotes around `$numberInt` are bare, so this is EJSON's own object, never text inside a string (escaped).
 */
const NUMBER_INT = /\{"\$numberInt":"(-?\d+)"\}/g;
const NUMBER_DOUBLE = /\{"\$numberDouble":"(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"\}/g;

/** The EJSON types `reviveCommon` reads. */
const COMMON_EJSON = /"\$(?:numberInt|numberDouble|numberLong|date|regularExpression|oid)":/;

class NotCommon extends Error {}

/**
 * Any EJSON value the SDK sends (a parameter, an aggregation stage's value), in its canonical form
 * (`relaxed: false`: every number is `{ $numberInt }`, `{ $numberDouble }` or `{ $numberLong }`, a date
 * `{ $date: { $numberLong } }`), read into what bson's relaxed reader gives, regular expressions as
 * JavaScript's: one `JSON.parse` and one walk (`reviveCommon`), several times faster than bson's reader.
 * Anything else (binary, decimal, a long beyond 2^53, …) is left to bson.
 */
export function parseEjson(text: string): unknown {
  // A text without any `"$` (no operator, no EJSON type) is plain JSON; the scans below run only otherwise.
  const dollar = text.includes('"$');
  if (!dollar) return JSON.parse(text);
  if (!RARE_EJSON.test(text)) {
    try {
      // Numbers written out as plain JSON numbers first (string replacement is cheap; a reviver is called for
      // every value). Without any EJSON type left (most queries), plain JSON is the same value.
      const plain = text.includes('{"$number') ? text.replace(NUMBER_INT, '$1').replace(NUMBER_DOUBLE, '$1') : text;
      const value: unknown = JSON.parse(plain);
      return COMMON_EJSON.test(plain) ? reviveCommon(value) : value;
    } catch (e) {
      if (!(e instanceof NotCommon)) throw e;
    }
  }
  return toNativeRegExps(EJSON.parse(text, { relaxed: true }));
}

/**
 * Replaces EJSON's wrappers in a freshly parsed value, children first (so `{ $date: { $numberLong } }` sees
 * a number). A walk after JSON.parse: a reviver, called by V8 for every value, costs three times as much.
 */
function reviveCommon(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (x !== null && typeof x === 'object') value[i] = reviveCommon(x);
    }
    return value;
  }
  const v = value as Record<string, unknown>;
  let keys = 0;
  let last = '';
  for (const k in v) {
    keys += 1;
    last = k;
    const x = v[k];
    if (x !== null && typeof x === 'object') v[k] = reviveCommon(x);
  }
  return keys === 1 && last.charCodeAt(0) === 36 /* $ */ ? unwrap(last, v) : v;
}

/** An EJSON wrapper `{ $type: … }` as the value it stands for (the object itself when it is no wrapper). */
function unwrap(key: string, v: Record<string, unknown>): unknown {
  switch (key) {
    case '$numberInt':
      return parseInt(v['$numberInt'] as string, 10);
    case '$numberDouble':
      return parseFloat(v['$numberDouble'] as string);
    case '$numberLong': {
      const n = Number(v['$numberLong']);
      if (!Number.isSafeInteger(n)) throw new NotCommon();
      return n;
    }
    case '$date': {
      const d = v['$date'];
      if (typeof d === 'string') return new Date(Date.parse(d));
      if (typeof d === 'number') return new Date(d);
      throw new NotCommon();
    }
    case '$regularExpression': {
      const r = v['$regularExpression'] as { pattern?: unknown; options?: unknown } | null;
      if (!r || typeof r.pattern !== 'string' || typeof r.options !== 'string') throw new NotCommon();
      return nativeRegExp(r.pattern, r.options);
    }
    case '$oid':
      if (!isOid(v)) throw new NotCommon();
      return v;
    default:
      return v;
  }
}

/** Parses an EJSON string sent by the SDK (canonical, `relaxed: false`). */
export function parseParam(text: unknown, what: string): Record<string, unknown> {
  if (typeof text !== 'string') throw new TypeError(`${what} must be an EJSON string`);
  const value: unknown = parseEjson(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

/** An object literal of any realm (`structuredClone` makes its copies in the main realm, even inside a vm context). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Replaces `{ $tcb_server_date: { offset } }` markers with the server's time. Objects without a marker
 * inside are returned as they are (the engine owns what it parsed from a request; copying every document
 * on every write was most of this function's cost).
 */
export function resolveServerDates<T>(value: T, now: Date): T {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      const y = resolveServerDates(x, now);
      if (y !== x) (copy ??= value.slice())[i] = y;
    }
    return (copy ?? value) as T;
  }
  if (!isPlainObject(value)) return value;
  const marker = value['$tcb_server_date'];
  if (marker !== undefined && Object.keys(value).length === 1) {
    const offset = isPlainObject(marker) && typeof marker['offset'] === 'number' ? marker['offset'] : 0;
    return new Date(now.getTime() + offset) as T;
  }
  let copy: Record<string, unknown> | undefined;
  for (const k in value) {
    const x = value[k];
    const y = resolveServerDates(x, now);
    if (y !== x) (copy ??= { ...value })[k] = y;
  }
  return (copy ?? value) as T;
}

/** The value at a dotted path (or its parts, split once by a caller that asks often), and whether an array was on the way. */
export function getPath(doc: unknown, path: string | readonly string[]): { value: unknown; throughArray: boolean } {
  let cur: unknown = doc;
  let throughArray = false;
  for (const part of typeof path === 'string' ? path.split('.') : path) {
    if (Array.isArray(cur)) throughArray = true;
    if (!isPlainObject(cur)) return { value: undefined, throughArray };
    cur = cur[part];
  }
  return { value: cur, throughArray };
}

/** An ObjectId as the engine keeps it. */
export type Oid = { $oid: string };

export function isOid(v: unknown): v is Oid {
  // `$oid` first: nearly every object asked has none, and is answered without allocating.
  if (v === null || typeof v !== 'object') return false;
  const hex = (v as { $oid?: unknown }).$oid;
  return typeof hex === 'string' && isPlainObject(v) && /^[0-9a-f]{24}$/.test(hex) && Object.keys(v).length === 1;
}

/** Marks the row key of a numeric `_id`, so `_id: 7` and `_id: '7'` are two documents, as in CloudBase. */
const NUMERIC_KEY = '\u0001';

/**
 * The key a document is stored under: its `_id` as text (a number marked, an ObjectId as its hex, so that
 * `doc('<hex>')` finds it as CloudBase's console does). The stored document keeps `_id`'s type.
 */
export function keyOf(id: unknown): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return `${NUMERIC_KEY}${id}`;
  if (isOid(id)) return id.$oid;
  throw new TypeError('_id 必须是字符串、数字或 ObjectId');
}

/** What the SDK is told an `_id` is: an ObjectId as its hex string (as CloudBase answers), others as they are. */
export const idForClient = (id: unknown): unknown => (isOid(id) ? id.$oid : id);

const STORED_OID = /\{"\$oid":"([0-9a-f]{24})"\}/g;

/** A stored document as the SDK receives it: ObjectIds as their hex strings, as CloudBase returns them. */
export function forClient(text: string): string {
  return text.includes('"$oid"') ? text.replace(STORED_OID, '"$1"') : text;
}

/**
 * Regular-expression flags: `i`, `m`, `s`, `u` are kept; MongoDB's `x` (extended: whitespace and `#` comments in
 * the pattern are ignored) is applied to the pattern, as JavaScript has no such flag. Any other is refused.
 */
function nativeRegExp(pattern: string, options: string): RegExp {
  let source = pattern;
  let flags = '';
  for (const f of options) {
    if ('imsu'.includes(f)) flags += f;
    else if (f === 'x') source = extended(source);
    else if ('gyd'.includes(f))
      continue; // a JavaScript RegExp's own (the SDK sends `flags`); no meaning in a query
    else throw new TypeError(`不支持的正则表达式选项 ${f}`);
  }
  return new RegExp(source, flags);
}

/** PCRE's extended mode: unescaped whitespace outside a character class, and `#` to the end of a line, are dropped. */
function extended(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out;
}

/** EJSON parses `$regularExpression` into a BSONRegExp (mingo wants a JavaScript RegExp) and `$oid` into an ObjectId. */
function toNativeRegExps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toNativeRegExps);
  if (value instanceof BSONRegExp) return nativeRegExp(value.pattern, value.options);
  if (value instanceof ObjectId) return { $oid: value.toHexString() };
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toNativeRegExps(v);
  return out;
}
