import { BSONRegExp, EJSON, Long } from 'bson';
import { fromStored, toStored } from '../../local/db/ejson';

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
