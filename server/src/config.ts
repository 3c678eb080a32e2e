/**
 * Configuration: the ONLY module that reads `process.env`. Everything else receives a {@link Config}.
 *
 * `loadConfig(env)` is pure: it parses the environment with zod and fails fast with an
 * {@link AppError} `configuration_invalid` whose message names every bad variable.
 * `prepareConfig(env)` adds the two secrets that are generated and persisted under DATA_DIR when
 * they are not given (SESSION_SECRET, CERTIFICATE_SIGNING_KEY).
 */
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from './errors';

/** pino log levels accepted by LOG_LEVEL. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Express `trust proxy` value: boolean, hop count, or a list of addresses/subnets/presets. */
export type TrustProxy = boolean | number | string[];

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value));

const environmentSchema = z.object({
  PORT: optionalText
    .transform((value) => value ?? '3000')
    .pipe(
      z
        .string()
        .regex(/^\d+$/, 'must be a whole number between 0 and 65535')
        .transform(Number)
        .pipe(z.number().int().max(65535, 'must be a whole number between 0 and 65535')),
    ),
  HOST: optionalText.transform((value) => value ?? '0.0.0.0'),
  MONGODB_URI: optionalText.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  MONGOD_BIN: optionalText,
  DATA_DIR: optionalText.transform((value) => value ?? './data'),
  SESSION_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must start with redis:// or rediss://')
      .optional(),
  ),
  PUPPETEER_EXECUTABLE_PATH: optionalText,
  LOG_LEVEL: optionalText.pipe(z.enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` }).optional()),
  NODE_ENV: optionalText.pipe(
    z
      .enum(['development', 'production', 'test'], { message: 'must be development, production or test' })
      .optional(),
  ),
  CERTIFICATE_SIGNING_KEY: optionalText,
  TRUST_PROXY: optionalText,
  SKIP_DEMO_SEED: optionalText.pipe(z.enum(['0', '1', 'true', 'false'], { message: 'must be 1, true, 0 or false' }).optional()),
});

/** Parsed configuration; secrets may still be missing (see {@link prepareConfig}). */
export interface EnvironmentConfig {
  /** TCP port of the HTTP server (0 = any free port). */
  port: number;
  /** Interface the HTTP server binds to. */
  host: string;
  /** External MongoDB connection string; when absent a local mongod or the embedded store is used. */
  mongodbUri?: string;
  /** Path of a mongod binary to spawn as a local single-node replica set. */
  mongodBin?: string;
  /** Absolute data directory (embedded store, local mongod dbPath, generated secrets). */
  dataDir: string;
  /** Secret keying the session token hashes (>= 32 characters); undefined until prepared. */
  sessionSecret?: string;
  /** redis:// URL for the socket.io Redis adapter (scale-out). */
  redisUrl?: string;
  /** Chromium/Chrome executable for Puppeteer; never downloaded. */
  puppeteerExecutablePath?: string;
  logLevel: LogLevel;
  nodeEnv: 'development' | 'production' | 'test';
  /** PKCS#8 PEM private key (Ed25519) signing certificate verification codes; undefined until prepared. */
  certificateSigningKey?: string;
  /** Express `trust proxy` setting; false when not behind a proxy. */
  trustProxy: TrustProxy;
  /** The process `PATH`, searched for `mongod` and a browser executable. */
  executableSearchPath: string;
  /** SKIP_DEMO_SEED: true to start on an empty database without seeding the demo organisation. */
  shouldSkipDemoSeed: boolean;
}

/** Configuration with both secrets present; what the application runs with. */
export interface Config extends EnvironmentConfig {
  sessionSecret: string;
  certificateSigningKey: string;
}

function parseTrustProxy(raw: string | undefined): TrustProxy | string {
  if (raw === undefined) return false;
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const parts = raw.split(',').map((part) => part.trim()).filter(Boolean);
  const valid = parts.every((part) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/.test(part));
  if (!valid || parts.length === 0) {
    return 'must be true, false, a hop count, or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal';
  }
  return parts;
}

function normalisePem(raw: string): string {
  return raw.includes('\\n') ? raw.replace(/\\n/g, '\n') : raw;
}

/**
 * Parses the environment into an {@link EnvironmentConfig}. Pure: no files are read or written.
 *
 * @param env variables to parse, `process.env` by default.
 * @param cwd directory a relative DATA_DIR is resolved against, `process.cwd()` by default.
 * @throws AppError `configuration_invalid` naming each bad variable, e.g.
 *   `Invalid configuration: PORT must be a whole number between 0 and 65535 (got "abc")`;
 *   `details` lists `{ variable, message }`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): EnvironmentConfig {
  const problems: Array<{ variable: string; message: string }> = [];
  const result = environmentSchema.safeParse(env);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const variable = String(issue.path[0] ?? 'environment');
      const raw = env[variable];
      problems.push({ variable, message: `${issue.message}${raw === undefined ? '' : ` (got ${JSON.stringify(raw)})`}` });
    }
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY?.trim() || undefined);
  if (typeof trustProxy === 'string') {
    problems.push({ variable: 'TRUST_PROXY', message: `${trustProxy} (got ${JSON.stringify(env.TRUST_PROXY)})` });
  }
  let certificateSigningKey: string | undefined;
  const rawKey = env.CERTIFICATE_SIGNING_KEY?.trim();
  if (rawKey) {
    try {
      const key = createPrivateKey(normalisePem(rawKey));
      if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
      certificateSigningKey = key.export({ format: 'pem', type: 'pkcs8' }).toString();
    } catch {
      problems.push({ variable: 'CERTIFICATE_SIGNING_KEY', message: 'must be an Ed25519 private key in PEM form' });
    }
  }
  if (problems.length > 0 || !result.success) {
    const summary = problems.map((problem) => `${problem.variable} ${problem.message}`).join('; ');
    throw new AppError('configuration_invalid', `Invalid configuration: ${summary}`, problems);
  }
  const parsed = result.data;
  const nodeEnv = parsed.NODE_ENV ?? 'development';
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    mongodbUri: parsed.MONGODB_URI,
    mongodBin: parsed.MONGOD_BIN,
    dataDir: isAbsolute(parsed.DATA_DIR) ? parsed.DATA_DIR : resolve(cwd, parsed.DATA_DIR),
    sessionSecret: parsed.SESSION_SECRET,
    redisUrl: parsed.REDIS_URL,
    puppeteerExecutablePath: parsed.PUPPETEER_EXECUTABLE_PATH,
    logLevel: parsed.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    nodeEnv,
    certificateSigningKey,
    trustProxy: trustProxy as TrustProxy,
    executableSearchPath: env.PATH ?? '',
    shouldSkipDemoSeed: parsed.SKIP_DEMO_SEED === '1' || parsed.SKIP_DEMO_SEED === 'true',
  };
}

async function readOrCreateSecret(path: string, create: () => string): Promise<string> {
  try {
    const existing = (await readFile(path, 'utf8')).trim();
    if (existing) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const value = create();
  await writeFile(path, `${value}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    // Another process created it first: use theirs.
    if (error.code !== 'EEXIST') throw error;
  });
  await chmod(path, 0o600).catch(() => undefined);
  return (await readFile(path, 'utf8')).trim();
}

