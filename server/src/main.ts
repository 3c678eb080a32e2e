/**
 * Entry point: config → database → HTTP server + socket.io → listen, with graceful shutdown on
 * SIGINT/SIGTERM and the demo organisation seeded on first run. `startServer` is exported so tests
 * start the real server in-process on port 0.
 */
import { realpathSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Express } from 'express';
import mongoose from 'mongoose';
import { createClient } from 'redis';
import { Server as IoServer } from 'socket.io';
import { createApp } from './app';
import { prepareConfig, type Config } from './config';
import { connectDatabase, ensureIndexes, type DatabaseHandle, type DatabaseKind } from './db/connect';
import { createLoginThrottle } from './domain/identity/login-throttle';
import { AppError } from './errors';
import type { AppContext } from './http/context';
import { closeSharedRenderPool } from './render/shared-render-pool';
import type { RouteEntry } from './http/route-registry';
import { createLogger, type Logger } from './logger';
import { attachRealtime } from './realtime/attach-realtime';
import { attachProctoring } from './domain/proctoring/attach-proctoring';
import { attachProgressForwarding } from './realtime/progress-forwarding';
import { formatDemoAccounts, seedDemoOrganisation, type DemoSeedResult } from './seed/demo-organisation';

/** Attaches realtime handlers (namespaces, middleware) to the socket.io server. */
export type RealtimeModule = (io: IoServer, context: AppContext) => void | Promise<void>;

/** Options of {@link startServer}. */
export interface StartServerOptions {
  config: Config;
  /** Root logger; created from `config.logLevel` when absent. */
  logger?: Logger;
  /** An already running database to connect to (tests); otherwise resolved by `connectDatabase`. */
  database?: { kind: DatabaseKind; uri: string };
  /** Seed the demo organisation when the database holds none (default false; `main` passes true). */
  shouldSeedDemo?: boolean;
  /** Realtime layers to attach to `io` before listening (exam room, proctoring). */
  realtimeModules?: readonly RealtimeModule[];
}

