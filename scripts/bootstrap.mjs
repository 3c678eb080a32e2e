#!/usr/bin/env node
// Self-bootstrapping entry for `npm start`, `npm test`, `npm run bench` and `npm run dev`.
// Uses only Node built-ins: it must run on a fresh clone before anything is installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const [command = 'start', ...rest] = process.argv.slice(2);

function log(message) {
  process.stderr.write(`[skillcert] ${message}\n`);
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** npm ci when node_modules is absent or older than package-lock.json. */
function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && mtime(marker) >= mtime(lock)) return;
  log('installing dependencies (npm ci) ...');
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    log('npm ci failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}

/** Builds the client once when its production build is missing. */
function ensureClientBuilt() {
  if (existsSync(join(root, 'client', 'dist', 'index.html'))) return;
  if (!existsSync(join(root, 'client', 'index.html'))) return;
  log('building the client (vite build) ...');
  const result = spawnSync(npm, ['run', 'build', '-w', '@skillcert/client'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    log('client build failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}

/** Runs a child with inherited stdio, forwards SIGINT/SIGTERM, exits with its code. */
function run(bin, args, env = {}) {
  const child = spawn(bin, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const node = process.execPath;
ensureInstalled();
switch (command) {
  case 'start':
    ensureClientBuilt();
    run(node, ['--import', 'tsx', 'server/src/main.ts', ...rest]);
    break;
  case 'dev':
    run(node, ['--import', 'tsx', 'scripts/dev.ts', ...rest]);
    break;
  case 'test':
    run(node, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...rest]);
    break;
  case 'bench':
    run(node, ['--import', 'tsx', 'test/bench/run.ts', ...rest]);
    break;
  default:
    log(`unknown command "${command}" (expected start, dev, test or bench)`);
    process.exit(2);
}
