import mongoose from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectMongoose } from '../../db/connect';
import { startTestDatabase } from '../../db/test-database';
import { AuditEntryModel } from './audit-entry.model';
import { computeAuditHash } from './audit-hash';
import { sha256Hex } from './canonical-json';
import { recordAudit, systemActor, type AuditActor } from './record-audit';
import { verifyAuditChain } from './verify-audit-chain';

const actor: AuditActor = { userId: 'u1', organisationId: null, name: '考务人员', roles: ['exam_admin'] };

async function recordSome(count: number): Promise<void> {
  for (let index = 1; index <= count; index += 1) {
    await recordAudit({ actor, action: 'item.updated', target: { kind: 'item', id: `item-${index}` }, payload: { index } });
  }
}

const entries = () => AuditEntryModel.collection;

describe('audit chain (recordAudit + verifyAuditChain)', () => {
  let database: Awaited<ReturnType<typeof startTestDatabase>>;

  beforeAll(async () => {
    database = await startTestDatabase();
    await connectMongoose(database.uri);
    await AuditEntryModel.init();
  });

  afterAll(async () => {
    await mongoose.disconnect();
    await database?.stop();
  });

  beforeEach(async () => {
    await entries().deleteMany({});
  });

  it('R10: links each entry to the previous one and verifies an untouched chain', async () => {
    await recordSome(5);
    const stored = await AuditEntryModel.find().sort({ seq: 1 }).lean();
    expect(stored.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(stored[0].previousHash).toBe('0'.repeat(64));
    for (let index = 1; index < stored.length; index += 1) expect(stored[index].previousHash).toBe(stored[index - 1].hash);
    const result = await verifyAuditChain();
    expect(result).toMatchObject({ isIntact: true, checkedCount: 5, lastSeq: 5, lastHash: stored[4].hash, firstBroken: null });
  });

  it('R17: reports an empty log as intact', async () => {
    expect(await verifyAuditChain()).toMatchObject({ isIntact: true, checkedCount: 0, lastSeq: 0, lastHash: null });
  });

  it('R10: names a record whose payload was modified', async () => {
    await recordSome(5);
    await entries().updateOne({ seq: 3 }, { $set: { payloadJson: '{"index":99}' } });
    const result = await verifyAuditChain();
    expect(result.isIntact).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: 3, reason: 'modified' });
    expect(result.firstBroken?.message).toMatch(/seq 3 .*modified/);
    expect(result.checkedCount).toBe(2);
  });

  it('R10: names a record whose action was modified even when the payload digest is untouched', async () => {
    await recordSome(4);
    await entries().updateOne({ seq: 2 }, { $set: { action: 'item.viewed' } });
    expect((await verifyAuditChain()).firstBroken).toMatchObject({ seq: 2, reason: 'modified' });
  });

  it('R10: names the record after a modified one whose hash was recomputed by the forger', async () => {
    await recordSome(4);
    await entries().updateOne({ seq: 2 }, { $set: { hash: 'a'.repeat(64) } });
    const result = await verifyAuditChain();
    expect(result.firstBroken).toMatchObject({ seq: 2, reason: 'modified' });
  });

  it('R10: names the missing seq when a record was deleted', async () => {
    await recordSome(5);
    await entries().deleteOne({ seq: 3 });
    const result = await verifyAuditChain();
    expect(result.firstBroken).toMatchObject({ seq: 3, reason: 'missing', entryId: null });
    expect(result.firstBroken?.message).toMatch(/seq 3 is missing .*seq 4/);
  });

  it('R10: names a reordered record when two records swapped places', async () => {
    await recordSome(5);
    await entries().updateOne({ seq: 2 }, { $set: { seq: -2 } });
    await entries().updateOne({ seq: 3 }, { $set: { seq: 2 } });
    await entries().updateOne({ seq: -2 }, { $set: { seq: 3 } });
    const result = await verifyAuditChain();
    expect(result.firstBroken).toMatchObject({ seq: 2, reason: 'out_of_order' });
  });

  it('R10: names the record after a correctly hashed record inserted into the middle', async () => {
    await recordSome(4);
    const second = (await entries().findOne({ seq: 2 }))!;
    for (const seq of [4, 3]) await entries().updateOne({ seq }, { $set: { seq: seq + 1 } });
    const payloadJson = '{"forged":true}';
    const forged = {
      seq: 3,
      organisationId: null,
      actor: { userId: null, name: 'intruder', roles: [] },
      action: 'item.updated',
      target: { kind: 'item', id: 'forged' },
      at: new Date(),
      payloadDigest: sha256Hex(payloadJson),
      previousHash: second.hash,
    };
    await entries().insertOne({ ...forged, _id: new mongoose.Types.ObjectId(), payloadJson, hash: computeAuditHash(forged) });
    const result = await verifyAuditChain();
    expect(result.firstBroken).toMatchObject({ seq: 4, reason: 'out_of_order' });
    expect(result.checkedCount).toBe(3);
  });

  it('R10: commits an audit entry written inside a transaction together with the transaction', async () => {
    await recordSome(1);
    await mongoose.connection.transaction(async (session) => {
      await recordAudit({ actor, action: 'paper.drawn', target: { kind: 'paper', id: 'p1' }, payload: null }, session);
    });
    expect(await entries().countDocuments()).toBe(2);
    expect(await verifyAuditChain()).toMatchObject({ isIntact: true, lastSeq: 2 });
  });

  it('R10: leaves no entry and an intact chain when the transaction aborts', async () => {
    await recordSome(1);
    await expect(
      mongoose.connection.transaction(async (session) => {
        await recordAudit({ actor, action: 'paper.drawn', target: { kind: 'paper', id: 'p2' }, payload: null }, session);
        throw new Error('use case failed after auditing');
      }),
    ).rejects.toThrow('use case failed after auditing');
    await recordSome(1);
    expect(await verifyAuditChain()).toMatchObject({ isIntact: true, lastSeq: 2, checkedCount: 2 });
  });

  it('R17: neither deadlocks nor forks when plain appends race a transaction that appends twice', async () => {
    await recordSome(1);
    let plain: Promise<unknown> | undefined;
    await mongoose.connection.transaction(async (session) => {
      await recordAudit({ actor, action: 'paper.drawn', target: { kind: 'paper', id: 'p1' }, payload: null }, session);
      plain ??= recordAudit({ actor, action: 'item.viewed', target: { kind: 'item', id: 'i1' }, payload: null });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await recordAudit({ actor, action: 'paper.drawn', target: { kind: 'paper', id: 'p2' }, payload: null }, session);
    });
    await plain;
    const result = await verifyAuditChain();
    expect(result).toMatchObject({ isIntact: true, checkedCount: 4 });
    const actions = (await AuditEntryModel.find().sort({ seq: 1 }).lean()).map((entry) => entry.action);
    expect(actions.filter((action) => action === 'paper.drawn')).toHaveLength(2);
    expect(actions).toContain('item.viewed');
  });

  it('R17: keeps one unforked chain when two independent writers race', async () => {
    vi.resetModules();
    const other = await import('./record-audit');
    expect(other.recordAudit).not.toBe(recordAudit);
    const writes = Array.from({ length: 30 }, (_, index) => [
      recordAudit({ actor: systemActor(), action: 'race.a', target: { kind: 'race', id: `a${index}` }, payload: { index } }),
      other.recordAudit({ actor: systemActor(), action: 'race.b', target: { kind: 'race', id: `b${index}` }, payload: { index } }),
    ]).flat();
    const recorded = await Promise.all(writes);
    expect(new Set(recorded.map((entry) => entry.seq)).size).toBe(60);
    const result = await verifyAuditChain();
    expect(result).toMatchObject({ isIntact: true, checkedCount: 60, lastSeq: 60 });
  });
});
