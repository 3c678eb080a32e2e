import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBankCli } from './cli';
import { importTheoryBank } from './importers/import-theory-bank';
import { parseTheoryBankJson } from './export/theory-bank-json';

const banks = fileURLToPath(new URL('../../../shared/banks/', import.meta.url));
const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
let directory = '';

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'bank-cli-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runBankCli(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), isTTY: false, cwd: directory });
  return { code, stdout, stderr };
}

describe('bank CLI', () => {
  it('prints help for the program and each command', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/import[\s\S]*export[\s\S]*duplicates[\s\S]*readiness/u);
    for (const command of ['import', 'export', 'duplicates', 'readiness']) {
      const result = await run(command, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: bank ${command}`);
    }
  });

  it('R1: imports a complete bank, prints the counts and writes JSON (exit 0)', async () => {
    const result = await run('import', `${banks}省级叉车管理员.xlsx`, '--json', 'forklift.json');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('data rows 296: 296 items (single 95, multiple 70, judge 131), 0 rejected');
    const items = parseTheoryBankJson(await readFile(join(directory, 'forklift.json'), 'utf8'));
    expect(items).toHaveLength(296);
  });

  it('R1: lists rejected rows, refuses to write a partial bank and exits 1', async () => {
    const result = await run('import', `${banks}新电焊国家题库2018.xlsx`, '--json', 'welding.json');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Sheet1!1160 E (题目答案): answer letter C has no option (options A–B)');
    expect(result.stderr).toContain('not written: 3 rows rejected');
    await expect(readFile(join(directory, 'welding.json'))).rejects.toThrow();
    const partial = await run('import', `${banks}新电焊国家题库2018.xlsx`, '--json', 'welding.json', '--partial');
    expect(partial.code).toBe(0);
    expect(parseTheoryBankJson(await readFile(join(directory, 'welding.json'), 'utf8'))).toHaveLength(1300);
  });

  it('checks without writing on --dry-run', async () => {
    const result = await run('import', `${banks}省级叉车管理员.xlsx`, '--json', 'dry.json', '--dry-run');
    expect(result.code).toBe(0);
    await expect(readFile(join(directory, 'dry.json'))).rejects.toThrow();
  });

  it('exits 2 with the error code for a file that is not a workbook', async () => {
    await writeFile(join(directory, 'notes.xlsx'), 'plain text');
    const result = await run('import', 'notes.xlsx');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error NOT_XLSX: notes\.xlsx: not an xlsx workbook/u);
  });

  it('R17: exports a JSON bank to the template that imports to the same items', async () => {
    await run('import', `${banks}省级叉车管理员.xlsx`, '--json', 'bank.json');
    const result = await run('export', 'bank.json', '--xlsx', 'bank.xlsx');
    expect(result.code).toBe(0);
    const reread = await importTheoryBank({ file: join(directory, 'bank.xlsx') });
    expect(reread.items).toHaveLength(296);
    expect((await run('export', 'bank.json')).code).toBe(2);
    await writeFile(join(directory, 'broken.json'), '{"items": 1}');
    expect((await run('export', 'broken.json', '--xlsx', 'x.xlsx')).stderr).toContain('error INVALID_JSON');
  });

  it('R2: reports duplicates over several banks', async () => {
    const result = await run('duplicates', `${banks}省级低压电工作业.xlsx`, `${banks}省级叉车管理员.xlsx`, '--list', '3');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1030 items: \d+ exact duplicates, \d+ near duplicates \(threshold 0\.85\)/u);
    expect(result.stdout).toMatch(/comparisons instead of 529935/u);
    expect((await run('duplicates', `${banks}省级叉车管理员.xlsx`, '--threshold', '2')).code).toBe(2);
  });

  it('R1/R2: shows theory readiness with the derived blueprint and exits 1 when short of items', async () => {
    const result = await run('readiness', `${banks}省级叉车管理员.xlsx`, '--blueprint-out', 'blueprint.json');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/R1 \d+ of 500 theory items/u);
    expect(result.stdout).toContain('1 法规知识');
    expect(result.stdout).toMatch(/paper structure \(50 items\)/u);
    expect(JSON.parse(await readFile(join(directory, 'blueprint.json'), 'utf8')).blueprint.nodes).toHaveLength(4);
  });

  it('R1/R2: reports a bank of 1,042 items as ready apart from coverage shortfalls it names', async () => {
    const result = await run('readiness', `${banks}起重机司机.xlsx`, '--min-items', '500');
    expect(result.stdout).toMatch(/R1: \d+ of 500 theory items \(met\)/u);
    expect(result.stdout).toMatch(/R2 \d+ of \d+ (single-choice|multiple-choice|judge) items for knowledge point 1\.\d+/u);
  });

  it('runs as `node --import tsx bank-tools/src/cli.ts` and passes the exit code on', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', cliPath, 'import', join(banks, 'missing.xlsx')], { encoding: 'utf8', cwd: repositoryRoot });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('error FILE_UNREADABLE');
  });
});
