/**
 * GET /api/health: public, used by load balancers and by `npm start` checks.
 */
import type { AppContext } from '../../http/context';
import type { RouteRegistry } from '../../http/route-registry';
import { getHealth } from './get-health';

/** Registers GET /api/health (200 for ok/degraded, 503 when the database is unavailable). */
export function registerHealthRoutes(registry: RouteRegistry, context: AppContext): void {
  registry.add({
    method: 'get',
    path: '/api/health',
    roles: 'public',
    summary: 'Status, database kind, browser availability and version',
    handler: async (_request, response) => {
      const health = await getHealth({
        databaseKind: context.database.kind,
        puppeteerExecutablePath: context.config.puppeteerExecutablePath,
        executableSearchPath: context.config.executableSearchPath,
      });
      response.status(health.status === 'unavailable' ? 503 : 200).json(health);
    },
  });
}
