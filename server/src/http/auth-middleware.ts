/**
 * Authentication and role checks for HTTP routes (R6 role separation, R17 access control).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../contracts/identity';
import { hasAnyRole } from '../domain/identity/actor';
import { resolveSession, sessionCookieName } from '../domain/identity/session-tokens';
import { AppError } from '../errors';
import './request-actor';

/** Reads the session token from the signed-in browser's cookie. */
export function readSessionToken(request: Request): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[sessionCookieName];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Creates the `authenticate` middleware: resolves the session cookie and sets `req.actor`
 * (`{ userId, organisationId, roles, assessorGrade?, name }`) and `req.authSession`.
 * Answers 401 `unauthenticated` when there is no live session.
 */
export function createAuthenticate(options: { sessionSecret: string }): RequestHandler {
  return async (request: Request, _response: Response, next: NextFunction) => {
    const resolved = await resolveSession(readSessionToken(request), options.sessionSecret);
    if (!resolved) throw new AppError('unauthenticated', 'Sign in first: no valid session');
    request.actor = resolved.actor;
    request.authSession = resolved;
    next();
  };
}

/**
 * Lets the request through when the actor holds at least one of `roles`.
 * Answers 401 without an actor and 403 `forbidden` naming the required roles otherwise.
 */
export function requireRole(...roles: Role[]): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    if (!request.actor) throw new AppError('unauthenticated', 'Sign in first');
    if (!hasAnyRole(request.actor, roles)) {
      throw new AppError('forbidden', `This action requires one of the roles: ${roles.join(', ')}`, {
        requiredRoles: roles,
      });
    }
    next();
  };
}
