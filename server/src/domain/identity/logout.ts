/**
 * Logout: deletes the server-side session (R17) and audits `auth.logout`.
 */
import { recordAudit } from '../audit/record-audit';
import type { Actor } from './actor';
import { closeSession } from './session-tokens';

/**
 * Deletes the session of `token`. With an actor (the session was live) the logout is audited;
 * an unknown or expired token is a no-op. Never throws for a missing session.
 */
export async function logout(options: { token: string | undefined; actor: Actor | null; sessionSecret: string }): Promise<void> {
  if (!options.token) return;
  const wasDeleted = await closeSession(options.token, options.sessionSecret);
  if (wasDeleted && options.actor) {
    await recordAudit({
      actor: options.actor,
      action: 'auth.logout',
      target: { kind: 'user', id: options.actor.userId, label: options.actor.name },
      payload: null,
    });
  }
}
