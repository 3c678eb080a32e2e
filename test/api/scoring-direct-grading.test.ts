/**
 * Direct grading 定级评价 through the real API (R5, R19): the weighted multi-rater form of the
 * enterprise template, worked example electrician level 4 (see the arithmetic below), the table 3
 * signatures, results and approval; level 2 adds the on-site review and the lower-level certificate.
 */
import { formatCertificateNumber } from '@skillcert/server/domain/certificates/certificate-number';
import { BankScopeModel } from '@skillcert/server/domain/bank/bank-scope.model';
import { BatchModel } from '@skillcert/server/domain/plans/batch.model';
import { RegistrationModel } from '@skillcert/server/domain/plans/registration.model';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';

/*
 * Worked example (weights in percent; TL team leader, WH workshop head, CD competent department, HR):
 *   section 1 职业道德 (10):  TL 40 WH 30 CD 20 HR 10; rater totals TL 9.5 WH 9 CD 9 HR 10
 *     → 0.4×9.5 + 0.3×9 + 0.2×9 + 0.1×10 = 3.8 + 2.7 + 1.8 + 1.0 = 9.3
 *   section 2 核心能力 (10):  TL 30 WH 30 CD 30 HR 10; rater totals TL 8 WH 8 CD 9 HR 5
 *     → 2.4 + 2.4 + 2.7 + 0.5 = 8.0
 *   section 3 职业能力 (80):  TL 50 WH 30 CD 20; rater totals TL 66 WH 60 CD 56
 *     → 33 + 18 + 11.2 = 62.2 (competencies 3.1 25.0, 3.2 14.1, 3.3 7.3, 3.4 15.8)
 *   total 9.3 + 8.0 + 62.2 = 79.5 ≥ 60 → passed.
 */
const ethicsScores: Record<string, [number, number, number, number]> = {
  '1.1': [2, 2, 2, 2],
  '1.2': [2, 1.5, 2, 2],
  '1.3': [2, 2, 1, 2],
  '1.4': [1.5, 2, 2, 2],
  '1.5': [2, 1.5, 2, 2],
};
const coreScores: Record<string, [number, number, number, number]> = {
  '2.1': [2, 1.5, 2, 1],
  '2.2': [1.5, 1.5, 2, 1],
  '2.3': [1.5, 2, 2, 1],
  '2.4': [2, 2, 1.5, 1],
  '2.5': [1, 1, 1.5, 1],
};
const occupational: Array<[code: string, competency: string, maxPoints: number, scores: [number, number, number]]> = [
  ['3.1.1', '3.1 继电控制电路装调维修', 10, [9, 8, 7]],
  ['3.1.2', '3.1 继电控制电路装调维修', 10, [8, 8, 8]],
  ['3.1.3', '3.1 继电控制电路装调维修', 5, [4, 4, 5]],
  ['3.1.4', '3.1 继电控制电路装调维修', 5, [5, 4, 4]],
  ['3.2.1', '3.2 电气设备装调维修', 10, [8, 7, 6]],
  ['3.2.2', '3.2 电气设备装调维修', 10, [7, 7, 6]],
  ['3.3.1', '3.3 自动控制电路装调维修', 5, [4, 4, 3]],
  ['3.3.2', '3.3 自动控制电路装调维修', 5, [4, 3, 3]],
  ['3.4.1', '3.4 基本电子电路装调维修', 5, [4, 4, 3]],
  ['3.4.2', '3.4 基本电子电路装调维修', 5, [5, 4, 4]],
  ['3.4.3', '3.4 基本电子电路装调维修', 10, [8, 7, 7]],
];
const raters = ['team_leader', 'workshop_head', 'competent_department', 'hr_department'] as const;
const raterNames = { team_leader: '张班长', workshop_head: '李主任', competent_department: '王科长', hr_department: '赵经理' };

const form = {
  sections: [
    {
      key: 'professional_ethics',
      weightsPercent: { team_leader: 40, workshop_head: 30, competent_department: 20, hr_department: 10 },
      criteria: Object.keys(ethicsScores).map((code, index) => ({ code, name: ['工作态度', '沟通合作', '操作规程', '安全生产', '团结合作'][index], maxPoints: 2 })),
    },
    {
      key: 'core_abilities',
      weightsPercent: { team_leader: 30, workshop_head: 30, competent_department: 30, hr_department: 10 },
      criteria: Object.keys(coreScores).map((code, index) => ({ code, name: ['工作计划', '工作效能', '任务完成质量', '工匠精神', '创新能力'][index], maxPoints: 2 })),
    },
    {
      key: 'occupational_abilities',
      weightsPercent: { team_leader: 50, workshop_head: 30, competent_department: 20 },
      criteria: occupational.map(([code, competency, maxPoints]) => ({ code, name: `评价标准 ${code}`, competency, maxPoints })),
    },
  ],
};

