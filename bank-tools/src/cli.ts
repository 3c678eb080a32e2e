/**
 * `npm run bank -- <command>`: import, export, duplicates and readiness of theory banks from the
 * command line. Exit codes: 0 success, 1 rows rejected / duplicates-free check failed / not ready,
 * 2 unusable input (unreadable file, not xlsx, no header, invalid JSON) or usage error.
 */
import { realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import cliProgress from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { Blueprint, BlueprintNode, TheoryItem } from './types';
import { isBankImportError } from './importers/bank-import-error';
import { formatRowError } from './importers/assert-importable';
import { importTheoryBank } from './importers/import-theory-bank';
import type { ImportReport } from './importers/import-report';
import { exportTheoryBankXlsx } from './export/export-theory-bank';
import { exportTheoryBankJson, parseTheoryBankJson } from './export/theory-bank-json';
import { findDuplicates, type DuplicateCandidate, type DuplicateScopeMode } from './duplicates/find-duplicates';
import { assignKnowledgePoints } from './blueprint/assign-knowledge-points';
import { deriveBlueprint } from './blueprint/derive-blueprint';
import { exportBlueprintJson, importBlueprintXlsx, parseBlueprintJson } from './blueprint/blueprint-io';
import { deriveCoverage } from './validate/coverage';
import { evaluateReadiness, R1_MINIMUMS } from './validate/readiness';
import { R2_MAX_OVERLAP, R1_PAPER_LIBRARY_SIZE } from './validate/required-items';

/** Where the CLI writes; `isTTY` enables the progress bar. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY?: boolean;
  /** Directory relative paths are resolved against (default INIT_CWD set by npm, else cwd). */
  cwd?: string;
}

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, failed: 1, error: 2 } as const;

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
};

function parseFraction(value: string): number {
  const number = Number(value);
  if (!(number >= 0 && number <= 1)) throw new InvalidArgumentError('expected a fraction between 0 and 1');
  return number;
}

function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a positive integer');
  return number;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

async function loadItems(path: string, io: CliIo, label: string): Promise<{ items: TheoryItem[]; report?: ImportReport }> {
  if (path.toLowerCase().endsWith('.json')) return { items: parseTheoryBankJson(await readFile(path, 'utf8')) };
  const report = await importWithProgress(path, io, label);
  return { items: report.items, report };
}

async function importWithProgress(path: string, io: CliIo, label = basename(path)): Promise<ImportReport> {
  if (!io.isTTY) return importTheoryBank({ file: path });
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} rows`, stream: process.stderr, clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let isStarted = false;
  try {
    return await importTheoryBank(
      { file: path },
      {
        onProgress(done, total) {
          if (!isStarted) {
            bar.start(total, done);
            isStarted = true;
          } else {
            bar.update(done);
          }
        },
      },
    );
  } finally {
    if (isStarted) bar.stop();
  }
}

function printReport(report: ImportReport, io: CliIo, showWarnings: boolean): void {
  const lines = [`${report.file}`];
  for (const sheet of report.sheets) {
    const detail = sheet.status === 'imported' ? `header row ${sheet.headerRow}, ${sheet.dataRows} data rows, ${sheet.items} items, ${sheet.rejected} rejected` : sheet.status;
    lines.push(`  sheet ${sheet.name}: ${detail}`);
  }
  const { counts } = report;
  lines.push(`  data rows ${report.dataRows}: ${counts.total} items (single ${counts.single}, multiple ${counts.multiple}, judge ${counts.judge}), ${report.rejected.length} rejected`);
  if (report.images.length > 0) lines.push(`  pictures ${report.images.length} on ${report.items.filter((item) => item.images).length} items`);
  lines.push(`  read ${report.readMs.toFixed(0)} ms, parse ${report.parseMs.toFixed(0)} ms`);
  if (report.rejected.length > 0) {
    lines.push('  rejected rows:');
    for (const error of report.rejected) lines.push(`    ${formatRowError(error)}`);
  }
  if (report.warnings.length > 0) {
    lines.push(`  ${report.warnings.length} warnings${showWarnings ? ':' : ' (show them with --warnings)'}`);
    if (showWarnings) {
      for (const warning of report.warnings) lines.push(`    ${warning.sheet}!${warning.row}${warning.column ? ` ${warning.column}` : ''}: ${warning.message}`);
    }
  }
  io.stdout(`${lines.join('\n')}\n`);
}

function describeTree(nodes: readonly BlueprintNode[], depth = 1): string[] {
  return nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.code} ${node.name} ${percent(node.weight)}`, ...describeTree(node.children ?? [], depth + 1)]);
}

