/**
 * Outcome reports through the real API (R4 results, R11 objections, R18 levels, R20 effectiveness
 * indicators): pass rates by occupation, work type, level, department and batch; participation,
 * pass and complaint rates per batch and over time; participant, staff and department feedback;
 * the pass-rate exports; the route × role table of these routes. Every expected figure is counted
 * by hand from the fixture below.
 *
 * B1 2026-09-20 电工（维修电工）level 4: 14 submitted attempts with approved results (8 pass), one
 *    attempt in progress (no result), two absentees → registered 17, attended 15; objections: one
 *    complaint, one re-scoring request. Departments: A1-A10 alternate 运维部/检修部 (A1-A6 pass),
 *    B1-B4 运维部, probe, 运维部, probe (B1, B2 pass); the probe is a formula-injection string.
 * B2 2026-10-20 电工（内线安装工）level 3: three approved results (one pass) and one `computed`
 *    pass, all 检修部, all marked present → registered 4, attended 4.
 * B3 2026-11-05 起重装卸机械操作工（叉车司机）level 5: two approved passes not marked present
 *    (attended through their result) and one absentee → registered 3, attended 2; 仓储部.
 * Total scores: 80 for a pass, 50 for a fail.
 */
import ExcelJS from 'exceljs';
import { AuditEntryModel } from '@skillcert/server/domain/audit/audit-entry.model';
import { ObjectionModel } from '@skillcert/server/domain/publication/objection.model';
import { passRateColumns } from '@skillcert/server/domain/reports/report-exports';
import { createReportBatch, type FixtureItem, type FixtureSitting, type ReportBatchFixture } from '@skillcert/server/domain/reports/reports-test-fixture';
import { ResultModel } from '@skillcert/server/domain/scoring/result.model';
import { Types } from 'mongoose';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';

const probe = '=HYPERLINK("http://example.invalid","x")';
const judge: FixtureItem[] = [{ type: 'judge', optionCount: 2, answer: [0], points: 1 }];

interface PassRateRowBody {
  key: string;
  label: string;
  resultCount: number;
  passedCount: number;
  failedCount: number;
  passRate: number | null;
  meanTotalScore: number | null;
  components: Array<{ key: string; resultCount: number; passedCount: number; passRate: number | null }>;
}

