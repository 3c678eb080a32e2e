import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBrowserExecutable, findBrowserExecutable } from './browser';

const scratch = mkdtempSync(join(tmpdir(), 'skillcert-browser-test-'));
const emptyDirectory = mkdtempSync(join(scratch, 'empty-'));
const binDirectory = mkdtempSync(join(scratch, 'bin-'));

function writeExecutable(directory: string, name: string): string {
  const path = join(directory, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('findBrowserExecutable', () => {
  it('uses PUPPETEER_EXECUTABLE_PATH when it points to an executable', () => {
    const fake = writeExecutable(binDirectory, 'my-chrome');
    expect(findBrowserExecutable({ puppeteerExecutablePath: fake })).toEqual({ found: true, path: fake });
  });

  it('reports a missing PUPPETEER_EXECUTABLE_PATH with the path and install advice, without falling back', () => {
    const missing = join(scratch, 'no-such-chrome');
    const result = findBrowserExecutable({ puppeteerExecutablePath: missing, path: binDirectory });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.message).toContain(`PUPPETEER_EXECUTABLE_PATH=${missing} does not exist`);
    expect(result.message).toContain('apt-get install -y chromium');
  });

  it('reports an override that is not executable', () => {
    const notExecutable = join(scratch, 'plain-file');
    writeFileSync(notExecutable, 'x');
    const result = findBrowserExecutable({ puppeteerExecutablePath: notExecutable });
    expect(result).toMatchObject({ found: false });
    if (!result.found) expect(result.message).toContain('is not an executable file');
  });

  it('tries the default paths before searching PATH', () => {
    const fakeDefault = writeExecutable(binDirectory, 'default-chromium');
    writeExecutable(binDirectory, 'chromium');
    expect(findBrowserExecutable({ defaultPaths: [fakeDefault], path: binDirectory })).toEqual({ found: true, path: fakeDefault });
  });

  it.skipIf(!existsSync('/usr/bin/chromium'))('defaults to /usr/bin/chromium when it is installed', () => {
    expect(findBrowserExecutable({ path: emptyDirectory })).toEqual({ found: true, path: '/usr/bin/chromium' });
  });

  it('searches PATH for google-chrome, chromium, chromium-browser in that order', () => {
    const pathDirectory = mkdtempSync(join(scratch, 'path-'));
    const chromiumBrowser = writeExecutable(pathDirectory, 'chromium-browser');
    const path = [emptyDirectory, pathDirectory].join(delimiter);
    expect(findBrowserExecutable({ defaultPaths: [], path })).toEqual({ found: true, path: chromiumBrowser });
    const googleChrome = writeExecutable(emptyDirectory, 'google-chrome');
    expect(findBrowserExecutable({ defaultPaths: [], path })).toEqual({ found: true, path: googleChrome });
    rmSync(googleChrome);
  });

  it('says what was tried and how to install when nothing is found', () => {
    const result = findBrowserExecutable({ defaultPaths: [join(scratch, 'nowhere')], path: emptyDirectory });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.message).toContain('google-chrome on PATH');
    expect(result.message).toContain('PUPPETEER_EXECUTABLE_PATH');
    expect(result.message).toContain('never downloads');
  });
});

describe('ensureBrowserExecutable', () => {
  const nothing = { defaultPaths: [join(scratch, 'nowhere')], path: emptyDirectory };

  it('returns a found browser without installing anything', async () => {
    const commands: string[] = [];
    const result = await ensureBrowserExecutable({
      allowAptInstall: true,
      isRoot: true,
      isDebian: true,
      defaultPaths: [writeExecutable(binDirectory, 'installed-chromium')],
      runCommand: async (command, args) => {
        commands.push([command, ...args].join(' '));
        return 0;
      },
    });
    expect(result).toEqual({ found: true, path: join(binDirectory, 'installed-chromium') });
    expect(commands).toEqual([]);
  });

  it('does not run apt when not root, and explains how to install', async () => {
    const commands: string[] = [];
    const result = await ensureBrowserExecutable({
      ...nothing,
      allowAptInstall: true,
      isRoot: false,
      isDebian: true,
      runCommand: async (command) => {
        commands.push(command);
        return 0;
      },
    });
    expect(commands).toEqual([]);
    expect(result.found).toBe(false);
    if (!result.found) {
      expect(result.message).toContain('apt-get install -y chromium');
      expect(result.message).toContain('not running as root');
    }
  });

  it('does not run apt when automatic install is disabled', async () => {
    const result = await ensureBrowserExecutable({ ...nothing, allowAptInstall: false, isRoot: true, isDebian: true });
    expect(result).toMatchObject({ found: false });
    if (!result.found) expect(result.message).toContain('automatic install is disabled');
  });

  it('on Debian as root runs apt-get install -y chromium (logged) and resolves again', async () => {
    const pathDirectory = mkdtempSync(join(scratch, 'apt-'));
    const commands: string[] = [];
    const logLines: string[] = [];
    const result = await ensureBrowserExecutable({
      defaultPaths: [],
      path: pathDirectory,
      allowAptInstall: true,
      isRoot: true,
      isDebian: true,
      logger: { info: (message) => logLines.push(message), warn: (message) => logLines.push(message) },
      runCommand: async (command, args) => {
        commands.push([command, ...args].join(' '));
        if (args.includes('install')) writeExecutable(pathDirectory, 'chromium');
        return 0;
      },
    });
    expect(commands.some((line) => /^apt-get install -y .*chromium$/.test(line))).toBe(true);
    expect(logLines.some((line) => line.includes('apt-get install -y chromium'))).toBe(true);
    expect(result).toEqual({ found: true, path: join(pathDirectory, 'chromium') });
  });

  it('reports a failed apt install with its exit code', async () => {
    const result = await ensureBrowserExecutable({
      ...nothing,
      allowAptInstall: true,
      isRoot: true,
      isDebian: true,
      runCommand: async (_command, args) => (args.includes('install') ? 100 : 0),
    });
    expect(result).toMatchObject({ found: false });
    if (!result.found) expect(result.message).toContain('exit 100');
  });
});
