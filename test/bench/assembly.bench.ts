/**
 * Paper assembly benchmark (R1-R3): a library of 5 papers x 100 items from the shared bank
 * 省级低压电工作业.xlsx (read in place) with the blueprint `deriveBlueprint` derives from its
 * 作业种类/章节, near-duplicate clusters from `findDuplicates` (R2: a cluster is one item), editor
 * difficulty 1-5 mapped to 0..1; the bank carries no difficulty column, so items without one get a
 * seeded stand-in (mean of two uniform draws, as the assembly tests do) — otherwise every paper's
 * mean would be 0.5 and the spread comparison empty. `runAssemblyBenchmark` runs `assemblePaperLibrary` and the naive
 * stratified-rejection baseline (`assembleByRejection`) on every seed:
 * - p95 wall time over 50 seeds, against the baseline's p95 on the same seeds (reported);
 * - success rate over 200 seeds (target 100%) and the baseline's;
 * - mean-difficulty spread between papers vs the baseline's (target <= 0.5x).
 */
import { join } from 'node:path';
import {
  createRandom,
  deriveBlueprint,
  findDuplicates,
  importTheoryBank,
  runAssemblyBenchmark,
  sharedBanksDirectory,
  type AssemblyItem,
  type Blueprint,
} from '@skillcert/bank-tools';
import { comparisonRow, goalRow, infoRow, ratioRow, type BenchMode, type BenchRow, type Benchmark } from './harness';

const name = 'assembly';
const bankFile = '省级低压电工作业.xlsx';

const sizesByMode: Record<'quick' | 'full', { timingSeeds: number; successSeeds: number }> = {
  quick: { timingSeeds: 3, successSeeds: 5 },
  full: { timingSeeds: 50, successSeeds: 200 },
};

/** Items and derived blueprint (5 papers x 100 items) of the shared bank. */
async function loadBank(): Promise<{ items: AssemblyItem[]; blueprint: Blueprint; distinct: number; standIns: number }> {
  const report = await importTheoryBank({ file: join(sharedBanksDirectory(), bankFile), fileName: bankFile });
  const duplicates = findDuplicates(report.items.map((item, index) => ({ id: String(index), type: item.type, stem: item.stem, options: item.options, images: item.images })));
  const distinct = report.items.length - duplicates.exactDuplicates - duplicates.nearDuplicates;
  const derived = deriveBlueprint(report.items, { paperCount: 5, itemsPerPaper: 100, distinctItems: distinct });
  const random = createRandom('bench-assembly-difficulty');
  let standIns = 0;
  const standIn = () => {
    standIns += 1;
    return (random() + random()) / 2;
  };
  const items = derived.items.map(
    (item, index): AssemblyItem => ({
      id: `row-${item.source?.row ?? index}`,
      type: item.type,
      knowledgePoint: item.knowledgePoint ?? '',
      difficulty: item.difficulty !== undefined ? (item.difficulty - 1) / 4 : standIn(),
      clusterId: `row-${derived.items[Number(duplicates.clusterIdById[String(index)])]?.source?.row ?? index}`,
    }),
  );
  return { items, blueprint: derived.blueprint, distinct, standIns };
}

const seedsOf = (count: number, offset = 0) => Array.from({ length: count }, (_, index) => offset + index);

async function runAssembly(mode: BenchMode): Promise<BenchRow[]> {
  const sizes = sizesByMode[mode === 'quick' ? 'quick' : 'full'];
  const { items, blueprint, distinct, standIns } = await loadBank();
  // p95 over the timing seeds; success and spread over all success seeds (each seed run once).
  const timing = runAssemblyBenchmark({ items, blueprint, paperCount: 5, seeds: seedsOf(sizes.timingSeeds) });
  const more = runAssemblyBenchmark({ items, blueprint, paperCount: 5, seeds: seedsOf(sizes.successSeeds - sizes.timingSeeds, sizes.timingSeeds) });
  const total = timing.runs + more.runs;
  const successes = timing.successRate * timing.runs + more.successRate * more.runs;
  const baselineSuccesses = timing.baselineSuccessRate * timing.runs + more.baselineSuccessRate * more.runs;
  /** Mean of a per-call mean weighted by the count it was taken over (NaN parts skipped). */
  const pooled = (parts: [number, number][]) => {
    const usable = parts.filter(([value, weight]) => !Number.isNaN(value) && weight > 0);
    const weight = usable.reduce((sum, [, part]) => sum + part, 0);
    return weight === 0 ? Number.NaN : usable.reduce((sum, [value, part]) => sum + value * part, 0) / weight;
  };
  const spread = pooled([
    [timing.meanDifficultySpread, timing.successRate * timing.runs],
    [more.meanDifficultySpread, more.successRate * more.runs],
  ]);
  const baselineSpread = pooled([
    [timing.baselineSpread, timing.baselineSuccessRate * timing.runs],
    [more.baselineSpread, more.baselineSuccessRate * more.runs],
  ]);
  const drawSpread = pooled([
    [timing.baselineDrawSpread, timing.runs],
    [more.baselineDrawSpread, more.runs],
  ]);
  const isBaselineNeverValid = Number.isNaN(baselineSpread);
  const spreadBaselineName = isBaselineNeverValid ? 'the baseline stratified draw (the baseline never met R2)' : 'the rejection baseline';
  return [
    infoRow(
      name,
      `bank ${bankFile}: ${items.length} items (${distinct} distinct, ${standIns} with seeded stand-in difficulty), 5 papers x ${blueprint.structure.reduce((sum, entry) => sum + entry.count, 0)} items`,
      items.length,
      'items',
    ),
    comparisonRow(name, `assemblePaperLibrary p95 over ${timing.runs} seeds vs naive rejection baseline p95`, timing.p95Ms, 'ms', timing.baselineP95Ms),
    infoRow(name, `assemblePaperLibrary median over ${timing.runs} seeds`, timing.medianMs, 'ms'),
    infoRow(name, `assemblePaperLibrary max over ${timing.runs} seeds`, timing.maxMs, 'ms'),
    goalRow(name, `success rate over ${total} seeds`, (successes / total) * 100, '%', { min: 100 }),
    infoRow(name, `naive rejection baseline success rate over ${total} seeds`, (baselineSuccesses / total) * 100, '%'),
    ratioRow(name, `mean-difficulty spread between papers vs ${spreadBaselineName}`, spread, '', isBaselineNeverValid ? drawSpread : baselineSpread, { max: 0.5 }),
  ];
}

/** The paper assembly benchmark. */
export const assemblyBenchmark: Benchmark = { name, issue: 13, run: runAssembly };
