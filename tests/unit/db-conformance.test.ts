/**
 * Drives the real `@cloudbase/database` SDK (the one `@cloudbase/node-sdk` returns from `app.database()`)
 * against the local engine, operation by operation.
 */
import { memoryDb } from '../helpers/db';
import type { CollectionSpec } from '../../local/db/schema';
type Transaction = Awaited<ReturnType<ReturnType<typeof memoryDb>['db']['startTransaction']>>;

const COLLECTIONS: CollectionSpec[] = [
  {
    name: 'people',
    indexes: [
      { name: 'branch_age', keys: { branchId: 1, age: -1 } },
      { name: 'openid', keys: { openid: 1 }, unique: true },
    ],
  },
  { name: 'branches', indexes: [] },
  { name: 'events', indexes: [{ name: 'key_at', keys: { key: 1, at: -1 } }] },
  { name: 'stock', indexes: [] },
];

type Person = { _id: string; name: string; age: number; branchId?: string; openid?: string; tags?: string[] };

const FIXED = new Date('2026-03-01T08:00:00.000Z');

function setup() {
  const { engine, db } = memoryDb(COLLECTIONS, () => FIXED);
  return { engine, db, _: db.command, people: db.collection('people') };
}

async function seedPeople(people: ReturnType<typeof setup>['people']) {
  const rows = [
    { _id: 'p1', name: '张三', age: 30, branchId: 'b1', openid: 'o1', tags: ['a', 'b'] },
    { _id: 'p2', name: '李四', age: 45, branchId: 'b1', openid: 'o2', tags: ['b'] },
    { _id: 'p3', name: '王五', age: 25, branchId: 'b2', openid: 'o3', tags: [] },
    { _id: 'p4', name: '赵六', age: 60, branchId: 'b2', openid: 'o4' },
    { _id: 'p5', name: 'Alice', age: 38, branchId: 'b1', openid: 'o5', tags: ['c'] },
  ];
  const res = (await people.add(rows)) as { ids: string[] };
  expect(res.ids).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
}

describe('add', () => {
  it('adds one document with a generated 32-hex id and reads it back', async () => {
    const { people } = setup();
    const res = (await people.add({ name: '张三', age: 30 })) as { id: string };
    expect(res.id).toMatch(/^[0-9a-f]{32}$/);
    const got = await people.doc(res.id).get();
    expect(got.data).toEqual([{ _id: res.id, name: '张三', age: 30 }]);
  });

  it('adds many documents at once and keeps dates as dates', async () => {
    const { db } = setup();
    const people = db.collection('branches');
    const when = new Date('2026-01-02T03:04:05.678Z');
    const res = (await people.add([
      { name: 'a', age: 1, when },
      { name: 'b', age: 2.5 },
    ])) as { ids: string[] };
    expect(res.ids).toHaveLength(2);
    const { data } = await people.where({ name: 'a' }).get();
    expect(data[0].when).toBeInstanceOf(Date);
    expect((data[0].when as Date).toISOString()).toBe(when.toISOString());
    expect((await people.doc(res.ids[1]!).get()).data[0].age).toBe(2.5);
  });

  it('stamps serverDate with the server clock and its offset', async () => {
    const { db, people } = setup();
    const res = (await people.add({ name: 'x', at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) })) as { id: string };
    const [doc] = (await people.doc(res.id).get()).data;
    expect(doc.at).toEqual(FIXED);
    expect(doc.later).toEqual(new Date(FIXED.getTime() + 60_000));
  });
});

