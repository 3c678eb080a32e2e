import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';

function sessionCookie(response: { headers: Record<string, unknown> }): string {
  const cookies = (response.headers['set-cookie'] as string[] | undefined) ?? [];
  const cookie = cookies.find((value) => value.startsWith('skillcert_session='));
  if (!cookie) throw new Error('no session cookie set');
  return cookie;
}

function cookiePair(cookie: string): string {
  return cookie.split(';')[0];
}

describe('auth API', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('R17: logs staff in with an httpOnly SameSite=Lax session cookie and answers /me', async () => {
    const user = await app.createUser('exam_admin');
    const response = await supertest(app.baseUrl).post('/api/auth/login').send({ username: user.username, password: user.password });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ userId: user.id, roles: ['exam_admin'], username: user.username, organisationId: app.organisationId });
    const cookie = sessionCookie(response);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const me = await supertest(app.baseUrl).get('/api/auth/me').set('Cookie', cookiePair(cookie));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ userId: user.id, name: user.name, roles: ['exam_admin'] });
    expect(Date.parse(me.body.sessionExpiresAt)).toBeGreaterThan(Date.now());
  });

  it('R17: matches usernames case-insensitively', async () => {
    const user = await app.createUser('hr');
    const response = await supertest(app.baseUrl)
      .post('/api/auth/login')
      .send({ username: user.username!.toUpperCase(), password: user.password });
    expect(response.status).toBe(200);
  });

  it('R17: refuses a wrong password and an unknown user with the same 401 message', async () => {
    const user = await app.createUser('proctor');
    const wrong = await supertest(app.baseUrl).post('/api/auth/login').send({ username: user.username, password: 'not-the-password' });
    const unknown = await supertest(app.baseUrl).post('/api/auth/login').send({ username: 'nobody.here', password: 'whatever-123' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual({ code: 'unauthenticated', message: 'Username or password is incorrect' });
    expect(unknown.body.error).toEqual(wrong.body.error);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('answers 400 naming the missing field of a login body', async () => {
    const response = await supertest(app.baseUrl).post('/api/auth/login').send({ username: 'someone' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^body\.password: /);
  });

  it('R17: rotates the session at login so a pre-login cookie stops working', async () => {
    const user = await app.createUser('bank_editor');
    const first = await supertest(app.baseUrl).post('/api/auth/login').send({ username: user.username, password: user.password });
    const firstCookie = cookiePair(sessionCookie(first));
    const second = await supertest(app.baseUrl)
      .post('/api/auth/login')
      .set('Cookie', firstCookie)
      .send({ username: user.username, password: user.password });
    const secondCookie = cookiePair(sessionCookie(second));
    expect(secondCookie).not.toBe(firstCookie);
    expect((await supertest(app.baseUrl).get('/api/auth/me').set('Cookie', firstCookie)).status).toBe(401);
    expect((await supertest(app.baseUrl).get('/api/auth/me').set('Cookie', secondCookie)).status).toBe(200);
  });

  it('R17: logout deletes the server-side session and clears the cookie', async () => {
    const agent = await app.login('assessor');
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    const logout = await agent.post('/api/auth/logout');
    expect(logout.status).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/skillcert_session=;/);
    const me = await agent.get('/api/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthenticated');
  });

  it('R17: a stolen cookie value is useless after logout', async () => {
    const user = await app.createUser('supervisor');
    const login = await supertest(app.baseUrl).post('/api/auth/login').send({ username: user.username, password: user.password });
    const cookie = cookiePair(sessionCookie(login));
    await supertest(app.baseUrl).post('/api/auth/logout').set('Cookie', cookie).expect(204);
    expect((await supertest(app.baseUrl).get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
  });

  it('logs a candidate in with ID number, admission ticket number and password', async () => {
    const candidate = await app.createUser('candidate');
    const response = await supertest(app.baseUrl).post('/api/auth/candidate-login').send({
      idNumber: candidate.idNumber!.toLowerCase(),
      admissionTicketNumber: candidate.admissionTicketNumber,
      password: candidate.password,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ userId: candidate.id, roles: ['candidate'], idNumber: candidate.idNumber });
    const me = await supertest(app.baseUrl).get('/api/auth/me').set('Cookie', cookiePair(sessionCookie(response)));
    expect(me.body.roles).toEqual(['candidate']);
  });

  it('refuses a candidate whose admission ticket number is not theirs', async () => {
    const candidate = await app.createUser('candidate');
    const other = await app.createUser('candidate');
    const response = await supertest(app.baseUrl).post('/api/auth/candidate-login').send({
      idNumber: candidate.idNumber,
      admissionTicketNumber: other.admissionTicketNumber,
      password: candidate.password,
    });
    expect(response.status).toBe(401);
    expect(response.body.error.message).toBe('ID number, admission ticket number or password is incorrect');
  });

  it('refuses a candidate on the staff login route', async () => {
    const candidate = await app.createUser('candidate');
    const response = await supertest(app.baseUrl).post('/api/auth/login').send({ username: candidate.idNumber, password: candidate.password });
    expect(response.status).toBe(401);
  });

  it('R17: answers 429 rate_limited with the retry time after 5 failed logins for one account and address', async () => {
    const user = await app.createUser('bank_reviewer');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await supertest(app.baseUrl).post('/api/auth/login').send({ username: user.username, password: `wrong-${attempt}` });
      expect(response.status).toBe(401);
    }
    const throttled = await supertest(app.baseUrl).post('/api/auth/login').send({ username: user.username, password: user.password });
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('rate_limited');
    expect(throttled.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(throttled.body.error.details.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(Number(throttled.headers['retry-after'])).toBe(throttled.body.error.details.retryAfterSeconds);
    const otherUser = await app.createUser('bank_reviewer');
    const unaffected = await supertest(app.baseUrl).post('/api/auth/login').send({ username: otherUser.username, password: otherUser.password });
    expect(unaffected.status).toBe(200);
  });

  it('R17: throttles candidate logins per ID number and address', async () => {
    const candidate = await app.createUser('candidate');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await supertest(app.baseUrl)
        .post('/api/auth/candidate-login')
        .send({ idNumber: candidate.idNumber, admissionTicketNumber: candidate.admissionTicketNumber, password: 'wrong-password' })
        .expect(401);
    }
    const throttled = await supertest(app.baseUrl)
      .post('/api/auth/candidate-login')
      .send({ idNumber: candidate.idNumber, admissionTicketNumber: candidate.admissionTicketNumber, password: candidate.password });
    expect(throttled.status).toBe(429);
  });

  it('R10: audits logins, failed logins and logouts', async () => {
    const user = await app.createUser('hr');
    await supertest(app.baseUrl).post('/api/auth/login').send({ username: user.username, password: 'wrong-password' }).expect(401);
    const agent = supertest.agent(app.baseUrl);
    await agent.post('/api/auth/login').send({ username: user.username, password: user.password }).expect(200);
    await agent.post('/api/auth/logout').expect(204);
    const admin = await app.login('admin');
    const trail = await admin.get('/api/admin/audit').query({ targetId: user.id, limit: 10 });
    expect(trail.status).toBe(200);
    const actions = (trail.body.entries as Array<{ action: string; payload: Record<string, unknown> }>).map((entry) => entry.action);
    expect(actions.slice(0, 3)).toEqual(['auth.logout', 'auth.login', 'auth.login_failed']);
    const failed = trail.body.entries[2];
    expect(failed.payload).toMatchObject({ kind: 'staff', reason: 'wrong_password' });
    expect(JSON.stringify(trail.body)).not.toContain('wrong-password');
  });
});

describe('auth API behind a TLS-terminating proxy (TRUST_PROXY)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('R17: marks the session cookie Secure when the proxy reports https', async () => {
    const user = await app.createUser('admin');
    const response = await supertest(app.baseUrl)
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ username: user.username, password: user.password });
    expect(response.status).toBe(200);
    expect(sessionCookie(response)).toMatch(/;\s*Secure/i);
  });

  it('R17: throttles per forwarded client address, not per proxy address', async () => {
    const user = await app.createUser('hr');
    const attempt = (address: string, password: string) =>
      supertest(app.baseUrl).post('/api/auth/login').set('X-Forwarded-For', address).send({ username: user.username, password });
    for (let index = 1; index <= 5; index += 1) expect((await attempt('203.0.113.7', 'wrong-password')).status).toBe(401);
    expect((await attempt('203.0.113.7', user.password)).status).toBe(429);
    expect((await attempt('198.51.100.9', user.password)).status).toBe(200);
  });
});
