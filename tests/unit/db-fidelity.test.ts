/**
 * Where the local engine once differed from CloudBase (found by running node-sdk's own database tests
 * against it, `npm run test:sdk`). Each case says what CloudBase does and why we know it.
 */
import tcb from '@cloudbase/node-sdk';
import { Engine } from '../../local/db/engine';
import { installLocalRequestClass, LOCAL_ENGINE } from '../../local/db/request';
import type { CollectionSpec } from '../../local/db/schema';
import { memoryDb } from '../helpers/db';

const COLLECTIONS: CollectionSpec[] = [
  { name: 'stock', indexes: [] },
  { name: 'things', indexes: [] },
  { name: 'ranked', indexes: [{ name: 'v', keys: { v: 1 } }] },
  { name: 'venues', indexes: [], geo: ['loc'] },
];

function setup() {
  const { engine, db } = memoryDb(COLLECTIONS);
  return { engine, db, _: db.command, stock: db.collection('stock'), things: db.collection('things') };
}

type Transaction = Awaited<ReturnType<ReturnType<typeof setup>['db']['startTransaction']>>;

async function seedStock(stock: ReturnType<typeof setup>['stock']) {
  const res = (await stock.add([
    { _id: '1', category: 'Web', n: 1 },
    { _id: '2', category: 'Web', n: 2 },
    { _id: '3', category: 'Mobile', n: 3 },
  ])) as { ids: string[] };
  expect(res.ids).toEqual(['1', '2', '3']);
}

describe('transactions read and query like CloudBase (node-sdk test/database/unit/transaction.test.ts)', () => {
  it('where().get() inside a transaction sees its own inserts and the committed documents', async () => {
    const { db, stock, _ } = setup();
    await seedStock(stock);
    const t = await db.startTransaction();
    const added = (await t.collection('stock').add([{ category: 'a' }, { category: 'b' }])) as { ids: string[] };
    expect(added.ids).toHaveLength(2);
    const inside = await t
      .collection('stock')
      .where(_.or([{ category: 'a' }, { category: 'b' }, { category: 'Mobile' }]))
      .get();
    expect((inside.data as { category: string }[]).map((d) => d.category).sort()).toEqual(['Mobile', 'a', 'b']);
    expect((await stock.where({ category: 'a' }).get()).data).toEqual([]);
    await t.commit();
    expect((await stock.where({ category: 'a' }).get()).data).toHaveLength(1);
  });

  it('where().get() inside a transaction leaves out what it removed and orders and limits its view', async () => {
    const { db, stock } = setup();
    await seedStock(stock);
    const t = await db.startTransaction();
    const removed = await t.collection('stock').doc('2').remove();
    expect(removed).toMatchObject({ deleted: 1 });
    await t.collection('stock').doc('1').update({ n: 10 });
    const view = await t.collection('stock').where({}).orderBy('n', 'desc').limit(2).get();
    expect((view.data as { _id: string; n: number }[]).map((d) => [d._id, d.n])).toEqual([
      ['1', 10],
      ['3', 3],
    ]);
    await t.rollback();
  });

  it('updateAndReturn inside a transaction changes the first match, seen only after commit', async () => {
    const { db, stock } = setup();
    await seedStock(stock);
    const t = await db.startTransaction();
    const res = (await t.collection('stock').where({ category: 'Mobile' }).updateAndReturn({ category: 'mobile' })) as {
      updated: number;
      doc: { _id: string; category: string };
    };
    expect(res).toMatchObject({ updated: 1, doc: { _id: '3', category: 'mobile' } });
    expect((await stock.doc('3').get()).data[0].category).toBe('Mobile');
    await t.commit();
    expect((await stock.doc('3').get()).data[0].category).toBe('mobile');
  });

  it('a transaction reads the snapshot of its first read; only writing a document changed since then conflicts', async () => {
    const { db, stock } = setup();
    await seedStock(stock);
    const t = await db.startTransaction();
    expect((await t.collection('stock').doc('1').get()).data).toMatchObject({ n: 1 });
    expect(await stock.doc('1').set({ category: 'changed', n: 100 })).toMatchObject({ updated: 1 });
    expect(await stock.doc('2').remove()).toMatchObject({ deleted: 1 });
    expect(await stock.add({ _id: '4', category: 'Web', n: 4 })).toMatchObject({ id: '4' });
    // The snapshot: doc 1 as it was, doc 2 still there, doc 4 not yet.
    expect((await t.collection('stock').doc('1').get()).data).toMatchObject({ category: 'Web', n: 1 });
    expect((await t.collection('stock').doc('2').get()).data).toMatchObject({ n: 2 });
    expect((await t.collection('stock').doc('4').get()).data).toBeNull();
    const web = await t.collection('stock').where({ category: 'Web' }).orderBy('n', 'asc').get();
    expect((web.data as { _id: string }[]).map((d) => d._id)).toEqual(['1', '2']);
    // Writing a document nobody else touched is fine; writing one changed since the snapshot is a conflict.
    expect(await t.collection('stock').doc('3').update({ n: 30 })).toMatchObject({ updated: 1 });
    await expect(t.collection('stock').doc('1').update({ n: 2 })).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
      message:
        '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
    });
    expect((await stock.doc('3').get()).data[0].n).toBe(3);
  });

  it('a transaction idle since it started sees writes made before its first operation', async () => {
    const { db, stock } = setup();
    await seedStock(stock);
    await db.runTransaction(async (t: Transaction) => {
      expect(await stock.add({ _id: 'k', key: 'a', value: 7 })).toMatchObject({ id: 'k' });
      const found = await t.collection('stock').where({ key: 'a' }).get();
      expect(found.data).toHaveLength(1);
      const outside = (await t.collection('stock').where({ key: 'a', value: 7 }).update({ value: 8 })) as { updated: number };
      expect(outside.updated).toBe(1);
    });
    expect((await stock.doc('k').get()).data[0].value).toBe(8);
  });

  it('a committed or aborted transaction used again fails with CloudBase message', async () => {
    const { db } = setup();
    const t = await db.startTransaction();
    await t.commit();
    await expect(t.collection('stock').doc('1').set({ category: 'x' })).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
      message:
        '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
    });
  });
});

