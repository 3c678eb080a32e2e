/**
 * The central route table: every HTTP route is declared here with its method, path and access,
 * and mounted with the matching `authenticate` / `requireRole` guards, so the table cannot drift from
 * what is enforced. The route × role matrix test is generated from it (R17 access control).
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Role } from '../contracts/identity';
import { requireRole } from './auth-middleware';

/** HTTP methods routes may use. */
export type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, any signed-in user, or holders of at least one of the roles. */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[];

/** One row of the route table. */
export interface RouteEntry {
  method: RouteMethod;
  /** Full Express path from the root, e.g. `/api/admin/users/:userId`. */
  path: string;
  roles: RouteAccess;
  summary: string;
}

/** A route to register: its table row plus the handler (thin: parse, authorize, one use case, present). */
export interface RouteDefinition extends RouteEntry {
  handler: (request: Request, response: Response) => unknown;
}

/** Collects route definitions and mounts them on one Express router. */
export class RouteRegistry {
  /** Router holding every registered route; mount it at the application root. */
  readonly router = Router();
  private readonly entries: RouteEntry[] = [];

  constructor(private readonly authenticate: RequestHandler) {}

  /**
   * Registers a route.
   * @throws Error when the same method and path are registered twice, or a role list is empty.
   */
  add(definition: RouteDefinition): this {
    const { method, path, roles, summary, handler } = definition;
    if (this.entries.some((entry) => entry.method === method && entry.path === path)) {
      throw new Error(`Route ${method.toUpperCase()} ${path} is registered twice`);
    }
    if (Array.isArray(roles) && roles.length === 0) {
      throw new Error(`Route ${method.toUpperCase()} ${path} lists no roles; use 'authenticated' or 'public'`);
    }
    this.entries.push({ method, path, roles: Array.isArray(roles) ? [...roles] : roles, summary });
    const guards: RequestHandler[] = [];
    if (roles !== 'public') guards.push(this.authenticate);
    if (Array.isArray(roles)) guards.push(requireRole(...(roles as Role[])));
    this.router[method](path, ...guards, async (request: Request, response: Response) => {
      await handler(request, response);
    });
    return this;
  }

  /** The route table in registration order. */
  get table(): readonly RouteEntry[] {
    return this.entries;
  }
}
