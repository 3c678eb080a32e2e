/**
 * Item and paper analysis through the real API (issue 12; R1 bank upkeep, R3 papers from the bank,
 * R17 keys for bank roles only): a worked example of 10 candidates × 5 items stored as submitted
 * attempts with shuffled options, every statistic computed by hand below; the review queue; the
 * exports; the PDF report rendered by Chromium; the route × role table of these routes.
 *
 * Paper A (bank option indexes; * = key; points in brackets):
 *   I1 single 4 options, key 0 (1)   I2 single, key 2 (1)   I3 multiple, key {0,1} (2)
 *   I4 judge, key 0 (1)              I5 single, key 3 (1)
 *   C1  [0] [2] [0,1] [0] [3]  total 6      C6  [0] [2] [0,2]   [0] [0]  total 3
 *   C2  [0] [2] [0,1] [0] [1]  total 5      C7  [3] [3] [0,1]   [0] [1]  total 3
 *   C3  [0] [1] [0,1] [0] [0]  total 4      C8  [0] [0] [1,2]   [0] [2]  total 2
 *   C4  [0] [2] [0]   [0] [1]  total 3      C9  [2] [3] [2]     [0] [0]  total 1
 *   C5  [1] [0] [0,1] [0] [2]  total 3      C10 [1] –   [0,1,2] [0] –    total 1
 * N = 10, g = round(0.27 × 10) = 3: upper = C1, C2, C3 (6, 5, 4), lower = C8, C9, C10 (2, 1, 1); no
 * ties at the boundaries. Totals X: mean 31/10 = 3.1, Σ(X − 3.1)² = 22.9, population variance 2.29.
 * Paper B (4 candidates, below the queue minimum of 10) and paper C (nobody) complete the library.
 */
import ExcelJS from 'exceljs';
import { AuditEntryModel } from '@skillcert/server/domain/audit/audit-entry.model';
import { ItemModel } from '@skillcert/server/domain/bank/item.model';
import { closeSharedRenderPool } from '@skillcert/server/render/shared-render-pool';
import { itemAnalysisColumns, optionAnalysisColumns, paperStatisticsColumns, parallelismColumns } from '@skillcert/server/domain/reports/report-exports';
import { createReportBatch, type FixtureItem, type ReportBatchFixture } from '@skillcert/server/domain/reports/reports-test-fixture';
import { Types } from 'mongoose';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';
import { parseCsv } from '../helpers/csv';
import { extractPdfText, removeWhitespace } from '../helpers/pdf';

const paperA: FixtureItem[] = [
  { type: 'single', optionCount: 4, answer: [0], points: 1, knowledgePoint: 'K1' },
  { type: 'single', optionCount: 4, answer: [2], points: 1, knowledgePoint: 'K1' },
  { type: 'multiple', optionCount: 4, answer: [0, 1], points: 2, knowledgePoint: 'K2' },
  { type: 'judge', optionCount: 2, answer: [0], points: 1, knowledgePoint: 'K2' },
  // A knowledge point that a spreadsheet would read as a formula (formula-injection probe).
  { type: 'single', optionCount: 4, answer: [3], points: 1, knowledgePoint: '=1+2' },
];
const responsesA: Array<Array<number[] | null>> = [
  [[0], [2], [0, 1], [0], [3]],
  [[0], [2], [0, 1], [0], [1]],
  [[0], [1], [0, 1], [0], [0]],
  [[0], [2], [0], [0], [1]],
  [[1], [0], [0, 1], [0], [2]],
  [[0], [2], [0, 2], [0], [0]],
  [[3], [3], [0, 1], [0], [1]],
  [[0], [0], [1, 2], [0], [2]],
  [[2], [3], [2], [0], [0]],
  [[1], null, [0, 1, 2], [0], null],
];
const paperB: FixtureItem[] = [
  { type: 'single', optionCount: 4, answer: [0], points: 1 },
  { type: 'single', optionCount: 4, answer: [1], points: 1 },
  { type: 'multiple', optionCount: 4, answer: [1, 2], points: 2 },
  { type: 'judge', optionCount: 2, answer: [1], points: 1 },
  { type: 'single', optionCount: 4, answer: [0], points: 1 },
];
// Totals 6, 5, 2, 1; number correct 5, 4, 2, 1.
const responsesB: Array<Array<number[] | null>> = [
  [[0], [1], [1, 2], [1], [0]],
  [[0], [1], [1, 2], [1], [2]],
  [[0], [2], [1], [1], [3]],
  [[3], [0], [0], [1], [1]],
];
const paperC: FixtureItem[] = paperB.map((item) => ({ ...item }));

