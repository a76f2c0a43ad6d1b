import { BSONRegExp, EJSON, Long } from 'bson';
import { fromStored, parseEjson, toStored } from '../../local/db/ejson';

/** What the engine stored before its JSON fast path: bson's relaxed EJSON, dates always with milliseconds. */
const slowStored = (doc: object) =>
  EJSON.stringify(doc, { relaxed: true }).replace(/"\$date":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)Z"/g, '"$date":"$1.000Z"');

const DOCS: object[] = [
  { _id: 'a', n: 1, f: 1.5, neg: -3, s: 'text with "$date":"x" and \\u0000', b: true, z: null, arr: [1, 'two', null, { x: 1 }] },
  { _id: 'b', at: new Date('2026-12-03T01:02:03.000Z'), nested: { when: new Date('2026-12-03T01:02:03.456Z'), list: [new Date(0)] } },
  {
    _id: 'c',
    items: { q1: { times: 1, streak: 0, lastWrongAt: new Date('2026-12-03T00:00:00Z'), mine: { choice: [0, 2] } } },
    empty: {},
    emptyList: [],
  },
  { _id: 'd', big: 2 ** 53 - 1, small: 1e-7, unicode: '党支部 😀' },
];

describe('the engine stores documents as relaxed EJSON, quickly', () => {
  it.each(DOCS.map((d, i) => [i, d] as const))(
    'document %i is stored as the same text as bson writes and read back as bson reads it',
    (_i, doc) => {
      const text = toStored(doc);
      expect(text).toBe(slowStored(doc));
      expect(fromStored(text)).toEqual(EJSON.parse(text, { relaxed: true }));
    },
  );

  it('values JSON cannot carry (non-finite numbers, regular expressions, BSON longs, far dates) still go through bson', () => {
    const odd = { _id: 'e', inf: Infinity, re: new BSONRegExp('^a', 'i'), long: Long.fromString('9007199254740993'), old: new Date(-1000) };
    const text = toStored(odd);
    expect(text).toBe(slowStored(odd));
    expect(fromStored(text)).toEqual(EJSON.parse(text, { relaxed: true }));
  });
});

describe('the SDK’s canonical EJSON is read as bson reads it, without bson', () => {
  /** A small seeded generator: the same values on every run. */
  function values(seed: number) {
    let x = seed;
    const rnd = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const scalar = (): unknown =>
      pick([
        () => Math.floor(rnd() * 2000) - 1000,
        () => rnd() * 1e6 - 5e5,
        () => 2 ** 31 + Math.floor(rnd() * 1e9),
        () => -0,
        () => pick([Infinity, -Infinity, NaN]),
        () => pick(['', 'a', '党支部', '"$date":"x"', '{"$numberInt":"1"}']),
        () => rnd() > 0.5,
        () => null,
        () => new Date(Math.floor(rnd() * 4e12)),
        () => new RegExp(pick(['^a', 'b.c', '\\d+']), pick(['', 'i', 'im'])),
      ])();
    const value = (depth: number): unknown => {
      if (depth > 2 || rnd() < 0.4) return scalar();
      if (rnd() < 0.3) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = 0; i < 1 + Math.floor(rnd() * 4); i++) o[pick(['a', 'b', 'c', '$in', '$gt', 'd.e'])] = value(depth + 1);
      return o;
    };
    return Array.from({ length: 300 }, () => ({ q: value(0) }));
  }

  it('300 generated queries and documents parse to the same values as bson’s relaxed reader gives', () => {
    for (const v of values(7)) {
      const text = EJSON.stringify(v, { relaxed: false });
      const bsonRead = EJSON.parse(text, { relaxed: true }) as { q: unknown };
      const ours = parseEjson(text) as { q: unknown };
      const norm = (x: unknown): unknown =>
        x instanceof BSONRegExp
          ? new RegExp(x.pattern, x.options)
          : Array.isArray(x)
            ? x.map(norm)
            : x !== null && typeof x === 'object' && !(x instanceof Date) && !(x instanceof RegExp)
              ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, norm(y)]))
              : x;
      expect(ours).toEqual(norm(bsonRead));
    }
  });

  it('longs beyond 2^53 and other BSON types are left to bson', () => {
    const text = EJSON.stringify({ big: Long.fromString('9007199254740993'), at: new Date(-1) }, { relaxed: false });
    expect(parseEjson(text)).toEqual(EJSON.parse(text, { relaxed: true }));
    expect(parseEjson('{"a":{"$numberDecimal":"1.5"}}')).toEqual(EJSON.parse('{"a":{"$numberDecimal":"1.5"}}', { relaxed: true }));
  });
});
