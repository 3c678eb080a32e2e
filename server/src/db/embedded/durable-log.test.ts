/**
 * Journal damage handling: a torn last record is dropped (earlier records intact, later writes
 * appended cleanly), a damaged record followed by intact ones stops startup loudly, and a stale
 * lock left by a dead process is taken over.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, truncateSync, writeFileSync, appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { frame, scanFrames } from './durable-log';
import { startEmbeddedStore } from './index';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'skillcert-journal-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts a store, runs `work` with a collection, stops the store. */
async function withStore<T>(work: (coll: import('mongodb').Collection<{ _id: number; v?: string }>) => Promise<T>): Promise<T> {
  const store = await startEmbeddedStore({ dataDir, logger: silent });
  const client = new MongoClient(store.uri);
  try {
    return await work(client.db('j').collection('docs'));
  } finally {
    await client.close();
    await store.stop();
  }
}

function journalPath(): string {
  const name = readdirSync(dataDir).find((f) => f.startsWith('journal.'));
  if (!name) throw new Error('no journal file');
  return join(dataDir, name);
}

/** Byte offsets where each framed record starts. */
function recordOffsets(path: string): number[] {
  const buf = readFileSync(path);
  const offsets: number[] = [];
  let offset = 0;
  while (offset + 8 <= buf.length) {
    offsets.push(offset);
    offset += 8 + buf.readUInt32LE(offset);
  }
  return offsets;
}

describe('durable log', () => {
  it('drops a torn last record and keeps every earlier record', async () => {
    await withStore(async (coll) => {
      for (let i = 1; i <= 20; i++) await coll.insertOne({ _id: i, v: 'x'.repeat(100) });
    });
    const path = journalPath();
    const offsets = recordOffsets(path);
    const last = offsets[offsets.length - 1];
    truncateSync(path, last + 30); // cut the last insert mid-record
    await withStore(async (coll) => {
      expect((await coll.find({}).toArray()).map((d) => d._id)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
      await coll.insertOne({ _id: 100 });
    });
    await withStore(async (coll) => {
      expect(await coll.countDocuments()).toBe(20);
      expect(await coll.findOne({ _id: 100 })).not.toBeNull();
    });
  });

  it('treats a zero-filled tail as torn, not as corruption', async () => {
    await withStore(async (coll) => {
      for (let i = 1; i <= 5; i++) await coll.insertOne({ _id: i });
    });
    appendFileSync(journalPath(), Buffer.alloc(4096));
    await withStore(async (coll) => {
      expect(await coll.countDocuments()).toBe(5);
    });
  });

  it('drops a damaged record whose group-commit write never completed, even if a later record of that write is intact', () => {
    // Records 1 and 2 were separate fsynced writes; records 3 and 4 form the last, unfinished write.
    const frames = [frame([Buffer.from('one')], 1), frame([Buffer.from('two')], 2), frame([Buffer.from('three')], 3), frame([Buffer.from('four')], 3)];
    const damaged = Buffer.concat(frames);
    damaged[frames[0].length + frames[1].length + 17] ^= 0xff; // inside record 3
    let lastSeq = 0;
    const scan = scanFrames(damaged, 'journal', () => lastSeq++, () => lastSeq + 1);
    expect(lastSeq).toBe(2);
    expect(scan.tornAt).toBe(frames[0].length + frames[1].length);
  });

  it('reports corruption when a damaged record is followed by a record of a later write', () => {
    const frames = [frame([Buffer.from('one')], 1), frame([Buffer.from('two')], 2), frame([Buffer.from('three')], 3)];
    const damaged = Buffer.concat(frames);
    damaged[frames[0].length + 17] ^= 0xff; // inside record 2, which was fsynced before record 3 was written
    let lastSeq = 0;
    expect(() => scanFrames(damaged, 'journal.x.log', () => lastSeq++, () => lastSeq + 1)).toThrow(/corrupt journal record in journal\.x\.log at byte \d+/);
  });

  it('refuses to start when a record in the middle is damaged', async () => {
    await withStore(async (coll) => {
      for (let i = 1; i <= 10; i++) await coll.insertOne({ _id: i, v: 'payload' });
    });
    const path = journalPath();
    const offsets = recordOffsets(path);
    const buf = readFileSync(path);
    buf[offsets[4] + 20] ^= 0xff;
    writeFileSync(path, buf);
    await expect(startEmbeddedStore({ dataDir, logger: silent })).rejects.toThrow(/corrupt journal record in journal\.\d+\.log at byte \d+/);
  });

  it('refuses a data directory locked by another running process', async () => {
    const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', mainPath, '--dbpath', dataDir], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      await new Promise<void>((resolveReady, rejectReady) => {
        child.stdout!.once('data', () => resolveReady());
        child.once('exit', (code) => rejectReady(new Error(`store process exited with ${code}`)));
      });
      await expect(startEmbeddedStore({ dataDir, logger: silent })).rejects.toThrow(/locked by running process \d+/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    // A clean shutdown releases the lock.
    await withStore(async (coll) => {
      expect(await coll.countDocuments()).toBe(0);
    });
  });

  it('takes over a stale lock left by a dead process', async () => {
    await withStore(async (coll) => {
      await coll.insertOne({ _id: 1 });
    });
    writeFileSync(join(dataDir, 'LOCK'), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    await withStore(async (coll) => {
      expect(await coll.countDocuments()).toBe(1);
    });
  });
});
