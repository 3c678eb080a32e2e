/**
 * Field-level journal patches (issue 7 (b), issue 3 durability): a patch rebuilds the new version
 * byte for byte (BSON, key order included), a restart replays patched updates of every kind into
 * the same documents, and a small change to a large document journals a small record.
 */
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'bson';
import fc from 'fast-check';
import { MongoClient, ObjectId, type Document, type UpdateFilter } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Doc } from './bson-values';
import { applyPatch, diffDocuments } from './document-patch';
import { startEmbeddedStore } from './index';

const bytes = (doc: Doc): string => Buffer.from(serialize(doc, { checkKeys: false })).toString('hex');

const key = fc.oneof(fc.constantFrom('a', 'b', 'c', 'seq', 'answers', '0', '1', '2', '10', '__proto__x'), fc.integer({ min: 0, max: 40 }).map(String));
const leaf = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constant(-0),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms)),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('value'), { maxLength: 3 }), tie('doc')),
  doc: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
})).value;
const document = fc.dictionary(key, value, { maxKeys: 6 }) as fc.Arbitrary<Doc>;

/** A random edit of `doc`: set, replace, delete or recurse, returning a new object (no mutation). */
function edit(doc: Doc, steps: Array<{ op: number; key: string; value: unknown }>): Doc {
  let out: Doc = { ...doc };
  for (const step of steps) {
    const keys = Object.keys(out);
    const target = keys.length > 0 ? keys[step.op % keys.length] : step.key;
    switch (step.op % 4) {
      case 0:
        out[step.key] = step.value;
        break;
      case 1:
        delete out[target];
        break;
      case 2: {
        const child = out[target];
        out[target] = child && typeof child === 'object' && !Array.isArray(child) && !(child instanceof Date) ? edit(child as Doc, [{ ...step, op: step.op >> 2 }]) : step.value;
        break;
      }
      default: {
        // Re-insert an existing key at the end (changes the order of non-integer keys).
        if (target in out) {
          const moved = out[target];
          delete out[target];
          out = { ...out, [target]: moved };
        }
      }
    }
  }
  return out;
}

describe('diffDocuments / applyPatch', () => {
  it('rebuilds the new version byte for byte, or declines when the root order cannot be rebuilt', () => {
    fc.assert(
      fc.property(document, fc.array(fc.record({ op: fc.nat(64), key, value }), { maxLength: 6 }), (before, steps) => {
        const after = edit(before, steps);
        const frozen = bytes(before);
        const patch = diffDocuments(before, after);
        if (patch === null) {
          // Declining is only allowed when copying `before`, dropping and appending keys cannot give `after`'s order.
          const rebuilt: Doc = {};
          for (const k of Object.keys(before)) if (Object.hasOwn(after, k)) rebuilt[k] = true;
          for (const k of Object.keys(after)) if (!Object.hasOwn(before, k)) rebuilt[k] = true;
          expect(Object.keys(rebuilt)).not.toEqual(Object.keys(after));
          return;
        }
        expect(bytes(applyPatch(before, patch))).toBe(bytes(after));
        expect(bytes(before)).toBe(frozen); // the stored version is never mutated
      }),
      { numRuns: 2000 },
    );
  });

  it('patches one nested field of a large document with one small entry', () => {
    const answers: Doc = {};
    for (let slot = 1; slot <= 100; slot++) answers[String(slot)] = { response: [slot % 4], seq: slot, savedAt: new Date(1_700_000_000_000 + slot) };
    const before: Doc = { _id: new ObjectId(), status: 'in_progress', answers, answersVersion: 100 };
    const after: Doc = { ...before, answers: { ...answers, '37': { response: [2], seq: 101, savedAt: new Date(1_700_000_001_000) } }, answersVersion: 101 };
    const patch = diffDocuments(before, after)!;
    expect(patch.unset).toEqual([]);
    expect(patch.set.map((entry) => entry.path)).toEqual([['answers', '37'], ['answersVersion']]);
    expect(bytes(applyPatch(before, patch))).toBe(bytes(after));
  });

  it('tells int32 0 from double -0 and a date from its clone with another time', () => {
    const at = new Date(5);
    expect(diffDocuments({ n: 0, d: at }, { n: -0, d: new Date(5) })!.set).toEqual([{ path: ['n'], value: -0 }]);
    expect(diffDocuments({ d: at }, { d: new Date(6) })!.set).toHaveLength(1);
  });

  it('refuses a patch path that crosses a non-document', () => {
    expect(() => applyPatch({ a: 1 }, { set: [{ path: ['a', 'b'], value: 2 }], unset: [] })).toThrow(/crosses a non-document at a/);
  });
});

describe('journaled patches survive a restart', () => {
  let dataDir: string;
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'skillcert-patch-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const journalBytes = (): number =>
    readdirSync(dataDir)
      .filter((file) => file.startsWith('journal.'))
      .reduce((sum, file) => sum + statSync(join(dataDir, file)).size, 0);

  it('replays every kind of update into the same documents, and a one-field save of a 4 KB document journals < 400 bytes', async () => {
    let store = await startEmbeddedStore({ dataDir, logger: silent });
    let client = new MongoClient(store.uri);
    const coll = client.db('p').collection<Document>('attempts');
    const [one, two, three] = [new ObjectId(), new ObjectId(), new ObjectId()];
    const big = { _id: one, status: 'in_progress', slots: Array.from({ length: 100 }, (_, i) => ({ slot: i + 1, item: `item-${i}`, order: [3, 1, 0, 2] })), answers: {} };
    await coll.insertOne(big);
    await coll.insertMany([{ _id: two, a: { b: 1, c: [1, 2] }, tags: ['x'] }, { _id: three, n: 1 }]);
    const before = journalBytes();
    for (let seq = 1; seq <= 100; seq++) {
      await coll.updateOne({ _id: one }, { $set: { [`answers.${(seq * 7) % 100}`]: { response: [seq % 4], seq, savedAt: new Date(seq) } }, $inc: { answersVersion: 1 } });
    }
    const perSave = (journalBytes() - before) / 100;
    expect(perSave).toBeLessThan(400);
    await coll.updateOne({ _id: two }, { $unset: { 'a.b': '' }, $push: { tags: 'y' }, $set: { 'a.d': { e: null } } } as unknown as UpdateFilter<Document>);
    await coll.updateOne({ _id: three }, { $rename: { n: 'm' }, $currentDate: { at: true } });
    await coll.replaceOne({ _id: three }, { z: 1, m: 2 }); // reorders the root: full document journaled
    await coll.findOneAndUpdate({ _id: two }, { $pull: { 'a.c': 1 } } as unknown as UpdateFilter<Document>);
    await coll.updateOne({ _id: two }, [{ $set: { total: { $add: [1, 2] } } }]);
    const session = client.startSession();
    await session.withTransaction(async () => {
      await coll.updateOne({ _id: one }, { $set: { status: 'submitted' } }, { session });
      await coll.updateOne({ _id: two }, { $set: { 'a.d.e': 5 } }, { session });
    });
    await session.endSession();
    const expected = (await coll.find({}).sort({ _id: 1 }).toArray()).map(bytes);
    await client.close();
    await store.stop();

    store = await startEmbeddedStore({ dataDir, logger: silent });
    client = new MongoClient(store.uri);
    try {
      const replayed = (await client.db('p').collection<Document>('attempts').find({}).sort({ _id: 1 }).toArray()).map(bytes);
      expect(replayed).toEqual(expected);
    } finally {
      await client.close();
      await store.stop();
    }
  });
});
