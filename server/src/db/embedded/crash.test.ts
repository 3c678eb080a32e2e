/**
 * Crash safety of the embedded store. The store runs as a separate process (the standalone
 * entry main.ts) with a tiny compaction threshold, so snapshots and journal rotation happen
 * during the rounds; this test writes to it through the real driver (inserts, an upserted
 * counter, two-document transactions) and records every acknowledged write. The store is
 * SIGKILLed at a random moment, 20 times on the same data directory, and each restart must
 * contain every write acknowledged before any kill, and no half-applied transaction.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient, type Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));
const ROUNDS = 20;

interface StoreProcess {
  child: ChildProcess;
  uri: string;
  exited: Promise<void>;
}

/** Starts main.ts on `dataDir` and resolves with its URI once it prints it. */
function startStoreProcess(dataDir: string): Promise<StoreProcess> {
  return new Promise((resolveStart, rejectStart) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', mainPath, '--dbpath', dataDir, '--compact-after-bytes', String(128 * 1024)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    const exited = new Promise<void>((resolveExit) => child.on('close', () => resolveExit()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolveStart({ child, uri: JSON.parse(stdout.slice(0, newline)).uri as string, exited });
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => rejectStart(new Error(`store process exited (${code}) before listening: ${stderr}`)));
  });
}

interface Acknowledged {
  inserts: string[];
  maxCounter: number;
  transactions: string[];
}

type CrashDoc = { _id: string; n?: number; padding?: string };

/** Writes until the connection breaks; records only writes the driver acknowledged. */
async function writeUntilFailure(client: MongoClient, coll: Collection<CrashDoc>, round: number, acknowledged: Acknowledged): Promise<void> {
  const padding = 'x'.repeat(300);
  const insertLoop = async (worker: number): Promise<void> => {
    for (let i = 0; ; i++) {
      const id = `${round}-${worker}-${i}`;
      await coll.insertOne({ _id: id, padding });
      acknowledged.inserts.push(id);
    }
  };
  const counterLoop = async (): Promise<void> => {
    for (;;) {
      const r = await coll.findOneAndUpdate({ _id: 'counter' }, { $inc: { n: 1 } }, { upsert: true, returnDocument: 'after' });
      acknowledged.maxCounter = Math.max(acknowledged.maxCounter, r!.n!);
    }
  };
  const transactionLoop = async (): Promise<void> => {
    for (let i = 0; ; i++) {
      const id = `${round}-t-${i}`;
      const session = client.startSession();
      try {
        // No withTransaction: its retry loop would outlive the killed store.
        session.startTransaction();
        await coll.insertOne({ _id: `${id}-a` }, { session });
        await coll.insertOne({ _id: `${id}-b` }, { session });
        await session.commitTransaction();
      } finally {
        await session.endSession().catch(() => undefined);
      }
      acknowledged.transactions.push(id);
    }
  };
  await Promise.allSettled([...Array.from({ length: 6 }, (_, w) => insertLoop(w)), counterLoop(), transactionLoop()]);
}

async function verify(coll: Collection<CrashDoc>, acknowledged: Acknowledged, round: number): Promise<void> {
  const present = new Set((await coll.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
  const missing = acknowledged.inserts.filter((id) => !present.has(id));
  expect(missing, `after kill ${round}: acknowledged inserts missing`).toEqual([]);
  const lostTransactions = acknowledged.transactions.filter((id) => !present.has(`${id}-a`) || !present.has(`${id}-b`));
  expect(lostTransactions, `after kill ${round}: acknowledged transactions missing`).toEqual([]);
  const halves = [...present].filter((id) => /-t-\d+-[ab]$/.test(id) && !present.has(id.replace(/-([ab])$/, (_, s) => (s === 'a' ? '-b' : '-a'))));
  expect(halves, `after kill ${round}: half-applied transactions`).toEqual([]);
  const counter = await coll.findOne({ _id: 'counter' });
  expect(counter?.n ?? 0, `after kill ${round}: counter went backwards`).toBeGreaterThanOrEqual(acknowledged.maxCounter);
}

describe('embedded store crash safety', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'skillcert-crash-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'loses no acknowledged write and applies no half transaction across 20 SIGKILLs',
    async () => {
      const acknowledged: Acknowledged = { inserts: [], maxCounter: 0, transactions: [] };
      for (let round = 0; round <= ROUNDS; round++) {
        const store = await startStoreProcess(dataDir);
        const client = new MongoClient(store.uri, { retryWrites: false, serverSelectionTimeoutMS: 1000, maxPoolSize: 16 });
        try {
          await client.connect();
          const coll = client.db('crash').collection<CrashDoc>('docs');
          await verify(coll, acknowledged, round);
          if (round === ROUNDS) break;
          const killAfterMs = 100 + Math.floor(Math.random() * 500);
          setTimeout(() => store.child.kill('SIGKILL'), killAfterMs);
          await writeUntilFailure(client, coll, round, acknowledged);
        } finally {
          await client.close(true).catch(() => undefined);
          store.child.kill('SIGKILL');
          await store.exited;
        }
      }
      expect(acknowledged.inserts.length).toBeGreaterThan(ROUNDS * 10);
      expect(acknowledged.transactions.length).toBeGreaterThan(0);
      // The rounds must have exercised snapshots and journal rotation, not only the first journal.
      expect(readdirSync(dataDir).some((f) => f.startsWith('snapshot.'))).toBe(true);
      console.info(`crash test: ${acknowledged.inserts.length} inserts, ${acknowledged.transactions.length} transactions, counter ${acknowledged.maxCounter} acknowledged; files: ${readdirSync(dataDir).join(' ')}`);
    },
    120_000,
  );
});
