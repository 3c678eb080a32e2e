/**
 * HTTP routes of the audit log: chain verification and the organisation's trail (R10, R17).
 */
import { z } from 'zod';
import type { AppContext } from '../../http/context';
import { requireActor } from '../../http/request-actor';
import type { RouteRegistry } from '../../http/route-registry';
import { parseInput } from '../../http/validate';
import { listAuditEntries } from './list-audit-entries';
import { verifyAuditChain } from './verify-audit-chain';

const listAuditQuerySchema = z.object({
  action: z.string().trim().max(100).optional(),
  targetKind: z.string().trim().max(100).optional(),
  targetId: z.string().trim().max(100).optional(),
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Registers GET /api/admin/audit and GET /api/admin/audit/verify. */
export function registerAuditRoutes(registry: RouteRegistry, context: AppContext): void {
  registry
    .add({
      method: 'get',
      path: '/api/admin/audit',
      roles: ['admin'],
      summary: "The organisation's audit trail, newest first",
      handler: async (request, response) => {
        const actor = requireActor(request);
        const query = parseInput(listAuditQuerySchema, request.query, 'query');
        response.json({ entries: await listAuditEntries({ organisationId: actor.organisationId, ...query }) });
      },
    })
    .add({
      method: 'get',
      path: '/api/admin/audit/verify',
      roles: ['admin'],
      summary: 'Verifies the hash chain of the audit log and names the first broken record',
      handler: async (_request, response) => {
        const verification = await verifyAuditChain();
        if (!verification.isIntact) context.logger.error({ verification }, 'audit chain broken');
        response.json(verification);
      },
    });
}
