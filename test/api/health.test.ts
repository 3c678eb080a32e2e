import { getHealth } from '@skillcert/server/domain/health/get-health';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';

describe('GET /api/health', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('reports status, database kind, the browser and the version without signing in', async () => {
    const response = await supertest(app.baseUrl).get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      database: { kind: app.server.database.kind, isConnected: true },
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(['ok', 'degraded']).toContain(response.body.status);
    expect(response.body.status === 'ok').toBe(response.body.browser.found);
    if (response.body.browser.found) expect(response.body.browser.path).toEqual(expect.any(String));
  });

  it('reports degraded with a message when the configured browser does not exist', async () => {
    const health = await getHealth({ databaseKind: app.server.database.kind, puppeteerExecutablePath: '/nonexistent/chrome' });
    expect(health.status).toBe('degraded');
    expect(health.browser.found).toBe(false);
    expect(health.browser.message).toMatch(/PUPPETEER_EXECUTABLE_PATH=\/nonexistent\/chrome does not exist/);
  });

  it('answers 404 not_found for unknown API routes', async () => {
    const response = await supertest(app.baseUrl).get('/api/nope');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });
});
