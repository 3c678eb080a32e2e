/**
 * First-run seed (issue 14): a complete demo of one certification batch, built only through the
 * product's use cases so the data are what the screens would produce and every step is audited
 * (R10, R17):
 * - the organisation 演示企业有限公司 with its certificate-code fields (R14: Y 0001 44 07 2 001,
 *   Jiangmen, non-state) and the strictest jurisdiction defaults (R4, R7, R11-R13);
 * - staff for every role (demo-people.ts), all with one generated demo password;
 * - scope 电工 6-31-01-03 level 4 with 642 approved theory items, 56 approved practical tasks and
 *   5 + 5 papers (R1, R2) — seed-demo-bank.ts;
 * - a filed and announced batch with 30 admitted candidates (R6-R9, R21) — seed-demo-batch.ts.
 * It runs only on an empty database, once (marker document), all or nothing (seed-guard.ts).
 * Opening the theory session is left to the walkthrough (README "Walk through a certification batch").
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createUserRequestSchema, type AssessorGrade, type CertificateCodeSettings, type Role, type UserSummary } from '../contracts/identity';
import { systemActor } from '../domain/audit/record-audit';
import { calendarDateInChina } from '../domain/calendar/calendar-date';
import type { Actor } from '../domain/identity/actor';
import { createOrganisation } from '../domain/identity/create-organisation';
import { createUser } from '../domain/identity/create-user';
import type { Logger } from '../logger';
import { demoStaff, type DemoStaffKey } from './demo-people';
import { seedDemoBank } from './seed-demo-bank';
import { demoPracticalStart, demoRoom, demoTheoryStart, seedDemoBatch } from './seed-demo-batch';
import { claimDemoSeed, completeDemoSeed, listNonEmptyCollections, readDemoSeedMarker, runAllOrNothing } from './seed-guard';

/** Name of the demo organisation. */
export const demoOrganisationName = '演示企业有限公司';

/** R14 certificate-code fields of the demo organisation: employer Y, code 0001, Guangdong 44, Jiangmen 07, non-state 2, site 001. */
export const demoCertificateCode: CertificateCodeSettings = Object.freeze({
  organisationClass: 'Y',
  organisationCode: '0001',
  provinceCode: '44',
  cityCode: '07',
  ownershipType: 2,
  siteSequence: '001',
});

/** One demo login. Staff use `username`; candidates use `idNumber` + `admissionTicketNumber`. */
export interface DemoAccount {
  role: Role;
  /** Role as printed, e.g. `exam admin + proctor`, `senior assessor`. */
  title: string;
  name: string;
  username?: string;
  assessorGrade?: AssessorGrade;
  idNumber?: string;
  admissionTicketNumber?: string;
  password: string;
}

/** What the demo holds, for the banner. */
export interface DemoSeedSummary {
  organisationId: string;
  organisationName: string;
  /** R14 fields written `Y 0001 44 07 2 001`. */
  certificateCode: string;
  scopeId: string;
  scope: string;
  approvedTheoryItems: number;
  approvedPracticalItems: number;
  theoryPapers: number;
  practicalPapers: number;
  batchId: string;
  batchCode: string;
  batchStatus: string;
  /** R7: the day the plan was filed (the seed's today in China). */
  filingDate: string;
  /** China-time starts `YYYY-MM-DD HH:mm`. */
  theorySession: string;
  practicalSessions: string[];
  room: string;
  applications: { eligible: number; rejected: number };
  /** Set when the organisation calendar got DEMO placeholder years to hold the R7 lead time. */
  calendarNote?: string;
  /** Wall time of the seed, milliseconds. */
  durationMs: number;
}

/** Why {@link seedDemoOrganisation} created nothing. */
export type DemoSeedSkipReason = 'already_seeded' | 'seeding_elsewhere' | 'database_not_empty';

/** Outcome of {@link seedDemoOrganisation}. */
export interface DemoSeedResult {
  /** True when this call created the demo. */
  isCreated: boolean;
  skippedReason?: DemoSeedSkipReason;
  /** The demo accounts, when known (created now or read back from `accountsFile`). */
  accounts: DemoAccount[] | null;
  summary: DemoSeedSummary | null;
  /** Where the accounts are kept (mode 0600). */
  accountsFile: string;
}

/** Stored form of the accounts file. */
interface AccountsFile {
  format: 'skillcert.demo-accounts';
  version: 2;
  accounts: DemoAccount[];
  summary: DemoSeedSummary;
}

async function readAccountsFile(path: string): Promise<{ accounts: DemoAccount[] | null; summary: DemoSeedSummary | null }> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as AccountsFile | DemoAccount[];
    // Version 1 (earlier seeds) was a bare array of accounts.
    if (Array.isArray(data)) return { accounts: data.map((account) => ({ ...account, title: account.title ?? account.role })), summary: null };
    return { accounts: data.accounts, summary: data.summary };
  } catch {
    return { accounts: null, summary: null };
  }
}