function scoresOf(rater: (typeof raters)[number]): Record<string, number> {
  const index = raters.indexOf(rater);
  const scores: Record<string, number> = {};
  for (const [code, row] of Object.entries({ ...ethicsScores, ...coreScores })) scores[code] = row[index];
  if (rater !== 'hr_department') for (const [code, , , row] of occupational) scores[code] = row[index];
  return scores;
}

describe('direct grading API (R5, R19)', () => {
  let app: TestApp;
  let examAdmin: SignedInAgent;
  let assessor: SignedInAgent;
  let seniorAssessor: SignedInAgent;
  let supervisor: SignedInAgent;
  let admin: SignedInAgent;
  let batchCounter = 0;

  /** A grading batch of `level` with one registered candidate; returns the batch and registration ids. */
  async function createGradingBatch(level: 2 | 4): Promise<{ batchId: string; registrationId: string; candidateName: string }> {
    const organisationId = new Types.ObjectId(app.organisationId);
    batchCounter += 1;
    const workType = `定级电工${batchCounter}`;
    const scope = await BankScopeModel.create({ organisationId, occupationCode: '6-31-01-03', occupationName: '电工', workType, level });
    const candidate = await app.createUser('candidate');
    const batch = await BatchModel.create({
      organisationId,
      code: `2026-定级-${batchCounter}`,
      name: `电工定级评价 ${level} 级`,
      mode: 'grading',
      scopes: [{ scopeId: scope._id, occupationCode: '6-31-01-03', occupationName: '电工', workType, level, weights: { theory: 0.5, practical: 0.5 } }],
      staff: [
        { userId: new Types.ObjectId(examAdmin.user.id), role: 'exam_admin' },
        { userId: new Types.ObjectId((level <= 2 ? seniorAssessor : assessor).user.id), role: 'assessor' },
        { userId: new Types.ObjectId(supervisor.user.id), role: 'supervisor' },
      ],
      status: 'in_progress',
      createdBy: new Types.ObjectId(examAdmin.user.id),
    });
    const registration = await RegistrationModel.create({
      organisationId,
      batchId: batch._id,
      candidateId: new Types.ObjectId(candidate.id),
      scopeId: scope._id,
      level,
      admissionTicketNumber: `DG-${String(batch._id).slice(-8)}`,
      roomId: new Types.ObjectId(),
      seatNumber: 1,
      candidateName: candidate.name,
    });
    return { batchId: String(batch._id), registrationId: String(registration._id), candidateName: candidate.name };
  }

  beforeAll(async () => {
    app = await startTestApp();
    examAdmin = await app.login('exam_admin');
    assessor = await app.login('assessor', { assessorGrade: 'assessor' });
    seniorAssessor = await app.login('assessor', { assessorGrade: 'senior_assessor' });
    supervisor = await app.login('supervisor');
    admin = await app.login('admin');
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('R5: computes the worked example through the API: 9.3 + 8.0 + 62.2 = 79.5, passed, signed by raters, assessor and supervisor', async () => {
    const { batchId, registrationId } = await createGradingBatch(4);
    const base = `/api/scoring/registrations/${registrationId}/direct-grading`;
    const saved = await examAdmin.put(base).send(form);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ level: 4, result: null, missingSignatures: ['team_leader', 'workshop_head', 'competent_department_head', 'hr_department_head', 'assessor', 'internal_quality_supervisor'] });

    for (const rater of raters.slice(0, 3)) {
      const rated = await examAdmin.post(`${base}/ratings`).send({ rater, raterName: raterNames[rater], scores: scoresOf(rater) });
      expect(rated.status).toBe(200);
      expect(rated.body.result).toBeNull();
    }
    // The assessor of the batch may enter the last rater's sheet.
    const last = await assessor.post(`${base}/ratings`).send({ rater: 'hr_department', raterName: raterNames.hr_department, scores: scoresOf('hr_department') });
    expect(last.status).toBe(200);
    const result = last.body.result;
    expect(result.sections.map((section: { weightedPoints: number }) => section.weightedPoints)).toEqual([9.3, 8, 62.2]);
    expect(result.sections[2].byCompetency.map((group: { weightedPoints: number }) => group.weightedPoints)).toEqual([25, 14.1, 7.3, 15.8]);
    expect(result).toMatchObject({ totalPoints: 79.5, passMark: 60, outcome: 'passed', isOnSiteReviewRequired: false });
    expect(Object.keys(last.body.raterSignatures)).toEqual(['team_leader', 'workshop_head', 'competent_department', 'hr_department']);
    expect(last.body.raterSignatures.team_leader.raterName).toBe('张班长');
    expect(last.body.missingSignatures).toEqual(['assessor', 'internal_quality_supervisor']);

    const tooHigh = await examAdmin.post(`${base}/ratings`).send({ rater: 'team_leader', raterName: '张班长', scores: { ...scoresOf('team_leader'), '1.1': 3 } });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error.message).toMatch(/^body\.scores\.1\.1: criterion 1\.1 is worth 0\.\.2 points, got 3/);

    const computedEarly = await examAdmin.post(`/api/scoring/batches/${batchId}/results/compute`).send({});
    expect(computedEarly.body.computedCount).toBe(1);
    const approveEarly = await admin.post(`/api/scoring/batches/${batchId}/results/approve`).send({});
    expect(approveEarly.status).toBe(412);
    expect(approveEarly.body.error.message).toMatch(/lack signatures \(R5\)/);

    const byAssessor = await assessor.post(`${base}/signatures`).send({ role: 'assessor' });
    expect(byAssessor.status).toBe(200);
    expect(byAssessor.body.assessorSignature).toMatchObject({ userId: assessor.user.id, name: assessor.user.name });
    const supervisorAsAssessor = await supervisor.post(`${base}/signatures`).send({ role: 'assessor' });
    expect(supervisorAsAssessor.status).toBe(403);
    const bySupervisor = await supervisor.post(`${base}/signatures`).send({ role: 'internal_quality_supervisor' });
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body.missingSignatures).toEqual([]);

    const afterSigning = await examAdmin.post(`${base}/ratings`).send({ rater: 'team_leader', raterName: '张班长', scores: scoresOf('team_leader') });
    expect(afterSigning.status).toBe(409);

    const computed = await examAdmin.post(`/api/scoring/batches/${batchId}/results/compute`).send({});
    expect(computed.body.results[0]).toMatchObject({ mode: 'grading', components: [{ key: 'direct_grading', score: 79.5, weight: 1, passMark: 60, isPass: true }], totalScore: 79.5, isPass: true });
    const approved = await admin.post(`/api/scoring/batches/${batchId}/results/approve`).send({});
    expect(approved.status).toBe(200);
    expect(approved.body.approvedCount).toBe(1);
  });

  it('R5: refuses a weight row that does not add up to 100%, naming the section', async () => {
    const { registrationId } = await createGradingBatch(4);
    const broken = structuredClone(form);
    broken.sections[1].weightsPercent.hr_department = 0;
    const response = await examAdmin.put(`/api/scoring/registrations/${registrationId}/direct-grading`).send(broken);
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues).toEqual([expect.objectContaining({ field: 'body.sections[1].weightsPercent', code: 'weights_sum_not_100' })]);
  });

  it('R5 R19: level 2 adds the on-site review and checks the next-lower certificate', async () => {
    const { registrationId } = await createGradingBatch(2);
    const base = `/api/scoring/registrations/${registrationId}/direct-grading`;
    await examAdmin.put(base).send(form).expect(200);
    const byPlainAssessor = await assessor.post(`${base}/ratings`).send({ rater: 'hr_department', raterName: raterNames.hr_department, scores: scoresOf('hr_department') });
    expect(byPlainAssessor.status).toBe(403);
    let last;
    for (const rater of raters) last = await seniorAssessor.post(`${base}/ratings`).send({ rater, raterName: raterNames[rater], scores: scoresOf(rater) });
    expect(last!.body.result).toMatchObject({ totalPoints: 79.5, isFormPassed: true, isOnSiteReviewRequired: true, outcome: 'awaiting_review' });
    const signEarly = await seniorAssessor.post(`${base}/signatures`).send({ role: 'assessor' });
    expect(signEarly.status).toBe(412);

    const certificate = (level: 3 | 4) =>
      formatCertificateNumber({
        organisationClass: 'Y',
        organisationCode: '0000',
        provinceCode: '44',
        siteSerial: { kind: 'employer', cityCode: '03', siteType: 2, siteSequence: 1 },
        issueYear: 2023,
        level,
        serial: 17,
      });
    const wrongLevel = await examAdmin.post(`${base}/review`).send({ isOnSiteReviewPassed: true, hasLowerLevelCertificate: true, lowerLevelCertificateNumber: certificate(4) });
    expect(wrongLevel.status).toBe(400);
    expect(wrongLevel.body.error.message).toMatch(/^body\.lowerLevelCertificateNumber: the certificate is of level 4 .* needs the next-lower level 3 certificate/);
    const reviewed = await examAdmin.post(`${base}/review`).send({ isOnSiteReviewPassed: true, hasLowerLevelCertificate: true, lowerLevelCertificateNumber: certificate(3) });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.result).toMatchObject({ outcome: 'passed', isMissingLowerLevelCertificate: false });
    expect(reviewed.body.lowerLevelCertificate).toMatchObject({ hasCertificate: true, certificateNumber: certificate(3) });

    const failedReview = await examAdmin.post(`${base}/review`).send({ isOnSiteReviewPassed: false, hasLowerLevelCertificate: false });
    expect(failedReview.body.result).toMatchObject({ outcome: 'failed', isMissingLowerLevelCertificate: true });
  });
});
