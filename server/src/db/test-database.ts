/**
 * Database for data-layer tests: the MongoDB server named by MONGODB_URI (with a fresh,
 * uniquely named database that is dropped on stop) or, when unset, an embedded store in a fresh
 * temporary directory that is removed on stop.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedStore } from './embedded';

/** A database for one test file or suite. */
export interface TestDatabase {
  /** Connection string including the database name, for mongoose.connect / new MongoClient. */
  uri: string;
  /** The database name inside `uri`. */
  dbName: string;
  kind: 'external' | 'embedded';
  /** Drops the database (external) or stops the store and deletes its directory (embedded). */
  stop(): Promise<void>;
}

/**
 * Puts `dbName` into a MongoDB connection string (single or multi-host, mongodb+srv), keeping
 * its options. When the string carries credentials and relied on its path for the auth
 * database, that database is kept as `authSource`.
 * Throws Error when `uri` is not a mongodb:// or mongodb+srv:// string.
 */
export function withDatabaseName(uri: string, dbName: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/([^/?]*))(\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error('MONGODB_URI must start with mongodb:// or mongodb+srv://');
  const [, prefix, authority, path, query] = match;
  const params = new URLSearchParams((query ?? '').slice(1));
  const originalDb = decodeURIComponent((path ?? '/').slice(1));
  if (authority.includes('@') && !params.has('authSource')) params.set('authSource', originalDb || 'admin');
  const search = params.toString();
  return `${prefix}/${dbName}${search ? `?${search}` : ''}`;
}

/**
 * Starts a test database: MONGODB_URI when set, else an embedded store on a free port.
 * Throws if the embedded store cannot start; an unreachable external server surfaces on connect.
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  const dbName = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const external = process.env.MONGODB_URI;
  if (external) {
    const uri = withDatabaseName(external, dbName);
    return {
      uri,
      dbName,
      kind: 'external',
      stop: async () => {
        const client = new MongoClient(uri);
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'skillcert-embedded-'));
  try {
    const store = await startEmbeddedStore({ dataDir });
    return {
      uri: withDatabaseName(store.uri, dbName),
      dbName,
      kind: 'embedded',
      stop: async () => {
        await store.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