function binaryParser(response: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

function result(isPass: boolean) {
  return { isPass, totalScore: isPass ? 80 : 50 };
}

describe('reports: pass rates, R20 indicators and feedback', () => {
  let app: TestApp;
  let admin: SignedInAgent;
  let examAdmin: SignedInAgent;
  let supervisor: SignedInAgent;
  let hr: SignedInAgent;
  let reviewer: SignedInAgent;
  let proctor: SignedInAgent;
  let first: SignedInAgent;
  let second: SignedInAgent;
  let outsider: SignedInAgent;
  let b1: ReportBatchFixture;
  let b2: ReportBatchFixture;
  let b3: ReportBatchFixture;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.login('admin');
    examAdmin = await app.login('exam_admin');
    supervisor = await app.login('supervisor');
    hr = await app.login('hr');
    reviewer = await app.login('bank_reviewer');
    proctor = await app.login('proctor');
    first = await app.login('candidate');
    second = await app.login('candidate');
    outsider = await app.login('candidate');
    const asCandidate = (agent: SignedInAgent) => ({ id: agent.user.id, name: agent.user.name, admissionTicketNumber: agent.user.admissionTicketNumber! });
    const sittingsA: FixtureSitting[] = Array.from({ length: 10 }, (_, index) => ({
      responses: [[0]],
      department: index % 2 === 0 ? '运维部' : '检修部',
      result: result(index < 6),
      ...(index === 0 ? { candidate: asCandidate(first) } : index === 1 ? { candidate: asCandidate(second) } : {}),
    }));
    const sittingsB: FixtureSitting[] = ['运维部', probe, '运维部', probe].map((department, index) => ({ responses: [[0]], department, result: result(index < 2) }));
    b1 = await createReportBatch({
      organisationId: app.organisationId,
      createdBy: admin.user.id,
      scope: { occupationCode: '6-31-01-03', occupationName: '电工', workType: '维修电工', level: 4 },
      papers: [
        { items: judge, sittings: [...sittingsA, { responses: [[0]], department: '运维部', status: 'in_progress' }] },
        { items: judge, sittings: sittingsB },
      ],
      absentees: [{ department: '运维部' }, { department: '检修部' }],
      startsAt: new Date('2026-09-20T01:00:00Z'),
    });
    b2 = await createReportBatch({
      organisationId: app.organisationId,
      createdBy: admin.user.id,
      scope: { occupationCode: '6-31-01-03', occupationName: '电工', workType: '内线安装工', level: 3 },
      papers: [],
      resultOnly: [
        { department: '检修部', result: result(true) },
        { department: '检修部', result: result(false) },
        { department: '检修部', result: result(false) },
        { department: '检修部', result: { ...result(true), status: 'computed' } },
      ],
      startsAt: new Date('2026-10-20T01:00:00Z'),
      status: 'results_approved',
    });
    b3 = await createReportBatch({
      organisationId: app.organisationId,
      createdBy: admin.user.id,
      scope: { occupationCode: '6-29-03-03', occupationName: '起重装卸机械操作工', workType: '叉车司机', level: 5 },
      papers: [],
      resultOnly: [
        { department: '仓储部', result: result(true), isMarkedPresent: false },
        { department: '仓储部', result: result(true), isMarkedPresent: false },
      ],
      absentees: [{ department: '仓储部' }],
      startsAt: new Date('2026-11-05T01:00:00Z'),
      status: 'published',
    });
    // Objections on B1 (R11): one complaint, one re-scoring request.
    const results = await ResultModel.find({ batchId: new Types.ObjectId(b1.batchId) }).limit(2).lean();
    for (const [index, kind] of (['complaint', 'rescoring'] as const).entries()) {
      await ObjectionModel.create({
        organisationId: new Types.ObjectId(app.organisationId),
        batchId: new Types.ObjectId(b1.batchId),
        publicationId: new Types.ObjectId(),
        resultId: results[index]._id,
        candidateId: results[index].candidateId,
        kind,
        reason: '对成绩有异议',
        filedBy: results[index].candidateId,
        filedByName: '考生',
        isFiledOnBehalf: false,
        filedAt: new Date('2026-09-28T02:00:00Z'),
        status: 'open',
      });
    }
  });

  afterAll(async () => {
    await app?.stop();
  });

  async function passRates(query: string): Promise<{ rows: PassRateRowBody[]; total: Omit<PassRateRowBody, 'key' | 'label'>; batchCount: number }> {
    const response = await supervisor.get(`/api/reports/pass-rates?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  }

  const figures = (row: Pick<PassRateRowBody, 'resultCount' | 'passedCount'>) => [row.resultCount, row.passedCount];

  it('R4: pass rates by batch, oldest first, counting committee-approved results only', async () => {
    const report = await passRates('dimension=batch');
    expect(report.batchCount).toBe(3);
    expect(report.rows.map((row) => row.key)).toEqual([b1.batchId, b2.batchId, b3.batchId]);
    expect(report.rows.map(figures)).toEqual([
      [14, 8],
      [3, 1],
      [2, 2],
    ]);
    expect(report.rows[0].passRate).toBeCloseTo(8 / 14, 6);
    expect(report.rows[0].meanTotalScore).toBeCloseTo((8 * 80 + 6 * 50) / 14, 2);
    expect(figures(report.total)).toEqual([19, 11]);
    expect(report.total.failedCount).toBe(8);
    expect(report.total.components).toEqual([
      { key: 'theory', resultCount: 19, passedCount: 11, passRate: expect.closeTo(11 / 19, 6) },
      { key: 'practical', resultCount: 19, passedCount: 19, passRate: 1 },
    ]);
    const withComputed = await passRates(`dimension=batch&batchId=${b2.batchId}&includeComputed=true`);
    expect(withComputed.rows.map(figures)).toEqual([[4, 2]]);
  });

  it('R18: pass rates by occupation, work type (within its occupation) and level (5 → 1)', async () => {
    const occupation = await passRates('dimension=occupation');
    expect(Object.fromEntries(occupation.rows.map((row) => [row.key, figures(row)]))).toEqual({ '6-31-01-03': [17, 9], '6-29-03-03': [2, 2] });
    expect(occupation.rows.find((row) => row.key === '6-29-03-03')!.label).toBe('6-29-03-03 起重装卸机械操作工');
    const workType = await passRates('dimension=work_type');
    expect(Object.fromEntries(workType.rows.map((row) => [row.label, figures(row)]))).toEqual({
      '电工（维修电工）': [14, 8],
      '电工（内线安装工）': [3, 1],
      '起重装卸机械操作工（叉车司机）': [2, 2],
    });
    const level = await passRates('dimension=level');
    expect(level.rows.map((row) => [row.key, ...figures(row)])).toEqual([
      ['5', 2, 2],
      ['4', 14, 8],
      ['3', 3, 1],
    ]);
    expect(level.rows[1].label).toBe('四级/中级工');
  });

  it('pass rates by department, filtered by batch and by date range', async () => {
    const department = await passRates('dimension=department');
    expect(Object.fromEntries(department.rows.map((row) => [row.key, figures(row)]))).toEqual({
      运维部: [7, 4],
      检修部: [8, 4],
      [probe]: [2, 1],
      仓储部: [2, 2],
    });
    const onlyB1 = await passRates(`dimension=department&batchId=${b1.batchId}`);
    expect(Object.fromEntries(onlyB1.rows.map((row) => [row.key, figures(row)]))).toEqual({ 运维部: [7, 4], 检修部: [5, 3], [probe]: [2, 1] });
    const autumn = await passRates('dimension=batch&from=2026-10-01&to=2026-10-31');
    expect(autumn.rows.map((row) => row.key)).toEqual([b2.batchId]);
    expect((await supervisor.get('/api/reports/pass-rates?dimension=batch&from=2026-11-01&to=2026-10-01')).status).toBe(400);
    expect((await supervisor.get('/api/reports/pass-rates?dimension=shoe_size')).status).toBe(400);
  });

  it('R20: feedback — participants of the batch, staff and departments rate 1-5; a second submission replaces the first', async () => {
    const url = `/api/reports/batches/${b1.batchId}/feedback`;
    const created = await first.post(url).send({ rating: 4 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ kind: 'participant', rating: 4, comment: null, isReplacement: false });
    const replaced = await first.post(url).send({ rating: 5, comment: '考场安排有序' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ rating: 5, comment: '考场安排有序', isReplacement: true });
    expect((await second.post(url).send({ rating: 3 })).status).toBe(201);
    expect((await examAdmin.post(url).send({ rating: 3 })).body).toMatchObject({ kind: 'staff' });
    expect((await supervisor.post(url).send({ kind: 'staff', rating: 4 })).status).toBe(201);
    expect((await hr.post(url).send({ kind: 'department', department: '运维部', rating: 2, comment: '希望提前通知' })).body).toMatchObject({
      kind: 'department',
      department: '运维部',
    });

    const refusals: Array<[SignedInAgent, unknown, number]> = [
      [outsider, { rating: 5 }, 403],
      [first, { kind: 'staff', rating: 5 }, 403],
      [examAdmin, { kind: 'participant', rating: 5 }, 403],
      [examAdmin, { kind: 'department', department: '运维部', rating: 5 }, 403],
      [hr, { kind: 'department', rating: 5 }, 400],
      [hr, { kind: 'staff', department: '运维部', rating: 5 }, 400],
      [first, { rating: 6 }, 400],
      [first, { rating: 2.5 }, 400],
      [first, { rating: 0 }, 400],
    ];
    const failures: string[] = [];
    for (const [agent, body, status] of refusals) {
      const response = await agent.post(url).send(body as object);
      if (response.status !== status) failures.push(`${agent.user.role} ${JSON.stringify(body)} → ${response.status} ${response.body?.error?.message}`);
    }
    expect(failures).toEqual([]);
    expect((await first.post(`/api/reports/batches/${new Types.ObjectId()}/feedback`).send({ rating: 3 })).status).toBe(404);

    const mine = await first.get('/api/reports/my/feedback');
    expect(mine.status).toBe(200);
    expect(mine.body.batches).toEqual([expect.objectContaining({ batchId: b1.batchId, kinds: ['participant'] })]);
    expect(mine.body.batches[0].given).toEqual([expect.objectContaining({ kind: 'participant', rating: 5, comment: '考场安排有序' })]);
    const hrTargets = (await hr.get('/api/reports/my/feedback')).body.batches;
    expect(hrTargets.map((entry: { batchId: string }) => entry.batchId).sort()).toEqual([b1.batchId, b2.batchId, b3.batchId].sort());
    expect(hrTargets[0].kinds).toEqual(['staff', 'department']);

    const listed = await supervisor.get(`${url}?kind=participant`);
    expect(listed.status).toBe(200);
    expect(listed.body.feedback.map((entry: { rating: number }) => entry.rating).sort()).toEqual([3, 5]);
    expect(JSON.stringify(listed.body)).not.toContain(first.user.id);
    expect((await supervisor.get(url)).body.feedback).toHaveLength(5);
    expect(await AuditEntryModel.countDocuments({ action: 'feedback.submitted', 'target.id': b1.batchId })).toBe(6);
  });

  it('R20: participation, pass and complaint rates and feedback per batch (the trend) and in total', async () => {
    const response = await hr.get('/api/reports/indicators');
    expect(response.status).toBe(200);
    const { batches, total } = response.body;
    expect(batches.map((row: { batchId: string }) => row.batchId)).toEqual([b1.batchId, b2.batchId, b3.batchId]);
    const [one, two, three] = batches;
    expect(one).toMatchObject({ startsOn: '2026-09-20', registeredCount: 17, attendedCount: 15, resultCount: 14, passedCount: 8 });
    expect(one.participationRate).toBeCloseTo(15 / 17, 6);
    expect(one).toMatchObject({ objectionCount: 2, complaintCount: 1, rescoringCount: 1 });
    expect(one.complaintRate).toBeCloseTo(2 / 14, 6);
    expect(one.feedback.participant).toEqual({ count: 2, meanRating: 4, distribution: [0, 0, 1, 0, 1] });
    expect(one.feedback.staff).toEqual({ count: 2, meanRating: 3.5, distribution: [0, 0, 1, 1, 0] });
    expect(one.feedback.department).toEqual({ count: 1, meanRating: 2, distribution: [0, 1, 0, 0, 0] });
    expect(two).toMatchObject({ registeredCount: 4, attendedCount: 4, participationRate: 1, resultCount: 3, passedCount: 1, objectionCount: 0, complaintRate: 0 });
    expect(three).toMatchObject({ registeredCount: 3, attendedCount: 2, resultCount: 2, passedCount: 2, passRate: 1 });
    expect(three.participationRate).toBeCloseTo(2 / 3, 6);
    expect(three.feedback.participant).toEqual({ count: 0, meanRating: null, distribution: [0, 0, 0, 0, 0] });
    expect(total).toMatchObject({ registeredCount: 24, attendedCount: 21, resultCount: 19, passedCount: 11, objectionCount: 2 });
    expect(total.participationRate).toBeCloseTo(21 / 24, 6);
    expect(total.complaintRate).toBeCloseTo(2 / 19, 6);

    const later = await hr.get('/api/reports/indicators?from=2026-10-01');
    expect(later.body.batches.map((row: { batchId: string }) => row.batchId)).toEqual([b2.batchId, b3.batchId]);
    const single = await hr.get(`/api/reports/indicators?batchId=${b3.batchId}`);
    expect(single.body.total).toMatchObject({ registeredCount: 3, attendedCount: 2 });
  });

  it('pass-rate CSV: the columns, one row per group plus the total, formula-like department neutralised, audited', async () => {
    const response = await examAdmin.get('/api/reports/pass-rates/export?dimension=department&format=csv').buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('合格率-部门.csv'));
    const text = (response.body as Buffer).subarray(3).toString('utf8');
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toBe(passRateColumns.map((column) => `"${column}"`).join(','));
    expect(lines).toHaveLength(1 + 4 + 1);
    expect(text).toContain(`"'=HYPERLINK(""http://example.invalid"",""x"")"`);
    expect(text).not.toMatch(/(^|,)"=HYPERLINK/m);
    expect(lines.at(-1)).toMatch(/^"部门","合计","19","11","8",/);
    expect(await AuditEntryModel.countDocuments({ action: 'reports.exported', 'target.label': 'pass_rates' })).toBe(1);
  });

  it('pass-rate xlsx: numbers as numbers, rates formatted as percentages', async () => {
    const response = await admin.get('/api/reports/pass-rates/export?dimension=level&format=xlsx').buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('合格率-等级')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...passRateColumns]);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 7)).toEqual(['等级', '五级/初级工', 2, 2, 0, 1]);
    expect(sheet.getRow(3).getCell(6).value).toBeCloseTo(8 / 14, 6);
    expect(sheet.getColumn(6).numFmt).toBe('0.0%');
    expect(sheet.getRow(5).getCell(2).value).toBe('合计');
  });

  it('R20: outcome reports are for organisers and overseers; feedback is open to every signed-in role', async () => {
    const expectations: Array<[SignedInAgent, string, number]> = [
      [first, '/api/reports/pass-rates?dimension=level', 403],
      [reviewer, '/api/reports/pass-rates?dimension=level', 403],
      [proctor, '/api/reports/indicators', 403],
      [first, '/api/reports/indicators', 403],
      [reviewer, `/api/reports/batches/${b1.batchId}/feedback`, 403],
      [first, `/api/reports/batches/${b1.batchId}/feedback`, 403],
      [first, '/api/reports/pass-rates/export?dimension=level&format=csv', 403],
      [admin, '/api/reports/indicators', 200],
      [examAdmin, '/api/reports/pass-rates?dimension=batch', 200],
    ];
    const failures: string[] = [];
    for (const [agent, url, status] of expectations) {
      const response = await agent.get(url);
      if (response.status !== status) failures.push(`GET ${url} as ${agent.user.role} → ${response.status}, expected ${status}`);
    }
    expect(failures).toEqual([]);
    expect((await proctor.post(`/api/reports/batches/${b1.batchId}/feedback`).send({ rating: 4 })).status).toBe(201);
    expect((await app.agent.post(`/api/reports/batches/${b1.batchId}/feedback`).send({ rating: 4 })).status).toBe(401);
  });
});
