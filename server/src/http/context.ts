/**
 * What route modules receive besides the registry: configuration, logger and shared services.
 */
import type { Config } from '../config';
import type { DatabaseKind } from '../db/connect';
import type { LoginThrottle } from '../domain/identity/login-throttle';
import type { Logger } from '../logger';
import type { RouteRegistry } from './route-registry';

/** Shared services of the HTTP layer. */
export interface AppContext {
  config: Config;
  logger: Logger;
  /** Which database the process runs on (reported by /api/health). */
  database: { kind: DatabaseKind };
  loginThrottle: LoginThrottle;
}

/** A context's routes: registers each of them on the registry. */
export type RouteModule = (registry: RouteRegistry, context: AppContext) => void;
