/**
 * The Express 5 application: JSON body limit, cookies, request logging, every route module under
 * /api through the central route table, the built client with SPA fallback, 404 for unknown /api
 * routes and the one error middleware.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Config } from './config';
import type { DatabaseKind } from './db/connect';
import { createLoginThrottle, type LoginThrottle } from './domain/identity/login-throttle';
import { AppError } from './errors';
import { createAuthenticate } from './http/auth-middleware';
import type { AppContext, RouteModule } from './http/context';
import { createErrorHandler } from './http/error-handler';
import { routeModules as defaultRouteModules } from './http/route-modules';
import { RouteRegistry, type RouteEntry } from './http/route-registry';
import type { Logger } from './logger';

/** Largest accepted JSON body. */
export const jsonBodyLimit = '1mb';

/** Default location of the client's production build. */
export const defaultClientDistDir = fileURLToPath(new URL('../../client/dist', import.meta.url));

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  config: Config;
  logger: Logger;
  /** Database the process runs on; defaults to `embedded` for reporting only. */
  database?: { kind: DatabaseKind };
  /** Login throttle; an in-memory one by default. */
  loginThrottle?: LoginThrottle;
  /** Route modules to mount; {@link defaultRouteModules} by default. */
  routeModules?: readonly RouteModule[];
  /** Directory of the built client; served when it holds index.html. */
  clientDistDir?: string;
}

/** The application plus its route table and context. */
export interface SkillcertApp {
  app: Express;
  /** Every registered route with its access (for the route × role matrix). */
  routeTable: readonly RouteEntry[];
  context: AppContext;
}

/**
 * Builds the Express application. Does not listen and does not connect to the database.
 * Unknown /api routes answer 404 `not_found`; other GET requests get the client's index.html when
 * the client is built (SPA fallback).
 */
export function createApp(options: CreateAppOptions): SkillcertApp {
  const { config, logger } = options;
  const context: AppContext = {
    config,
    logger,
    database: options.database ?? { kind: 'embedded' },
    loginThrottle: options.loginThrottle ?? createLoginThrottle({ store: 'memory' }),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use(
    pinoHttp({
      logger,
      genReqId: (request, response) => {
        const given = request.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        response.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (request) => request.url === '/api/health' },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    }),
  );
  app.use(express.json({ limit: jsonBodyLimit }));
  app.use(cookieParser());

  const registry = new RouteRegistry(createAuthenticate({ sessionSecret: config.sessionSecret }));
  for (const register of options.routeModules ?? defaultRouteModules) register(registry, context);
  app.use(registry.router);

  app.use('/api', (request: Request, _response: Response, next: NextFunction) => {
    next(new AppError('not_found', `No API route ${request.method} ${request.originalUrl}`));
  });

  const clientDistDir = options.clientDistDir ?? defaultClientDistDir;
  const indexHtml = join(clientDistDir, 'index.html');
  if (existsSync(indexHtml)) {
    app.use(express.static(clientDistDir, { index: false, maxAge: '1h' }));
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(indexHtml);
    });
  }

  app.use(createErrorHandler(logger));
  return { app, routeTable: registry.table, context };
}
