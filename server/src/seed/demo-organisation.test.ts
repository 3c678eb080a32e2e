import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectMongoose, ensureIndexes } from '../db/connect';
import { startTestDatabase } from '../db/test-database';
import { systemActor } from '../domain/audit/record-audit';
import { createOrganisation } from '../domain/identity/create-organisation';
import { OrganisationModel } from '../domain/identity/organisation.model';
import { AppError } from '../errors';
import { createLogger } from '../logger';
import { demoCertificateCode, formatDemoAccounts, seedDemoOrganisation } from './demo-organisation';
import {
  claimDemoSeed,
  clearSeededDatabase,
  demoSeedMarkerId,
  listNonEmptyCollections,
  readDemoSeedMarker,
  runAllOrNothing,
  seedMarkerCollection,
} from './seed-guard';

describe('seedDemoOrganisation guards', () => {
  let database: Awaited<ReturnType<typeof startTestDatabase>>;
  let dataDir: string;
  const logger = createLogger({ level: 'silent' });

  beforeAll(async () => {
    database = await startTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'skillcert-seed-'));
    await connectMongoose(database.uri);
    await ensureIndexes();
  });

  afterEach(async () => {
    await clearSeededDatabase();
  });

  afterAll(async () => {
    await mongoose.disconnect();
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is all or nothing: a failing step leaves the database empty again, marker included', async () => {
    const failing = runAllOrNothing(async () => {
      expect(await claimDemoSeed()).toBe(true);
      await createOrganisation({ name: '半途企业', certificateCode: demoCertificateCode, actor: systemActor() });
      throw new AppError('lead_time_violation', 'R7: too late');
    });
    await expect(failing).rejects.toThrow(/^demo seed failed: R7: too late; the database was emptied again$/);
    expect(await listNonEmptyCollections()).toEqual([]);
    expect(await readDemoSeedMarker()).toBeNull();
  });

  it('never seeds a database that already holds data', async () => {
    await createOrganisation({ name: '真实企业', certificateCode: demoCertificateCode, actor: systemActor() });
    const result = await seedDemoOrganisation({ dataDir, logger });
    expect(result).toMatchObject({ isCreated: false, skippedReason: 'database_not_empty', accounts: null });
    expect(await OrganisationModel.countDocuments()).toBe(1);
    expect(await readDemoSeedMarker()).toBeNull();
    expect(formatDemoAccounts(result)).toBe('');
  });

  it('leaves a seed in progress alone: a second process finds the marker and writes nothing', async () => {
    expect(await claimDemoSeed()).toBe(true);
    expect(await claimDemoSeed()).toBe(false);
    const result = await seedDemoOrganisation({ dataDir, logger });
    expect(result).toMatchObject({ isCreated: false, skippedReason: 'seeding_elsewhere' });
    expect(await listNonEmptyCollections()).toEqual([]);
  });

  it('reports the accounts of a database seeded by an earlier version (marker without status, accounts as an array)', async () => {
    await mongoose.connection.collection(seedMarkerCollection).insertOne({ _id: demoSeedMarkerId as never, at: new Date() });
    const legacy = [{ role: 'admin', name: '系统管理员', username: 'admin', password: 'demo-legacy1' }];
    await writeFile(join(dataDir, 'demo-accounts.json'), JSON.stringify(legacy));
    const result = await seedDemoOrganisation({ dataDir, logger });
    expect(result).toMatchObject({ isCreated: false, skippedReason: 'already_seeded', summary: null });
    expect(result.accounts).toEqual([{ ...legacy[0], title: 'admin' }]);
    expect(formatDemoAccounts(result)).toMatch(/admin +admin +demo-legacy1/);
  });
});
