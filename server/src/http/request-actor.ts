/**
 * The actor and session on an Express request, set by `authenticate`.
 */
import type { Request } from 'express';
import type { Actor } from '../domain/identity/actor';
import type { ResolvedSession } from '../domain/identity/session-tokens';
import { AppError } from '../errors';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in user (set by `authenticate`). */
      actor?: Actor;
      /** The live session behind `actor`. */
      authSession?: ResolvedSession;
    }
  }
}

/**
 * The request's actor.
 * @throws AppError `unauthenticated` when the route was not behind `authenticate`.
 */
export function requireActor(request: Request): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Sign in first');
  return request.actor;
}
