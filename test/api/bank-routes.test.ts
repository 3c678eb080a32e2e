/**
 * Route × role matrix of the bank and papers routes, generated from the route table (R17 access
 * control: answer keys, exports and previews only for bank roles; R6 role separation).
 */
import { roles, type Role } from '@skillcert/server/contracts/identity';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';

/** Fills `:param` segments with a syntactically valid but unknown ObjectId. */
function concretePath(path: string): string {
  return path.replace(/:(\w+)/g, '000000000000000000000000');
}

const isOwnRoute = (path: string) => path.startsWith('/api/bank/') || path.startsWith('/api/papers');

describe('bank and papers routes × roles (generated from the route table)', () => {
  let app: TestApp;
  const agents = new Map<Role, SignedInAgent>();

  beforeAll(async () => {
    app = await startTestApp();
    for (const role of roles) agents.set(role, await app.login(role));
  });

  afterAll(async () => {
    await app?.stop();
  });

  const access = () =>
    new Map(app.server.routeTable.filter((route) => isOwnRoute(route.path)).map((route) => [`${route.method.toUpperCase()} ${route.path}`, route.roles]));

  it('R17: restricts keys, exports, versions and previews to the bank roles and approval to reviewers', () => {
    const table = access();
    const bankRoles = ['admin', 'bank_editor', 'bank_reviewer'];
    expect(table.get('POST /api/bank/scopes/:scopeId/export')).toEqual(bankRoles);
    expect(table.get('GET /api/bank/items/:itemId/versions')).toEqual(bankRoles);
    expect(table.get('GET /api/papers/:paperId/preview')).toEqual(bankRoles);
    expect(table.get('GET /api/papers/:paperId/pdf/teacher')).toEqual(bankRoles);
    expect(table.get('POST /api/bank/items/:itemId/approve')).toEqual(['admin', 'bank_reviewer']);
    expect(table.get('POST /api/bank/scopes/:scopeId/imports')).toEqual(bankRoles);
    expect(table.get('GET /api/bank/items')).toEqual([...bankRoles, 'exam_admin']);
    expect(table.get('GET /api/bank/scopes/:scopeId/readiness')).toEqual([...bankRoles, 'exam_admin']);
    expect(table.size).toBeGreaterThanOrEqual(34);
    for (const [route, routeRoles] of table) {
      expect(routeRoles, route).not.toBe('public');
      expect(routeRoles, route).not.toBe('authenticated');
      expect(routeRoles as readonly string[], route).not.toContain('candidate');
    }
  });

  it('R17: answers 401 to anonymous callers of every bank and papers route', async () => {
    const failures: string[] = [];
    for (const route of app.server.routeTable.filter((entry) => isOwnRoute(entry.path))) {
      const response = await supertest(app.baseUrl)[route.method](concretePath(route.path)).send({});
      if (response.status !== 401) failures.push(`${route.method.toUpperCase()} ${route.path} → ${response.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('R6 R17: lets exactly the listed roles through every bank and papers route (403 forbidden for the others)', async () => {
    const failures: string[] = [];
    for (const route of app.server.routeTable.filter((entry) => isOwnRoute(entry.path))) {
      for (const role of roles) {
        const response = await agents.get(role)![route.method](concretePath(route.path)).send({});
        const isAllowed = route.roles === 'authenticated' || (Array.isArray(route.roles) && route.roles.includes(role));
        const verdict = isAllowed ? response.status !== 401 && response.status !== 403 && response.status < 500 : response.status === 403;
        if (!verdict) failures.push(`${route.method.toUpperCase()} ${route.path} as ${role} → ${response.status} (expected ${isAllowed ? 'allowed' : '403'})`);
        if (!isAllowed && response.body?.error?.code !== 'forbidden') failures.push(`${route.path} as ${role}: code ${response.body?.error?.code}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