describe('queries', () => {
  it('where + orderBy + skip + limit + field', async () => {
    const { people } = setup();
    await seedPeople(people);
    const { data } = await people.where({ branchId: 'b1' }).orderBy('age', 'desc').skip(1).limit(1).field({ name: true }).get();
    expect(data).toEqual([{ _id: 'p5', name: 'Alice' }]);
  });

  it('orders by several fields', async () => {
    const { people } = setup();
    await seedPeople(people);
    const { data } = await people.orderBy('branchId', 'asc').orderBy('age', 'asc').get();
    expect(data.map((d: Person) => d._id)).toEqual(['p1', 'p5', 'p2', 'p3', 'p4']);
  });

  it('supports the db.command query operators', async () => {
    const { people, _, db } = setup();
    await seedPeople(people);
    const ids = async (q: object) => ((await people.where(q).orderBy('_id', 'asc').get()).data as Person[]).map((d) => d._id);
    expect(await ids({ age: _.gt(30).and(_.lte(45)) })).toEqual(['p2', 'p5']);
    expect(await ids({ age: _.in([25, 60]) })).toEqual(['p3', 'p4']);
    expect(await ids({ age: _.nin([25, 60, 30]) })).toEqual(['p2', 'p5']);
    expect(await ids({ branchId: _.neq('b1') })).toEqual(['p3', 'p4']);
    expect(await ids({ tags: _.exists(false) })).toEqual(['p4']);
    expect(await ids({ tags: _.size(0) })).toEqual(['p3']);
    expect(await ids({ tags: _.all(['a', 'b']) })).toEqual(['p1']);
    expect(await ids({ tags: 'b' })).toEqual(['p1', 'p2']);
    expect(await ids(_.or([{ age: _.lt(26) }, { name: 'Alice' }]))).toEqual(['p3', 'p5']);
    expect(await ids({ name: db.RegExp({ regexp: '^al', options: 'i' }) })).toEqual(['p5']);
    expect(await ids({ name: /^王/ })).toEqual(['p3']);
  });

  it('matches nested objects by path and arrays with elemMatch', async () => {
    const { db, _ } = setup();
    const people = db.collection('branches');
    await people.add([
      { _id: 'n1', name: 'n1', age: 1, profile: { city: '上海', edu: [{ level: '本科', year: 2010 }] } },
      { _id: 'n2', name: 'n2', age: 2, profile: { city: '北京', edu: [{ level: '硕士', year: 2015 }] } },
    ]);
    expect((await people.where({ profile: { city: '北京' } }).get()).data.map((d: Person) => d._id)).toEqual(['n2']);
    expect((await people.where({ 'profile.city': '上海' }).get()).data.map((d: Person) => d._id)).toEqual(['n1']);
    const em = await people.where({ 'profile.edu': _.elemMatch({ level: '硕士', year: _.gte(2015) }) }).get();
    expect(em.data.map((d: Person) => d._id)).toEqual(['n2']);
  });

  it('counts', async () => {
    const { people, _ } = setup();
    await seedPeople(people);
    expect((await people.where({ branchId: 'b1' }).count()).total).toBe(3);
    expect((await people.where({ age: _.gte(40) }).count()).total).toBe(2);
    expect((await people.count()).total).toBe(5);
  });

  it('returns 100 documents by default and at most 1000', async () => {
    const { db } = setup();
    const stock = db.collection('stock');
    const rows = Array.from({ length: 1100 }, (_, i) => ({ i }));
    for (let i = 0; i < rows.length; i += 500) await stock.add(rows.slice(i, i + 500));
    expect((await stock.get()).data).toHaveLength(100);
    expect((await stock.limit(5000).get()).data).toHaveLength(1000);
    const page = await stock.orderBy('i', 'asc').skip(1090).limit(20).get();
    expect(page.data.map((d: { i: number }) => d.i)).toEqual([1090, 1091, 1092, 1093, 1094, 1095, 1096, 1097, 1098, 1099]);
  });

  it('an indexed equality query + sort uses the index and does not scan the collection', async () => {
    const { engine, people } = setup();
    await seedPeople(people);
    const { plan, sqlite } = engine.explain('people', { branchId: 'b1' }, { order: { age: -1 }, limit: 20 });
    expect(plan.index).toBe('branch_age');
    expect(sqlite.join(' ')).toMatch(/USING INDEX i_people_branch_age/);
    expect(sqlite.join(' ')).not.toMatch(/SCAN/);
    const { data } = await people.where({ branchId: 'b1' }).orderBy('age', 'desc').limit(20).get();
    expect(data.map((d: Person) => d.age)).toEqual([45, 38, 30]);
  });

  it('equality and $in on indexed fields are decided by SQLite alone; arrays and other fields still follow MongoDB', async () => {
    const { engine, people, _ } = setup();
    await seedPeople(people);
    await people.add({ _id: 'p6', name: '钱七', age: 45, branchId: 'b3', openid: 'o6', tags: ['b'] });
    // openid (its own index) + branchId $in (in another index): covered, no mingo pass.
    const covered = engine.explain('people', { openid: 'o2', branchId: { $in: ['b1', 'b3'] } });
    expect(covered.plan).toMatchObject({ covered: true, index: 'openid' });
    expect((await people.where({ openid: 'o2', branchId: _.in(['b1', 'b3']) }).get()).data.map((d: Person) => d._id)).toEqual(['p2']);
    expect((await people.where({ openid: 'o2', branchId: _.in(['b2']) }).get()).data).toEqual([]);
    expect((await people.where({ branchId: _.in([]) }).get()).data).toEqual([]);
    // Numbers in $in keep their type: 45 matches, '45' does not.
    expect((await people.where({ age: _.in([45]), branchId: 'b1' }).get()).data.map((d: Person) => d._id)).toEqual(['p2']);
    expect((await people.where({ age: _.in(['45']), branchId: 'b1' }).get()).data).toEqual([]);
    // tags is in no index and holds arrays: MongoDB's element match still applies.
    const arrays = engine.explain('people', { branchId: 'b1', tags: 'b' });
    expect(arrays.plan.covered).toBe(false);
    expect((await people.where({ branchId: _.in(['b1', 'b3']), tags: 'b' }).get()).data.map((d: Person) => d._id)).toEqual([
      'p1',
      'p2',
      'p6',
    ]);
    // A mixed $in goes to mingo too.
    expect(engine.explain('people', { branchId: { $in: ['b1', 1] } }).plan.covered).toBe(false);
  });

  it('dates within one second sort by their milliseconds, whole seconds included (indexes compare the stored text)', async () => {
    const { db } = setup();
    const events = db.collection('events');
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 5, 8, 0, 0, ms));
    await events.add([
      { _id: 'late', key: 'k', at: at(500) },
      { _id: 'whole', key: 'k', at: at(0) },
      { _id: 'early', key: 'k', at: at(7) },
    ]);
    const { data } = await events.where({ key: 'k' }).orderBy('at', 'asc').get();
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['whole', 'early', 'late']);
    expect((await events.where({ key: 'k', at: db.command.lte(at(0)) }).get()).data.map((d: { _id: string }) => d._id)).toEqual(['whole']);
  });

  it('date ranges on an indexed field are decided by SQLite, newest first with a limit, and match only dates', async () => {
    const { engine, db, _ } = setup();
    const events = db.collection('events');
    const day = (d: number) => new Date(Date.UTC(2026, 0, d, 8));
    await events.add([
      ...Array.from({ length: 20 }, (_v, i) => ({ _id: `e${i + 1}`, key: 'k1', at: day(i + 1) })),
      { _id: 'other', key: 'k2', at: day(5) },
      { _id: 'text', key: 'k1', at: '2026-01-05' },
      { _id: 'none', key: 'k1' },
    ]);
    const query = { key: 'k1', at: { $gte: day(5), $lt: day(10) } };
    expect(engine.explain('events', query).plan).toMatchObject({ covered: true, index: 'key_at' });
    const { data } = await events
      .where({ key: 'k1', at: _.gte(day(5)).and(_.lt(day(10))) })
      .orderBy('at', 'desc')
      .limit(3)
      .get();
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['e9', 'e8', 'e7']);
    expect((await events.where({ key: 'k1', at: _.lte(day(2)) }).get()).data.map((d: { _id: string }) => d._id)).toEqual(['e1', 'e2']);
    expect((await events.where({ key: _.in(['k1', 'k2']), at: _.gt(day(19)) }).get()).data.map((d: { _id: string }) => d._id)).toEqual([
      'e20',
    ]);
    // A string bound matches strings only, as in MongoDB.
    expect((await events.where({ key: 'k1', at: _.gte('2026') }).get()).data.map((d: { _id: string }) => d._id)).toEqual(['text']);
  });

  it('an indexed query with more conditions still filters them', async () => {
    const { people, _ } = setup();
    await seedPeople(people);
    const { data } = await people
      .where({ branchId: 'b1', age: _.lt(40) })
      .orderBy('age', 'asc')
      .get();
    expect(data.map((d: Person) => d._id)).toEqual(['p1', 'p5']);
  });

  it('an indexed equality keeps MongoDB types apart: 1 is not true and 5 is not "5"', async () => {
    const { db } = setup();
    const people = db.collection('people');
    await people.add([
      { _id: 't1', name: 'a', age: 1, branchId: 1 as unknown as string, openid: 't1' },
      { _id: 't2', name: 'b', age: 1, branchId: true as unknown as string, openid: 't2' },
      { _id: 't3', name: 'c', age: 1, branchId: '1', openid: 't3' },
    ]);
    expect((await people.where({ branchId: 1 }).get()).data.map((d: Person) => d._id)).toEqual(['t1']);
    expect((await people.where({ branchId: '1' }).get()).data.map((d: Person) => d._id)).toEqual(['t3']);
    expect((await people.where({ branchId: 1 }).count()).total).toBe(1);
  });

  it('equality queries of one shape, planned once, each answer with their own values, kinds and key order', async () => {
    const { db, engine } = setup();
    const people = db.collection('people');
    await people.add([
      { _id: 'k1', name: 'a', age: 30, branchId: 'b1', openid: 'k1' },
      { _id: 'k2', name: 'b', age: 30, branchId: 'b2', openid: 'k2' },
      { _id: 'k3', name: 'c', age: 40, branchId: 'b1', openid: 'k3' },
      { _id: 'k4', name: 'd', age: 30, branchId: 1 as unknown as string, openid: 'k4' },
      { _id: 7 as unknown as string, name: 'e', age: 30, branchId: 'b1', openid: 'k5' },
    ]);
    const ids = async (q: Record<string, unknown>) => (await people.where(q).get()).data.map((d: Person) => d._id);
    for (let round = 0; round < 2; round += 1) {
      expect(await ids({ branchId: 'b1', age: 30 })).toEqual(['k1', 7]);
      expect(await ids({ branchId: 'b2', age: 30 })).toEqual(['k2']);
      expect(await ids({ branchId: 'b1', age: 40 })).toEqual(['k3']);
      expect(await ids({ age: 30, branchId: 'b1' })).toEqual(['k1', 7]);
      expect(await ids({ branchId: 1, age: 30 })).toEqual(['k4']);
      expect(await ids({ branchId: 'b1', name: 'c' })).toEqual(['k3']);
      expect(await ids({ branchId: 'b1', name: 'a' })).toEqual(['k1']);
      expect(await ids({ _id: 'k2' })).toEqual(['k2']);
      expect(await ids({ _id: 7 })).toEqual([7]);
      expect(await ids({ _id: '7' })).toEqual([]);
      expect(await ids({ openid: 'k3', age: 40 })).toEqual(['k3']);
      expect(await ids({ openid: 'k3', age: 30 })).toEqual([]);
    }
    expect(engine.explain('people', { branchId: 'b2', age: 30 }).plan).toMatchObject({ index: 'branch_age', params: ['b2', 30] });
  });

  it('refuses arrays in an indexed field, so the index never misses a document', async () => {
    const { people } = setup();
    await expect(people.add({ name: 'x', age: 1, branchId: ['b1', 'b2'] })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    expect((await people.count()).total).toBe(0);
  });

  it('an unknown collection is an error', async () => {
    const { db } = setup();
    await expect(db.collection('nope').get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });
});

