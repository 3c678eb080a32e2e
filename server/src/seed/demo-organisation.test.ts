import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidResidentIdNumber, roles } from '../contracts/identity';
import { connectMongoose } from '../db/connect';
import { startTestDatabase } from '../db/test-database';
import { OrganisationModel } from '../domain/identity/organisation.model';
import { verifyPassword } from '../domain/identity/passwords';
import { UserModel } from '../domain/identity/user.model';
import { createLogger } from '../logger';
import { formatDemoAccounts, seedDemoOrganisation } from './demo-organisation';

describe('seedDemoOrganisation', () => {
  let database: Awaited<ReturnType<typeof startTestDatabase>>;
  let dataDir: string;
  const logger = createLogger({ level: 'silent' });

  beforeAll(async () => {
    database = await startTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'skillcert-seed-'));
    await connectMongoose(database.uri);
  });

  afterAll(async () => {
    await mongoose.disconnect();
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates one demo organisation with an account for every role, both assessor grades included', async () => {
    const result = await seedDemoOrganisation({ dataDir, logger });
    expect(result.isCreated).toBe(true);
    expect(new Set(result.accounts!.map((account) => account.role))).toEqual(new Set(roles));
    expect(result.accounts!.filter((account) => account.role === 'assessor').map((account) => account.assessorGrade).sort()).toEqual([
      'assessor',
      'senior_assessor',
    ]);
    const candidate = result.accounts!.find((account) => account.role === 'candidate')!;
    expect(isValidResidentIdNumber(candidate.idNumber!)).toBe(true);
    const admin = await UserModel.findOne({ username: 'admin' }).lean();
    expect(await verifyPassword(admin!.passwordHash, result.accounts![0].password)).toBe(true);
    const organisation = await OrganisationModel.findOne().lean();
    expect(organisation?.settings.certificateCode).toMatchObject({ organisationClass: 'Y', provinceCode: '44', cityCode: '03', ownershipType: 2 });
    expect(formatDemoAccounts(result)).toMatch(/username admin +password demo-/);
  });

  it('is idempotent: a second run creates nothing and reports the stored accounts', async () => {
    const first = await UserModel.countDocuments();
    const again = await seedDemoOrganisation({ dataDir, logger });
    expect(again.isCreated).toBe(false);
    expect(again.accounts?.length).toBe(10);
    expect(await UserModel.countDocuments()).toBe(first);
    expect(await OrganisationModel.countDocuments()).toBe(1);
  });
});