describe('writes answer like CloudBase (node-sdk test/database/index.test.ts)', () => {
  it('a field name starting with $ is refused on add and set, and nothing is written', async () => {
    const { things } = setup();
    await expect(things.add({ $_key: 1 })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await expect(things.add({ ok: 1, nested: [{ $bad: 1 }] })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
      message: expect.stringContaining('nested[0].$bad'),
    });
    await expect(things.doc('x').set({ $x: 1 })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect((await things.count()).total).toBe(0);
  });

  it('updateAndReturn that leaves the document as it was still reports it updated', async () => {
    const { things } = setup();
    expect(await things.add({ _id: 'a', a: 1 })).toMatchObject({ id: 'a' });
    const res = (await things.where({ _id: 'a' }).updateAndReturn({ a: 1 })) as { updated: number; doc: { a: number } };
    expect(res).toMatchObject({ updated: 1, doc: { _id: 'a', a: 1 } });
  });

  it('with throwOnCode: false a failed request resolves to { code, message } instead of throwing', async () => {
    installLocalRequestClass();
    const engine = new Engine({ filename: ':memory:', collections: COLLECTIONS });
    const app = tcb.init({ env: 'local', throwOnCode: false });
    const db = app.database({ [LOCAL_ENGINE]: engine } as object);
    const res = (await db.collection('things').add({ $_key: 1 })) as { code?: string; message?: string };
    expect(res).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('$') });
    const missing = (await db.collection('nowhere').get()) as { code?: string };
    expect(missing.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    const thrower = tcb.init({ env: 'local' }).database({ [LOCAL_ENGINE]: engine } as object);
    await expect(thrower.collection('nowhere').get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });
});

describe('sorting follows the BSON order of types (MongoDB: null, numbers, strings, objects, arrays, booleans, dates)', () => {
  const values = [
    { _id: 'str', v: 'x' },
    { _id: 'two', v: 2 },
    { _id: 'true', v: true },
    { _id: 'null', v: null },
    { _id: 'missing' },
    { _id: 'date', v: new Date(0) },
    { _id: 'one.5', v: 1.5 },
    { _id: 'false', v: false },
  ];

  it('an indexed field holding numbers, strings, booleans and dates sorts by type first, both ways', async () => {
    const { db } = setup();
    const ranked = db.collection('ranked');
    expect(await ranked.add(values)).toMatchObject({ ids: values.map((v) => v._id) });
    const asc = await ranked.where({}).orderBy('v', 'asc').get();
    expect(asc.data.map((d) => d._id)).toEqual(['null', 'missing', 'one.5', 'two', 'str', 'false', 'true', 'date']);
    const desc = await ranked.where({}).orderBy('v', 'desc').limit(3).get();
    expect(desc.data.map((d) => d._id)).toEqual(['date', 'true', 'false']);
  });

  it('a field that may hold arrays and objects sorts arrays by their least element ascending and greatest descending', async () => {
    const { things } = setup();
    const more = [...values, { _id: 'obj', v: { a: 1 } }, { _id: 'arr', v: [1, 9] }];
    expect(await things.add(more)).toMatchObject({ ids: more.map((v) => v._id) });
    const asc = await things.where({}).orderBy('v', 'asc').get();
    expect(asc.data.map((d) => d._id)).toEqual(['null', 'missing', 'arr', 'one.5', 'two', 'str', 'obj', 'false', 'true', 'date']);
    const desc = await things.where({}).orderBy('v', 'desc').get();
    expect(desc.data.map((d) => d._id)).toEqual(['date', 'true', 'false', 'obj', 'str', 'arr', 'two', 'one.5', 'null', 'missing']);
  });
});

describe('query and aggregation operators answer as MongoDB does (node-sdk advanced-operator, command, aggregation tests)', () => {
  const tagged = [
    { _id: 'strings', tags: ['Go', 'C#'] },
    { _id: 'numbers', tags: [1, 2, 3, 7] },
    { _id: 'embedded', tags: [{ value: 1 }, { value: 7 }] },
  ];

  it('$elemMatch with field conditions matches only arrays of documents; conditions on the element itself match plain values', async () => {
    const { things, _ } = setup();
    expect(await things.add(tagged)).toMatchObject({ ids: ['strings', 'numbers', 'embedded'] });
    const ids = async (q: object) => (await things.where(q).get()).data.map((d) => d._id);
    expect(await ids({ tags: _.elemMatch({ value: _.gt(0) }) })).toEqual(['embedded']);
    expect(await ids({ tags: _.elemMatch({ value: _.exists(true) }) })).toEqual(['embedded']);
    // `_.mod` is typed without arguments; the SDK takes [divisor, remainder].
    expect(await ids({ tags: _.elemMatch({ value: (_.mod as (v: number[]) => unknown)([4, 3]) }) })).toEqual(['embedded']);
    expect(await ids({ tags: _.elemMatch(_.gt(5)) })).toEqual(['numbers']);
    expect(await ids({ tags: _.elemMatch(_.eq('Go')) })).toEqual(['strings']);
  });

  it('$jsonSchema filters documents, with MongoDB bsonType', async () => {
    const { things, _ } = setup();
    expect(
      await things.add([
        { _id: 'a', category: 'x', n: 1 },
        { _id: 'b', n: 'one' },
        { _id: 'c', category: 'y', n: 2.5 },
      ]),
    ).toMatchObject({
      ids: ['a', 'b', 'c'],
    });
    const has = await things.where(_.jsonSchema({ required: ['category'] })).get();
    expect(has.data.map((d) => d._id)).toEqual(['a', 'c']);
    const none = await things.where(_.nor([_.jsonSchema({ required: ['category'] })])).get();
    expect(none.data.map((d) => d._id)).toEqual(['b']);
    const ints = await things.where(_.jsonSchema({ properties: { n: { bsonType: 'int' } } })).get();
    expect(ints.data.map((d) => d._id)).toEqual(['a']);
  });

  it('$week counts from the first Sunday (week 0 before it), $substr takes the rest for a negative length, $indexOfCP counts code points', async () => {
    const { things, db } = setup();
    const $ = db.command.aggregate;
    expect(
      await things.add({
        _id: 'd',
        at: new Date('2019-05-14T09:38:51.686Z'),
        jan: new Date('2019-01-05T00:00:00Z'),
        s: '1999-12-12',
        cn: '党支部a组',
      }),
    ).toMatchObject({
      id: 'd',
    });
    const res = await things
      .aggregate()
      .project({
        _id: 0,
        week: $.week('$at'),
        weekZero: $.week('$jan'),
        day: $.substr(['$s', 8, -1]),
        dayBytes: $.substrBytes(['$s', 5, -1]),
        year: $.substr(['$s', 0, 4]),
        cp: $.indexOfCP(['$cn', 'a']),
        bytes: $.indexOfBytes(['$cn', 'a']),
        none: $.indexOfCP(['$cn', 'z']),
      })
      .end();
    expect(res.data).toEqual([{ week: 19, weekZero: 0, day: '12', dayBytes: '12-12', year: '1999', cp: 3, bytes: 9, none: -1 }]);
  });

  it('a regular expression with the x flag ignores whitespace and comments in the pattern; aggregation $match takes regular expressions', async () => {
    const { things, db } = setup();
    expect(
      await things.add([
        { _id: '1', name: 'Alice Wang' },
        { _id: '2', name: 'Bob' },
      ]),
    ).toMatchObject({ ids: ['1', '2'] });
    const extended = await things.where({ name: db.RegExp({ regexp: 'al ice  # the first name\n \\sw', options: 'ix' }) }).get();
    expect(extended.data.map((d) => d._id)).toEqual(['1']);
    const matched = await things.aggregate().match({ name: /^bo/i }).end();
    expect((matched.data as { _id: string }[]).map((d) => d._id)).toEqual(['2']);
  });
});

describe('_id and ObjectId as CloudBase keeps them (node-sdk oid.test.ts)', () => {
  const hex1 = '64b7f0c2a1b2c3d4e5f60718';
  const hex2 = '64b7f0c2a1b2c3d4e5f60719';

  it('an ObjectId _id is accepted, answered as its hex string, found by it, and joined by $lookup', async () => {
    const { db, things, stock } = setup();
    const added = (await things.add({ _id: db.ObjectId({ id: hex1 }), ref: db.ObjectId({ id: hex2 }), name: 'a' })) as { id: string };
    expect(added.id).toBe(hex1);
    expect(await stock.add({ _id: db.ObjectId({ id: hex2 }), name: 'b' })).toMatchObject({ id: hex2 });
    const byField = await things.where({ ref: db.ObjectId({ id: hex2 }) }).get();
    expect(byField.data).toEqual([{ _id: hex1, ref: hex2, name: 'a' }]);
    expect((await things.where({ ref: hex2 }).get()).data).toEqual([]);
    expect((await things.doc(hex1).get()).data).toEqual([{ _id: hex1, ref: hex2, name: 'a' }]);
    const matched = await things
      .aggregate()
      .match({ ref: db.ObjectId({ id: hex2 }) })
      .end();
    expect((matched.data as { _id: string }[]).map((d) => d._id)).toEqual([hex1]);
    const joined = await things.aggregate().lookup({ from: 'stock', localField: 'ref', foreignField: '_id', as: 'refs' }).end();
    expect(joined.data).toEqual([{ _id: hex1, ref: hex2, name: 'a', refs: [{ _id: hex2, name: 'b' }] }]);
    expect(await things.doc(hex1).update({ name: 'a2' })).toMatchObject({ updated: 1 });
    expect((await things.where({ _id: db.ObjectId({ id: hex1 }) }).get()).data).toEqual([{ _id: hex1, ref: hex2, name: 'a2' }]);
  });

  it('an ObjectId in a $geoNear query and in a $lookup pipeline is compared by equality, as in a where()', async () => {
    const { db, things, stock } = setup();
    const owner = (hex: string) => db.ObjectId({ id: hex });
    const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });
    expect(
      await things.add([
        { _id: 'v1', owner: owner(hex1), loc: point(121.474, 31.231) },
        { _id: 'v2', owner: owner(hex2), loc: point(121.48, 31.235) },
      ]),
    ).toMatchObject({ ids: ['v1', 'v2'] });
    expect(await stock.add([{ _id: 's1', owner: owner(hex2), name: '二号的' }])).toMatchObject({ ids: ['s1'] });
    const near = await things
      .aggregate()
      .geoNear({ near: new db.Geo.Point(121.4737, 31.2304), spherical: true, distanceField: 'd', query: { owner: owner(hex2) } })
      .end();
    expect((near.data as { _id: string }[]).map((d) => d._id)).toEqual(['v2']);
    const $ = db.command.aggregate;
    const joined = await things
      .aggregate()
      .match({ _id: 'v1' })
      .lookup({
        from: 'stock',
        pipeline: $.pipeline()
          .match({ owner: owner(hex2) })
          .done(),
        as: 'theirs',
      })
      .end();
    expect(joined.data).toEqual([{ _id: 'v1', owner: hex1, loc: expect.anything(), theirs: [{ _id: 's1', owner: hex2, name: '二号的' }] }]);
  });

  it('a numeric _id stays a number', async () => {
    const { things, _ } = setup();
    expect(await things.add({ _id: 7, name: 'seven' })).toMatchObject({ id: 7 });
    const got = await things.where({ _id: 7 }).get();
    expect(got.data).toEqual([{ _id: 7, name: 'seven' }]);
    expect(typeof got.data[0]!._id).toBe('number');
    expect((await things.where({ _id: '7' }).get()).data).toEqual([]);
    expect((await things.where({ _id: _.gt(5) }).get()).data).toHaveLength(1);
  });
});

