/**
 * Scoring through the real API (R4, R6, R11, R19): theory scoring of submitted attempts with
 * shuffled options, practical double scoring with independence, grade checks and arbitration,
 * weights validation, results, committee approval, re-scoring with its audit trail, and the score
 * sheet / result summary PDFs rendered by Chromium.
 */
import { mapBankToDisplayed } from '@skillcert/bank-tools/assembly/index';
import type { AttemptRecord } from '@skillcert/server/domain/attempts/attempt.model';
import { BankScopeModel } from '@skillcert/server/domain/bank/bank-scope.model';
import { BatchModel } from '@skillcert/server/domain/plans/batch.model';
import { RegistrationModel } from '@skillcert/server/domain/plans/registration.model';
import { ResultModel } from '@skillcert/server/domain/scoring/result.model';
import { settleTheoryScoring } from '@skillcert/server/domain/scoring/score-theory-attempt';
import { closeSharedRenderPool } from '@skillcert/server/render/shared-render-pool';
import { Types } from 'mongoose';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';
import { createExamFixture, type CandidateHandle, type ExamFixture } from '../helpers/exam-fixture';
import { extractPdfText, removeWhitespace } from '../helpers/pdf';
import { createPracticalLibrary, keyedResponse, practicalVetoItem, preparePracticalScoring, sitAndForceSubmit } from '../helpers/scoring-fixture';

type Agent = ReturnType<typeof supertest.agent>;

/** Deductions of `deducted` points on the second criterion of the first task (max 30), none elsewhere. */
function practicalScore(deducted: number, options: { isVetoed?: boolean } = {}) {
  return {
    tasks: [
      { deductions: deducted > 0 ? [{ criterionIndex: 1, deductedPoints: [deducted] }] : [], vetoItemsObserved: options.isVetoed ? [practicalVetoItem] : [] },
      { deductions: [], vetoItemsObserved: [] },
    ],
  };
}

/** Deductions on both criteria of the first task (max 20 and 30); the second task is full marks. */
function firstTaskScore(firstCriterion: number, secondCriterion: number) {
  return {
    tasks: [
      { deductions: [{ criterionIndex: 0, deductedPoints: [firstCriterion] }, { criterionIndex: 1, deductedPoints: [secondCriterion] }], vetoItemsObserved: [] },
      { deductions: [], vetoItemsObserved: [] },
    ],
  };
}

async function loginStaff(app: TestApp, username: string, password: string): Promise<Agent> {
  const agent = supertest.agent(app.baseUrl);
  const response = await agent.post('/api/auth/login').send({ username, password });
  expect(response.status).toBe(200);
  return agent;
}

