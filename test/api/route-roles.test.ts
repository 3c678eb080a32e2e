import { roles, type Role } from '@skillcert/server/contracts/identity';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';

/** Fills `:param` segments with a syntactically valid but unknown ObjectId. */
function concretePath(path: string): string {
  return path.replace(/:(\w+)/g, '000000000000000000000000');
}

describe('route × role matrix (generated from the route table)', () => {
  let app: TestApp;
  const agents = new Map<Role, SignedInAgent>();

  beforeAll(async () => {
    app = await startTestApp();
    for (const role of roles) agents.set(role, await app.login(role));
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('has the identity, admin, audit and health routes in the table', () => {
    const rows = app.server.routeTable.map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(rows).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'POST /api/auth/login',
        'POST /api/auth/candidate-login',
        'POST /api/auth/logout',
        'GET /api/auth/me',
        'GET /api/admin/users',
        'POST /api/admin/users',
        'PATCH /api/admin/organisation/settings',
        'GET /api/admin/audit/verify',
      ]),
    );
  });

  it('R17: answers 401 to anonymous callers of every non-public route', async () => {
    const failures: string[] = [];
    for (const route of app.server.routeTable.filter((entry) => entry.roles !== 'public')) {
      const response = await supertest(app.baseUrl)[route.method](concretePath(route.path)).send({});
      if (response.status !== 401) failures.push(`${route.method.toUpperCase()} ${route.path} → ${response.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('R6 R17: lets exactly the listed roles through every role-restricted route (403 for the others)', async () => {
    const failures: string[] = [];
    for (const route of app.server.routeTable) {
      for (const role of roles) {
        const isLogout = route.path.endsWith('/logout');
        const agent = isLogout ? await app.login(role) : agents.get(role)!;
        const response = await agent[route.method](concretePath(route.path)).send({});
        const isAllowed = route.roles === 'public' || route.roles === 'authenticated' || route.roles.includes(role);
        const verdict = isAllowed ? response.status !== 401 && response.status !== 403 : response.status === 403;
        if (!verdict) failures.push(`${route.method.toUpperCase()} ${route.path} as ${role} → ${response.status} (expected ${isAllowed ? 'allowed' : '403'})`);
        if (!isAllowed && response.body?.error?.code !== 'forbidden') failures.push(`${route.path} as ${role}: code ${response.body?.error?.code}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
