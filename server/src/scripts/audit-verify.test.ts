import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongoose } from '../db/connect';
import { startTestDatabase } from '../db/test-database';
import { recordAudit, systemActor } from '../domain/audit/record-audit';
import { runAuditVerify } from './audit-verify';

describe('runAuditVerify (npm run audit:verify)', () => {
  let database: Awaited<ReturnType<typeof startTestDatabase>>;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    database = await startTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'skillcert-audit-verify-'));
    env = { MONGODB_URI: database.uri, DATA_DIR: dataDir, NODE_ENV: 'test' };
    await connectMongoose(database.uri);
    for (let index = 1; index <= 4; index += 1) {
      await recordAudit({ actor: systemActor(), action: 'paper.drawn', target: { kind: 'paper', id: `p${index}` }, payload: { index } });
    }
    await mongoose.disconnect();
  });

  afterAll(async () => {
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('R17: exits 0 and reports the record count for an intact chain', async () => {
    const lines: string[] = [];
    expect(await runAuditVerify(env, (line) => lines.push(line))).toBe(0);
    expect(lines[0]).toMatch(/^audit chain intact: 4 records, last seq 4/);
  });

  it('R17: exits 1 and names the broken record after tampering', async () => {
    const client = await MongoClient.connect(database.uri);
    try {
      await client.db().collection('audit_entries').updateOne({ seq: 2 }, { $set: { 'target.id': 'p-other' } });
    } finally {
      await client.close();
    }
    const lines: string[] = [];
    expect(await runAuditVerify(env, (line) => lines.push(line))).toBe(1);
    expect(lines[0]).toMatch(/^audit chain BROKEN at seq 2 \(modified\)/);
  });

  it('exits 2 with the reason when the configuration is invalid', async () => {
    const lines: string[] = [];
    expect(await runAuditVerify({ ...env, MONGODB_URI: 'mysql://x' }, (line) => lines.push(line))).toBe(2);
    expect(lines[0]).toMatch(/MONGODB_URI must start with mongodb:\/\//);
  });
});
