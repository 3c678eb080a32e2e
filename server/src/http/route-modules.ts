/**
 * Every context's routes, in mounting order. A new context adds its `register…Routes` here.
 */
import { registerAuditRoutes } from '../domain/audit/audit.routes';
import { registerHealthRoutes } from '../domain/health/health.routes';
import { registerIdentityRoutes } from '../domain/identity/identity.routes';
import type { RouteModule } from './context';

/** Route modules mounted by `createApp`. */
export const routeModules: readonly RouteModule[] = [registerHealthRoutes, registerIdentityRoutes, registerAuditRoutes];
