/**
 * The route × role matrix as a REVIEWED document, and the access rules every route must keep (R6,
 * R17). test/api/route-roles.test.ts proves that the server enforces the route table (every route,
 * every role, 401/403 over HTTP); this suite checks the table itself:
 *
 * - route-role-matrix.md (next to this file) is the whole matrix, generated from the router: a
 *   change of any route's access shows up as a diff to review (`npx vitest run test/security -u`
 *   after a deliberate change);
 * - public routes are exactly the listed ones;
 * - bank and paper routes (R17: the bank is confidential) and administration routes never admit
 *   candidates, proctors, assessors, supervisors or HR, nor "any signed-in user";
 * - candidates reach only the listed candidate-facing routes.
 *
 * The table comes from `createApp` itself (no database, no listening), so it is the router's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@skillcert/server/app';
import { completeConfig, loadConfig } from '@skillcert/server/config';
import { roles, type Role } from '@skillcert/server/contracts/identity';
import type { RouteEntry } from '@skillcert/server/http/route-registry';
import { createLogger } from '@skillcert/server/logger';

let table: readonly RouteEntry[] = [];

/** The route table of the real application (the config's secrets go to a temporary directory). */
async function loadRouteTable(): Promise<readonly RouteEntry[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'skillcert-route-table-'));
  try {
    const config = await completeConfig(
      loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, SESSION_SECRET: 'route-table-only-'.padEnd(64, 'x'), LOG_LEVEL: 'silent', PATH: process.env.PATH }),
    );
    return createApp({ config, logger: createLogger({ level: 'silent' }), clientDistDir: join(dataDir, 'no-client') }).routeTable;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const label = (route: RouteEntry) => `${route.method.toUpperCase()} ${route.path}`;

/** Whether `role` (or an anonymous caller, `null`) may call `route` according to the table. */
function isAllowed(route: RouteEntry, role: Role | null): boolean {
  if (route.roles === 'public') return true;
  if (role === null) return false;
  return route.roles === 'authenticated' || route.roles.includes(role);
}

/** The matrix as Markdown: one row per route, one column per role, ✓ allowed, · denied. */
function renderMatrix(table: readonly RouteEntry[]): string {
  const header = `| route | anonymous | ${roles.join(' | ')} |\n|---|---|${roles.map(() => '---').join('|')}|`;
  const rows = [...table]
    .sort((left, right) => left.path.localeCompare(right.path) || left.method.localeCompare(right.method))
    .map((route) => `| \`${label(route)}\` | ${isAllowed(route, null) ? '✓' : '·'} | ${roles.map((role) => (isAllowed(route, role) ? '✓' : '·')).join(' | ')} |`);
  return [
    '# Route × role matrix',
    '',
    'Generated from the route table by test/security/route-access-policy.test.ts; review every change.',
    'Enforcement of each cell over HTTP is tested by test/api/route-roles.test.ts.',
    '',
    header,
    ...rows,
    '',
  ].join('\n');
}

/** Routes anyone may call without signing in. */
const publicRoutes = ['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/candidate-login', 'GET /api/verify/:number', 'GET /verify/:number'];

/** Path prefixes whose routes carry bank content, papers or administration (R17). */
const confidentialPrefixes = ['/api/bank/', '/api/papers/', '/api/admin/', '/api/archives/'];
/** Roles that never reach confidential routes. */
const rolesWithoutBankAccess: Role[] = ['candidate', 'proctor', 'assessor', 'supervisor', 'hr'];

/** Candidate-facing routes (R8, R9, R11, R13, R15, R20 and the exam room's HTTP side). */
const candidateRoutes = [
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'GET /api/exam/attempts/current',
  'GET /api/announcements',
  'GET /api/announcements/:announcementId',
  'GET /api/announcements/:announcementId/pdf',
  'POST /api/batches/:batchId/applications',
  'GET /api/my/applications',
  'GET /api/my/admission-tickets',
  'GET /api/batches/:batchId/admission-tickets/:registrationId/pdf',
  'GET /api/scoring/results/:resultId',
  'GET /api/scoring/my-results',
  'GET /api/batches/:batchId/publication',
  'GET /api/batches/:batchId/publication/notice.pdf',
  'POST /api/batches/:batchId/publication/objections',
  'GET /api/batches/:batchId/publication/objections',
  'GET /api/certificates/mine',
  'GET /api/reports/my/feedback',
  'POST /api/reports/batches/:batchId/feedback',
  'GET /api/proctoring/webcam/settings',
  'POST /api/proctoring/webcam/attempts/:attemptId/consent',
  'POST /api/proctoring/webcam/attempts/:attemptId/snapshots',
];

beforeAll(async () => {
  table = await loadRouteTable();
});

describe('route access policy (generated from the router)', () => {
  it('R17: matches the reviewed route × role matrix in route-role-matrix.md', async () => {
    await expect(renderMatrix(table)).toMatchFileSnapshot('./route-role-matrix.md');
  });

  it('R17: has exactly the listed public routes', async () => {
    expect(table.filter((route) => route.roles === 'public').map(label).sort()).toEqual([...publicRoutes].sort());
  });

  it('R17: never opens bank, paper, administration or archive routes to candidates, proctors, assessors, supervisors, HR or any signed-in user', async () => {
    const confidential = table.filter((route) => confidentialPrefixes.some((prefix) => route.path.startsWith(prefix)));
    expect(confidential.length).toBeGreaterThan(30);
    const leaks = confidential.flatMap((route) =>
      route.roles === 'public' || route.roles === 'authenticated'
        ? [`${label(route)} is open to ${route.roles}`]
        : rolesWithoutBankAccess.filter((role) => isAllowed(route, role)).map((role) => `${label(route)} admits ${role}`),
    );
    expect(leaks).toEqual([]);
  });

  it('R17: lets candidates reach only the listed candidate-facing routes', async () => {
    expect(table.filter((route) => route.roles !== 'public' && isAllowed(route, 'candidate')).map(label).sort()).toEqual([...candidateRoutes].sort());
  });

  it('R17: lists every route with a summary and a known role', async () => {
    const problems = table.flatMap((route) => [
      ...(route.summary.trim() === '' ? [`${label(route)} has no summary`] : []),
      ...(Array.isArray(route.roles) ? route.roles.filter((role) => !(roles as readonly string[]).includes(role)).map((role) => `${label(route)}: unknown role ${role}`) : []),
    ]);
    expect(problems).toEqual([]);
  });
});