/** A listening SkillCert server. */
export interface RunningServer {
  app: Express;
  httpServer: HttpServer;
  io: IoServer;
  database: DatabaseHandle;
  context: AppContext;
  routeTable: readonly RouteEntry[];
  /** Bound port (the real one when `config.port` was 0). */
  port: number;
  /** `http://<host>:<port>`, with 127.0.0.1 for a wildcard host. */
  url: string;
  demoSeed: DemoSeedResult | null;
  /** Graceful stop: socket.io, HTTP (connections closed after `graceMs`), Redis, mongoose, the store. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts SkillCert: connects the database, builds indexes, seeds on request, creates the HTTP
 * server with socket.io (websocket transport only; Redis adapter when REDIS_URL is set) and listens
 * on `config.host:config.port`.
 * @throws AppError `database_unavailable` / `configuration_invalid`; listen errors (EADDRINUSE).
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const database = await connectDatabase({ config, logger, preset: options.database });
  const cleanups: Array<() => Promise<void>> = [() => database.stop(), () => closeSharedRenderPool()];
  const runCleanups = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => logger.warn({ err: error }, 'cleanup failed'));
  };
  try {
    const loginThrottle =
      database.kind === 'embedded'
        ? createLoginThrottle({ store: 'memory' })
        : createLoginThrottle({ store: 'mongo', connection: mongoose.connection });
    const { app, routeTable, context } = createApp({ config, logger, database: { kind: database.kind }, loginThrottle });
    await ensureIndexes();
    const demoSeed = options.shouldSeedDemo ? await seedDemoOrganisation({ dataDir: config.dataDir, logger }) : null;

    const httpServer = createServer(app);
    const io = new IoServer(httpServer, { transports: ['websocket'], serveClient: false });
    if (config.redisUrl) {
      const publisher = createClient({ url: config.redisUrl });
      const subscriber = publisher.duplicate();
      publisher.on('error', (error) => logger.error({ err: error }, 'redis publisher error'));
      subscriber.on('error', (error) => logger.error({ err: error }, 'redis subscriber error'));
      await Promise.all([publisher.connect(), subscriber.connect()]);
      cleanups.push(async () => {
        await Promise.all([publisher.quit(), subscriber.quit()]);
      });
      io.adapter(createAdapter(publisher, subscriber));
      logger.info('socket.io: Redis adapter enabled');
    }
    for (const attach of options.realtimeModules ?? []) await attach(io, context);

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
    const port = (httpServer.address() as AddressInfo).port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    logger.info({ url, host: config.host, port, database: database.kind }, 'SkillCert listening');

    let stopping: Promise<void> | null = null;
    const stop = (graceMs = 5000) => {
      stopping ??= (async () => {
        logger.info('SkillCert stopping');
        const closed = new Promise<void>((resolve) => {
          // io.close() also closes the HTTP server.
          void io.close(() => resolve());
        });
        httpServer.closeIdleConnections();
        const timer = setTimeout(() => httpServer.closeAllConnections(), graceMs);
        await closed;
        clearTimeout(timer);
        await runCleanups();
        logger.info('SkillCert stopped');
      })();
      return stopping;
    };
    return { app, httpServer, io, database, context, routeTable, port, url, demoSeed, stop };
  } catch (error) {
    await runCleanups();
    throw error;
  }
}

/** `npm start`: prepares the configuration, starts the server, prints the demo accounts, handles signals. */
export async function main(): Promise<void> {
  let config: Config;
  try {
    config = await prepareConfig();
  } catch (error) {
    process.stderr.write(`[skillcert] ${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });
  let server: RunningServer;
  try {
    // Realtime layers (exam room: /exam namespace + deadline scheduler; proctoring: /proctor namespace;
    // progress: /progress forwards bank import and certificate render progress to staff).
    server = await startServer({ config, logger, shouldSeedDemo: !config.shouldSkipDemoSeed, realtimeModules: [attachRealtime, attachProctoring, attachProgressForwarding] });
  } catch (error) {
    logger.fatal({ err: error }, 'SkillCert failed to start');
    process.stderr.write(`[skillcert] failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  if (server.demoSeed) process.stdout.write(formatDemoAccounts(server.demoSeed));
  process.stdout.write(`[skillcert] listening on ${server.url} (database: ${server.database.kind})\n`);

  const shutdown = createShutdownHandler({ stop: () => server.stop(), logger, exit: (code) => process.exit(code) });
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/**
 * The SIGINT/SIGTERM handler of the server process. Ctrl-C in a terminal signals the whole process
 * group (npm, the bootstrap script, this process) and the bootstrap script forwards it again, so
 * the signal can arrive several times: the first starts the graceful stop, later ones are logged
 * and ignored so they cannot cut it short. Exits 0 once `stop` resolved, 1 when it failed or took
 * longer than `forceAfterMs` (default 15 000 ms).
 */
export function createShutdownHandler(options: {
  stop: () => Promise<void>;
  logger: Pick<Logger, 'info' | 'error'>;
  exit: (code: number) => void;
  forceAfterMs?: number;
}): (signal: NodeJS.Signals) => void {
  let isStopping = false;
  return (signal) => {
    if (isStopping) {
      options.logger.info({ signal }, 'shutdown already in progress');
      return;
    }
    isStopping = true;
    options.logger.info({ signal }, 'shutdown requested');
    const forceAfterMs = options.forceAfterMs ?? 15_000;
    const force = setTimeout(() => {
      options.logger.error(`shutdown took longer than ${forceAfterMs / 1000} s; exiting`);
      options.exit(1);
    }, forceAfterMs);
    force.unref();
    options.stop().then(
      () => {
        clearTimeout(force);
        options.exit(0);
      },
      (error: unknown) => {
        clearTimeout(force);
        options.logger.error({ err: error }, 'shutdown failed');
        options.exit(1);
      },
    );
  };
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().catch((error: unknown) => {
    process.stderr.write(`[skillcert] ${error instanceof AppError ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
