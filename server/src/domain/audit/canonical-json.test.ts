import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { computeAuditHash, genesisHash } from './audit-hash';
import { sha256Hex, toCanonicalJson } from './canonical-json';

describe('toCanonicalJson', () => {
  it('R17: gives the same bytes for objects whose keys were inserted in different orders', () => {
    expect(toCanonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(toCanonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }));
    expect(toCanonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('serialises dates as ISO strings and ObjectIds as hex, dropping undefined members', () => {
    const id = new Types.ObjectId('64b7f0c2a1b2c3d4e5f60718');
    expect(toCanonicalJson({ at: new Date('2026-01-02T03:04:05.006Z'), id, skip: undefined })).toBe(
      '{"at":"2026-01-02T03:04:05.006Z","id":"64b7f0c2a1b2c3d4e5f60718"}',
    );
  });

  it('turns a missing payload into null', () => {
    expect(toCanonicalJson(undefined)).toBe('null');
  });
});

describe('computeAuditHash', () => {
  const record = {
    seq: 1,
    organisationId: null,
    actor: { userId: null, name: 'system', roles: [] },
    action: 'organisation.created',
    target: { kind: 'organisation', id: 'o1' },
    at: new Date('2026-01-02T03:04:05.006Z'),
    payloadDigest: sha256Hex('null'),
    previousHash: genesisHash,
  };

  it('R10: changes when any covered field changes', () => {
    const base = computeAuditHash(record);
    expect(computeAuditHash({ ...record })).toBe(base);
    expect(computeAuditHash({ ...record, seq: 2 })).not.toBe(base);
    expect(computeAuditHash({ ...record, action: 'organisation.deleted' })).not.toBe(base);
    expect(computeAuditHash({ ...record, at: new Date(record.at.getTime() + 1) })).not.toBe(base);
    expect(computeAuditHash({ ...record, previousHash: 'f'.repeat(64) })).not.toBe(base);
    expect(computeAuditHash({ ...record, target: { ...record.target, label: 'x' } })).not.toBe(base);
  });
});