describe('scoring API (R4, R6, R11, R19)', () => {
  let app: TestApp;
  let fixture: ExamFixture;
  let admin: SignedInAgent;
  let examAdmin: Agent;
  let assessorA: SignedInAgent;
  let assessorB: SignedInAgent;
  let assessorC: SignedInAgent;
  let supervisor: SignedInAgent;
  const cardIdByTicket = new Map<string, string>();
  const resultIdByRegistration = new Map<string, string>();
  let expectedTheory: { points: number; maxPoints: number };

  beforeAll(async () => {
    app = await startTestApp();
    fixture = await createExamFixture({ candidateCount: 4, organisationId: app.organisationId });
    admin = await app.login('admin');
    examAdmin = await loginStaff(app, fixture.examAdmin.username, fixture.examAdmin.password);
    assessorA = await app.login('assessor', { assessorGrade: 'assessor' });
    assessorB = await app.login('assessor', { assessorGrade: 'assessor' });
    assessorC = await app.login('assessor', { assessorGrade: 'senior_assessor' });
    supervisor = await app.login('supervisor');
    await preparePracticalScoring(fixture, [
      { userId: assessorA.user.id, role: 'assessor' },
      { userId: assessorB.user.id, role: 'assessor' },
      { userId: assessorC.user.id, role: 'assessor' },
      { userId: supervisor.user.id, role: 'supervisor' },
    ]);
  });

  afterAll(async () => {
    await closeSharedRenderPool();
    await app?.stop();
  });

  /** Starts the candidate's attempt, stores `answersBySlot` (displayed indexes) and force-submits it. */
  async function sitAndSubmit(candidate: CandidateHandle, choose: (slot: AttemptRecord['form']['slots'][number]) => number[]): Promise<AttemptRecord> {
    const attempt = await sitAndForceSubmit(fixture, candidate, choose);
    await settleTheoryScoring();
    return attempt;
  }

  it('R4: scores a submitted attempt with shuffled options against the bank key via the stored permutation', async () => {
    const candidate = fixture.candidates[0];
    const wrongSlots = new Set([1, 2, 3]);
    const attempt = await sitAndSubmit(candidate, (slot) => {
      const key = fixture.secrets.contentByItemId.get(String(slot.itemId))!.answer;
      const correct = mapBankToDisplayed(slot.optionOrder, key);
      if (!wrongSlots.has(slot.slot)) return correct;
      // A wrong choice: any displayed option that is not exactly the key.
      const other = [...Array(slot.optionCount).keys()].find((index) => !correct.includes(index))!;
      return [other];
    });
    const shuffled = attempt.form.slots.filter((slot) => slot.optionOrder.some((bank, displayed) => bank !== displayed));
    expect(shuffled.length).toBeGreaterThan(0);
    const maxPoints = attempt.form.slots.reduce((sum, slot) => sum + slot.points, 0);
    const lost = attempt.form.slots.filter((slot) => wrongSlots.has(slot.slot)).reduce((sum, slot) => sum + slot.points, 0);
    expectedTheory = { points: maxPoints - lost, maxPoints };

    const sheet = await examAdmin.get(`/api/scoring/attempts/${String(attempt._id)}/theory`);
    expect(sheet.status).toBe(200);
    expect(sheet.body).toMatchObject({ totalPoints: maxPoints - lost, maxPoints, correctCount: attempt.form.slots.length - 3, seed: attempt.seed });
    for (const item of sheet.body.items as Array<{ slot: number; itemId: string; optionOrder: number[]; selected: number[]; outcome: string }>) {
      const slot = attempt.form.slots.find((candidateSlot) => candidateSlot.slot === item.slot)!;
      expect(item.optionOrder).toEqual(slot.optionOrder);
      if (!wrongSlots.has(item.slot)) {
        expect(item.selected).toEqual([...fixture.secrets.contentByItemId.get(item.itemId)!.answer].sort((a, b) => a - b));
        expect(item.outcome).toBe('correct');
      } else {
        expect(item.outcome).toBe('wrong');
      }
    }
    // Reading displayed indexes as bank indexes would have scored differently: the mapping matters.
    const naiveCorrect = attempt.form.slots.filter((slot) => {
      if (wrongSlots.has(slot.slot)) return false;
      const key = fixture.secrets.contentByItemId.get(String(slot.itemId))!.answer;
      const displayed = mapBankToDisplayed(slot.optionOrder, key);
      return JSON.stringify(displayed) === JSON.stringify([...key].sort((a, b) => a - b));
    }).length;
    expect(naiveCorrect).toBeLessThan(attempt.form.slots.length - 3);
    const byKnowledgePoint = sheet.body.byKnowledgePoint as Array<{ points: number; maxPoints: number }>;
    expect(byKnowledgePoint.reduce((sum, group) => sum + group.points, 0)).toBeCloseTo(maxPoints - lost, 6);

    // Idempotent: scoring again through the API answers the same sheet.
    const again = await examAdmin.post(`/api/scoring/attempts/${String(attempt._id)}/theory`);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(sheet.body.id);
  });

  it('R4: gives partial credit for a correct strict subset of a multiple-choice key when the organisation allows it', async () => {
    const settings = await admin.put('/api/scoring/settings').send({ multipleChoiceCredit: { kind: 'partial_subset', fraction: 0.5 } });
    expect(settings.status).toBe(200);
    const candidate = fixture.candidates[1];
    const attempt = await sitAndSubmit(candidate, (slot) => {
      if (slot.type !== 'multiple') return [];
      const key = fixture.secrets.contentByItemId.get(String(slot.itemId))!.answer;
      return mapBankToDisplayed(slot.optionOrder, [key[0]]);
    });
    const multiplePoints = attempt.form.slots.filter((slot) => slot.type === 'multiple').reduce((sum, slot) => sum + slot.points, 0);
    const sheet = await examAdmin.get(`/api/scoring/attempts/${String(attempt._id)}/theory`);
    expect(sheet.body.totalPoints).toBeCloseTo(multiplePoints * 0.5, 6);
    expect(sheet.body.multipleChoiceCredit).toEqual({ kind: 'partial_subset', fraction: 0.5 });
    await admin.put('/api/scoring/settings').send({ multipleChoiceCredit: { kind: 'all_or_nothing' } }).expect(200);

    await sitAndSubmit(fixture.candidates[2], (slot) => keyedResponse(fixture, slot));
    await sitAndSubmit(fixture.candidates[3], () => []);
  });

  it('R3 R6: prepares one practical card per candidate with a seeded paper of the practical library', async () => {
    const response = await examAdmin.post(`/api/scoring/batches/${fixture.batchId}/score-cards`).send({ component: 'practical' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ component: 'practical', createdCount: 4, cardCount: 4 });
    const again = await examAdmin.post(`/api/scoring/batches/${fixture.batchId}/score-cards`).send({ component: 'practical' });
    expect(again.body).toMatchObject({ createdCount: 0, cardCount: 4 });
    const list = await assessorA.get(`/api/scoring/batches/${fixture.batchId}/score-cards`).query({ component: 'practical' });
    expect(list.status).toBe(200);
    for (const card of list.body.cards as Array<{ id: string; admissionTicketNumber: string; maxPoints: number; tasks: unknown[]; canScore: boolean }>) {
      cardIdByTicket.set(card.admissionTicketNumber, card.id);
      expect(card).toMatchObject({ maxPoints: 100, canScore: true });
      expect(card.tasks).toHaveLength(2);
    }
    expect(cardIdByTicket.size).toBe(4);
  });

  it("R6: assessor B's API shows nothing of A's score before B submits, then both", async () => {
    const cardId = cardIdByTicket.get(fixture.candidates[0].admissionTicketNumber)!;
    const scoredByA = await assessorA.post(`/api/scoring/score-cards/${cardId}/scores`).send(practicalScore(20));
    expect(scoredByA.status).toBe(201);
    expect(scoredByA.body).toMatchObject({ scoredCount: 1, areScoresVisible: false, status: 'open' });
    expect(scoredByA.body.myEntry).toMatchObject({ totalPoints: 80, assessorName: assessorA.user.name });

    for (const response of [await assessorB.get(`/api/scoring/score-cards/${cardId}`), await assessorB.get(`/api/scoring/batches/${fixture.batchId}/score-cards`)]) {
      expect(response.status).toBe(200);
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(assessorA.user.id);
      expect(text).not.toContain('"totalPoints":80');
      expect(text).not.toContain('finalPoints":8');
    }
    const seenByB = await assessorB.get(`/api/scoring/score-cards/${cardId}`);
    expect(seenByB.body).toMatchObject({ entries: [], myEntry: null, scoredCount: 1, areScoresVisible: false, finalPoints: null, canScore: true });
    // Other staff see who is done, not the points.
    const seenBySupervisor = await supervisor.get(`/api/scoring/score-cards/${cardId}`);
    expect(seenBySupervisor.body).toMatchObject({ entries: [], scoredCount: 1 });

    const scoredByB = await assessorB.post(`/api/scoring/score-cards/${cardId}/scores`).send(practicalScore(25));
    expect(scoredByB.status).toBe(201);
    expect(scoredByB.body).toMatchObject({ status: 'final', areScoresVisible: true, finalPoints: 77.5, isVetoed: false });
    expect((scoredByB.body.entries as Array<{ assessorId: string; totalPoints: number }>).map((entry) => [entry.assessorId, entry.totalPoints])).toEqual([
      [assessorA.user.id, 80],
      [assessorB.user.id, 75],
    ]);
    const seenByA = await assessorA.get(`/api/scoring/score-cards/${cardId}`);
    expect(seenByA.body.entries).toHaveLength(2);
    expect(seenByA.body.reconciliation).toMatchObject({ status: 'final', method: 'mean_of_two' });
  });

  it('R6: a difference above 10% goes to a third assessor, who scores blind, and the closest two decide', async () => {
    const cardId = cardIdByTicket.get(fixture.candidates[1].admissionTicketNumber)!;
    await assessorA.post(`/api/scoring/score-cards/${cardId}/scores`).send(practicalScore(20)).expect(201);
    const second = await assessorB.post(`/api/scoring/score-cards/${cardId}/scores`).send(firstTaskScore(10, 30));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: 'needs_arbitration', finalPoints: null });
    expect(second.body.reconciliation).toMatchObject({ status: 'needs_arbitration', reason: 'difference_over_threshold', differencePoints: 20, allowedDifferencePoints: 10 });

    const again = await assessorA.post(`/api/scoring/score-cards/${cardId}/scores`).send(practicalScore(0));
    expect(again.status).toBe(409);

    const seenByC = await assessorC.get(`/api/scoring/score-cards/${cardId}`);
    expect(seenByC.body).toMatchObject({ status: 'needs_arbitration', entries: [], areScoresVisible: false, canScore: true });
    expect(seenByC.body.reconciliation).toBeUndefined();
    expect(JSON.stringify(seenByC.body)).not.toContain(assessorA.user.id);

    const third = await assessorC.post(`/api/scoring/score-cards/${cardId}/scores`).send(practicalScore(25));
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({ status: 'final', finalPoints: 77.5, areScoresVisible: true });
    expect(third.body.reconciliation).toMatchObject({ method: 'mean_of_closest_two', decidingAssessorIds: [assessorC.user.id, assessorA.user.id] });
    expect((third.body.entries as Array<{ stage: string }>).map((entry) => entry.stage)).toEqual(['independent', 'independent', 'arbitration']);
  });

  it('R6: when the arbitration score still disagrees, the evaluation committee decides (supervisor records it)', async () => {
    const cardId = cardIdByTicket.get(fixture.candidates[2].admissionTicketNumber)!;
    await assessorA.post(`/api/scoring/score-cards/${cardId}/scores`).send(practicalScore(10)).expect(201);
    await assessorB.post(`/api/scoring/score-cards/${cardId}/scores`).send(firstTaskScore(20, 30)).expect(201);
    const third = await assessorC.post(`/api/scoring/score-cards/${cardId}/scores`).send(practicalScore(30));
    expect(third.body).toMatchObject({ status: 'needs_committee' });
    const byExamAdmin = await examAdmin.post(`/api/scoring/score-cards/${cardId}/committee-decision`).send({ finalPoints: 72, decisionReference: '评委会〔2026〕3号' });
    expect(byExamAdmin.status).toBe(403);
    const decided = await supervisor.post(`/api/scoring/score-cards/${cardId}/committee-decision`).send({ finalPoints: 72, decisionReference: '评委会〔2026〕3号' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'final', finalPoints: 72, committeeDecision: { decisionReference: '评委会〔2026〕3号' } });
  });

  it('R4: a veto item observed by both assessors fails the practical assessment with 0 points', async () => {
    const cardId = cardIdByTicket.get(fixture.candidates[3].admissionTicketNumber)!;
    const unknownVeto = await assessorA.post(`/api/scoring/score-cards/${cardId}/scores`).send({ tasks: [{ vetoItemsObserved: ['不存在的否决项'] }, {}] });
    expect(unknownVeto.status).toBe(400);
    expect(unknownVeto.body.error.message).toMatch(/^body\.tasks\.0\.vetoItemsObserved\[0\]: "不存在的否决项" is not a veto item/);
    await assessorA.post(`/api/scoring/score-cards/${cardId}/scores`).send(practicalScore(0, { isVetoed: true })).expect(201);
    const second = await assessorB.post(`/api/scoring/score-cards/${cardId}/scores`).send(practicalScore(5, { isVetoed: true }));
    expect(second.body).toMatchObject({ status: 'final', finalPoints: 0, isVetoed: true });
    const afterFinal = await assessorC.post(`/api/scoring/score-cards/${cardId}/scores`).send(practicalScore(0));
    expect(afterFinal.status).toBe(409);
    expect(afterFinal.body.error.message).toMatch(/takes no further score: the score is final/);
  });

  it('R4: refuses results when a batch scope gives the practical assessment less than 50%', async () => {
    const batch = await BatchModel.findById(fixture.batchId).lean();
    const lowPractical = await BatchModel.create({
      ...batch,
      _id: new Types.ObjectId(),
      code: `${batch!.code}-W`,
      admissionTicketPrefix: undefined,
      scopes: [{ ...batch!.scopes[0], weights: { theory: 0.6, practical: 0.4 } }],
    });
    const response = await examAdmin.post(`/api/scoring/batches/${String(lowPractical._id)}/results/compute`).send({});
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'scopes[0].weights.practical', code: 'practical_weight_below_minimum' })]),
    );
  });

  it('R4 R11: computes results with the batch weights, and approval waits for the supervisor sign-off', async () => {
    const computed = await examAdmin.post(`/api/scoring/batches/${fixture.batchId}/results/compute`).send({});
    expect(computed.status).toBe(200);
    expect(computed.body).toMatchObject({ computedCount: 4, incomplete: [] });
    for (const result of computed.body.results as Array<{ id: string; registrationId: string }>) resultIdByRegistration.set(result.registrationId, result.id);
    const first = (computed.body.results as Array<{ registrationId: string; components: Array<{ key: string; score: number; weight: number }>; totalScore: number; isPass: boolean }>).find(
      (result) => result.registrationId === fixture.candidates[0].registrationId,
    )!;
    const theoryScore = Math.round((expectedTheory.points / expectedTheory.maxPoints) * 100 * 1e6) / 1e6;
    expect(first.components).toEqual([
      { key: 'theory', score: theoryScore, weight: 0.4, passMark: 60, isPass: theoryScore >= 60 },
      { key: 'practical', score: 77.5, weight: 0.6, passMark: 60, isPass: true },
    ]);
    expect(first.totalScore).toBeCloseTo(theoryScore * 0.4 + 77.5 * 0.6, 6);
    const last = (computed.body.results as Array<{ registrationId: string; isPass: boolean }>).find((result) => result.registrationId === fixture.candidates[3].registrationId)!;
    expect(last.isPass).toBe(false);

    const early = await supervisor.post(`/api/scoring/batches/${fixture.batchId}/results/approve`).send({});
    expect(early.status).toBe(412);
    expect(early.body.error.message).toMatch(/practical scoring .* not signed off/);
    const byAssessor = await assessorA.post(`/api/scoring/batches/${fixture.batchId}/sign-offs`).send({ component: 'practical' });
    expect(byAssessor.status).toBe(403);
    const signOff = await supervisor.post(`/api/scoring/batches/${fixture.batchId}/sign-offs`).send({ component: 'practical' });
    expect(signOff.status).toBe(201);
    expect(signOff.body).toMatchObject({ component: 'practical', cardCount: 4, signerName: supervisor.user.name });
    expect((await examAdmin.post(`/api/scoring/batches/${fixture.batchId}/results/approve`).send({})).status).toBe(403);
    const approved = await supervisor.post(`/api/scoring/batches/${fixture.batchId}/results/approve`).send({ decisionReference: '评委会〔2026〕4号' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ approvedCount: 4, approvedBy: supervisor.user.id });
    expect((await BatchModel.findById(fixture.batchId).lean())!.status).toBe('results_approved');

    const summary = await examAdmin.get(`/api/scoring/batches/${fixture.batchId}/results`);
    expect(summary.status).toBe(200);
    expect(summary.body.counts).toMatchObject({ registered: 4, withResult: 4 });
    expect(summary.body.rows.map((row: { status: string }) => row.status)).toEqual(['approved', 'approved', 'approved', 'approved']);
  });

  it('R11: a candidate sees only their own result, and only once it is published', async () => {
    const candidate = fixture.candidates[0];
    const cookie = await fixture.createSessionCookie(candidate, app.config.sessionSecret);
    const before = await supertest(app.baseUrl).get('/api/scoring/my-results').set('Cookie', cookie);
    expect(before.status).toBe(200);
    expect(before.body.results).toEqual([]);
    await ResultModel.updateMany({ batchId: new Types.ObjectId(fixture.batchId) }, { $set: { status: 'published' } });
    const after = await supertest(app.baseUrl).get('/api/scoring/my-results').set('Cookie', cookie);
    expect(after.body.results).toHaveLength(1);
    expect(after.body.results[0]).toMatchObject({ registrationId: candidate.registrationId, status: 'published' });
    const others = await supertest(app.baseUrl).get(`/api/scoring/results/${resultIdByRegistration.get(fixture.candidates[1].registrationId)}`).set('Cookie', cookie);
    expect(others.status).toBe(404);
  });

  it('R11: re-scoring after an objection recomputes, appends a revision and leaves an audit trail', async () => {
    const resultId = resultIdByRegistration.get(fixture.candidates[0].registrationId)!;
    const before = (await examAdmin.get(`/api/scoring/results/${resultId}`)).body;
    const rescored = await supervisor.post(`/api/scoring/results/${resultId}/rescore`).send({ reason: '考生异议：第2题扣分复核后改判', changes: [{ component: 'practical', score: 85 }] });
    expect(rescored.status).toBe(200);
    const theory = before.components.find((component: { key: string }) => component.key === 'theory').score as number;
    expect(rescored.body.totalScore).toBeCloseTo(theory * 0.4 + 85 * 0.6, 6);
    expect(rescored.body.status).toBe('published');
    expect(rescored.body.revisions).toHaveLength(1);
    expect(rescored.body.revisions[0]).toMatchObject({
      by: supervisor.user.id,
      reason: '考生异议：第2题扣分复核后改判',
      previous: { totalScore: before.totalScore, isPass: before.isPass },
      changes: [{ component: 'practical', score: 85 }],
    });
    const audit = await admin.get('/api/admin/audit').query({ action: 'result.rescored', targetId: resultId });
    expect(audit.status).toBe(200);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0].payload).toMatchObject({ reason: '考生异议：第2题扣分复核后改判', previous: { totalScore: before.totalScore }, revisionNumber: 1 });

    const badComponent = await admin.post(`/api/scoring/results/${resultId}/rescore`).send({ reason: '复核', changes: [{ component: 'review', score: 50 }] });
    expect(badComponent.status).toBe(400);
    await ResultModel.updateOne({ _id: new Types.ObjectId(resultId) }, { $set: { status: 'locked' } });
    const locked = await admin.post(`/api/scoring/results/${resultId}/rescore`).send({ reason: '复核', changes: [{ component: 'practical', score: 90 }] });
    expect(locked.status).toBe(409);
  });

  it('R4 R6: prints a score sheet PDF with the candidate, both assessors and the result', async () => {
    const candidate = fixture.candidates[0];
    const response = await admin.get(`/api/scoring/registrations/${candidate.registrationId}/score-sheet.pdf`).buffer(true).parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = removeWhitespace(await extractPdfText(new Uint8Array(response.body as Buffer)));
    expect(text).toContain(removeWhitespace(candidate.name));
    expect(text).toContain(removeWhitespace(assessorA.user.name));
    expect(text).toContain(removeWhitespace(assessorB.user.name));
    expect(text).toContain('理论知识考试');
    expect(text).toContain('操作技能考核评分表');

    const summary = await admin.get(`/api/scoring/batches/${fixture.batchId}/results/summary.pdf`).buffer(true).parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
    expect(summary.status).toBe(200);
    const summaryText = removeWhitespace(await extractPdfText(new Uint8Array(summary.body as Buffer)));
    expect(summaryText).toContain('评价结果汇总表');
    for (const each of fixture.candidates) expect(summaryText).toContain(removeWhitespace(each.name));
  });
});

