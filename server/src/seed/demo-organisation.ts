/**
 * First-run seed: a demo organisation with one account per role, so a fresh `npm start` can be
 * explored at once. Idempotent: it runs only when the database holds no organisation, and a marker
 * document keeps two processes starting together from seeding twice.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { computeResidentIdCheckCharacter, type AssessorGrade, type Role } from '../contracts/identity';
import { systemActor } from '../domain/audit/record-audit';
import { createOrganisation } from '../domain/identity/create-organisation';
import { createUser } from '../domain/identity/create-user';
import { OrganisationModel } from '../domain/identity/organisation.model';
import type { Logger } from '../logger';

/** One demo login. Staff use `username`; the candidate uses `idNumber` + `admissionTicketNumber`. */
export interface DemoAccount {
  role: Role;
  name: string;
  username?: string;
  assessorGrade?: AssessorGrade;
  idNumber?: string;
  admissionTicketNumber?: string;
  password: string;
}

/** Outcome of {@link seedDemoOrganisation}. */
export interface DemoSeedResult {
  /** True when this call created the organisation. */
  isCreated: boolean;
  /** The demo accounts, when known (created now or read back from `accountsFile`). */
  accounts: DemoAccount[] | null;
  /** Where the accounts are kept (mode 0600). */
  accountsFile: string;
}

const demoCandidateIdNumber = (() => {
  const first17 = '44030019900307002'; // Shenzhen, born 1990-03-07
  return first17 + computeResidentIdCheckCharacter(first17);
})();

const staffAccounts: Array<{ role: Role; username: string; name: string; assessorGrade?: AssessorGrade }> = [
  { role: 'admin', username: 'admin', name: '系统管理员' },
  { role: 'bank_editor', username: 'bank.editor', name: '题库编辑' },
  { role: 'bank_reviewer', username: 'bank.reviewer', name: '题库审核员' },
  { role: 'exam_admin', username: 'exam.admin', name: '考务人员' },
  { role: 'proctor', username: 'proctor', name: '监考员' },
  { role: 'assessor', username: 'assessor', name: '考评员', assessorGrade: 'assessor' },
  { role: 'assessor', username: 'senior.assessor', name: '高级考评员', assessorGrade: 'senior_assessor' },
  { role: 'supervisor', username: 'supervisor', name: '内部质量督导员' },
  { role: 'hr', username: 'hr', name: '人力资源专员' },
];

/**
 * Creates the demo organisation 演示企业有限公司 (certificate code Y 0000 44 03 2 001, strictest
 * jurisdiction defaults) with one account per role, all sharing one generated password, when the
 * database holds no organisation yet. The accounts are written to `<dataDir>/demo-accounts.json`.
 */
export async function seedDemoOrganisation(options: { dataDir: string; logger: Logger }): Promise<DemoSeedResult> {
  const accountsFile = join(options.dataDir, 'demo-accounts.json');
  const readAccounts = async () =>
    JSON.parse(await readFile(accountsFile, 'utf8').catch(() => 'null')) as DemoAccount[] | null;

  if (await OrganisationModel.exists({})) return { isCreated: false, accounts: await readAccounts(), accountsFile };
  const markers = mongoose.connection.collection<{ _id: string; at: Date }>('seed_markers');
  try {
    await markers.insertOne({ _id: 'demo-organisation', at: new Date() });
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return { isCreated: false, accounts: await readAccounts(), accountsFile };
    throw error;
  }

  const actor = systemActor();
  const organisation = await createOrganisation({
    name: '演示企业有限公司',
    isDemo: true,
    certificateCode: {
      organisationClass: 'Y',
      organisationCode: '0000',
      provinceCode: '44',
      cityCode: '03',
      ownershipType: 2,
      siteSequence: '001',
    },
    actor,
  });
  const password = `demo-${randomBytes(6).toString('base64url')}`;
  const accounts: DemoAccount[] = [];
  for (const account of staffAccounts) {
    await createUser({
      organisationId: organisation.id,
      actor: systemActor(organisation.id),
      request: {
        name: account.name,
        roles: [account.role],
        username: account.username,
        password,
        ...(account.assessorGrade ? { assessorGrade: account.assessorGrade } : {}),
      },
    });
    accounts.push({ ...account, password });
  }
  const admissionTicketNumber = '2026440300001';
  await createUser({
    organisationId: organisation.id,
    actor: systemActor(organisation.id),
    request: {
      name: '张伟',
      roles: ['candidate'],
      password,
      idType: 'resident_identity_card',
      idNumber: demoCandidateIdNumber,
      admissionTicketNumbers: [admissionTicketNumber],
    },
  });
  accounts.push({ role: 'candidate', name: '张伟', idNumber: demoCandidateIdNumber, admissionTicketNumber, password });
  await writeFile(accountsFile, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  await chmod(accountsFile, 0o600).catch(() => undefined);
  options.logger.info({ organisationId: organisation.id, accountsFile }, 'demo organisation created');
  return { isCreated: true, accounts, accountsFile };
}

/** Human-readable table of the demo accounts for the console. */
export function formatDemoAccounts(result: DemoSeedResult): string {
  if (!result.accounts) {
    return `Demo organisation exists; its accounts file ${result.accountsFile} is not available.\n`;
  }
  const lines = result.accounts.map((account) =>
    account.role === 'candidate'
      ? `  candidate          ID number ${account.idNumber}  admission ticket ${account.admissionTicketNumber}  password ${account.password}`
      : `  ${(account.assessorGrade === 'senior_assessor' ? 'assessor (senior)' : account.role).padEnd(18)} username ${account.username!.padEnd(16)} password ${account.password}`,
  );
  return [`Demo accounts (${result.isCreated ? 'created now' : 'from ' + result.accountsFile}):`, ...lines, ''].join('\n');
}