describe('geo queries as CloudBase answers them (node-sdk geo-advanced.test.ts, aggregation geoNear)', () => {
  // Synthetic venues around a square; distances from it on MongoDB's sphere (radius 6,378,100 m).
  const square = [121.4737, 31.2304];
  const venues = [
    { _id: 'far', name: '远处', loc: { type: 'Point', coordinates: [121.5, 31.3] } },
    { _id: 'near', name: '近处', loc: { type: 'Point', coordinates: [121.474, 31.231] } },
    { _id: 'mid', name: '中间', loc: { type: 'Point', coordinates: [121.48, 31.235] } },
    { _id: 'nowhere', name: '没有位置' },
  ];

  async function seeded() {
    const s = setup();
    expect(await s.things.add(venues)).toMatchObject({ ids: venues.map((v) => v._id) });
    return s;
  }

  it('geoNear (a $nearSphere) finds points within a distance, nearest first, and reads them back as Geo.Point', async () => {
    const { things, db, _ } = await seeded();
    const here = new db.Geo.Point(square[0]!, square[1]!);
    const within1km = await things.where({ loc: _.geoNear({ geometry: here, maxDistance: 1000 }) }).get();
    expect(within1km.data.map((d) => d._id)).toEqual(['near', 'mid']);
    expect(within1km.data[0]!.loc).toBeInstanceOf(db.Geo.Point);
    const all = await things
      .where({ loc: _.geoNear({ geometry: here }) })
      .limit(2)
      .get();
    expect(all.data.map((d) => d._id)).toEqual(['near', 'mid']);
    const beyond = await things.where({ loc: _.geoNear({ geometry: here, minDistance: 1000 }) }).get();
    expect(beyond.data.map((d) => d._id)).toEqual(['far']);
    const ordered = await things
      .where({ loc: _.geoNear({ geometry: here }) })
      .orderBy('name', 'asc')
      .get();
    expect(ordered.data.map((d) => d._id).sort()).toEqual(['far', 'mid', 'near']);
  });

  it('geoWithin a polygon or a centerSphere, and geoIntersects a line, match the points inside', async () => {
    const { things, db, _ } = await seeded();
    // The SDK's typings list only Point; LineString and Polygon are there at run time.
    const { Point, LineString, Polygon } = db.Geo as unknown as Record<
      'Point' | 'LineString' | 'Polygon',
      new (...args: unknown[]) => object
    >;
    const box = new Polygon([
      new LineString([
        new Point(121.47, 31.228),
        new Point(121.477, 31.228),
        new Point(121.477, 31.233),
        new Point(121.47, 31.233),
        new Point(121.47, 31.228),
      ]),
    ]);
    expect((await things.where({ loc: _.geoWithin({ geometry: box }) }).get()).data.map((d) => d._id)).toEqual(['near']);
    const circle = await things.where({ loc: _.geoWithin({ centerSphere: [new Point(square[0]!, square[1]!), 1 / 6378.1] }) }).get();
    expect(circle.data.map((d) => d._id)).toEqual(['near', 'mid']);
    const crossing = await things
      .where({ loc: _.geoIntersects({ geometry: new LineString([new Point(121.474, 31.22), new Point(121.474, 31.24)]) }) })
      .get();
    expect(crossing.data.map((d) => d._id)).toEqual(['near']);
  });

  it('a point outside longitude -180..180 is a database error, not a silent empty answer', async () => {
    const { things } = await seeded();
    // The SDK checks what it builds; a raw query (`options({ raw: true })`) reaches the database unchecked.
    const raw = (q: object) => (things as unknown as { options(o: object): typeof things }).options({ raw: true }).where(q).get();
    await expect(raw({ loc: { $geoWithin: { $centerSphere: [[-288, 30], 0.001] } } })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
      message: expect.stringContaining('经度'),
    });
    await expect(
      raw({ loc: { $nearSphere: { $geometry: { type: 'Point', coordinates: [121, 95] }, $maxDistance: 5 } } }),
    ).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    });
    await expect(
      raw({ loc: { $nearSphere: { $geometry: { type: 'Point', coordinates: [121, 31] }, $maxDistance: -1 } } }),
    ).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    });
  });

  it('the $geoNear stage gives the distance CloudBase gives, to the last digit, after its query', async () => {
    const { things, db, _ } = setup();
    const at = new Date('2026-06-01T00:00:00Z');
    const places = [
      { _id: 'g0', city: 'Guangzhou', at, location: { type: 'Point', coordinates: [113.30593, 23.1361155] } },
      {
        _id: 'g1',
        city: 'Hangzhou',
        at: new Date(at.getTime() - 1000),
        location: { type: 'Point', coordinates: [113.306789, 23.1564721] },
      },
      {
        _id: 'g2',
        city: 'Beijing',
        at: new Date(at.getTime() + 1000),
        location: { type: 'Point', coordinates: [116.3949659, 39.9163447] },
      },
    ];
    expect(await things.add(places)).toMatchObject({ ids: ['g0', 'g1', 'g2'] });
    const res = await things
      .aggregate()
      .geoNear({
        distanceField: 'distance',
        spherical: true,
        near: new db.Geo.Point(113.3089506, 23.0968251),
        query: { city: /zhou/, at: _.lt(at) },
        key: 'location',
        includeLocs: 'where',
      })
      .end();
    expect(res.data).toHaveLength(1);
    expect(res.data[0]).toMatchObject({
      _id: 'g1',
      distance: 6643.521654040738,
      where: { type: 'Point', coordinates: [113.306789, 23.1564721] },
    });
    const all = await things
      .aggregate()
      .geoNear({ distanceField: 'd', near: new db.Geo.Point(113.3089506, 23.0968251), maxDistance: 10_000 })
      .end();
    expect((all.data as { _id: string }[]).map((d) => d._id)).toEqual(['g0', 'g1']);
  });
});

