/**
 * HTTP routes of identity: /api/auth (staff and candidate login, logout, me) and the
 * administrator's users and organisation settings (R17 account management, R14 certificate-code
 * settings, jurisdiction settings).
 */
import type { Request, Response } from 'express';
import {
  candidateLoginRequestSchema,
  createUserRequestSchema,
  listUsersQuerySchema,
  staffLoginRequestSchema,
  updateOrganisationSettingsRequestSchema,
  type Me,
} from '../../contracts/identity';
import { readSessionToken } from '../../http/auth-middleware';
import type { AppContext } from '../../http/context';
import { requireActor } from '../../http/request-actor';
import type { RouteRegistry } from '../../http/route-registry';
import { parseInput } from '../../http/validate';
import type { LoginContext, LoginResult } from './complete-login';
import { createUser } from './create-user';
import { getOrganisation } from './get-organisation';
import { listUsers } from './list-users';
import { loginCandidate } from './login-candidate';
import { loginStaff } from './login-staff';
import { logout } from './logout';
import { sessionCookieName } from './session-tokens';
import { updateOrganisationSettings } from './update-organisation-settings';

function toLoginContext(request: Request, context: AppContext): LoginContext {
  return {
    ip: request.ip,
    userAgent: request.get('user-agent') ?? undefined,
    previousToken: readSessionToken(request),
    sessionSecret: context.config.sessionSecret,
    loginThrottle: context.loginThrottle,
  };
}

function answerLogin(request: Request, response: Response, result: LoginResult): void {
  response.cookie(sessionCookieName, result.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.secure,
    path: '/',
    expires: result.expiresAt,
  });
  response.status(200).json(result.me);
}

/** Registers /api/auth/* and /api/admin/users, /api/admin/organisation*. */
export function registerIdentityRoutes(registry: RouteRegistry, context: AppContext): void {
  registry
    .add({
      method: 'post',
      path: '/api/auth/login',
      roles: 'public',
      summary: 'Staff login with username and password; sets the session cookie',
      handler: async (request, response) => {
        const body = parseInput(staffLoginRequestSchema, request.body, 'body');
        answerLogin(request, response, await loginStaff(body, toLoginContext(request, context)));
      },
    })
    .add({
      method: 'post',
      path: '/api/auth/candidate-login',
      roles: 'public',
      summary: 'Candidate login with ID number, admission ticket number and password',
      handler: async (request, response) => {
        const body = parseInput(candidateLoginRequestSchema, request.body, 'body');
        answerLogin(request, response, await loginCandidate(body, toLoginContext(request, context)));
      },
    })
    .add({
      method: 'post',
      path: '/api/auth/logout',
      roles: 'authenticated',
      summary: 'Deletes the session and clears the cookie',
      handler: async (request, response) => {
        await logout({
          token: readSessionToken(request),
          actor: request.actor ?? null,
          sessionSecret: context.config.sessionSecret,
        });
        response.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/' });
        response.status(204).end();
      },
    })
    .add({
      method: 'get',
      path: '/api/auth/me',
      roles: 'authenticated',
      summary: 'The signed-in user',
      handler: (request, response) => {
        const actor = requireActor(request);
        const session = request.authSession!;
        const me: Me = {
          userId: actor.userId,
          organisationId: actor.organisationId,
          organisationName: session.organisationName,
          name: actor.name,
          roles: actor.roles,
          ...(actor.assessorGrade ? { assessorGrade: actor.assessorGrade } : {}),
          ...(session.username ? { username: session.username } : {}),
          ...(session.idNumber ? { idNumber: session.idNumber } : {}),
          sessionExpiresAt: session.expiresAt.toISOString(),
        };
        response.json(me);
      },
    })
    .add({
      method: 'get',
      path: '/api/admin/users',
      roles: ['admin'],
      summary: 'Users of the organisation (filter by role, search, page)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const query = parseInput(listUsersQuerySchema, request.query, 'query');
        response.json(await listUsers({ organisationId: actor.organisationId, query }));
      },
    })
    .add({
      method: 'post',
      path: '/api/admin/users',
      roles: ['admin'],
      summary: 'Creates a staff account or a candidate',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const body = parseInput(createUserRequestSchema, request.body, 'body');
        response.status(201).json(await createUser({ request: body, organisationId: actor.organisationId, actor }));
      },
    })
    .add({
      method: 'get',
      path: '/api/admin/organisation',
      roles: ['admin'],
      summary: 'The organisation and its settings',
      handler: async (request, response) => {
        response.json(await getOrganisation(requireActor(request).organisationId));
      },
    })
    .add({
      method: 'patch',
      path: '/api/admin/organisation/settings',
      roles: ['admin'],
      summary: 'Changes the name, certificate-code fields (R14) or jurisdiction settings',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const body = parseInput(updateOrganisationSettingsRequestSchema, request.body, 'body');
        response.json(await updateOrganisationSettings({ request: body, actor }));
      },
    });
}