describe('documents', () => {
  it('doc().set replaces the whole document and upserts', async () => {
    const { people, db } = setup();
    await seedPeople(people);
    const r1 = await people.doc('p1').set({ name: '新名字', age: 31, openid: 'o1', at: db.serverDate() });
    expect(r1.updated).toBe(1);
    expect((await people.doc('p1').get()).data).toEqual([{ _id: 'p1', name: '新名字', age: 31, openid: 'o1', at: FIXED }]);
    const r2 = await people.doc('new1').set({ name: 'new', age: 1, openid: 'o-new' });
    expect(r2.upsertedId).toBe('new1');
    expect((await people.doc('new1').get()).data[0].name).toBe('new');
  });

  it('doc().update merges and applies update operators', async () => {
    const { people, _, db } = setup();
    await people.add({
      _id: 'u1',
      name: 'u',
      age: 30,
      score: 10,
      list: [1, 2, 3],
      set: ['a'],
      nested: { a: 1, b: 2 },
      gone: true,
    });
    const r = await people.doc('u1').update({
      age: _.inc(1),
      score: _.mul(3),
      list: _.push({ each: [0], position: 0, slice: 3 }),
      set: _.addToSet('b'),
      nested: { b: 20 },
      gone: _.remove(),
      at: db.serverDate(),
      newField: 'x',
    });
    expect(r.updated).toBe(1);
    const [doc] = (await people.doc('u1').get()).data;
    expect(doc).toEqual({
      _id: 'u1',
      name: 'u',
      age: 31,
      score: 30,
      list: [0, 1, 2],
      set: ['a', 'b'],
      nested: { a: 1, b: 20 },
      at: FIXED,
      newField: 'x',
    });
    await people.doc('u1').update({ list: _.pull(_.gt(0)), score: _.min(5), age: _.max(50) });
    const [doc2] = (await people.doc('u1').get()).data;
    expect(doc2.list).toEqual([0]);
    expect(doc2.score).toBe(5);
    expect(doc2.age).toBe(50);
    await people.doc('u1').update({ nested: _.set({ only: true }), list: _.pop() });
    const [doc3] = (await people.doc('u1').get()).data;
    expect(doc3.nested).toEqual({ only: true });
    expect(doc3.list).toEqual([]);
  });

  it('positional $ updates the matched array element', async () => {
    const { people } = setup();
    await people.add({
      _id: 'q',
      name: 'q',
      age: 1,
      items: [
        { k: 'a', v: 1 },
        { k: 'b', v: 2 },
      ],
    });
    const r = await people.where({ _id: 'q', 'items.k': 'b' }).update({ 'items.$.v': 9 });
    expect(r.updated).toBe(1);
    expect((await people.doc('q').get()).data[0].items).toEqual([
      { k: 'a', v: 1 },
      { k: 'b', v: 9 },
    ]);
  });

  it('update of a missing document updates nothing and creates nothing', async () => {
    const { people } = setup();
    const r = await people.doc('missing').update({ age: 1 });
    expect(r.updated).toBe(0);
    expect((await people.count()).total).toBe(0);
  });

  it('doc().remove deletes one document', async () => {
    const { people } = setup();
    await seedPeople(people);
    expect((await people.doc('p2').remove()).deleted).toBe(1);
    expect((await people.doc('p2').get()).data).toEqual([]);
    expect((await people.count()).total).toBe(4);
  });

  it('where().update and where().remove act on every match', async () => {
    const { people, _ } = setup();
    await seedPeople(people);
    const u = await people.where({ branchId: 'b1' }).update({ age: _.inc(100) });
    expect(u.updated).toBe(3);
    expect((await people.where({ age: _.gt(100) }).count()).total).toBe(3);
    const r = await people.where({ branchId: 'b2' }).remove();
    expect(r.deleted).toBe(2);
    expect((await people.count()).total).toBe(3);
  });

  it('updateAndReturn returns the updated document', async () => {
    const { people, _ } = setup();
    await seedPeople(people);
    const r = await people.where({ openid: 'o3' }).updateAndReturn({ age: _.inc(5) });
    expect(r.updated).toBe(1);
    expect(r.doc).toMatchObject({ _id: 'p3', age: 30 });
  });
});

