/**
 * A real local mongod, spawned by SkillCert when one is installed: single-node replica set `rs0`
 * (so transactions work) with a persistent dbPath under DATA_DIR/mongod, bound to 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { MongoClient } from 'mongodb';
import { AppError } from '../errors';
import type { Logger } from '../logger';

/** Replica set name of the local mongod. */
export const localReplicaSetName = 'rs0';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds a mongod binary: `mongodBin` (MONGOD_BIN) when given, else `mongod` on `searchPath` (PATH).
 * @returns the path, or null when none is installed.
 * @throws AppError `configuration_invalid` when MONGOD_BIN is set but not an executable file.
 */
export function findMongodBinary(options: { mongodBin?: string; searchPath?: string }): string | null {
  if (options.mongodBin) {
    if (isExecutableFile(options.mongodBin)) return options.mongodBin;
    throw new AppError(
      'configuration_invalid',
      `Invalid configuration: MONGOD_BIN ${options.mongodBin} is not an executable file`,
    );
  }
  for (const directory of (options.searchPath ?? '').split(delimiter)) {
    if (!directory) continue;
    const candidate = join(directory, 'mongod');
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Port kept in `<dbPath>/skillcert-port` so the replica set member address stays stable. */
async function choosePort(dbPath: string): Promise<number> {
  const portFile = join(dbPath, 'skillcert-port');
  const saved = Number((await readFile(portFile, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(saved) && saved > 0 && (await isPortFree(saved))) return saved;
  const port = await findFreePort();
  await writeFile(portFile, `${port}\n`);
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readLogTail(logPath: string): Promise<string> {
  const text = await readFile(logPath, 'utf8').catch(() => '');
  return text.split('\n').slice(-15).join('\n');
}

/** A running local mongod. */
export interface LocalMongod {
  /** Connection string (direct connection to the primary). */
  uri: string;
  port: number;
  dbPath: string;
  /** Shuts mongod down (SIGTERM, SIGKILL after 20 s). */
  stop(): Promise<void>;
}

async function initiateReplicaSet(client: MongoClient, host: string, logger: Logger): Promise<void> {
  const admin = client.db('admin');
  try {
    const config = (await admin.command({ replSetGetConfig: 1 })) as {
      config: { version: number; members: Array<{ _id: number; host: string }> };
    };
    const member = config.config.members[0];
    if (config.config.members.length === 1 && member.host !== host) {
      logger.info({ from: member.host, to: host }, 'local mongod: moving the replica set member to the new port');
      await admin.command({
        replSetReconfig: { ...config.config, version: config.config.version + 1, members: [{ ...member, host }] },
        force: true,
      });
    }
  } catch (error) {
    const code = (error as { code?: number }).code;
    if (code !== 94 && code !== 93) throw error; // NotYetInitialized / InvalidReplicaSetConfig
    await admin.command({ replSetInitiate: { _id: localReplicaSetName, members: [{ _id: 0, host }] } });
  }
}

/**
 * Spawns `binary` with dbPath `<dataDir>/mongod` as single-node replica set `rs0` on 127.0.0.1,
 * initiates the set on first run and waits until it is a writable primary.
 * @param options.startTimeoutMs how long to wait for a primary (default 60 000).
 * @throws AppError `database_unavailable` with the tail of mongod's log when it exits or never
 *   becomes primary.
 */
export async function startLocalMongod(options: {
  binary: string;
  dataDir: string;
  logger: Logger;
  startTimeoutMs?: number;
}): Promise<LocalMongod> {
  const dbPath = join(options.dataDir, 'mongod');
  await mkdir(dbPath, { recursive: true });
  const port = await choosePort(dbPath);
  const logPath = join(dbPath, 'mongod.log');
  const child: ChildProcess = spawn(
    options.binary,
    [
      '--dbpath',
      dbPath,
      '--port',
      String(port),
      '--bind_ip',
      '127.0.0.1',
      '--replSet',
      localReplicaSetName,
      '--logpath',
      logPath,
      '--logappend',
    ],
    { stdio: 'ignore' },
  );
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    });
    child.once('error', (error) => {
      exit = { code: null, signal: null };
      options.logger.error({ err: error }, 'local mongod could not be spawned');
      resolve();
    });
  });

  const stop = async () => {
    if (exit) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };

  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  let client: MongoClient | undefined;
  try {
    while (Date.now() < deadline) {
      if (exit) {
        const tail = await readLogTail(logPath);
        throw new AppError(
          'database_unavailable',
          `Local mongod (${options.binary}) exited with ${JSON.stringify(exit)} before accepting connections; log ${logPath}:\n${tail}`,
        );
      }
      try {
        client ??= await MongoClient.connect(`mongodb://${host}/?directConnection=true`, {
          serverSelectionTimeoutMS: 1000,
        });
        await initiateReplicaSet(client, host, options.logger);
        const hello = (await client.db('admin').command({ hello: 1 })) as { isWritablePrimary?: boolean };
        if (hello.isWritablePrimary) {
          await client.close();
          return { uri: `mongodb://${host}/skillcert?directConnection=true`, port, dbPath, stop };
        }
      } catch (error) {
        options.logger.debug({ err: error }, 'local mongod not ready yet');
        await client?.close().catch(() => undefined);
        client = undefined;
      }
      await sleep(300);
    }
    throw new AppError(
      'database_unavailable',
      `Local mongod did not become a writable primary within ${options.startTimeoutMs ?? 60_000} ms; log ${logPath}:\n${await readLogTail(logPath)}`,
    );
  } catch (error) {
    await client?.close().catch(() => undefined);
    await stop();
    throw error;
  }
}