/**
 * Fills the missing secrets: SESSION_SECRET and CERTIFICATE_SIGNING_KEY are generated once and kept
 * in `<dataDir>/secrets/` (mode 0600) so sessions and certificate codes survive restarts.
 * When several server processes share one database, set both variables explicitly instead.
 *
 * @throws AppError `configuration_invalid` when a persisted key file is unreadable or malformed.
 */
export async function completeConfig(config: EnvironmentConfig): Promise<Config> {
  const secretsDir = join(config.dataDir, 'secrets');
  if (!config.sessionSecret || !config.certificateSigningKey) {
    await mkdir(secretsDir, { recursive: true, mode: 0o700 });
  }
  const sessionSecret =
    config.sessionSecret ??
    (await readOrCreateSecret(join(secretsDir, 'session-secret'), () => randomBytes(48).toString('base64url')));
  let certificateSigningKey = config.certificateSigningKey;
  if (!certificateSigningKey) {
    const path = join(secretsDir, 'certificate-signing-key.pem');
    const pem = await readOrCreateSecret(path, () =>
      generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString().trim(),
    );
    try {
      certificateSigningKey = createPrivateKey(pem).export({ format: 'pem', type: 'pkcs8' }).toString();
    } catch {
      throw new AppError('configuration_invalid', `Invalid configuration: CERTIFICATE_SIGNING_KEY file ${path} is not a PEM private key`);
    }
  }
  return { ...config, sessionSecret, certificateSigningKey };
}

/**
 * `loadConfig` followed by `completeConfig`: what `main.ts` calls at start.
 * @throws AppError `configuration_invalid` (see {@link loadConfig}).
 */
export async function prepareConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  return completeConfig(loadConfig(env));
}