describe('unique indexes', () => {
  it('a duplicate key is an error and a batch containing one writes nothing', async () => {
    const { people } = setup();
    await people.add({ name: 'a', age: 1, openid: 'dup' });
    await expect(people.add({ name: 'b', age: 2, openid: 'dup' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    await expect(
      people.add([
        { name: 'c', age: 3, openid: 'fresh' },
        { name: 'd', age: 4, openid: 'dup' },
      ]),
    ).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    expect((await people.count()).total).toBe(1);
    expect((await people.where({ openid: 'fresh' }).count()).total).toBe(0);
  });

  it('an update that would duplicate a key is refused and leaves the document as it was', async () => {
    const { people } = setup();
    await seedPeople(people);
    await expect(people.doc('p1').update({ openid: 'o2' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    expect((await people.doc('p1').get()).data[0].openid).toBe('o1');
  });

  it('a missing unique field counts as null, as in CloudBase: only one document may lack it', async () => {
    const { people } = setup();
    await people.add({ name: 'no openid', age: 1 });
    await expect(people.add({ name: 'also none', age: 2 })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    await people.add({ name: 'has one', age: 3, openid: 'x' });
    expect((await people.count()).total).toBe(2);
  });

  it('a duplicate _id is refused', async () => {
    const { people } = setup();
    await people.add({ _id: 'same', name: 'a', age: 1 });
    await expect(people.add({ _id: 'same', name: 'b', age: 1 })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    expect((await people.doc('same').get()).data[0].name).toBe('a');
  });
});

describe('aggregate', () => {
  it('runs match/group/sort and $lookup across collections', async () => {
    const { people, db, _ } = setup();
    await seedPeople(people);
    await db.collection('branches').add([
      { _id: 'b1', name: '第一支部' },
      { _id: 'b2', name: '第二支部' },
    ]);
    const $ = _.aggregate;
    const res = await people
      .aggregate()
      .match({ age: _.gte(25) })
      .group({ _id: '$branchId', n: $.sum(1), avgAge: $.avg('$age') })
      .lookup({ from: 'branches', localField: '_id', foreignField: '_id', as: 'branch' })
      .sort({ n: -1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'b1', n: 3, avgAge: (30 + 45 + 38) / 3, branch: [{ _id: 'b1', name: '第一支部' }] },
      { _id: 'b2', n: 2, avgAge: (25 + 60) / 2, branch: [{ _id: 'b2', name: '第二支部' }] },
    ]);
  });
});

describe('transactions', () => {
  it('runTransaction commits reads and writes together', async () => {
    const { db } = setup();
    await db.collection('stock').add({ _id: 's', left: 3 });
    const result = await db.runTransaction(async (t: Transaction) => {
      const { data } = await t.collection('stock').doc('s').get();
      const left = (data as { left: number }).left;
      await t
        .collection('stock')
        .doc('s')
        .update({ left: left - 1 });
      await t.collection('stock').add({ _id: 'log1', note: 'took one' });
      return left - 1;
    });
    expect(result).toBe(2);
    expect((await db.collection('stock').doc('s').get()).data[0].left).toBe(2);
    expect((await db.collection('stock').doc('log1').get()).data).toHaveLength(1);
  });

  it('startTransaction + rollback writes nothing, and writes are invisible before commit', async () => {
    const { db, engine } = setup();
    await db.collection('stock').add({ _id: 's', left: 3 });
    const t = await db.startTransaction();
    await t.collection('stock').doc('s').update({ left: 0 });
    await t.collection('stock').doc('s2').set({ left: 9 });
    expect((await db.collection('stock').doc('s').get()).data[0].left).toBe(3);
    expect((await t.collection('stock').doc('s').get()).data).toMatchObject({ left: 0 });
    await t.rollback();
    expect((await db.collection('stock').doc('s').get()).data[0].left).toBe(3);
    expect((await db.collection('stock').doc('s2').get()).data).toEqual([]);
    expect(engine.activeTransactions()).toBe(0);
  });

  it('an error thrown in runTransaction rolls it back', async () => {
    const { db } = setup();
    await db.collection('stock').add({ _id: 's', left: 3 });
    await expect(
      db.runTransaction(async (t: Transaction) => {
        await t.collection('stock').doc('s').update({ left: 99 });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect((await db.collection('stock').doc('s').get()).data[0].left).toBe(3);
  });

  it('a second transaction writing a locked document gets DATABASE_TRANSACTION_CONFLICT', async () => {
    const { db } = setup();
    await db.collection('stock').add({ _id: 's', left: 3 });
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection('stock').doc('s').update({ left: 2 });
    await expect(t2.collection('stock').doc('s').update({ left: 1 })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    await t1.commit();
    expect((await db.collection('stock').doc('s').get()).data[0].left).toBe(2);
  });

  it('a transaction that read a document changed since it began conflicts at commit', async () => {
    const { db } = setup();
    await db.collection('stock').add({ _id: 's', left: 3 });
    const t = await db.startTransaction();
    await t.collection('stock').doc('s').get();
    await t.collection('stock').doc('s').update({ left: 2 });
    await db.collection('stock').doc('s').update({ left: 100 });
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect((await db.collection('stock').doc('s').get()).data[0].left).toBe(100);
  });

  it('25 concurrent transactions decrementing one counter never oversell', async () => {
    const { db, engine } = setup();
    const stock = db.collection('stock');
    await stock.add({ _id: 'seats', left: 10, taken: [] as number[] });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) =>
        db.runTransaction(async (t: Transaction) => {
          const { data } = await t.collection('stock').doc('seats').get();
          const seat = data as { left: number; taken: number[] };
          if (seat.left <= 0) throw Object.assign(new Error('sold out'), { code: 'FULL' });
          await t
            .collection('stock')
            .doc('seats')
            .update({ left: seat.left - 1, taken: [...seat.taken, i] });
          return i;
        }),
      ),
    );
    log.mockRestore();
    const won = outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<number>).value);
    const [final] = (await stock.doc('seats').get()).data as { left: number; taken: number[] }[];
    expect(won.length).toBeGreaterThan(0);
    expect(won.length).toBeLessThanOrEqual(10);
    expect(final!.left).toBe(10 - won.length);
    expect(final!.left).toBeGreaterThanOrEqual(0);
    expect([...final!.taken].sort((a, b) => a - b)).toEqual([...won].sort((a, b) => a - b));
    expect(engine.activeTransactions()).toBe(0);
  });
});

describe('transactions and deletes', () => {
  it('a transaction that read a document deleted since it began conflicts instead of resurrecting it', async () => {
    const { db } = setup();
    await db.collection('stock').add({ _id: 's', left: 3 });
    const t = await db.startTransaction();
    await t.collection('stock').doc('s').get();
    await db.collection('stock').doc('s').remove();
    await expect(t.collection('stock').doc('s').update({ left: 2 })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect((await db.collection('stock').doc('s').get()).data).toEqual([]);
  });
});

describe('what the local engine does not do says so', () => {
  it('an unknown query operator is a database error, not a crash', async () => {
    const { people } = setup();
    await seedPeople(people);
    await expect(people.where({ age: { $bogus: 1 } }).get()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });
});