/** Builds the commander program; `setExit` receives each command's exit code. */
function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const cwd = io.cwd ?? process.env.INIT_CWD ?? process.cwd();
  const at = (path: string) => resolve(cwd, path);
  const program = new Command('bank')
    .description('SkillCert theory bank tools (R1, R2): import, export, duplicates, readiness.\nExit codes: 0 ok, 1 rejected rows / not ready, 2 unusable input.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  program
    .command('import')
    .description('Import a theory bank xlsx and print the report (counts, rejected rows). Exit 1 when rows are rejected.')
    .argument('<file>', 'xlsx file in the bank template')
    .option('--json <out>', 'write the items as JSON (only when no row is rejected, unless --partial)')
    .option('--dry-run', 'check only; write nothing')
    .option('--partial', 'write the valid items even when rows are rejected (exit 0)')
    .option('--warnings', 'list every warning')
    .action(async (file: string, options: { json?: string; dryRun?: boolean; partial?: boolean; warnings?: boolean }) => {
      const report = await importWithProgress(at(file), io);
      printReport(report, io, options.warnings === true);
      const isComplete = report.rejected.length === 0;
      if (options.json && !options.dryRun) {
        if (isComplete || options.partial) {
          await writeFile(at(options.json), exportTheoryBankJson(report.items));
          io.stdout(`wrote ${report.items.length} items to ${options.json}\n`);
        } else {
          io.stderr(`not written: ${report.rejected.length} rows rejected (use --partial to write the ${report.items.length} valid items)\n`);
        }
      }
      setExit(isComplete || options.partial ? EXIT.ok : EXIT.failed);
    });

  program
    .command('export')
    .description('Write a JSON theory bank (from `import --json`) to an xlsx file in the bank template.')
    .argument('<json>', 'JSON theory bank')
    .requiredOption('--xlsx <out>', 'xlsx file to write')
    .option('--apostrophe', "prefix formula-like texts (= + - @) with ' in addition to Text cells (lossy)")
    .action(async (json: string, options: { xlsx: string; apostrophe?: boolean }) => {
      const items = parseTheoryBankJson(await readFile(at(json), 'utf8'));
      const bytes = await exportTheoryBankXlsx(items, { formulaGuard: options.apostrophe ? 'apostrophe' : 'text' });
      await writeFile(at(options.xlsx), bytes);
      io.stdout(`wrote ${items.length} items to ${options.xlsx}\n`);
      setExit(EXIT.ok);
    });

  program
    .command('duplicates')
    .description('Find exact and near-duplicate items (R2) in one or more banks (xlsx or JSON); each file is a scope.')
    .argument('<files...>', 'bank files')
    .option('--threshold <fraction>', 'near-duplicate similarity threshold', parseFraction, 0.85)
    .option('--scopes <mode>', 'pairs within a file (same), across files (different) or both (any)', 'any')
    .option('--stem-only', 'compare stems only (R2 literal reading)')
    .option('--list <count>', 'pairs to list', parsePositiveInteger, 20)
    .action(async (files: string[], options: { threshold: number; scopes: string; stemOnly?: boolean; list: number }) => {
      if (!['same', 'different', 'any'].includes(options.scopes)) throw new InvalidArgumentError(`--scopes must be same, different or any`);
      const candidates: DuplicateCandidate[] = [];
      const byId = new Map<string, TheoryItem>();
      for (const file of files) {
        const name = basename(file);
        const { items } = await loadItems(at(file), io, name);
        items.forEach((item, index) => {
          const id = item.source ? `${name}!${item.source.sheet}!${item.source.row}` : `${name}#${index + 1}`;
          byId.set(id, item);
          candidates.push({ ...item, id, scopeKey: name, images: item.images?.map((image) => `${name}/${image}`) });
        });
        io.stdout(`${name}: ${items.length} items\n`);
      }
      const report = findDuplicates(candidates, { threshold: options.threshold, scopes: options.scopes as DuplicateScopeMode, includeOptions: !options.stemOnly });
      const exactPairs = report.pairs.filter((pair) => pair.kind === 'exact').length;
      io.stdout(
        [
          `${report.items} items: ${report.exactDuplicates} exact duplicates, ${report.nearDuplicates} near duplicates (threshold ${options.threshold})`,
          `pairs ${report.pairs.length} (${exactPairs} exact, ${report.pairs.length - exactPairs} near, ${report.pairs.filter((pair) => pair.isCrossScope).length} across files, ${report.pairs.filter((pair) => pair.hasDifferentAnswers).length} with different answers)`,
          `clusters ${report.clusters.length}, duplicate rate ${percent(report.duplicateRate)}`,
          `${report.comparisons} comparisons instead of ${(report.items * (report.items - 1)) / 2}, ${report.durationMs.toFixed(0)} ms`,
          ...report.pairs.slice(0, options.list).map((pair) => {
            const stem = (id: string) => JSON.stringify(byId.get(id)!.stem.slice(0, 30));
            return `  ${pair.kind} ${pair.similarity.toFixed(2)}${pair.hasDifferentAnswers ? ' answers differ' : ''}: ${pair.a} ${stem(pair.a)} ~ ${pair.b} ${stem(pair.b)}`;
          }),
        ].join('\n') + '\n',
      );
      setExit(EXIT.ok);
    });

  program
    .command('readiness')
    .description('Theory-only readiness of one bank file (R1 item count, R2 coverage of the blueprint, duplicates). Exit 1 when not ready.')
    .argument('<file>', 'bank file (xlsx or JSON)')
    .option('--papers <count>', 'papers in the theory paper library (R1)', parsePositiveInteger, R1_PAPER_LIBRARY_SIZE)
    .option('--overlap <fraction>', 'largest overlap between two papers (R2)', parseFraction, R2_MAX_OVERLAP)
    .option('--min-items <count>', 'minimum theory items (R1)', parsePositiveInteger, R1_MINIMUMS.theoryItems)
    .option('--items-per-paper <count>', 'items per paper for the suggested structure', parsePositiveInteger)
    .option('--blueprint <file>', 'blueprint (JSON or xlsx) instead of deriving one from 作业种类/章节')
    .option('--blueprint-out <file>', 'write the blueprint used as JSON')
    .option('--max-duplicate-rate <fraction>', 'largest acceptable duplicate rate', parseFraction)
    .option('--threshold <fraction>', 'near-duplicate similarity threshold', parseFraction, 0.85)
    .action(async (file: string, options: { papers: number; overlap: number; minItems: number; itemsPerPaper?: number; blueprint?: string; blueprintOut?: string; maxDuplicateRate?: number; threshold: number }) => {
      const name = basename(file);
      const { items } = await loadItems(at(file), io, name);
      const duplicates = findDuplicates(
        items.map((item, index) => ({ ...item, id: String(index) })),
        { threshold: options.threshold },
      );
      const distinct = duplicates.items - duplicates.exactDuplicates - duplicates.nearDuplicates;
      const derived = deriveBlueprint(items, { paperCount: options.papers, maxOverlap: options.overlap, distinctItems: distinct, itemsPerPaper: options.itemsPerPaper });
      let blueprint: Blueprint = derived.blueprint;
      if (options.blueprint) {
        blueprint = options.blueprint.toLowerCase().endsWith('.json')
          ? parseBlueprintJson(await readFile(at(options.blueprint), 'utf8'))
          : await importBlueprintXlsx(at(options.blueprint));
      }
      const source = options.blueprint ? assignKnowledgePoints(items, blueprint) : derived.items;
      const coverage = deriveCoverage(
        blueprint,
        source.map((item, index) => ({ type: item.type, knowledgePoint: item.knowledgePoint, clusterId: duplicates.clusterIdById[String(index)] })),
        { paperCount: options.papers, maxOverlap: options.overlap },
      );
      const result = evaluateReadiness({
        approvedTheoryItems: distinct,
        theoryPapers: 0,
        approvedPracticalItems: 0,
        practicalPapers: 0,
        coverage,
        duplicateRate: duplicates.duplicateRate,
        maxDuplicateRate: options.maxDuplicateRate,
        minimums: { theoryItems: options.minItems },
        checks: ['theoryItems', 'coverage', 'duplicateRate'],
      });
      if (options.blueprintOut) await writeFile(at(options.blueprintOut), exportBlueprintJson(blueprint));
      const perPaper = blueprint.structure.reduce((sum, entry) => sum + entry.count, 0);
      io.stdout(
        [
          `${name}: ${items.length} items, ${distinct} distinct (${duplicates.exactDuplicates} exact and ${duplicates.nearDuplicates} near duplicates, rate ${percent(duplicates.duplicateRate)})`,
          `R1: ${distinct} of ${options.minItems} theory items${distinct >= options.minItems ? ' (met)' : ''}; papers and practical bank are not in a bank file`,
          `blueprint (${options.blueprint ? options.blueprint : 'derived from 作业种类/章节'}):`,
          ...describeTree(blueprint.nodes),
          `paper structure (${perPaper} items): ${blueprint.structure.map((entry) => `${entry.type} ${entry.count} x ${Number(entry.pointsEach.toFixed(2))}`).join(', ')}`,
          `R2 coverage for ${options.papers} papers at <= ${percent(options.overlap)} overlap: ${coverage.filter((cell) => cell.available >= cell.required).length} of ${coverage.length} cells covered`,
          ...result.shortfalls.map((shortfall) => `  ${shortfall.rule} ${shortfall.message}`),
          result.isReady ? 'ready (theory bank)' : `not ready: ${result.shortfalls.length} shortfall(s)`,
        ].join('\n') + '\n',
      );
      setExit(result.isReady ? EXIT.ok : EXIT.failed);
    });
  return program;
}

/**
 * Runs the bank CLI with `argv` (arguments after the script, e.g. `['import', 'bank.xlsx']`).
 * @returns the exit code (0 ok, 1 rejected rows / not ready, 2 unusable input or usage error)
 */
export async function runBankCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (isBankImportError(error)) {
      io.stderr(`error ${error.code}: ${error.message}\n`);
      return EXIT.error;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`error: ${message}\n`);
    return EXIT.error;
  }
}

function isMainModule(): boolean {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMainModule()) {
  runBankCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