interface OptionRow {
  optionIndex: number;
  isKey: boolean;
  chosenCount: number;
  chosenRate: number;
  upperRate: number;
  lowerRate: number;
}
interface ItemRow {
  itemId: string;
  paperId: string;
  correctCount: number;
  difficulty: number;
  discrimination: number | null;
  upperCorrectRate: number | null;
  lowerCorrectRate: number | null;
  pointBiserial: number | null;
  correctedPointBiserial: number | null;
  omittedRate: number;
  upperOmittedRate: number | null;
  lowerOmittedRate: number | null;
  options: OptionRow[];
  flags: Array<{ code: string; optionIndex?: number }>;
  isQueued: boolean;
  knowledgePoint: string | null;
  stemExcerpt: string;
}

function binaryParser(response: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

function flagCodes(row: ItemRow): string[] {
  return row.flags.map((flag) => (flag.optionIndex === undefined ? flag.code : `${flag.code}:${flag.optionIndex}`));
}

describe('reports: item and paper analysis', () => {
  let app: TestApp;
  let admin: SignedInAgent;
  let reviewer: SignedInAgent;
  let editor: SignedInAgent;
  let examAdmin: SignedInAgent;
  let supervisor: SignedInAgent;
  let hr: SignedInAgent;
  let candidate: SignedInAgent;
  let proctor: SignedInAgent;
  let batch: ReportBatchFixture;
  let rowsA: ItemRow[];

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.login('admin');
    reviewer = await app.login('bank_reviewer');
    editor = await app.login('bank_editor');
    examAdmin = await app.login('exam_admin');
    supervisor = await app.login('supervisor');
    hr = await app.login('hr');
    candidate = await app.login('candidate');
    proctor = await app.login('proctor');
    batch = await createReportBatch({
      organisationId: app.organisationId,
      createdBy: admin.user.id,
      papers: [
        {
          items: paperA,
          sittings: [
            ...responsesA.map((responses) => ({ responses })),
            // Not submitted: never analysed.
            { responses: paperA.map((item) => item.answer), status: 'in_progress' as const },
          ],
        },
        { items: paperB, sittings: responsesB.map((responses) => ({ responses })) },
        { items: paperC, sittings: [] },
      ],
    });
  });

  afterAll(async () => {
    await closeSharedRenderPool();
    await app?.stop();
  });

  it('answers 404 for the analysis of a batch never analysed and 412 for a batch without submitted attempts', async () => {
    expect((await reviewer.get(`/api/reports/batches/${batch.batchId}/item-analysis`)).status).toBe(404);
    const empty = await createReportBatch({
      organisationId: app.organisationId,
      createdBy: admin.user.id,
      papers: [{ items: paperB, sittings: [{ responses: responsesB[0], status: 'in_progress' }] }],
    });
    const refused = await examAdmin.post(`/api/reports/batches/${empty.batchId}/item-analysis`);
    expect(refused.status).toBe(412);
    expect(refused.body.error.message).toMatch(/no submitted theory attempt/);
  });

  it('R1: runs the analysis as an exam administrator and answers counts without item content', async () => {
    const response = await examAdmin.post(`/api/reports/batches/${batch.batchId}/item-analysis`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    // Flagged: I2, I3, I4, I5 on A and J1-J4 on B (8 items); queued: only A's (10 >= 10 candidates).
    expect(response.body).toMatchObject({ batchId: batch.batchId, runCount: 1, attemptCount: 14, flaggedItemCount: 8, queuedItemCount: 4, measuredItemCount: 5 });
    expect(response.body.scopes).toEqual([
      expect.objectContaining({ candidateCount: 14, paperCount: 3, itemRowCount: 10, flaggedItemCount: 8, queuedItemCount: 4, isParallel: false }),
    ]);
    expect(JSON.stringify(response.body)).not.toContain('isKey');
    expect([...response.body.returnedToReviewItemIds].sort()).toEqual(batch.itemIds[0].slice(1).sort());
  });

  it('P and D with upper/lower 27% groups match the hand computation, displayed choices mapped back to the bank', async () => {
    const response = await reviewer.get(`/api/reports/batches/${batch.batchId}/item-analysis`);
    expect(response.status).toBe(200);
    const scope = response.body.scopes[0];
    rowsA = batch.itemIds[0].map((itemId) => scope.items.find((row: ItemRow) => row.itemId === itemId && row.paperId === batch.paperIds[0]));
    const [i1, i2, i3, i4, i5] = rowsA;
    // I1 correct: C1 C2 C3 C4 C6 C8 → P 6/10; upper 3/3, lower 1/3 (C8) → D = 1 − 1/3.
    expect(i1).toMatchObject({ correctCount: 6, difficulty: 0.6, upperCorrectRate: 1 });
    expect(i1.lowerCorrectRate).toBeCloseTo(1 / 3, 5);
    expect(i1.discrimination).toBeCloseTo(2 / 3, 5);
    // I2 correct: C1 C2 C4 C6 → P 0.4; upper 2/3 (C3 wrong), lower 0 → D 2/3. C10 omitted.
    expect(i2.difficulty).toBe(0.4);
    expect(i2.discrimination).toBeCloseTo(2 / 3, 5);
    expect(i2.omittedRate).toBe(0.1);
    expect(i2.lowerOmittedRate).toBeCloseTo(1 / 3, 5);
    // I3 correct: C1 C2 C3 C5 C7 → P 0.5; upper 1, lower 0 → D 1.
    expect(i3).toMatchObject({ correctCount: 5, difficulty: 0.5, discrimination: 1 });
    // I4 everyone → P 1, D 0; r_pb undefined (no variance of the item).
    expect(i4).toMatchObject({ correctCount: 10, difficulty: 1, discrimination: 0, pointBiserial: null });
    // I5 only C1 → P 0.1; upper 1/3, lower 0.
    expect(i5.difficulty).toBe(0.1);
    expect(i5.discrimination).toBeCloseTo(1 / 3, 5);
    // The unsubmitted attempt (all correct) is not counted: I4 would otherwise have 11 correct.
    expect(scope.papers.find((paper: { paperId: string }) => paper.paperId === batch.paperIds[0]).count).toBe(10);
    expect(i1.stemExcerpt).toMatch(/^报表测试题/);
  });

  it('point-biserial r = (ΣX_correct/N − P·mean X) / √(P(1−P)·var X), corrected with X minus the item', async () => {
    const varianceX = 22.9 / 10;
    // I1: ΣX over correct = 6+5+4+3+3+2 = 23 → cov = 2.3 − 0.6·3.1 = 0.44.
    expect(rowsA[0].pointBiserial).toBeCloseTo(0.44 / Math.sqrt(0.24 * varianceX), 5);
    // Item-rest: cov − 1·0.24 = 0.20; var(X − item) = 2.29 + 0.24 − 2·0.44 = 1.65.
    expect(rowsA[0].correctedPointBiserial).toBeCloseTo(0.2 / Math.sqrt(0.24 * 1.65), 5);
    // I2: 6+5+3+3 = 17 → cov = 1.7 − 0.4·3.1 = 0.46.
    expect(rowsA[1].pointBiserial).toBeCloseTo(0.46 / Math.sqrt(0.24 * varianceX), 5);
    // I3: 6+5+4+3+3 = 21 → cov = 2.1 − 0.5·3.1 = 0.55.
    expect(rowsA[2].pointBiserial).toBeCloseTo(0.55 / Math.sqrt(0.25 * varianceX), 5);
    // I5: 6 → cov = 0.6 − 0.1·3.1 = 0.29.
    expect(rowsA[4].pointBiserial).toBeCloseTo(0.29 / Math.sqrt(0.09 * varianceX), 5);
  });

  it('distractor analysis: choice rates overall, in the upper and the lower group, in bank option order', () => {
    const [i1, i2, i3, , i5] = rowsA;
    // I1: A* by 6 (upper 3/3, lower C8 1/3); B by C5, C10; C by C9; D by C7.
    expect(i1.options.map((option) => [option.isKey, option.chosenCount])).toEqual([
      [true, 6],
      [false, 2],
      [false, 1],
      [false, 1],
    ]);
    expect(i1.options[1].lowerRate).toBeCloseTo(1 / 3, 5);
    expect(i1.options[3]).toMatchObject({ upperRate: 0, lowerRate: 0 });
    // I2: B chosen only by C3 (upper) → upper 1/3 > lower 0.
    expect(i2.options[1].chosenCount).toBe(1);
    expect(i2.options[1].upperRate).toBeCloseTo(1 / 3, 5);
    expect(i2.options[1].lowerRate).toBe(0);
    // I3 (multiple): A by 8, B by 7, C by 4 (C6 C8 C9 C10 → the whole lower group), D by nobody.
    expect(i3.options.map((option) => option.chosenCount)).toEqual([8, 7, 4, 0]);
    expect(i3.options[2]).toMatchObject({ upperRate: 0, lowerRate: 1, chosenRate: 0.4 });
    // I5: A by C3 C6 C9, B by C2 C4 C7, C by C5 C8, D* by C1.
    expect(i5.options.map((option) => option.chosenCount)).toEqual([3, 3, 2, 1]);
    expect(i5.options[0].upperRate).toBeCloseTo(i5.options[0].lowerRate, 6);
  });

  it('flags P < 0.2, P > 0.95, D < 0.2, an unchosen distractor and a distractor favouring the upper group', () => {
    expect(rowsA.map(flagCodes)).toEqual([
      [],
      ['distractor_favours_upper_group:1'],
      ['distractor_not_chosen:3'],
      ['too_easy', 'low_discrimination', 'distractor_not_chosen:1'],
      ['too_difficult', 'distractor_favours_upper_group:1'],
    ]);
    expect(rowsA.map((row) => row.isQueued)).toEqual([false, true, true, true, true]);
  });

  it('paper statistics: KR-20, mean, SDs, median and histogram of each paper; a paper nobody sat has no statistics', async () => {
    const response = await supervisor.get(`/api/reports/batches/${batch.batchId}/paper-statistics`);
    expect(response.status).toBe(200);
    const [scope] = response.body.scopes;
    expect(scope.items).toBeUndefined();
    const [a, b, c] = batch.paperIds.map((paperId) => scope.papers.find((paper: { paperId: string }) => paper.paperId === paperId));
    // A: totals 6,5,4,3,3,3,3,2,1,1.
    expect(a).toMatchObject({ count: 10, itemCount: 5, maxPoints: 6, mean: 3.1, median: 3, min: 1, max: 6, groupSize: 3 });
    expect(a.populationSd).toBeCloseTo(Math.sqrt(2.29), 5);
    expect(a.sampleSd).toBeCloseTo(Math.sqrt(22.9 / 9), 5);
    // KR-20 on number correct 5,4,3,3,2,3,2,2,1,1: mean 2.6, variance 14.4/10 = 1.44;
    // Σpq = .24 + .24 + .25 + 0 + .09 = .82 → 5/4 · (1 − .82/1.44).
    expect(a.kr20).toBeCloseTo(1.25 * (1 - 0.82 / 1.44), 5);
    expect(a.meanDifficulty).toBeCloseTo(2.6 / 5, 6);
    // Bins of 0.6 points: 1 → [0.6, 1.2), 2 → [1.8, 2.4), 3 → [3, 3.6), 4 → [3.6, 4.2), 5, 6 (last bin closed).
    expect(a.histogram.map((bin: { count: number }) => bin.count)).toEqual([0, 2, 0, 1, 0, 4, 1, 0, 1, 1]);
    // B: totals 6,5,2,1 (mean 3.5, variance 17/4); number correct 5,4,2,1 (variance 2.5), Σpq = .875.
    expect(b).toMatchObject({ count: 4, mean: 3.5, median: 3.5, groupSize: 1 });
    expect(b.populationSd).toBeCloseTo(Math.sqrt(17 / 4), 5);
    expect(b.kr20).toBeCloseTo(1.25 * (1 - 0.875 / 2.5), 5);
    expect(b.meanDifficulty).toBeCloseTo(0.6, 6);
    expect(c).toMatchObject({ count: 0, mean: null, kr20: null, populationSd: null });
  });

  it('paper parallelism: ranges of mean and SD (fractions of the maximum), KR-20 and difficulty against the tolerances', async () => {
    const { scopes } = (await examAdmin.get(`/api/reports/batches/${batch.batchId}/paper-statistics`)).body;
    const parallelism = scopes[0].parallelism;
    expect(parallelism.meanFraction.range).toBeCloseTo(3.5 / 6 - 3.1 / 6, 5);
    expect(parallelism.sdFraction.range).toBeCloseTo(Math.sqrt(17 / 4) / 6 - Math.sqrt(2.29) / 6, 4);
    expect(parallelism.kr20.range).toBeCloseTo(0.8125 - 1.25 * (1 - 0.82 / 1.44), 5);
    expect(parallelism.meanDifficulty.range).toBeCloseTo(0.08, 6);
    expect(parallelism.meanFraction).toMatchObject({ minPaperId: batch.paperIds[0], maxPaperId: batch.paperIds[1], tolerance: 0.05 });
    expect(parallelism.flags).toEqual(['mean_range', 'sd_range', 'kr20_range', 'difficulty_range']);
    expect(parallelism.isParallel).toBe(false);
  });

  it('R1: sets measuredDifficulty to the batch P of items answered by at least the minimum number of candidates, and leaves the others', async () => {
    const measured = await ItemModel.find({ _id: { $in: [...batch.itemIds[0], ...batch.itemIds[1], ...batch.itemIds[2]].map((id) => new Types.ObjectId(id)) } }).lean();
    const byId = new Map(measured.map((item) => [String(item._id), item.measuredDifficulty]));
    expect(batch.itemIds[0].map((id) => byId.get(id))).toEqual([0.6, 0.4, 0.5, 1, 0.1]);
    // Paper 2 was sat by 4 candidates, below the minimum of 10: its items keep the bank's difficulty.
    expect(batch.itemIds[1].map((id) => byId.get(id))).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(batch.itemIds[2].map((id) => byId.get(id))).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('R1 R17: flagged items of a paper with enough candidates go back to review with the evidence, audited', async () => {
    const items = await ItemModel.find({ _id: { $in: [...batch.itemIds[0], ...batch.itemIds[1]].map((id) => new Types.ObjectId(id)) } }).lean();
    const byId = new Map(items.map((item) => [String(item._id), item]));
    const [i1, i2, i3, i4, i5] = batch.itemIds[0].map((id) => byId.get(id)!);
    expect(i1).toMatchObject({ status: 'approved' });
    expect(i1.reviewFlags ?? []).toEqual([]);
    for (const item of [i2, i3, i4, i5]) {
      expect(item.status).toBe('in_review');
      expect(item.reviewFlags).toHaveLength(1);
      expect(String(item.reviewFlags![0].batchId)).toBe(batch.batchId);
    }
    const evidence = i4.reviewFlags![0].evidence as { paperCode: string; candidateCount: number; difficulty: number; flags: Array<{ code: string }> };
    expect(evidence).toMatchObject({ paperCode: batch.paperCodes[0], candidateCount: 10, difficulty: 1 });
    expect(evidence.flags.map((flag) => flag.code)).toEqual(['too_easy', 'low_discrimination', 'distractor_not_chosen']);
    expect(i4.reviewFlags![0].reason).toContain('too_easy');
    // Paper B had 4 candidates (< 10): analysed and flagged, but not queued.
    for (const id of batch.itemIds[1]) expect(byId.get(id)).toMatchObject({ status: 'approved' });

    const audits = await AuditEntryModel.find({ action: 'item.flagged_for_review', 'target.id': { $in: batch.itemIds[0] } }).lean();
    expect(audits.map((entry) => entry.target.id).sort()).toEqual(batch.itemIds[0].slice(1).sort());
    expect(JSON.parse(audits[0].payloadJson)).toMatchObject({ batchId: batch.batchId, fromStatus: 'approved', toStatus: 'in_review', isRepeat: false });
    expect(await AuditEntryModel.countDocuments({ action: 'reports.item_analysis_run', 'target.id': batch.batchId })).toBe(1);

    const queue = await editor.get(`/api/reports/review-queue?scopeId=${batch.scopeId}`);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((item: { itemId: string }) => item.itemId).sort()).toEqual(batch.itemIds[0].slice(1).sort());
    const queued = queue.body.items.find((item: { itemId: string }) => item.itemId === batch.itemIds[0][3]);
    expect(queued).toMatchObject({ status: 'in_review', measuredDifficulty: 1 });
    expect(queued.flags[0]).toMatchObject({ batchId: batch.batchId });
  });

  it('a re-run replaces the batch’s evidence and never moves an item the reviewer has approved since', async () => {
    const approved = await reviewer.post(`/api/bank/items/${batch.itemIds[0][3]}/approve`).send({ note: '判断题保留' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const rerun = await reviewer.post(`/api/reports/batches/${batch.batchId}/item-analysis`);
    expect(rerun.status).toBe(200);
    expect(rerun.body).toMatchObject({ runCount: 2, queuedItemCount: 4, returnedToReviewItemIds: [] });
    const i4 = await ItemModel.findById(batch.itemIds[0][3]).lean();
    expect(i4).toMatchObject({ status: 'approved' });
    expect(i4!.reviewFlags).toHaveLength(1);
    const queue = await reviewer.get('/api/reports/review-queue');
    expect(queue.body.items.map((item: { itemId: string }) => item.itemId)).not.toContain(batch.itemIds[0][3]);
    const repeat = await AuditEntryModel.findOne({ action: 'item.flagged_for_review', 'target.id': batch.itemIds[0][3] }).sort({ seq: -1 }).lean();
    expect(JSON.parse(repeat!.payloadJson)).toMatchObject({ isRepeat: true, fromStatus: 'approved', toStatus: 'approved' });
  });

  it('CSV export: the item table with its columns, keys starred, formula-like text neutralised, audited', async () => {
    const response = await editor.get(`/api/reports/batches/${batch.batchId}/item-analysis/export?format=csv`).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    expect(response.headers['content-disposition']).toContain(encodeURIComponent(`试题分析-${batch.batchCode}.csv`));
    const body = response.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(body.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual([...itemAnalysisColumns]);
    expect(rows).toHaveLength(1 + 10);
    const column = (name: (typeof itemAnalysisColumns)[number]) => itemAnalysisColumns.indexOf(name);
    const i1 = rows.find((row) => row[column('题目ID')] === batch.itemIds[0][0])!;
    expect(i1[column('试卷')]).toBe(batch.paperCodes[0]);
    expect(i1[column('作答人数')]).toBe('10');
    expect(i1[column('难度P')]).toBe('0.6');
    expect(Number(i1[column('区分度D')])).toBeCloseTo(2 / 3, 5);
    expect(i1[column('选项（全体/高分组/低分组选择率，*为答案）')]).toBe('A*: 0.6/1/0.333333; B: 0.2/0/0.333333; C: 0.1/0/0.333333; D: 0.1/0/0');
    const i5 = rows.find((row) => row[column('题目ID')] === batch.itemIds[0][4])!;
    expect(i5[column('鉴定点')]).toBe("'=1+2");
    expect(i5[column('标记')]).toBe('too_difficult, distractor_favours_upper_group(B)');
    expect(i5[column('进入审核队列')]).toBe('是');
    expect(body.toString('utf8')).not.toContain('报表测试题');
    expect(await AuditEntryModel.countDocuments({ action: 'reports.exported', 'target.id': batch.batchId })).toBe(1);
  });

  it('xlsx export: items, options, papers and parallelism sheets with numbers as numbers', async () => {
    const response = await admin.get(`/api/reports/batches/${batch.batchId}/item-analysis/export?format=xlsx`).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['试题分析', '选项分析', '试卷统计', '平行性']);
    const header = (sheetName: string) => (workbook.getWorksheet(sheetName)!.getRow(1).values as unknown[]).slice(1);
    expect(header('试题分析')).toEqual([...itemAnalysisColumns]);
    expect(header('选项分析')).toEqual([...optionAnalysisColumns]);
    expect(header('试卷统计')).toEqual([...paperStatisticsColumns]);
    expect(header('平行性')).toEqual([...parallelismColumns]);
    const items = workbook.getWorksheet('试题分析')!;
    const i5 = items.getRows(2, items.rowCount - 1)!.find((row) => row.getCell(5).value === batch.itemIds[0][4])!;
    expect(i5.getCell(12).value).toBe(0.1);
    expect(i5.getCell(8).value).toBe("'=1+2");
    expect(workbook.getWorksheet('选项分析')!.rowCount).toBe(1 + 2 * (4 * 4 + 2));
    const papers = workbook.getWorksheet('试卷统计')!;
    const paperA = papers.getRows(2, papers.rowCount - 1)!.find((row) => row.getCell(3).value === batch.paperCodes[0])!;
    expect(paperA.getCell(13).value).toBeCloseTo(1.25 * (1 - 0.82 / 1.44), 5);
    expect(papers.getColumn(14).numFmt).toBe('0.0%');
    const parallel = workbook.getWorksheet('平行性')!;
    expect(parallel.rowCount).toBe(1 + 4);
    expect(parallel.getRow(2).getCell(8).value).toBe('否');
  });

  it('the PDF report shows the indicators, the parallelism and the flagged items (rendered by Chromium)', async () => {
    const response = await supervisor.get(`/api/reports/batches/${batch.batchId}/report.pdf`).buffer(true).parse(binaryParser);
    expect(response.status, String(response.body)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = removeWhitespace(await extractPdfText(new Uint8Array(response.body as Buffer)));
    for (const expected of ['评价质量分析报告', batch.batchCode, '评价效果指标', '参与率', '卷库平行性', '各卷不平行', 'KR-20', '需复核试题', '过易', '干扰项无人选择（D）']) {
      expect(text).toContain(removeWhitespace(expected));
    }
  });

  it('settings: admin changes thresholds (audited); a re-run with them withdraws this batch’s flags and finds the papers parallel', async () => {
    expect((await examAdmin.put('/api/reports/settings').send({ itemAnalysis: { minimumCandidateCount: 11 } })).status).toBe(403);
    const invalid = await admin.put('/api/reports/settings').send({ itemAnalysis: { minDifficulty: 0.9, maxDifficulty: 0.5 } });
    expect(invalid.status).toBe(400);
    const changed = await admin.put('/api/reports/settings').send({
      itemAnalysis: { minimumCandidateCount: 11 },
      parallelism: { maxMeanRange: 0.1, maxSdRange: 0.1, maxKr20Range: 0.3, maxDifficultyRange: 0.1 },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.itemAnalysis).toEqual({ minDifficulty: 0.2, maxDifficulty: 0.95, minDiscrimination: 0.2, groupFraction: 0.27, minimumCandidateCount: 11 });
    expect((await editor.get('/api/reports/settings')).body.itemAnalysis.minimumCandidateCount).toBe(11);
    expect(await AuditEntryModel.countDocuments({ action: 'reports.settings_updated' })).toBe(1);

    const rerun = await admin.post(`/api/reports/batches/${batch.batchId}/item-analysis`);
    expect(rerun.body).toMatchObject({ runCount: 3, queuedItemCount: 0, flaggedItemCount: 8 });
    expect(rerun.body.scopes[0]).toMatchObject({ isParallel: true, parallelismFlags: [] });
    const items = await ItemModel.find({ _id: { $in: batch.itemIds[0].map((id) => new Types.ObjectId(id)) } }).lean();
    for (const item of items) expect(item.reviewFlags ?? []).toEqual([]);
    expect(await AuditEntryModel.countDocuments({ action: 'item.review_flags_withdrawn' })).toBe(4);
    expect((await editor.get('/api/reports/review-queue')).body.items).toEqual([]);
  });

  it('lists the batches with submitted attempts and the analysis state for every report reader', async () => {
    const response = await editor.get('/api/reports/batches');
    expect(response.status).toBe(200);
    const listed = response.body.batches.find((entry: { batchId: string }) => entry.batchId === batch.batchId);
    expect(listed).toMatchObject({ batchCode: batch.batchCode, startsOn: '2026-09-20', submittedAttemptCount: 14 });
    expect(listed.analysis).toMatchObject({ runCount: 3, flaggedItemCount: 8, queuedItemCount: 0 });
    expect(listed.scopes).toEqual([expect.objectContaining({ scopeId: batch.scopeId, level: 4 })]);
    expect((await hr.get('/api/reports/batches')).status).toBe(200);
    expect((await candidate.get('/api/reports/batches')).status).toBe(403);
    expect((await proctor.get('/api/reports/batches')).status).toBe(403);
  });

  it('R17: item rows with keys for bank roles only; counts and paper statistics for the organisers', async () => {
    const path = `/api/reports/batches/${batch.batchId}`;
    const expectations: Array<[SignedInAgent, 'get' | 'post', string, number]> = [
      [examAdmin, 'get', `${path}/item-analysis`, 403],
      [supervisor, 'get', `${path}/item-analysis`, 403],
      [hr, 'get', `${path}/item-analysis`, 403],
      [candidate, 'get', `${path}/item-analysis`, 403],
      [editor, 'get', `${path}/item-analysis`, 200],
      [examAdmin, 'get', `${path}/item-analysis/export?format=csv`, 403],
      [editor, 'post', `${path}/item-analysis`, 403],
      [supervisor, 'post', `${path}/item-analysis`, 403],
      [hr, 'get', `${path}/paper-statistics`, 403],
      [candidate, 'get', `${path}/paper-statistics`, 403],
      [reviewer, 'get', `${path}/paper-statistics`, 200],
      [examAdmin, 'get', '/api/reports/review-queue', 403],
      [proctor, 'get', '/api/reports/review-queue', 403],
      [reviewer, 'get', `${path}/report.pdf`, 403],
      [candidate, 'get', `${path}/report.pdf`, 403],
      [hr, 'get', '/api/reports/settings', 403],
    ];
    const failures: string[] = [];
    for (const [agent, method, url, status] of expectations) {
      const response = await agent[method](url);
      if (response.status !== status) failures.push(`${method.toUpperCase()} ${url} as ${agent.user.role} → ${response.status}, expected ${status}`);
    }
    expect(failures).toEqual([]);
    expect((await app.agent.get(`${path}/item-analysis`)).status).toBe(401);
  });
});
