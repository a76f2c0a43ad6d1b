import { BSONRegExp, EJSON } from 'bson';

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
 * The same text as relaxed EJSON for a document of plain JSON values and dates (nearly all of them),
 * by JSON.stringify, several times faster than bson's EJSON; anything else is left to EJSON.
 */
function fastStringify(doc: object): string | undefined {
  try {
    return JSON.stringify(doc, function (this: Record<string, unknown>, key: string, value: unknown) {
      const raw = this[key];
      if (raw instanceof Date) {
        if (!storableDate(raw)) throw new NeedsEjson();
        return { $date: raw.toISOString() };
      }
      if (typeof value === 'number' && !Number.isFinite(value)) throw new NeedsEjson();
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !isPlainObject(raw)) throw new NeedsEjson();
      return value;
    });
  } catch (e) {
    if (e instanceof NeedsEjson) return undefined;
    throw e;
  }
}

/** Dates EJSON writes as an ISO string in relaxed mode (years 1970-9999); others become `$numberLong`. */
const storableDate = (d: Date) => d.getTime() >= 0 && d.getTime() < 253402300800000;

/** A `"$…":` key other than `$date` anywhere in the text: a value only bson's EJSON reads back. */
const OTHER_EJSON = /"\$(?!date")[A-Za-z]+":/;

export function fromStored(text: string): Doc {
  if (OTHER_EJSON.test(text)) return EJSON.parse(text, { relaxed: true }) as Doc;
  return JSON.parse(text, (_key, value: unknown) =>
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { $date?: unknown }).$date === 'string' &&
    Object.keys(value).length === 1
      ? new Date((value as { $date: string }).$date)
      : value,
  ) as Doc;
}

/** Parses an EJSON string sent by the SDK (canonical, `relaxed: false`). */
export function parseParam(text: unknown, what: string): Record<string, unknown> {
  if (typeof text !== 'string') throw new TypeError(`${what} must be an EJSON string`);
  const value: unknown = toNativeRegExps(EJSON.parse(text, { relaxed: true }));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Replaces `{ $tcb_server_date: { offset } }` markers with the server's time. */
export function resolveServerDates<T>(value: T, now: Date): T {
  if (Array.isArray(value)) return value.map((v: unknown) => resolveServerDates(v, now)) as T;
  if (!isPlainObject(value)) return value;
  const marker = value['$tcb_server_date'];
  if (marker !== undefined && Object.keys(value).length === 1) {
    const offset = isPlainObject(marker) && typeof marker['offset'] === 'number' ? marker['offset'] : 0;
    return new Date(now.getTime() + offset) as T;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = resolveServerDates(v, now);
  return out as T;
}

export function getPath(doc: unknown, path: string): { value: unknown; throughArray: boolean } {
  let cur: unknown = doc;
  let throughArray = false;
  for (const part of path.split('.')) {
    if (Array.isArray(cur)) throughArray = true;
    if (!isPlainObject(cur)) return { value: undefined, throughArray };
    cur = cur[part];
  }
  return { value: cur, throughArray };
}

const JS_REGEX_FLAGS = /[^gimsuy]/g;

/** EJSON parses `$regularExpression` into a BSONRegExp; mingo wants a JavaScript RegExp. */
function toNativeRegExps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toNativeRegExps);
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options.replace(JS_REGEX_FLAGS, ''));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toNativeRegExps(v);
  return out;
}
