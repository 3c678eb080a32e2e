/**
 * Session fixation and cookie flags beyond test/api/auth.test.ts (which covers the staff cookie's
 * flags, rotation of a server-issued cookie at staff login, logout and the Secure flag behind TLS):
 * a cookie value PLANTED by an attacker before login never becomes a session (staff and candidate
 * login, HTTP and the exam socket), the candidate cookie carries the same flags and a bounded
 * lifetime, and a session cookie with any character changed is refused (R17).
 */
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import supertest from 'supertest';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examNamespace } from '@skillcert/server/contracts/exam-room';
import { sessionCookieName, sessionLifetimeMs } from '@skillcert/server/domain/identity/session-tokens';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app';

let app: TestApp;

function setCookieOf(response: supertest.Response): string {
  const header = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith(`${sessionCookieName}=`));
  if (!header) throw new Error(`no ${sessionCookieName} cookie in ${JSON.stringify(response.headers['set-cookie'])}`);
  return header;
}

const pairOf = (setCookie: string) => setCookie.split(';')[0];

function login(user: TestUser, cookie?: string) {
  const request = supertest(app.baseUrl).post(user.role === 'candidate' ? '/api/auth/candidate-login' : '/api/auth/login');
  if (cookie) request.set('Cookie', cookie);
  return request.send(
    user.role === 'candidate' ? { idNumber: user.idNumber, admissionTicketNumber: user.admissionTicketNumber, password: user.password } : { username: user.username, password: user.password },
  );
}

const whoAmI = (cookie: string) => supertest(app.baseUrl).get('/api/auth/me').set('Cookie', cookie);

/** Resolves with the handshake error code of the exam namespace for `cookie`, or `connected`. */
function examHandshake(cookie: string): Promise<string> {
  const socket = connectSocket(`${app.baseUrl}${examNamespace}`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      socket.close();
      resolve(error.data?.code ?? error.message);
    });
  });
}

beforeAll(async () => {
  const { attachRealtime } = await import('@skillcert/server/realtime/attach-realtime');
  app = await startTestApp({ realtimeModules: [attachRealtime] });
});

afterAll(async () => {
  await app?.stop();
});

describe('session fixation', () => {
  for (const role of ['exam_admin', 'candidate'] as const) {
    it(`R17: a cookie value planted before login never becomes a session (${role} login)`, async () => {
      const user = await app.createUser(role);
      const planted = `${sessionCookieName}=${randomBytes(32).toString('base64url')}`;
      const response = await login(user, planted);
      expect(response.status).toBe(200);
      const issued = pairOf(setCookieOf(response));
      expect(issued).not.toBe(planted);
      expect((await whoAmI(planted)).status).toBe(401);
      expect((await whoAmI(issued)).status).toBe(200);
      if (role === 'candidate') {
        expect(await examHandshake(planted)).toBe('unauthenticated');
        expect(await examHandshake(issued)).toBe('connected');
      }
    });
  }

  it("R17: a login in a browser still holding another user's cookie gets its own identity and ends the old session", async () => {
    const previous = await app.createUser('bank_editor');
    const next = await app.createUser('bank_reviewer');
    const previousCookie = pairOf(setCookieOf(await login(previous)));
    const nextCookie = pairOf(setCookieOf(await login(next, previousCookie)));
    const me = await whoAmI(nextCookie);
    expect(me.body).toMatchObject({ userId: next.id, roles: ['bank_reviewer'] });
    expect((await whoAmI(previousCookie)).status).toBe(401);
  });
});

describe('session cookies', () => {
  it('R17: sets the candidate session cookie HttpOnly, SameSite=Lax, Path=/ and expiring with the session', async () => {
    const candidate = await app.createUser('candidate');
    const before = Date.now();
    const setCookie = setCookieOf(await login(candidate));
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\/(;|$)/i);
    const expires = Date.parse(/;\s*Expires=([^;]+)/i.exec(setCookie)?.[1] ?? '');
    expect(expires).toBeGreaterThan(before);
    expect(expires).toBeLessThanOrEqual(Date.now() + sessionLifetimeMs + 1_000);
  });

  it('R17: refuses a session cookie with any single character changed', async () => {
    const user = await app.createUser('hr');
    const issued = pairOf(setCookieOf(await login(user)));
    const [name, token] = issued.split('=');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: token.length - 1 }), fc.constantFrom(...alphabet), async (position, replacement) => {
        fc.pre(token[position] !== replacement);
        const altered = `${name}=${token.slice(0, position)}${replacement}${token.slice(position + 1)}`;
        expect((await whoAmI(altered)).status).toBe(401);
      }),
      { numRuns: 25 },
    );
    expect((await whoAmI(issued)).status).toBe(200);
  });
});
