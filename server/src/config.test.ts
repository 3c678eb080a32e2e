import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { completeConfig, loadConfig } from './config';
import { AppError } from './errors';

function captureError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({}, '/srv/skillcert');
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/srv/skillcert/data',
      logLevel: 'info',
      nodeEnv: 'development',
      trustProxy: false,
    });
    expect(config.mongodbUri).toBeUndefined();
    expect(config.sessionSecret).toBeUndefined();
  });

  it('rejects a non-numeric PORT with a message naming PORT', () => {
    const error = captureError(() => loadConfig({ PORT: 'eighty' }));
    expect(error.code).toBe('configuration_invalid');
    expect(error.message).toMatch(/PORT must be a whole number between 0 and 65535 \(got "eighty"\)/);
  });

  it('rejects a PORT above 65535 with a message naming PORT', () => {
    expect(captureError(() => loadConfig({ PORT: '70000' })).message).toMatch(/PORT .*65535/);
  });

  it('rejects a MONGODB_URI with another scheme, naming MONGODB_URI', () => {
    const error = captureError(() => loadConfig({ MONGODB_URI: 'postgres://localhost/skillcert' }));
    expect(error.message).toMatch(/MONGODB_URI must start with mongodb:\/\/ or mongodb\+srv:\/\//);
    expect(error.details).toEqual([expect.objectContaining({ variable: 'MONGODB_URI' })]);
  });

  it('accepts a replica-set MONGODB_URI', () => {
    const uri = 'mongodb://h1,h2,h3/skillcert?replicaSet=rs0';
    expect(loadConfig({ MONGODB_URI: uri }).mongodbUri).toBe(uri);
  });

  it('names every bad variable at once', () => {
    const error = captureError(() =>
      loadConfig({ PORT: '-1', LOG_LEVEL: 'loud', REDIS_URL: 'http://x', SESSION_SECRET: 'short', TRUST_PROXY: 'maybe?' }),
    );
    const variables = (error.details as Array<{ variable: string }>).map((problem) => problem.variable).sort();
    expect(variables).toEqual(['LOG_LEVEL', 'PORT', 'REDIS_URL', 'SESSION_SECRET', 'TRUST_PROXY']);
  });

  it('parses TRUST_PROXY as boolean, hop count or address list', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
  });

  it('rejects a CERTIFICATE_SIGNING_KEY that is not an Ed25519 PEM key', () => {
    expect(captureError(() => loadConfig({ CERTIFICATE_SIGNING_KEY: 'not a key' })).message).toMatch(
      /CERTIFICATE_SIGNING_KEY must be an Ed25519 private key/,
    );
  });

  it('accepts an Ed25519 PEM key written on one line with \\n escapes', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const config = loadConfig({ CERTIFICATE_SIGNING_KEY: pem.replace(/\n/g, '\\n') });
    expect(config.certificateSigningKey).toBe(pem);
  });

  it('keeps a test run silent by default', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
  });
});

describe('completeConfig', () => {
  let dataDir: string | undefined;
  afterEach(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('generates SESSION_SECRET and CERTIFICATE_SIGNING_KEY once and reuses them after a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'skillcert-config-'));
    const first = await completeConfig(loadConfig({ DATA_DIR: dataDir }));
    const second = await completeConfig(loadConfig({ DATA_DIR: dataDir }));
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.certificateSigningKey).toMatch(/BEGIN PRIVATE KEY/);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.certificateSigningKey).toBe(first.certificateSigningKey);
    const secretFile = join(dataDir, 'secrets', 'session-secret');
    expect((await readFile(secretFile, 'utf8')).trim()).toBe(first.sessionSecret);
    expect((await stat(secretFile)).mode & 0o077).toBe(0);
  });

  it('prefers SESSION_SECRET from the environment over the persisted one', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'skillcert-config-'));
    const secret = 'x'.repeat(40);
    expect((await completeConfig(loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: secret }))).sessionSecret).toBe(secret);
  });
});