describe('a geo-indexed field (the indexed-point model: CloudBase geo-indexes points)', () => {
  it('a bounded geoNear searches the point index and still answers exactly, across the antimeridian too', async () => {
    const { db, engine, _ } = setup();
    const venues = db.collection('venues');
    const points = [
      { _id: 'square', loc: { type: 'Point', coordinates: [121.4737, 31.2304] } },
      { _id: 'near', loc: { type: 'Point', coordinates: [121.474, 31.231] } },
      { _id: 'corner', loc: { type: 'Point', coordinates: [121.4737 + 0.0095, 31.2304 + 0.0085] } },
      { _id: 'far', loc: { type: 'Point', coordinates: [121.5, 31.3] } },
      { _id: 'east', loc: { type: 'Point', coordinates: [179.999, 0] } },
      { _id: 'west', loc: { type: 'Point', coordinates: [-179.999, 0] } },
      { _id: 'nowhere' },
    ];
    expect(await venues.add(points)).toMatchObject({ ids: points.map((p) => p._id) });
    const here = new db.Geo.Point(121.4737, 31.2304);
    const near = await venues.where({ loc: _.geoNear({ geometry: here, maxDistance: 1000 }) }).get();
    // 'corner' is inside the box around the 1 km circle but 1.3 km away: the exact test leaves it out.
    expect(near.data.map((d) => d._id)).toEqual(['square', 'near']);
    const plan = engine.explain('venues', {
      loc: { $nearSphere: { $geometry: { type: 'Point', coordinates: [121.4737, 31.2304] }, $maxDistance: 1000 } },
    });
    expect(plan.sqlite.join(' ')).toContain('g_venues_loc');
    const dateline = await venues.where({ loc: _.geoNear({ geometry: new db.Geo.Point(180, 0), maxDistance: 500 }) }).get();
    expect(dateline.data.map((d) => d._id).sort()).toEqual(['east', 'west']);
    const circle = await venues.where({ loc: _.geoWithin({ centerSphere: [here, 2 / 6378.1] }) }).get();
    expect(circle.data.map((d) => d._id)).toEqual(['square', 'near', 'corner']);
  });

  it('a geo-indexed field takes only GeoJSON points, and nothing is written otherwise', async () => {
    const { db } = setup();
    const venues = db.collection('venues');
    await expect(
      venues.add({
        _id: 'line',
        loc: {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    await expect(venues.add({ _id: 'pair', loc: [121, 31] })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    await expect(venues.add({ _id: 'bad', loc: { type: 'Point', coordinates: [200, 31] } })).rejects.toMatchObject({
      code: 'INVALID_PARAM',
    });
    expect((await venues.count()).total).toBe(0);
  });
});
