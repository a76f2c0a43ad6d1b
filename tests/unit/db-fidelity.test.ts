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
    await expect(things.add({ ok: 1, nested: [{ $bad: 1 }] })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
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