function toActor(user: UserSummary): Actor {
  return {
    userId: user.id,
    organisationId: user.organisationId,
    roles: user.roles,
    name: user.name,
    ...(user.assessorGrade ? { assessorGrade: user.assessorGrade } : {}),
  };
}

/**
 * Seeds the demo on an empty database (see the module comment) and writes the accounts and a
 * summary to `<dataDir>/demo-accounts.json` (mode 0600).
 * Does nothing when the seed already ran (`already_seeded`: the stored accounts are returned),
 * while another process seeds (`seeding_elsewhere`), or when the database holds any document
 * (`database_not_empty`).
 * @param options.now the seed's clock (default now); the plan is filed on its China date (R7), which
 *   must not be in the future.
 * @throws Error `demo seed failed: …; the database was emptied again` when a step fails (its AppError
 *   as `cause`); nothing of the demo is kept then.
 */
export async function seedDemoOrganisation(options: { dataDir: string; logger: Logger; now?: Date }): Promise<DemoSeedResult> {
  const { logger } = options;
  const accountsFile = join(options.dataDir, 'demo-accounts.json');
  const skipped = async (skippedReason: DemoSeedSkipReason): Promise<DemoSeedResult> => ({
    isCreated: false,
    skippedReason,
    ...(skippedReason === 'already_seeded' ? await readAccountsFile(accountsFile) : { accounts: null, summary: null }),
    accountsFile,
  });

  const marker = await readDemoSeedMarker();
  if (marker) {
    if (marker.status === 'seeding') {
      logger.warn(
        { startedAt: marker.at },
        'a demo seed started on this database has not finished; if no other SkillCert process is seeding, it was interrupted: ' +
          'empty the database (or DATA_DIR for the embedded store) to seed again, or set SKIP_DEMO_SEED=1',
      );
      return skipped('seeding_elsewhere');
    }
    return skipped('already_seeded');
  }
  const nonEmpty = await listNonEmptyCollections();
  if (nonEmpty.length > 0) {
    logger.info({ collections: nonEmpty }, 'demo seed skipped: the database is not empty');
    return skipped('database_not_empty');
  }
  if (!(await claimDemoSeed())) return skipped('seeding_elsewhere');

  const startedAt = performance.now();
  const now = options.now ?? new Date();
  const result = await runAllOrNothing(async () => {
    const organisation = await createOrganisation({
      name: demoOrganisationName,
      isDemo: true,
      certificateCode: demoCertificateCode,
      actor: systemActor(),
    });
    const password = `demo-${randomBytes(6).toString('base64url')}`;
    const users = new Map<DemoStaffKey, UserSummary>();
    for (const member of demoStaff) {
      const admin = users.get('admin');
      const user = await createUser({
        organisationId: organisation.id,
        actor: admin ? toActor(admin) : systemActor(organisation.id),
        request: createUserRequestSchema.parse({
          name: member.name,
          roles: member.roles,
          username: member.username,
          password,
          ...(member.assessorGrade ? { assessorGrade: member.assessorGrade } : {}),
        }),
      });
      users.set(member.key, user);
    }
    const phasesMs: Record<string, number> = { staff: Math.round(performance.now() - startedAt) };
    const actorOf = (key: DemoStaffKey) => toActor(users.get(key)!);
    const idOf = (key: DemoStaffKey) => users.get(key)!.id;

    const bank = await seedDemoBank({ bankEditor: actorOf('bankEditor'), bankReviewer: actorOf('bankReviewer'), examAdmin: actorOf('examAdmin') });
    phasesMs.bank = Math.round(performance.now() - startedAt) - phasesMs.staff;
    const batch = await seedDemoBatch({
      actors: { admin: actorOf('admin'), examAdmin: actorOf('examAdmin') },
      organisationName: organisation.name,
      scopeId: bank.scopeId,
      staffIds: {
        examAdmin: idOf('examAdmin'),
        assessors: [idOf('assessor'), idOf('seniorAssessor'), idOf('arbitrationAssessor')],
        supervisor: idOf('supervisor'),
      },
      today: calendarDateInChina(now),
      leadTimeWorkingDays: organisation.settings.jurisdiction.planLeadTimeWorkingDays,
      practicalMinutes: bank.longestPracticalPaperMinutes,
      password,
    });

    phasesMs.batch = Math.round(performance.now() - startedAt) - phasesMs.staff - phasesMs.bank;
    logger.debug({ phasesMs }, 'demo seed phases');
    const accounts: DemoAccount[] = [
      ...demoStaff.map((member) => ({
        role: member.roles[0],
        title: member.title,
        name: member.name,
        username: member.username,
        ...(member.assessorGrade ? { assessorGrade: member.assessorGrade } : {}),
        password,
      })),
      ...batch.candidates.map((candidate) => ({
        role: 'candidate' as const,
        title: 'candidate',
        name: candidate.name,
        idNumber: candidate.idNumber,
        admissionTicketNumber: candidate.admissionTicketNumber,
        password,
      })),
    ];
    const code = demoCertificateCode;
    const placeholderYears = batch.schedule.placeholderYears.map((year) => year.year);
    const summary: DemoSeedSummary = {
      organisationId: organisation.id,
      organisationName: organisation.name,
      certificateCode: `${code.organisationClass} ${code.organisationCode} ${code.provinceCode} ${code.cityCode} ${code.ownershipType} ${code.siteSequence}`,
      scopeId: bank.scopeId,
      scope: bank.scopeLabel,
      approvedTheoryItems: bank.approvedTheoryItems,
      approvedPracticalItems: bank.approvedPracticalItems,
      theoryPapers: bank.theoryPaperCount,
      practicalPapers: bank.practicalPaperCount,
      batchId: batch.batchId,
      batchCode: batch.batchCode,
      batchStatus: batch.status,
      filingDate: batch.schedule.filingDate,
      theorySession: `${batch.schedule.theoryDate} ${demoTheoryStart}`,
      practicalSessions: batch.schedule.practicalDates.map((date) => `${date} ${demoPracticalStart}`),
      room: `${demoRoom.name} (${demoRoom.seats} seats, ${demoRoom.workstations} workstations)`,
      applications: { eligible: batch.applications.eligible, rejected: batch.applications.rejected },
      ...(placeholderYears.length > 0
        ? {
            calendarNote:
              `the R7 lead time runs past the statutory calendar data, so the demo organisation's calendar holds DEMO ` +
              `placeholder year(s) ${placeholderYears.join(', ')} (weekends and 1 January only, not the State Council notice); ` +
              'replace them under Plans → Calendar',
          }
        : {}),
      durationMs: Math.round(performance.now() - startedAt),
    };
    const file: AccountsFile = { format: 'skillcert.demo-accounts', version: 2, accounts, summary };
    await writeFile(accountsFile, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    await chmod(accountsFile, 0o600).catch(() => undefined);
    await completeDemoSeed();
    return { accounts, summary };
  });
  logger.info(
    { organisationId: result.summary.organisationId, batchCode: result.summary.batchCode, durationMs: result.summary.durationMs, accountsFile },
    'demo organisation created',
  );
  return { isCreated: true, accounts: result.accounts, summary: result.summary, accountsFile };
}

/**
 * The console banner: what the demo holds and a table of the demo accounts (role, username or
 * ID number + admission ticket, password, name).
 */
export function formatDemoAccounts(result: DemoSeedResult): string {
  if (result.skippedReason === 'database_not_empty') return '';
  if (result.skippedReason === 'seeding_elsewhere') return 'Demo data: a demo seed is running or was interrupted (see the log).\n';
  if (!result.accounts) return `Demo organisation exists; its accounts file ${result.accountsFile} is not available.\n`;
  const lines: string[] = [];
  const { summary } = result;
  lines.push(`SkillCert demo (${result.isCreated ? `created now${summary ? ` in ${(summary.durationMs / 1000).toFixed(1)} s` : ''}` : `from ${result.accountsFile}`})`);
  if (summary) {
    lines.push(`  organisation  ${summary.organisationName}, certificate code ${summary.certificateCode}`);
    lines.push(
      `  scope         ${summary.scope}: ${summary.approvedTheoryItems} approved theory items, ${summary.approvedPracticalItems} practical tasks, ` +
        `${summary.theoryPapers} theory + ${summary.practicalPapers} practical papers`,
    );
    const status = result.isCreated ? summary.batchStatus : `${summary.batchStatus} when seeded`;
    lines.push(`  batch         ${summary.batchCode} (${status}), plan filed ${summary.filingDate}; room ${summary.room}`);
    lines.push(`  sessions      theory ${summary.theorySession} (China time); practical rounds ${summary.practicalSessions.join(', ')}`);
    lines.push(`  candidates    ${summary.applications.eligible} admitted with tickets, ${summary.applications.rejected} applications rejected (R9)`);
    if (summary.calendarNote) lines.push(`  NOTE          ${summary.calendarNote}`);
  }
  const rows = result.accounts.map((account) => [
    account.title,
    account.role === 'candidate' ? `${account.idNumber} + ${account.admissionTicketNumber}` : (account.username ?? ''),
    account.password,
    account.name,
  ]);
  const header = ['role', 'username / ID number + admission ticket', 'password', 'name'];
  const widths = header.slice(0, 3).map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const formatRow = (row: string[]) => `  ${row.slice(0, 3).map((cell, column) => cell.padEnd(widths[column])).join('  ')}  ${row[3]}`.trimEnd();
  lines.push('Demo accounts (staff sign in at /login, candidates at /candidate/login):');
  lines.push(formatRow(header), formatRow(widths.map((width) => '-'.repeat(width)).concat('----')));
  for (const row of rows) lines.push(formatRow(row));
  return `${lines.join('\n')}\n`;
}
