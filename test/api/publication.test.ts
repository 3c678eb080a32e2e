import { closePublication } from '@skillcert/server/domain/publication/close-publication';
import { PlanSettingsModel } from '@skillcert/server/domain/plans/plan-settings.model';
import { BatchModel } from '@skillcert/server/domain/plans/batch.model';
import { ResultModel } from '@skillcert/server/domain/scoring/result.model';
import { AuditEntryModel } from '@skillcert/server/domain/audit/audit-entry.model';
import { extractPdfText, removeWhitespace } from '../helpers/pdf';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';
import { createScoredBatch, staffActor } from '../helpers/results-fixture';

describe('publication 公示 (R11, R12, R13)', () => {
  let app: TestApp;
  let admin: SignedInAgent;
  let examAdmin: SignedInAgent;
  let candidate: SignedInAgent;
  let hr: SignedInAgent;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.login('admin');
    examAdmin = await app.login('exam_admin');
    candidate = await app.login('candidate');
    hr = await app.login('hr');
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('R11: runs 5 working days across the 2026 National Day holiday (opened 2026-09-30, may end 2026-10-13) and masks ID numbers', async () => {
    const batch = await createScoredBatch({ organisationId: app.organisationId, createdBy: admin.user.id });
    const response = await examAdmin.post(`/api/batches/${batch.batchId}/publication`).send({ startDate: '2026-09-30' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    // 10-01..07 holidays; working days 10-08, 10-09, Sat 10-10 (adjusted 调休), 10-12, 10-13.
    expect(response.body).toMatchObject({ status: 'open', startDate: '2026-09-30', periodWorkingDays: 5, earliestEndDate: '2026-10-13' });
    expect(response.body.channels.source).toBe('announcement');
    expect(response.body.channels.complaint[0]).toMatchObject({ name: '王老师', phone: '0750-1234567' });
    const rows = response.body.notice.rows as { candidateName: string; maskedIdNumber: string; occupationName: string; workType: string; levelName: string; resultText: string }[];
    expect(rows).toHaveLength(3);
    const first = batch.results[0].candidate;
    const row = rows.find((candidateRow) => candidateRow.candidateName === first.name)!;
    expect(row.maskedIdNumber).toBe(`${first.idNumber.slice(0, 4)}**********${first.idNumber.slice(14)}`);
    expect(row).toMatchObject({ occupationName: '电工', workType: '维修电工', levelName: '四级/中级工', resultText: '合格' });
    expect(JSON.stringify(response.body)).not.toContain(first.idNumber);
    const results = await ResultModel.find({ batchId: new Types.ObjectId(batch.batchId) }).lean();
    expect(results.every((result) => result.status === 'published')).toBe(true);
    const stored = await BatchModel.findById(batch.batchId).lean();
    expect(stored?.status).toBe('published');
    expect(stored?.milestones?.publicationStartDate).toBe('2026-09-30');
  });

  it('R11: counts on the organisation calendar, so an extra company rest day lengthens the period', async () => {
    const organisationId = new Types.ObjectId(app.organisationId);
    await PlanSettingsModel.updateOne(
      { organisationId },
      { $set: { 'calendar.extraRestDays': ['2026-10-12'], 'calendar.extraWorkingDays': [], 'calendar.supplementaryYears': [], enterpriseUnits: [] } },
      { upsert: true },
    );
    try {
      const batch = await createScoredBatch({ organisationId: app.organisationId, createdBy: admin.user.id });
      const response = await admin.post(`/api/batches/${batch.batchId}/publication`).send({ startDate: '2026-09-30' });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.earliestEndDate).toBe('2026-10-14');
    } finally {
      await PlanSettingsModel.deleteOne({ organisationId });
    }
  });

  it('R11: refuses to open before every result is approved by the evaluation committee', async () => {
    const batch = await createScoredBatch({ organisationId: app.organisationId, createdBy: admin.user.id, status: 'computed' });
    const response = await admin.post(`/api/batches/${batch.batchId}/publication`).send({});
    expect(response.status).toBe(412);
    expect(response.body.error.message).toMatch(/3 of 3 results are not approved/);
  });

  it('R11: needs complaint and re-scoring channels: from the request when the announcement has none', async () => {
    const batch = await createScoredBatch({ organisationId: app.organisationId, createdBy: admin.user.id, contacts: [] });
    const refused = await admin.post(`/api/batches/${batch.batchId}/publication`).send({ startDate: '2026-10-09' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/complaint and re-scoring channels/);
    const opened = await admin.post(`/api/batches/${batch.batchId}/publication`).send({
      startDate: '2026-10-09',
      complaintContacts: [{ name: '纪检室', phone: '0750-7654321' }],
      rescoringContacts: [{ name: '考务办', email: 'exam@example.cn' }],
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.channels).toMatchObject({ source: 'request', complaint: [{ name: '纪检室' }], rescoring: [{ name: '考务办' }] });
  });

  it('R11: an open objection blocks closing; the committee upholds it with re-scoring, then closing locks the results', async () => {
    const batch = await createScoredBatch({
      organisationId: app.organisationId,
      createdBy: admin.user.id,
      candidates: [{ id: candidate.user.id, name: candidate.user.name, idNumber: candidate.user.idNumber! }],
      failingIndexes: [0],
    });
    const own = batch.results[0];
    const other = batch.results[1];
    expect((await admin.post(`/api/batches/${batch.batchId}/publication`).send({ startDate: '2026-10-09' })).status).toBe(201);

    const foreign = await candidate.post(`/api/batches/${batch.batchId}/publication/objections`).send({ resultId: other.resultId, kind: 'rescoring', reason: '不是我的' });
    expect(foreign.status).toBe(403);
    const filed = await candidate
      .post(`/api/batches/${batch.batchId}/publication/objections`)
      .send({ resultId: own.resultId, kind: 'rescoring', reason: '操作技能评分有误，申请复核' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ status: 'open', isFiledOnBehalf: false, candidateName: candidate.user.name });
    const onBehalf = await examAdmin
      .post(`/api/batches/${batch.batchId}/publication/objections`)
      .send({ resultId: other.resultId, kind: 'complaint', reason: '考生口头反映考场噪声' });
    expect(onBehalf.status).toBe(201);
    expect(onBehalf.body.isFiledOnBehalf).toBe(true);

    const mine = await candidate.get(`/api/batches/${batch.batchId}/publication/objections`);
    expect(mine.body.objections.map((objection: { id: string }) => objection.id)).toEqual([filed.body.id]);

    const blocked = await admin.post(`/api/batches/${batch.batchId}/publication/close`).send({});
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details.openObjectionIds).toHaveLength(2);

    expect((await examAdmin.post(`/api/objections/${filed.body.id}/decision`).send({ outcome: 'rejected', reason: 'x' })).status).toBe(403);
    const upheld = await admin
      .post(`/api/objections/${filed.body.id}/decision`)
      .send({ outcome: 'upheld', reason: '复核发现操作技能漏计分', changes: [{ component: 'practical', score: 72 }, { component: 'theory', score: 65 }] });
    expect(upheld.status, JSON.stringify(upheld.body)).toBe(200);
    expect(upheld.body.decision.rescoring).toMatchObject({ previous: { totalScore: 47, isPass: false }, current: { totalScore: 69.9, isPass: true } });
    const rejected = await admin.post(`/api/objections/${onBehalf.body.id}/decision`).send({ outcome: 'rejected', reason: '考场记录无异常' });
    expect(rejected.body.status).toBe('rejected');
    expect((await admin.post(`/api/objections/${onBehalf.body.id}/decision`).send({ outcome: 'rejected', reason: 'again' })).status).toBe(409);

    const view = await hr.get(`/api/batches/${batch.batchId}/publication`);
    const ownRow = view.body.notice.rows.find((row: { resultId: string }) => row.resultId === own.resultId);
    expect(ownRow).toMatchObject({ totalScore: 69.9, isPass: true, resultText: '合格' });
    expect(view.body.objectionCounts).toEqual({ open: 0, rejected: 1, upheld: 1 });

    const closed = await admin.post(`/api/batches/${batch.batchId}/publication/close`).send({});
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.finalNoticeHash).toMatch(/^[0-9a-f]{64}$/);
    const results = await ResultModel.find({ batchId: new Types.ObjectId(batch.batchId) }).lean();
    expect(results.every((result) => result.status === 'locked')).toBe(true);
    expect(results.find((result) => String(result._id) === own.resultId)?.revisions).toHaveLength(1);
    expect((await BatchModel.findById(batch.batchId).lean())?.status).toBe('closed');
    const late = await candidate.post(`/api/batches/${batch.batchId}/publication/objections`).send({ resultId: own.resultId, kind: 'complaint', reason: 'late' });
    expect(late.status).toBe(409);
    const actions = (await AuditEntryModel.find({ 'target.id': { $in: [batch.batchId, filed.body.id, onBehalf.body.id, own.resultId] } }).sort({ seq: 1 }).lean()).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['publication.opened', 'objection.filed', 'result.rescored', 'objection.upheld', 'objection.rejected', 'publication.closed']));
    expect(actions.indexOf('result.rescored')).toBeLessThan(actions.indexOf('objection.upheld'));
  });

  it('R11: refuses to close before the earliest end date', async () => {
    const batch = await createScoredBatch({ organisationId: app.organisationId, createdBy: admin.user.id });
    expect((await admin.post(`/api/batches/${batch.batchId}/publication`).send({ startDate: '2026-09-30' })).status).toBe(201);
    const actor = staffActor(app.organisationId, admin.user.id);
    await expect(closePublication({ actor, batchId: batch.batchId, today: '2026-10-12' as never })).rejects.toMatchObject({
      code: 'precondition_failed',
      details: { earliestEndDate: '2026-10-13' },
    });
    const closed = await closePublication({ actor, batchId: batch.batchId, today: '2026-10-13' as never });
    expect(closed).toMatchObject({ status: 'closed', endDate: '2026-10-13' });
  });

  it('R12 R13: shows the results-submission deadline with warnings as it nears and after it passes', async () => {
    const batch = await createScoredBatch({ organisationId: app.organisationId, createdBy: admin.user.id });
    expect((await admin.post(`/api/batches/${batch.batchId}/publication`).send({ startDate: '2026-09-30' })).status).toBe(201);
    await closePublication({ actor: staffActor(app.organisationId, admin.user.id), batchId: batch.batchId, today: '2026-10-13' as never });
    // R12: 2026-10-13 + 15 working days = 2026-11-03.
    const approaching = await hr.get(`/api/batches/${batch.batchId}/publication?asOf=2026-10-30`);
    expect(approaching.status).toBe(200);
    const r12 = approaching.body.deadlines.find((row: { ruleId: string }) => row.ruleId === 'R12');
    expect(r12).toMatchObject({ date: '2026-11-03', isDone: false });
    expect(approaching.body.deadlineWarnings).toEqual([expect.objectContaining({ ruleId: 'R12', level: 'approaching', workingDaysLeft: 2 })]);
    const r13 = approaching.body.deadlines.find((row: { ruleId: string }) => row.ruleId === 'R13');
    expect(r13).toMatchObject({ date: null, pendingOn: 'the certificate issue date' });
    const overdue = await hr.get(`/api/batches/${batch.batchId}/publication?asOf=2026-11-05`);
    expect(overdue.body.deadlineWarnings).toEqual([expect.objectContaining({ ruleId: 'R12', level: 'overdue' })]);

    const submitted = await admin.post(`/api/batches/${batch.batchId}/publication/results-submission`).send({ submittedOn: '2026-11-02' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const done = await hr.get(`/api/batches/${batch.batchId}/publication?asOf=2026-11-05`);
    expect(done.body.deadlineWarnings).toEqual([]);
    expect(done.body.deadlines.find((row: { ruleId: string }) => row.ruleId === 'R12').isDone).toBe(true);
  });

  it('R11: renders the notice as a PDF with the masked ID numbers and the channels', async () => {
    const batch = await createScoredBatch({ organisationId: app.organisationId, createdBy: admin.user.id, candidateCount: 2 });
    expect((await admin.post(`/api/batches/${batch.batchId}/publication`).send({ startDate: '2026-10-09' })).status).toBe(201);
    const response = await candidate.get(`/api/batches/${batch.batchId}/publication/notice.pdf`).buffer(true).parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = removeWhitespace(await extractPdfText(response.body as Buffer));
    const first = batch.results[0].candidate;
    expect(text).toContain('认定结果公示');
    expect(text).toContain(first.name);
    expect(text).toContain(`${first.idNumber.slice(0, 4)}**********${first.idNumber.slice(14)}`);
    expect(text).not.toContain(first.idNumber);
    expect(text).toContain('投诉渠道');
    expect(text).toContain('王老师');
  });
});
