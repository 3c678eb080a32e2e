/**
 * Conformance of the embedded store with MongoDB 7 for the operations SkillCert's data layer
 * uses, through the real driver and mongoose over TCP. Runs against MONGODB_URI when set (so every
 * assertion here must also hold on mongod) and against the embedded store otherwise.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Binary, Decimal128, Long, MongoClient, MongoServerError, ObjectId, type Db } from 'mongodb';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../test-database';
import { startEmbeddedStore } from './index';

let database: TestDatabase;
let client: MongoClient;
let db: Db;
let collectionCounter = 0;

function freshCollection(prefix: string) {
  collectionCounter += 1;
  return db.collection(`${prefix}_${collectionCounter}`);
}

async function captureError(promise: Promise<unknown>): Promise<MongoServerError & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as MongoServerError & Record<string, unknown>;
  }
  throw new Error('expected the operation to fail');
}

beforeAll(async () => {
  database = await startTestDatabase();
  client = new MongoClient(database.uri);
  await client.connect();
  db = client.db();
});

afterAll(async () => {
  await client?.close();
  await database?.stop();
});

describe('embedded store: inserts and reads', () => {
  it('generates an ObjectId _id when missing and accepts string and number ids', async () => {
    const c = freshCollection('ids');
    const generated = await c.insertOne({ name: 'a' });
    expect(generated.insertedId).toBeInstanceOf(ObjectId);
    await c.insertMany([{ _id: 'text-id', name: 'b' } as never, { _id: 42, name: 'c' } as never]);
    expect(await c.findOne({ _id: generated.insertedId })).toMatchObject({ name: 'a' });
    expect(await c.findOne({ _id: 'text-id' } as never)).toMatchObject({ name: 'b' });
    expect(await c.findOne({ _id: 42 } as never)).toMatchObject({ name: 'c' });
    const dup = await captureError(c.insertOne({ _id: 42, name: 'again' } as never));
    expect(dup.code).toBe(11000);
  });

  it('round-trips dates, ObjectIds, Decimal128, 64-bit integers, binary and nested values exactly', async () => {
    const c = freshCollection('types');
    const doc = {
      at: new Date('2025-03-01T08:30:00.123Z'),
      ref: new ObjectId(),
      price: Decimal128.fromString('1234.50'),
      big: Long.fromString('9007199254740993'),
      blob: new Binary(Buffer.from([1, 2, 3, 250])),
      nested: { list: [1, 'two', { three: 3 }], empty: {}, nothing: null },
    };
    const { insertedId } = await c.insertOne(doc);
    const found = await c.findOne({ _id: insertedId }, { promoteLongs: false });
    expect(found!.at).toEqual(doc.at);
    expect((found!.ref as ObjectId).equals(doc.ref)).toBe(true);
    expect(found!.price.toString()).toBe('1234.50');
    expect(found!.big.toString()).toBe('9007199254740993');
    expect(Buffer.from((found!.blob as Binary).buffer).equals(Buffer.from([1, 2, 3, 250]))).toBe(true);
    expect(found!.nested).toEqual(doc.nested);
  });

  it('filters, sorts, skips, limits and projects like mongod', async () => {
    const c = freshCollection('find');
    await c.insertMany(
      Array.from({ length: 10 }, (_, i) => ({ _id: i, n: i, group: i % 3, tags: [`t${i}`, 'all'], sub: { a: i, b: -i } })) as never[],
    );
    const docs = await c.find({ n: { $gte: 2, $lt: 9 }, tags: 'all' }).sort({ group: 1, n: -1 }).skip(1).limit(4).project({ n: 1, 'sub.a': 1 }).toArray();
    expect(docs).toEqual([
      { _id: 3, n: 3, sub: { a: 3 } },
      { _id: 7, n: 7, sub: { a: 7 } },
      { _id: 4, n: 4, sub: { a: 4 } },
      { _id: 8, n: 8, sub: { a: 8 } },
    ]);
    const excluded = await c.findOne({ _id: 1 } as never, { projection: { sub: 0, tags: 0 } });
    expect(excluded).toEqual({ _id: 1, n: 1, group: 1 });
    const sliced = await c.findOne({ _id: 2 } as never, { projection: { tags: { $slice: 1 }, _id: 0, n: 1 } });
    expect(sliced).toEqual({ n: 2, tags: ['t2'] });
    expect(await c.countDocuments({ group: 0 })).toBe(4);
    expect(await c.estimatedDocumentCount()).toBe(10);
    expect((await c.distinct('group')).sort()).toEqual([0, 1, 2]);
    expect(await c.find({ $or: [{ n: 1 }, { 'sub.b': -2 }] }).sort({ n: 1 }).map((d) => d.n).toArray()).toEqual([1, 2]);
    expect(await c.find({ tags: { $in: ['t5', 't6'] }, n: { $nin: [6] } }).map((d) => d.n).toArray()).toEqual([5]);
  });

  it('projects the first matching array element with $elemMatch', async () => {
    const c = freshCollection('elem');
    await c.insertOne({ _id: 1, answers: [{ q: 1, v: 'a' }, { q: 2, v: 'b' }] } as never);
    const doc = await c.findOne({ _id: 1 } as never, { projection: { answers: { $elemMatch: { q: 2 } } } });
    expect(doc).toEqual({ _id: 1, answers: [{ q: 2, v: 'b' }] });
  });

  it('orders mixed types the BSON way: null < numbers < strings < objects < ObjectId < booleans < dates', async () => {
    const c = freshCollection('order');
    const oid = new ObjectId();
    const date = new Date(0);
    await c.insertMany([
      { _id: 1, v: date },
      { _id: 2, v: true },
      { _id: 3, v: oid },
      { _id: 4, v: { x: 1 } },
      { _id: 5, v: 'text' },
      { _id: 6, v: 10 },
      { _id: 7, v: null },
      { _id: 8, v: 2.5 },
    ] as never[]);
    const ids = await c.find({}).sort({ v: 1 }).map((d) => d._id).toArray();
    expect(ids).toEqual([7, 8, 6, 5, 4, 3, 2, 1]);
    const descending = await c.find({}).sort({ v: -1 }).map((d) => d._id).toArray();
    expect(descending).toEqual([1, 2, 3, 4, 5, 6, 8, 7]);
  });

  it('serves large results through getMore across batches and kills cursors', async () => {
    const c = freshCollection('cursor');
    await c.insertMany(Array.from({ length: 25 }, (_, i) => ({ i })));
    const all = await c.find({}, { batchSize: 4 }).sort({ i: 1 }).toArray();
    expect(all.map((d) => d.i)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const cursor = c.find({}, { batchSize: 3 });
    expect((await cursor.next())!.i).toBe(0);
    await cursor.close();
    const aggregated = await c.aggregate([{ $sort: { i: -1 } }], { batchSize: 5 }).toArray();
    expect(aggregated).toHaveLength(25);
    expect(aggregated[0].i).toBe(24);
  });
});

describe('embedded store: updates and deletes', () => {
  it('applies $set, $inc, $unset, $push with $each/$slice, $pull, $addToSet, $min, $max, $currentDate', async () => {
    const c = freshCollection('ops');
    await c.insertOne({ _id: 1, name: 'x', count: 1, tags: ['a'], scores: [1, 2, 3], drop: true } as never);
    const r = await c.updateOne({ _id: 1 } as never, {
      $set: { name: 'y', 'profile.city': 'Shenzhen' },
      $inc: { count: 2 },
      $unset: { drop: '' },
      $push: { scores: { $each: [4, 5], $slice: -3 } },
      $addToSet: { tags: { $each: ['a', 'b'] } },
      $currentDate: { touchedAt: true },
    } as never);
    expect(r).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    await c.updateOne({ _id: 1 } as never, { $pull: { tags: 'a' }, $min: { count: 2 }, $max: { best: 9 } } as never);
    const doc = await c.findOne({ _id: 1 } as never);
    expect(doc).toMatchObject({ name: 'y', count: 2, scores: [3, 4, 5], tags: ['b'], profile: { city: 'Shenzhen' }, best: 9 });
    expect(doc).not.toHaveProperty('drop');
    expect(doc!.touchedAt).toBeInstanceOf(Date);
    const unchanged = await c.updateOne({ _id: 1 } as never, { $set: { name: 'y' } });
    expect(unchanged).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });

  it('updates array elements by arrayFilters and by the positional $ operator', async () => {
    const c = freshCollection('arrays');
    await c.insertOne({ _id: 1, answers: [{ q: 1, v: 'a', score: 0 }, { q: 2, v: 'b', score: 0 }, { q: 3, v: 'c', score: 0 }] } as never);
    await c.updateOne({ _id: 1 } as never, { $set: { 'answers.$[hit].score': 5 } }, { arrayFilters: [{ 'hit.q': { $gte: 2 } }] });
    await c.updateOne({ _id: 1, 'answers.q': 1 } as never, { $set: { 'answers.$.v': 'z' } });
    const doc = await c.findOne({ _id: 1 } as never);
    expect(doc!.answers).toEqual([
      { q: 1, v: 'z', score: 0 },
      { q: 2, v: 'b', score: 5 },
      { q: 3, v: 'c', score: 5 },
    ]);
  });

  it('upserts with $setOnInsert and the filter equality fields, and reports the upserted id', async () => {
    const c = freshCollection('upsert');
    const first = await c.updateOne({ key: 'k1' }, { $setOnInsert: { createdBy: 'me' }, $inc: { hits: 1 } }, { upsert: true });
    expect(first.upsertedCount).toBe(1);
    expect(first.upsertedId).toBeInstanceOf(ObjectId);
    const second = await c.updateOne({ key: 'k1' }, { $setOnInsert: { createdBy: 'other' }, $inc: { hits: 1 } }, { upsert: true });
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await c.findOne({ key: 'k1' }, { projection: { _id: 0 } })).toEqual({ key: 'k1', createdBy: 'me', hits: 2 });
  });

  it('updates many, replaces one and rejects changing _id with code 66', async () => {
    const c = freshCollection('many');
    await c.insertMany([{ _id: 1, g: 'a' }, { _id: 2, g: 'a' }, { _id: 3, g: 'b' }] as never[]);
    const many = await c.updateMany({ g: 'a' }, { $set: { seen: true } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    await c.replaceOne({ _id: 3 } as never, { g: 'c', replaced: true });
    expect(await c.findOne({ _id: 3 } as never)).toEqual({ _id: 3, g: 'c', replaced: true });
    const error = await captureError(c.updateOne({ _id: 1 } as never, { $set: { _id: 99 } }));
    expect(error.code).toBe(66);
  });

  it('rejects $inc on a string with code 14 and conflicting update paths with code 40', async () => {
    const c = freshCollection('badupdate');
    await c.insertOne({ _id: 1, name: 'x' } as never);
    expect((await captureError(c.updateOne({ _id: 1 } as never, { $inc: { name: 1 } } as never))).code).toBe(14);
    expect((await captureError(c.updateOne({ _id: 1 } as never, { $set: { a: 1 }, $inc: { a: 1 } } as never))).code).toBe(40);
  });

  it('deletes one and many', async () => {
    const c = freshCollection('del');
    await c.insertMany([{ g: 1 }, { g: 1 }, { g: 1 }, { g: 2 }]);
    expect((await c.deleteOne({ g: 1 })).deletedCount).toBe(1);
    expect((await c.deleteMany({ g: 1 })).deletedCount).toBe(2);
    expect(await c.countDocuments()).toBe(1);
  });

  it('findOneAndUpdate / findOneAndDelete honour sort, projection, returnDocument and upsert', async () => {
    const c = freshCollection('fam');
    await c.insertMany([{ _id: 1, q: 'a', n: 1 }, { _id: 2, q: 'a', n: 2 }] as never[]);
    const before = await c.findOneAndUpdate({ q: 'a' }, { $inc: { n: 10 } }, { sort: { n: -1 }, returnDocument: 'before', projection: { n: 1 } });
    expect(before).toEqual({ _id: 2, n: 2 });
    const after = await c.findOneAndUpdate({ q: 'a' }, { $inc: { n: 10 } }, { sort: { n: 1 }, returnDocument: 'after' });
    expect(after).toEqual({ _id: 1, q: 'a', n: 11 });
    const upserted = await c.findOneAndUpdate({ q: 'new' }, { $set: { n: 0 } }, { upsert: true, returnDocument: 'after' });
    expect(upserted).toMatchObject({ q: 'new', n: 0 });
    const missing = await c.findOneAndUpdate({ q: 'none' }, { $set: { n: 0 } });
    expect(missing).toBeNull();
    const deleted = await c.findOneAndDelete({ q: 'a' }, { sort: { n: -1 } });
    expect(deleted).toMatchObject({ _id: 2 });
    expect(await c.countDocuments({ q: 'a' })).toBe(1);
  });

  it('bulkWrite reports write errors by index: ordered stops, unordered continues', async () => {
    const c = freshCollection('bulk');
    await c.createIndex({ code: 1 }, { unique: true });
    const ordered = await captureError(
      c.bulkWrite([
        { insertOne: { document: { code: 'a' } } },
        { insertOne: { document: { code: 'a' } } },
        { insertOne: { document: { code: 'b' } } },
      ]),
    );
    expect(ordered.code).toBe(11000);
    const orderedErrors = (ordered as unknown as { writeErrors: Array<{ index: number; code: number }> }).writeErrors;
    expect(orderedErrors.map((e) => [e.index, e.code])).toEqual([[1, 11000]]);
    expect(await c.countDocuments()).toBe(1);
    const unordered = await captureError(
      c.bulkWrite(
        [
          { insertOne: { document: { code: 'c' } } },
          { insertOne: { document: { code: 'a' } } },
          { updateOne: { filter: { code: 'c' }, update: { $set: { v: 1 } } } },
          { deleteOne: { filter: { code: 'zzz' } } },
          { insertOne: { document: { code: 'd' } } },
        ],
        { ordered: false },
      ),
    );
    const unorderedErrors = (unordered as unknown as { writeErrors: Array<{ index: number }> }).writeErrors;
    expect(unorderedErrors.map((e) => e.index)).toEqual([1]);
    expect((await c.find({}).sort({ code: 1 }).map((d) => d.code).toArray())).toEqual(['a', 'c', 'd']);
    expect(await c.findOne({ code: 'c' })).toMatchObject({ v: 1 });
    const many = await captureError(c.insertMany([{ code: 'e' }, { code: 'a' }, { code: 'f' }], { ordered: false }));
    expect(many.code).toBe(11000);
    expect(await c.countDocuments()).toBe(5);
  });
});

describe('embedded store: indexes and duplicate keys', () => {
  it('reports E11000 with keyPattern and keyValue on insert, update and upsert', async () => {
    const c = freshCollection('uniq');
    await c.createIndex({ name: 1 }, { unique: true });
    await c.insertMany([{ name: 'x' }, { name: 'y' }]);
    const onInsert = await captureError(c.insertOne({ name: 'x' }));
    expect(onInsert.code).toBe(11000);
    expect(onInsert.message).toBe(`E11000 duplicate key error collection: ${db.databaseName}.${c.collectionName} index: name_1 dup key: { name: "x" }`);
    expect(onInsert.keyPattern).toEqual({ name: 1 });
    expect(onInsert.keyValue).toEqual({ name: 'x' });
    const onUpdate = await captureError(c.updateOne({ name: 'y' }, { $set: { name: 'x' } }));
    expect(onUpdate.code).toBe(11000);
    const onUpsert = await captureError(c.updateOne({ other: 1 }, { $set: { name: 'y' } }, { upsert: true }));
    expect(onUpsert.code).toBe(11000);
    const onFindAndModify = await captureError(c.findOneAndUpdate({ name: 'y' }, { $set: { name: 'x' } }));
    expect(onFindAndModify.code).toBe(11000);
    expect(await c.countDocuments()).toBe(2);
  });

  it('enforces compound, sparse and partial unique indexes with their own scope', async () => {
    const c = freshCollection('scoped');
    await c.createIndex({ batch: 1, seat: 1 }, { unique: true });
    await c.createIndex({ email: 1 }, { unique: true, sparse: true });
    await c.createIndex({ ticket: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await c.insertMany([
      { batch: 'b1', seat: 1 },
      { batch: 'b2', seat: 1 },
      { batch: 'b1', seat: 2, ticket: 't', active: false },
      { batch: 'b1', seat: 3, ticket: 't', active: true },
    ]);
    expect((await captureError(c.insertOne({ batch: 'b1', seat: 1 }))).code).toBe(11000);
    await c.insertOne({ batch: 'b3', seat: 1, ticket: 't', active: false });
    expect((await captureError(c.insertOne({ batch: 'b3', seat: 2, ticket: 't', active: true }))).code).toBe(11000);
    await c.insertOne({ batch: 'b4', seat: 1, email: 'a@b' });
    expect((await captureError(c.insertOne({ batch: 'b4', seat: 2, email: 'a@b' }))).code).toBe(11000);
    const names = (await c.listIndexes().toArray()).map((i) => i.name).sort();
    expect(names).toEqual(['_id_', 'batch_1_seat_1', 'email_1', 'ticket_1']);
    const ticket = (await c.listIndexes().toArray()).find((i) => i.name === 'ticket_1');
    expect(ticket).toMatchObject({ key: { ticket: 1 }, unique: true, partialFilterExpression: { active: true } });
  });

  it('refuses to build a unique index over existing duplicates and drops indexes', async () => {
    const c = freshCollection('build');
    await c.insertMany([{ v: 1 }, { v: 1 }]);
    expect((await captureError(c.createIndex({ v: 1 }, { unique: true }))).code).toBe(11000);
    await c.createIndex({ v: 1 });
    await c.createIndex({ v: 1 }); // same spec again is a no-op
    expect((await captureError(c.createIndex({ v: 1 }, { name: 'other' }))).code).toBe(85);
    await c.dropIndex('v_1');
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    expect((await captureError(c.dropIndex('nope'))).code).toBe(27);
  });
});

describe('embedded store: aggregation', () => {
  it('runs $match, $group accumulators, $sort, $project, $unwind, $count, $sortByCount and $replaceRoot', async () => {
    const c = freshCollection('agg');
    await c.insertMany([
      { cand: 'a', score: 80, tags: ['x', 'y'], at: 1 },
      { cand: 'a', score: 90, tags: ['x'], at: 2 },
      { cand: 'b', score: 70, tags: ['y'], at: 3 },
    ]);
    const grouped = await c
      .aggregate([
        { $match: { score: { $gte: 70 } } },
        { $sort: { at: 1 } },
        {
          $group: {
            _id: '$cand',
            total: { $sum: '$score' },
            avg: { $avg: '$score' },
            min: { $min: '$score' },
            max: { $max: '$score' },
            all: { $push: '$score' },
            tags: { $addToSet: '$cand' },
            first: { $first: '$at' },
            last: { $last: '$at' },
            n: { $count: {} },
          },
        },
        { $sort: { _id: 1 } },
        { $addFields: { doubled: { $multiply: ['$total', 2] } } },
        { $unset: 'tags' },
      ])
      .toArray();
    expect(grouped).toEqual([
      { _id: 'a', total: 170, avg: 85, min: 80, max: 90, all: [80, 90], first: 1, last: 2, n: 2, doubled: 340 },
      { _id: 'b', total: 70, avg: 70, min: 70, max: 70, all: [70], first: 3, last: 3, n: 1, doubled: 140 },
    ]);
    const byCount = await c.aggregate([{ $unwind: '$tags' }, { $sortByCount: '$tags' }]).toArray();
    expect(byCount).toHaveLength(2);
    expect(byCount).toEqual(expect.arrayContaining([{ _id: 'x', count: 2 }, { _id: 'y', count: 2 }]));
    expect(await c.aggregate([{ $match: { cand: 'a' } }, { $count: 'n' }]).toArray()).toEqual([{ n: 2 }]);
    expect(
      await c.aggregate([{ $match: { at: 3 } }, { $project: { _id: 0, inner: { cand: '$cand' } } }, { $replaceRoot: { newRoot: '$inner' } }]).toArray(),
    ).toEqual([{ cand: 'b' }]);
  });

  it('groups by date parts and yields null for documents without the date', async () => {
    const c = freshCollection('dates');
    await c.insertMany([{ at: new Date('2024-05-01T00:00:00Z') }, { at: new Date('2025-01-02T00:00:00Z') }, { at: new Date('2025-03-04T00:00:00Z') }, {}]);
    const byYear = await c.aggregate([{ $group: { _id: { $year: '$at' }, n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray();
    expect(byYear).toEqual([
      { _id: null, n: 1 },
      { _id: 2024, n: 1 },
      { _id: 2025, n: 2 },
    ]);
  });

  it('joins with $lookup (localField/foreignField and pipeline) and splits with $facet', async () => {
    const plans = freshCollection('plans');
    const attempts = freshCollection('attempts');
    await plans.insertMany([{ _id: 'p1', title: 'Plan 1' }, { _id: 'p2', title: 'Plan 2' }] as never[]);
    await attempts.insertMany([
      { plan: 'p1', cand: 'a', score: 60 },
      { plan: 'p1', cand: 'b', score: 80 },
      { plan: 'p2', cand: 'c', score: 90 },
    ]);
    const joined = await plans
      .aggregate([
        { $lookup: { from: attempts.collectionName, localField: '_id', foreignField: 'plan', as: 'attempts' } },
        { $project: { title: 1, n: { $size: '$attempts' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(joined).toEqual([
      { _id: 'p1', title: 'Plan 1', n: 2 },
      { _id: 'p2', title: 'Plan 2', n: 1 },
    ]);
    const piped = await plans
      .aggregate([
        { $match: { _id: 'p1' } },
        {
          $lookup: {
            from: attempts.collectionName,
            let: { planId: '$_id' },
            pipeline: [{ $match: { $expr: { $eq: ['$plan', '$$planId'] } } }, { $match: { score: { $gte: 70 } } }, { $project: { _id: 0, cand: 1 } }],
            as: 'passed',
          },
        },
      ])
      .toArray();
    expect(piped).toEqual([{ _id: 'p1', title: 'Plan 1', passed: [{ cand: 'b' }] }]);
    const faceted = await attempts
      .aggregate([
        {
          $facet: {
            top: [{ $sort: { score: -1 } }, { $limit: 1 }, { $project: { _id: 0, cand: 1 } }],
            total: [{ $count: 'n' }],
          },
        },
      ])
      .toArray();
    expect(faceted).toEqual([{ top: [{ cand: 'c' }], total: [{ n: 3 }] }]);
  });
});

describe('embedded store: unsupported and unknown operators fail loudly', () => {
  it('rejects an unknown query operator naming it', async () => {
    const c = freshCollection('unknown');
    await c.insertOne({ a: 1 });
    const error = await captureError(c.find({ a: { $foo: 1 } } as never).toArray());
    expect(error.code).toBe(2);
    expect(error.message).toContain('$foo');
  });

  it('rejects an unknown aggregation stage naming it', async () => {
    const c = freshCollection('unknownstage');
    await c.insertOne({ a: 1 });
    const error = await captureError(c.aggregate([{ $frobnicate: {} }]).toArray());
    expect(error.code).toBe(40324);
    expect(error.message).toContain('$frobnicate');
  });

  it('rejects an unknown update modifier naming it', async () => {
    const c = freshCollection('unknownmod');
    await c.insertOne({ _id: 1, a: 1 } as never);
    const error = await captureError(c.updateOne({ _id: 1 } as never, { $frobnicate: { a: 1 } } as never));
    expect(error.code).toBe(9);
    expect(error.message).toContain('$frobnicate');
  });

  it('rejects an unknown command', async () => {
    const error = await captureError(db.command({ frobnicate: 1 }));
    expect(error.code).toBe(59);
  });
});

describe('embedded store: catalog commands', () => {
  it('creates, lists, renames and drops collections and databases', async () => {
    const name = `cat_${Date.now()}`;
    await db.createCollection(name);
    const listed = await db.listCollections({ name }, { nameOnly: true }).toArray();
    expect(listed).toEqual([{ name, type: 'collection' }]);
    await db.collection(name).insertOne({ a: 1 });
    await db.renameCollection(name, `${name}_renamed`);
    expect(await db.collection(`${name}_renamed`).countDocuments()).toBe(1);
    expect(await db.listCollections({ name }).toArray()).toEqual([]);
    expect(await db.collection(`${name}_renamed`).drop()).toBe(true);
    const other = client.db(`${db.databaseName}_other`);
    await other.collection('x').insertOne({ a: 1 });
    const dbs = (await client.db().admin().listDatabases()).databases.map((d) => d.name);
    expect(dbs).toContain(`${db.databaseName}_other`);
    await other.dropDatabase();
    const after = (await client.db().admin().listDatabases()).databases.map((d) => d.name);
    expect(after).not.toContain(`${db.databaseName}_other`);
  });
});

describe('embedded store: transactions', () => {
  it('keeps transactional writes invisible until commit, then shows them all', async () => {
    const c = freshCollection('txvis');
    await c.insertOne({ _id: 'seed', n: 0 } as never);
    const session = client.startSession();
    try {
      session.startTransaction();
      await c.insertOne({ _id: 'in-txn' } as never, { session });
      await c.updateOne({ _id: 'seed' } as never, { $inc: { n: 1 } }, { session });
      expect(await c.findOne({ _id: 'in-txn' } as never, { session })).not.toBeNull();
      expect(await c.findOne({ _id: 'in-txn' } as never)).toBeNull();
      expect(await c.findOne({ _id: 'seed' } as never)).toMatchObject({ n: 0 });
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await c.findOne({ _id: 'in-txn' } as never)).not.toBeNull();
    expect(await c.findOne({ _id: 'seed' } as never)).toMatchObject({ n: 1 });
  });

  it('discards all writes on abortTransaction', async () => {
    const c = freshCollection('txabort');
    const session = client.startSession();
    try {
      session.startTransaction();
      await c.insertOne({ a: 1 }, { session });
      await c.insertOne({ a: 2 }, { session });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await c.countDocuments()).toBe(0);
  });

  it('rolls back when the withTransaction callback throws', async () => {
    const c = freshCollection('txthrow');
    await c.insertOne({ _id: 1, balance: 100 } as never);
    const session = client.startSession();
    await expect(
      session.withTransaction(async () => {
        await c.updateOne({ _id: 1 } as never, { $inc: { balance: -50 } }, { session });
        throw new Error('business rule violated');
      }),
    ).rejects.toThrow('business rule violated');
    await session.endSession();
    expect(await c.findOne({ _id: 1 } as never)).toMatchObject({ balance: 100 });
  });

  it('enforces unique indexes inside a transaction', async () => {
    const c = freshCollection('txuniq');
    await c.createIndex({ k: 1 }, { unique: true });
    await c.insertOne({ k: 'taken' });
    const session = client.startSession();
    const error = await captureError(
      session.withTransaction(async () => {
        await c.insertOne({ k: 'fresh' }, { session });
        await c.insertOne({ k: 'taken' }, { session });
      }),
    );
    await session.endSession();
    expect(error.code).toBe(11000);
    expect(await c.countDocuments()).toBe(1);
  });
});

describe('embedded store: concurrent transactions', () => {
  it('fails the second transaction writing the same document with WriteConflict (112), retryable', async () => {
    const c = freshCollection('txconflict');
    await c.insertOne({ _id: 1, n: 0 } as never);
    const first = client.startSession();
    const second = client.startSession();
    try {
      first.startTransaction();
      second.startTransaction();
      await c.updateOne({ _id: 1 } as never, { $inc: { n: 1 } }, { session: first });
      const conflict = await captureError(c.updateOne({ _id: 1 } as never, { $inc: { n: 10 } }, { session: second }));
      expect(conflict.code).toBe(112);
      expect(conflict.hasErrorLabel('TransientTransactionError')).toBe(true);
      await first.commitTransaction();
      await second.abortTransaction().catch(() => undefined);
    } finally {
      await first.endSession();
      await second.endSession();
    }
    expect(await c.findOne({ _id: 1 } as never)).toMatchObject({ n: 1 });
  });
});

describe('embedded store: mongoose', () => {
  it('builds schema indexes, enforces unique, and rolls back connection.transaction on error', async () => {
    const connection = await mongoose.createConnection(database.uri).asPromise();
    try {
      const Candidate = connection.model(
        'Candidate',
        new mongoose.Schema(
          {
            idNumber: { type: String, required: true, unique: true },
            name: String,
            answers: [{ q: Number, value: String }],
            tags: [String],
            visits: { type: Number, default: 0 },
          },
          { timestamps: true },
        ),
      );
      await Candidate.init();
      const created = await Candidate.create({ idNumber: '110101199001011234', name: '张三', tags: ['a'] });
      expect(created.createdAt).toBeInstanceOf(Date);
      const dup = await captureError(Candidate.create({ idNumber: '110101199001011234', name: '李四' }));
      expect(dup.code).toBe(11000);
      await Candidate.updateOne(
        { _id: created._id },
        { $push: { answers: { $each: [{ q: 1, value: 'A' }, { q: 2, value: 'B' }], $slice: -5 } }, $addToSet: { tags: 'b' }, $inc: { visits: 1 } },
      );
      await Candidate.updateOne({ _id: created._id }, { $pull: { answers: { q: 1 } } });
      const upserted = await Candidate.findOneAndUpdate(
        { idNumber: '220101199001011234' },
        { $setOnInsert: { name: '王五' } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      expect(upserted).toMatchObject({ idNumber: '220101199001011234', name: '王五' });
      const reread = await Candidate.findById(created._id).lean();
      expect(reread).toMatchObject({ visits: 1, tags: ['a', 'b'] });
      expect(reread!.answers.map((a) => a.value)).toEqual(['B']);
      await expect(
        connection.transaction(async (session) => {
          await Candidate.create([{ idNumber: '330101199001011234', name: 'rollback' }], { session });
          await Candidate.updateOne({ _id: created._id }, { $set: { name: 'changed' } }, { session });
          throw new Error('abort this');
        }),
      ).rejects.toThrow('abort this');
      expect(await Candidate.countDocuments({ idNumber: '330101199001011234' })).toBe(0);
      expect((await Candidate.findById(created._id).lean())!.name).toBe('张三');
      await connection.transaction(async (session) => {
        await Candidate.create([{ idNumber: '440101199001011234', name: 'kept' }], { session });
      });
      expect(await Candidate.countDocuments({ name: 'kept' })).toBe(1);
      const indexes = await Candidate.collection.listIndexes().toArray();
      expect(indexes.find((i) => i.name === 'idNumber_1')).toMatchObject({ unique: true });
    } finally {
      await connection.close();
    }
  });
});

describe.skipIf(Boolean(process.env.MONGODB_URI))('embedded store: persistence', () => {
  it('keeps documents and indexes across stop and start of the same data directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'skillcert-persist-'));
    try {
      let store = await startEmbeddedStore({ dataDir });
      let c = new MongoClient(store.uri);
      await c.connect();
      const coll = c.db('persist').collection('things');
      await coll.createIndex({ code: 1 }, { unique: true });
      await coll.insertMany([{ code: 'a', at: new Date(5) }, { code: 'b' }]);
      await coll.updateOne({ code: 'b' }, { $set: { v: 2 } });
      await coll.deleteOne({ code: 'a' });
      await coll.insertOne({ code: 'c' });
      await c.close();
      await store.stop();

      store = await startEmbeddedStore({ dataDir });
      c = new MongoClient(store.uri);
      await c.connect();
      const reopened = c.db('persist').collection('things');
      expect(await reopened.find({}, { projection: { _id: 0 } }).sort({ code: 1 }).toArray()).toEqual([{ code: 'b', v: 2 }, { code: 'c' }]);
      expect((await captureError(reopened.insertOne({ code: 'c' }))).code).toBe(11000);
      await store.compact();
      await reopened.insertOne({ code: 'd' });
      await c.close();
      await store.stop();

      store = await startEmbeddedStore({ dataDir });
      c = new MongoClient(store.uri);
      await c.connect();
      expect(await c.db('persist').collection('things').countDocuments()).toBe(3);
      expect((await captureError(c.db('persist').collection('things').insertOne({ code: 'd' }))).code).toBe(11000);
      await c.close();
      await store.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('deletes documents past their TTL index expiry', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'skillcert-ttl-'));
    const store = await startEmbeddedStore({ dataDir, ttlMonitorIntervalMs: 50 });
    const c = new MongoClient(store.uri);
    try {
      const coll = c.db('ttl').collection('sessions');
      await coll.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
      await coll.insertMany([{ _id: 'old', expiresAt: new Date(Date.now() - 1000) }, { _id: 'new', expiresAt: new Date(Date.now() + 3_600_000) }, { _id: 'none' }] as never[]);
      await expect.poll(async () => (await coll.find({}).toArray()).map((d) => d._id).sort(), { timeout: 5000 }).toEqual(['new', 'none']);
    } finally {
      await c.close();
      await store.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a second store on a data directory that is in use', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'skillcert-lock-'));
    const store = await startEmbeddedStore({ dataDir });
    try {
      await expect(startEmbeddedStore({ dataDir })).rejects.toThrow(/already open|locked/);
    } finally {
      await store.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
