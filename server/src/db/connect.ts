/**
 * Database resolution at start, in this order:
 * 1. MONGODB_URI when set (`external`);
 * 2. a real local mongod when one is installed (MONGOD_BIN or `mongod` on PATH), spawned as a
 *    single-node replica set with dbPath DATA_DIR/mongod (`local-mongod`);
 * 3. otherwise the embedded MongoDB-wire-compatible store, persistent under DATA_DIR/embedded
 *    (`embedded`, a development/test stand-in).
 * mongoose always connects over the MongoDB wire protocol.
 */
import { join } from 'node:path';
import mongoose from 'mongoose';
import type { EnvironmentConfig } from '../config';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { findMongodBinary, startLocalMongod } from './local-mongod';

/** Which database the process runs on. */
export type DatabaseKind = 'external' | 'local-mongod' | 'embedded';

/** A connected database. */
export interface DatabaseHandle {
  kind: DatabaseKind;
  uri: string;
  /** Disconnects mongoose and stops the local mongod or embedded store this process started. */
  stop(): Promise<void>;
}

/** Hides user and password of a connection string for logs. */
export function redactConnectionString(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/)[^@/]*@/, '$1***@');
}

/** True when the URI names a database (`mongodb://host/name`). */
function hasDatabaseName(uri: string): boolean {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri);
  return Boolean(match?.[1]);
}

/**
 * Connects the default mongoose connection to `uri` (database `skillcert` unless the URI names one).
 * @throws AppError `database_unavailable` naming the (redacted) URI when no server answers within
 *   `serverSelectionTimeoutMs` (default: the URI's serverSelectionTimeoutMS, else 15 000).
 */
export async function connectMongoose(uri: string, options: { serverSelectionTimeoutMs?: number } = {}): Promise<void> {
  try {
    const isTimeoutInUri = /[?&]serverSelectionTimeoutMS=/i.test(uri);
    await mongoose.connect(uri, {
      ...(isTimeoutInUri && options.serverSelectionTimeoutMs === undefined
        ? {}
        : { serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 15_000 }),
      ...(hasDatabaseName(uri) ? {} : { dbName: 'skillcert' }),
    });
  } catch (error) {
    throw new AppError(
      'database_unavailable',
      `Cannot connect to MongoDB at ${redactConnectionString(uri)}: ${(error as Error).message}`,
    );
  }
}

/**
 * Builds every registered model's indexes (unique indexes such as the audit `seq` must exist
 * before the first write). Call after all models are imported.
 */
export async function ensureIndexes(): Promise<void> {
  await Promise.all(mongoose.modelNames().map((name) => mongoose.model(name).init()));
}

/**
 * Resolves, starts (when needed) and connects the database, logging which one is used.
 * @param options.preset an already running database (tests: `startTestDatabase()`); only connected
 *   to, never stopped by the handle.
 * @throws AppError `database_unavailable` or `configuration_invalid` (bad MONGOD_BIN).
 */
export async function connectDatabase(options: {
  config: EnvironmentConfig;
  logger: Logger;
  preset?: { kind: DatabaseKind; uri: string };
}): Promise<DatabaseHandle> {
  const { config, logger } = options;
  let kind: DatabaseKind;
  let uri: string;
  let stopBacking: () => Promise<void> = async () => undefined;

  if (options.preset) {
    ({ kind, uri } = options.preset);
  } else if (config.mongodbUri) {
    kind = 'external';
    uri = config.mongodbUri;
  } else {
    const binary = findMongodBinary({ mongodBin: config.mongodBin, searchPath: config.executableSearchPath });
    let local: Awaited<ReturnType<typeof startLocalMongod>> | null = null;
    if (binary) {
      try {
        local = await startLocalMongod({ binary, dataDir: config.dataDir, logger });
      } catch (error) {
        if (config.mongodBin) throw error;
        logger.warn({ err: error, binary }, 'local mongod found on PATH but could not be started; using the embedded store');
      }
    }
    if (local) {
      kind = 'local-mongod';
      uri = local.uri;
      stopBacking = local.stop;
    } else {
      const { startEmbeddedStore } = await import('./embedded/index');
      const storeLogger = logger.child({ component: 'embedded-store' });
      const store = await startEmbeddedStore({
        dataDir: join(config.dataDir, 'embedded'),
        host: '127.0.0.1',
        port: 0,
        logger: {
          debug: (message, details) => storeLogger.debug({ details }, message),
          info: (message, details) => storeLogger.info({ details }, message),
          warn: (message, details) => storeLogger.warn({ details }, message),
          error: (message, details) => storeLogger.error({ details }, message),
        },
      });
      kind = 'embedded';
      uri = store.uri;
      stopBacking = () => store.stop();
    }
  }

  try {
    await connectMongoose(uri);
  } catch (error) {
    await stopBacking().catch(() => undefined);
    throw error;
  }
  logger.info(
    { database: { kind, uri: redactConnectionString(uri) } },
    kind === 'embedded'
      ? 'database: embedded store (development/test stand-in; set MONGODB_URI for production)'
      : `database: ${kind}`,
  );
  return {
    kind,
    uri,
    async stop() {
      await mongoose.disconnect().catch((error: unknown) => logger.warn({ err: error }, 'mongoose disconnect failed'));
      await stopBacking();
    },
  };
}

/**
 * Refuses work at once while the default mongoose connection is not connected (for example while
 * the database is away mid-exam), instead of letting the driver hold the operation until it is
 * back: the client keeps the change and retries (R10, "answers acknowledged are durable").
 * @throws AppError `database_unavailable` when the connection is not in the connected state.
 */
export function assertDatabaseConnected(): void {
  if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected) {
    throw new AppError('database_unavailable', 'The database is not reachable; try again shortly');
  }
}
