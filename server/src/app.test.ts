import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from './app';
import { loadConfig, type Config } from './config';
import { AppError } from './errors';
import type { RouteModule } from './http/context';
import { parseInput } from './http/validate';
import { createLogger } from './logger';

const config: Config = {
  ...loadConfig({ NODE_ENV: 'test' }),
  sessionSecret: 's'.repeat(40),
  certificateSigningKey: 'unused-in-this-test',
};

const probeRoutes: RouteModule = (registry) => {
  registry
    .add({
      method: 'get',
      path: '/api/probe/app-error',
      roles: 'public',
      summary: 'throws an AppError',
      handler: () => {
        throw new AppError('precondition_failed', 'plan: not filed yet', { planId: 'p1' });
      },
    })
    .add({
      method: 'get',
      path: '/api/probe/crash',
      roles: 'public',
      summary: 'throws an unexpected error',
      handler: async () => {
        throw new Error('connection string mongodb://user:secret@db leaked');
      },
    })
    .add({
      method: 'post',
      path: '/api/probe/echo',
      roles: 'public',
      summary: 'validates a body',
      handler: (request, response) => {
        const body = parseInput(z.object({ count: z.number().int() }), request.body, 'body');
        response.json(body);
      },
    });
};

describe('createApp', () => {
  let clientDistDir: string;
  let request: ReturnType<typeof supertest>;

  beforeAll(async () => {
    clientDistDir = await mkdtemp(join(tmpdir(), 'skillcert-client-'));
    await writeFile(join(clientDistDir, 'index.html'), '<!doctype html><title>SkillCert</title>');
    await writeFile(join(clientDistDir, 'app.js'), 'console.log(1)');
    const { app } = createApp({ config, logger: createLogger({ level: 'silent' }), routeModules: [probeRoutes], clientDistDir });
    request = supertest(app);
  });

  afterAll(async () => {
    await rm(clientDistDir, { recursive: true, force: true });
  });

  it('maps an AppError to its status and the { error: { code, message, details } } body', async () => {
    const response = await request.get('/api/probe/app-error');
    expect(response.status).toBe(412);
    expect(response.body).toEqual({ error: { code: 'precondition_failed', message: 'plan: not filed yet', details: { planId: 'p1' } } });
  });

  it('hides internals of an unexpected error behind a bare 500 internal', async () => {
    const response = await request.get('/api/probe/crash');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: { code: 'internal', message: 'Internal error' } });
    expect(JSON.stringify(response.body)).not.toMatch(/secret/);
  });

  it('answers validation_failed naming the field of a bad body', async () => {
    const response = await request.post('/api/probe/echo').send({ count: 'many' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.message).toMatch(/^body\.count: /);
    expect(response.body.error.details.issues[0].field).toBe('body.count');
  });

  it('answers validation_failed for a body that is not JSON', async () => {
    const response = await request.post('/api/probe/echo').set('Content-Type', 'application/json').send('{"count":');
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', message: 'body: the request body is not valid JSON' });
  });

  it('answers validation_failed for a body over the 1 MB limit', async () => {
    const response = await request
      .post('/api/probe/echo')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ count: 1, padding: 'x'.repeat(1_100_000) }));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/exceeds/);
  });

  it('answers 404 not_found JSON for an unknown /api route', async () => {
    const response = await request.get('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'not_found', message: 'No API route GET /api/no-such-thing' });
  });

  it('serves the built client and falls back to index.html for client routes', async () => {
    const asset = await request.get('/app.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toBe('console.log(1)');
    const page = await request.get('/exam/room/123');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<title>SkillCert</title>');
  });

  it('sets an X-Request-Id on every answer', async () => {
    const response = await request.get('/api/no-such-thing').set('X-Request-Id', 'trace-123');
    expect(response.headers['x-request-id']).toBe('trace-123');
  });
});
