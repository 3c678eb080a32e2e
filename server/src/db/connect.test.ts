import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { AppError } from '../errors';
import { createLogger } from '../logger';
import { connectDatabase, redactConnectionString } from './connect';
import { findMongodBinary, startLocalMongod } from './local-mongod';

const logger = createLogger({ level: 'silent' });
const installedMongod = (() => {
  try {
    return findMongodBinary({ searchPath: loadConfig().executableSearchPath });
  } catch {
    return null;
  }
})();

describe('connectDatabase', () => {
  const directories: string[] = [];
  afterEach(async () => {
    await mongoose.disconnect();
    for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
  });

  it('falls back to the embedded store under DATA_DIR/embedded and keeps data across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'skillcert-connect-'));
    directories.push(dataDir);
    const config = { ...loadConfig({ DATA_DIR: dataDir, PATH: '' }) };
    const first = await connectDatabase({ config, logger });
    expect(first.kind).toBe('embedded');
    await mongoose.connection.collection('probes').insertOne({ note: '持久' });
    await first.stop();
    const second = await connectDatabase({ config, logger });
    expect(second.kind).toBe('embedded');
    expect(await mongoose.connection.collection('probes').findOne({}, { projection: { _id: 0 } })).toEqual({ note: '持久' });
    await second.stop();
  });

  it('fails with database_unavailable naming the redacted URI when MONGODB_URI does not answer', async () => {
    const config = loadConfig({ MONGODB_URI: 'mongodb://user:secret@127.0.0.1:1/skillcert?serverSelectionTimeoutMS=500' });
    const error = await connectDatabase({ config, logger }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('database_unavailable');
    expect((error as AppError).message).toContain('mongodb://***@127.0.0.1:1/skillcert');
    expect((error as AppError).message).not.toContain('secret');
  });
});

describe('findMongodBinary', () => {
  it('fails fast naming MONGOD_BIN when it is not an executable file', () => {
    expect(() => findMongodBinary({ mongodBin: '/nonexistent/mongod' })).toThrow(/MONGOD_BIN \/nonexistent\/mongod is not an executable file/);
  });

  it('finds an executable named mongod on PATH and ignores directories without one', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'skillcert-path-'));
    try {
      const empty = join(directory, 'empty');
      const bin = join(directory, 'bin');
      await mkdir(empty);
      await mkdir(bin);
      await writeFile(join(bin, 'mongod'), '#!/bin/sh\n');
      await chmod(join(bin, 'mongod'), 0o755);
      expect(findMongodBinary({ searchPath: `${empty}:${bin}` })).toBe(join(bin, 'mongod'));
      expect(findMongodBinary({ searchPath: empty })).toBeNull();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('redactConnectionString', () => {
  it('hides the user and password of a connection string', () => {
    expect(redactConnectionString('mongodb+srv://app:pa55@cluster0.example.net/skillcert')).toBe('mongodb+srv://***@cluster0.example.net/skillcert');
    expect(redactConnectionString('mongodb://h1,h2,h3/skillcert?replicaSet=rs0')).toBe('mongodb://h1,h2,h3/skillcert?replicaSet=rs0');
  });
});

describe.skipIf(!installedMongod)('startLocalMongod (needs mongod on PATH)', () => {
  it('starts a single-node replica set that accepts a transaction and restarts on the same data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'skillcert-mongod-'));
    try {
      const mongod = await startLocalMongod({ binary: installedMongod!, dataDir, logger });
      await mongoose.connect(mongod.uri);
      await mongoose.connection.transaction(async (session) => {
        await mongoose.connection.collection('probes').insertOne({ n: 1 }, { session });
      });
      await mongoose.disconnect();
      await mongod.stop();
      const again = await startLocalMongod({ binary: installedMongod!, dataDir, logger });
      await mongoose.connect(again.uri);
      expect(await mongoose.connection.collection('probes').countDocuments()).toBe(1);
      await mongoose.disconnect();
      await again.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
