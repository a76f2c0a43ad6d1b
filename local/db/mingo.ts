/**
 * mingo, with the operators that differ from MongoDB (and so from CloudBase) replaced. Every query, update
 * and pipeline of the engine goes through these; `mingo`'s own entry point cannot override a built-in
 * operator (its default context wins a merge), so the engine builds the whole context here.
 */
import Ajv from 'ajv';
import { Aggregator as BaseAggregator } from 'mingo/aggregator';
import { Context } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query as BaseQuery } from 'mingo/query';
import type { AnyObject, Options } from 'mingo/types';
import { update as baseUpdate } from 'mingo/updater';
import { $geoNear, geoQueryOperators } from './geo';

type Expression = (obj: AnyObject, expr: unknown, options: Options) => unknown;
type QueryOperator = (selector: string, value: unknown, options: Options) => (obj: AnyObject) => boolean;

const expressions = expressionOperators as unknown as Record<string, Expression>;
const queries = queryOperators as unknown as Record<string, QueryOperator>;

/** Evaluates an expression's arguments the way an operator would, through `$literal`-safe values. */
const evaluate = (obj: AnyObject, expr: unknown, options: Options): unknown => expressions['$let']!(obj, { vars: {}, in: expr }, options);
const literal = (v: unknown) => ({ $literal: v });

/**
 * `$elemMatch` with field conditions (`{ value: { $gt: 0 } }`) matches only elements that are documents, as
 * in MongoDB; mingo 7.2.7 also tests plain values against them (so `{ value: { $exists: true } }` matched
 * arrays of strings). Conditions on the element itself (`{ $gt: 0 }`) are unchanged.
 */
const FIELD_COMBINATORS = new Set(['$and', '$or', '$nor']);
const IS_DOCUMENT = { $expr: { $eq: [{ $type: '$$ROOT' }, 'object'] } };
const $elemMatch: QueryOperator = (selector, criteria, options) => {
  const fieldConditions =
    criteria !== null && typeof criteria === 'object' && Object.keys(criteria).some((k) => !k.startsWith('$') || FIELD_COMBINATORS.has(k));
  return queries['$elemMatch']!(selector, fieldConditions ? { $and: [criteria, IS_DOCUMENT] } : criteria, options);
};

/**
 * `$week` as MongoDB counts it: weeks begin on Sunday; days before the year's first Sunday are week 0.
 * (mingo 7.2.7 is one ahead for years that begin on a Sunday-to-Wednesday.)
 */
const $week: Expression = (obj, expr, options) => {
  const dayOfYear = expressions['$dayOfYear']!(obj, expr, options) as number | null;
  const dayOfWeek = expressions['$dayOfWeek']!(obj, expr, options) as number | null;
  if (dayOfYear == null || dayOfWeek == null) return null;
  const jan1 = (((dayOfWeek - 1 - (dayOfYear - 1)) % 7) + 7) % 7; // 0 = Sunday
  return Math.floor((dayOfYear - 1 + jan1) / 7);
};

/** `$substr`/`$substrBytes` with a negative length take the rest of the string (MongoDB); mingo refuses it. */
const restOfString =
  (op: '$substr' | '$substrBytes'): Expression =>
  (obj, expr, options) => {
    if (!Array.isArray(expr) || expr.length !== 3) return expressions[op]!(obj, expr, options);
    const [s, index, count] = evaluate(obj, expr, options) as [unknown, unknown, unknown];
    const rest = typeof count === 'number' && count < 0 && typeof index === 'number';
    const length = rest ? Math.max(0, Buffer.byteLength(typeof s === 'string' ? s : '') - index) : count;
    return expressions['$substrBytes']!(obj, [literal(s), literal(index), literal(length)], options);
  };