describe('scoring API: assessor grades (R6)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("R6: an 'assessor' cannot score level 2, a senior assessor can, and an assessor not on the batch is refused", async () => {
    const examAdmin = await app.login('exam_admin');
    const plain = await app.login('assessor', { assessorGrade: 'assessor' });
    const seniorA = await app.login('assessor', { assessorGrade: 'senior_assessor' });
    const seniorB = await app.login('assessor', { assessorGrade: 'senior_assessor' });
    const outsider = await app.login('assessor', { assessorGrade: 'senior_assessor' });
    const organisationId = new Types.ObjectId(app.organisationId);
    const scope = await BankScopeModel.create({ organisationId, occupationCode: '6-31-01-03', occupationName: '电工', workType: '维修电工', level: 2 });
    const libraryId = await createPracticalLibrary(app.organisationId, scope._id, examAdmin.user.id);
    const candidate = await app.createUser('candidate');
    const batch = await BatchModel.create({
      organisationId,
      code: '2026-技师-01',
      name: '技师晋级批次',
      mode: 'promotion',
      scopes: [{ scopeId: scope._id, occupationCode: '6-31-01-03', occupationName: '电工', workType: '维修电工', level: 2, practicalLibraryId: libraryId, weights: { theory: 0.2, practical: 0.5, review: 0.3 } }],
      staff: [plain, seniorA, seniorB].map((agent) => ({ userId: new Types.ObjectId(agent.user.id), role: 'assessor' })),
      status: 'in_progress',
      createdBy: new Types.ObjectId(examAdmin.user.id),
    });
    await RegistrationModel.create({
      organisationId,
      batchId: batch._id,
      candidateId: new Types.ObjectId(candidate.id),
      scopeId: scope._id,
      level: 2,
      admissionTicketNumber: `L2-${String(batch._id).slice(-6)}`,
      roomId: new Types.ObjectId(),
      seatNumber: 1,
      candidateName: candidate.name,
    });
    const prepared = await examAdmin.post(`/api/scoring/batches/${String(batch._id)}/score-cards`).send({ component: 'practical' });
    expect(prepared.status).toBe(201);
    const review = await examAdmin.post(`/api/scoring/batches/${String(batch._id)}/score-cards`).send({ component: 'review', panelSize: 2 });
    expect(review.status).toBe(201);
    const cards = (await seniorA.get(`/api/scoring/batches/${String(batch._id)}/score-cards`)).body.cards as Array<{ id: string; component: string }>;
    const practical = cards.find((card) => card.component === 'practical')!;
    const reviewCard = cards.find((card) => card.component === 'review')!;

    const byPlain = await plain.post(`/api/scoring/score-cards/${practical.id}/scores`).send(practicalScore(0));
    expect(byPlain.status).toBe(422);
    expect(byPlain.body.error).toMatchObject({ code: 'assessor_not_qualified' });
    expect(byPlain.body.error.message).toMatch(/level 2/);
    const listedForPlain = await plain.get(`/api/scoring/score-cards/${practical.id}`);
    expect(listedForPlain.body.canScore).toBe(false);
    const byOutsider = await outsider.post(`/api/scoring/score-cards/${practical.id}/scores`).send(practicalScore(0));
    expect(byOutsider.status).toBe(403);
    const bySenior = await seniorA.post(`/api/scoring/score-cards/${practical.id}/scores`).send(practicalScore(0));
    expect(bySenior.status).toBe(201);

    // Comprehensive review (levels 2 and 1): the panel scores independently, the mean decides.
    await seniorA.post(`/api/scoring/score-cards/${reviewCard.id}/scores`).send({ criterionPoints: [{ code: 'report', points: 30 }, { code: 'defence', points: 50 }] }).expect(201);
    const blind = await seniorB.get(`/api/scoring/score-cards/${reviewCard.id}`);
    expect(blind.body).toMatchObject({ entries: [], scoredCount: 1 });
    const panel = await seniorB.post(`/api/scoring/score-cards/${reviewCard.id}/scores`).send({ criterionPoints: [{ code: 'report', points: 34 }, { code: 'defence', points: 52 }] });
    expect(panel.body).toMatchObject({ status: 'final', finalPoints: 83, entries: [{ totalPoints: 80 }, { totalPoints: 86 }] });
  });
});
