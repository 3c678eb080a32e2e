/**
 * Embedded MongoDB-compatible store: speaks the MongoDB wire protocol on 127.0.0.1 so the real
 * `mongodb` driver and mongoose connect over TCP; keeps data in memory, durable through a
 * group-committed journal plus snapshots under `dataDir`. A development and test stand-in for
 * mongod (see README.md in this folder for semantics, limits and the fsync policy).
 */
import { StoreEngine } from './engine';
import type { DurableLogStats, StoreLogger } from './durable-log';
import { startWireServer } from './wire-server';

export type { StoreLogger } from './durable-log';

/** Options of {@link startEmbeddedStore}. */
export interface EmbeddedStoreOptions {
  /** Directory for journal, snapshots and the LOCK file (created if missing). */
  dataDir: string;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** TCP port; 0 (default) picks a free port. */
  port?: number;
  /** Where to log recovery, snapshots and failures; default: silent except errors on stderr. */
  logger?: StoreLogger;
  /** Journal bytes after which a snapshot is written and old journal files deleted; default 64 MiB. */
  compactAfterBytes?: number;
  /** How often TTL indexes delete expired documents, in milliseconds; default 60,000 (as mongod). */
  ttlMonitorIntervalMs?: number;
}

/** A running embedded store. */
export interface EmbeddedStore {
  /** Connection string for `mongoose.connect(uri)` / `new MongoClient(uri)` (no database name). */
  uri: string;
  host: string;
  port: number;
  /** Closes connections, waits for pending journal writes, releases the data directory lock. */
  stop(): Promise<void>;
  /** Journal counters (fsyncs, records, bytes, snapshots), e.g. for benchmarks. */
  stats(): DurableLogStats;
  /** Forces a snapshot + journal compaction and resolves when it is on disk. */
  compact(): Promise<void>;
}

const quietLogger: StoreLogger = {
  info: () => undefined,
  warn: (message, details) => console.warn(message, details ?? ''),
  error: (message, details) => console.error(message, details ?? ''),
};

/**
 * Starts an embedded store on `host:port`, replaying `dataDir` first.
 * Throws when `dataDir` is locked by another live process, when its journal or snapshot is
 * corrupt (a torn last journal record is dropped with a warning instead), or when the port
 * cannot be bound.
 */
export async function startEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? quietLogger;
  const engine = new StoreEngine(logger);
  await engine.open(options.dataDir, options.compactAfterBytes, options.ttlMonitorIntervalMs);
  let server;
  try {
    server = await startWireServer(engine, host, options.port ?? 0, logger);
  } catch (error) {
    await engine.close();
    throw error;
  }
  const address = `${host}:${server.port}`;
  engine.address = address;
  let stopping: Promise<void> | undefined;
  return {
    uri: `mongodb://${address}/?directConnection=true`,
    host,
    port: server.port,
    stop: () => {
      stopping ??= (async () => {
        await server.close();
        await engine.close();
      })();
      return stopping;
    },
    stats: () => ({ ...engine.log.stats }),
    compact: () => engine.log.compactNow(),
  };
}