/** `$indexOfCP`: the code-point index of a substring (MongoDB); mingo 7.2.7 does not have it. */
const $indexOfCP: Expression = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length < 2 || expr.length > 4) throw new Error('$indexOfCP expects [string, substring, start?, end?]');
  const [s, sub, start, end] = evaluate(obj, expr, options) as [unknown, unknown, unknown, unknown];
  if (s == null) return null;
  if (typeof s !== 'string' || typeof sub !== 'string') throw new Error('$indexOfCP expects strings');
  for (const bound of [start, end]) {
    if (bound !== undefined && (typeof bound !== 'number' || !Number.isInteger(bound) || bound < 0)) {
      throw new Error('$indexOfCP start and end must be non-negative integers');
    }
  }
  const cps = Array.from(s);
  const needle = Array.from(sub);
  const from = (start as number | undefined) ?? 0;
  const to = Math.min((end as number | undefined) ?? cps.length, cps.length);
  for (let i = from; i + needle.length <= to; i++) {
    if (needle.every((c, k) => cps[i + k] === c)) return i;
  }
  return -1;
};

/** `$indexOfBytes`: the UTF-8 byte index of a substring, bounds in bytes (MongoDB); mingo counts UTF-16 units. */
const $indexOfBytes: Expression = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length < 2 || expr.length > 4)
    throw new Error('$indexOfBytes expects [string, substring, start?, end?]');
  const [s, sub, start, end] = evaluate(obj, expr, options) as [unknown, unknown, unknown, unknown];
  if (s == null) return null;
  if (typeof s !== 'string' || typeof sub !== 'string') throw new Error('$indexOfBytes expects strings');
  const bytes = Buffer.from(s);
  const from = typeof start === 'number' ? start : 0;
  const to = Math.min(typeof end === 'number' ? end : bytes.length, bytes.length);
  const at = bytes.subarray(0, to).indexOf(Buffer.from(sub), from);
  return at;
};

/**
 * `$jsonSchema` (MongoDB's draft-4 subset with `bsonType`), validated by Ajv. `bsonType` names map to what
 * the stored values are in JavaScript.
 */
const BSON_TYPES: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number',
  int: (v) => Number.isInteger(v),
  long: (v) => Number.isInteger(v),
  decimal: (v) => typeof v === 'number',
  number: (v) => typeof v === 'number',
  string: (v) => typeof v === 'string',
  object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date),
  array: (v) => Array.isArray(v),
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp,
};
const ajv = new Ajv({ strict: false, allErrors: false });
ajv.addKeyword({
  keyword: 'bsonType',
  validate: (type: string | string[], value: unknown) => (Array.isArray(type) ? type : [type]).some((t) => BSON_TYPES[t]?.(value) ?? false),
  errors: false,
});
const schemas = new Map<string, (obj: AnyObject) => boolean>();
function jsonSchemaValidator(schema: AnyObject): (obj: AnyObject) => boolean {
  const key = JSON.stringify(schema);
  let validate = schemas.get(key);
  if (!validate) {
    const compiled = ajv.compile(schema);
    validate = (obj) => compiled(obj) === true;
    if (schemas.size > 256) schemas.clear();
    schemas.set(key, validate);
  }
  return validate;
}

const CONTEXT = Context.init({
  accumulator: accumulatorOperators as never,
  expression: {
    ...expressionOperators,
    $week,
    $substr: restOfString('$substr'),
    $substrBytes: restOfString('$substrBytes'),
    $indexOfCP,
    $indexOfBytes,
  } as never,
  pipeline: { ...pipelineOperators, $geoNear } as never,
  projection: projectionOperators as never,
  query: { ...queryOperators, $elemMatch, ...geoQueryOperators } as never,
  window: windowOperators as never,
});

const OPTIONS: Partial<Options> = { context: CONTEXT, jsonSchemaValidator };

export class Query extends BaseQuery {
  constructor(condition: AnyObject, options: Partial<Options> = {}) {
    super(condition, { ...OPTIONS, ...options });
  }
}

export class Aggregator extends BaseAggregator {
  constructor(pipeline: AnyObject[], options: Partial<Options> = {}) {
    super(pipeline, { ...OPTIONS, ...options });
  }
}

export function update(obj: AnyObject, modifier: AnyObject, arrayFilters?: AnyObject[], condition?: AnyObject): string[] {
  return baseUpdate(obj, modifier, arrayFilters, condition, { cloneMode: 'deep', queryOptions: OPTIONS });
}
