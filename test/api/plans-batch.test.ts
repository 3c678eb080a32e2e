/**
 * Plans API: organisation calendar, batch wizard (R4, R6, R21), filing (R7 lead time on the
 * organisation calendar, R1 readiness gate) and the deadlines view, against the real app and store.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchModel } from '@skillcert/server/domain/plans/batch.model';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';
import { createBankScope, makeScopeReady, planBatch, type BatchStaffUsers } from './plans-fixtures';

describe('plans API: calendar, batch wizard, filing and deadlines', () => {
  let app: TestApp;
  let admin: SignedInAgent;
  let planner: SignedInAgent;
  let supervisorAgent: SignedInAgent;
  let staff: BatchStaffUsers;
  let level4ScopeId: string;
  let codeCounter = 0;
  const nextCode = () => `2026-电工-${String(++codeCounter).padStart(2, '0')}`;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.login('admin');
    planner = await app.login('exam_admin');
    supervisorAgent = await app.login('supervisor');
    const [examAdmin, assessor, supervisor] = await Promise.all([
      app.createUser('exam_admin'),
      app.createUser('assessor', { assessorGrade: 'assessor' }),
      app.createUser('supervisor'),
    ]);
    staff = { examAdmin, assessor, supervisor };
    level4ScopeId = await createBankScope(app.organisationId, 4);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  describe('organisation calendar', () => {
    it('lets an administrator add rest days, working days and a supplementary year, and lists the covered range', async () => {
      const before = await admin.get('/api/organisation/calendar');
      expect(before.status).toBe(200);
      expect(before.body.coveredRange.last).toBe('2026-12-31');

      const response = await admin.put('/api/organisation/calendar').send({
        extraRestDays: ['2026-03-16'],
        extraWorkingDays: [],
        supplementaryYears: [{ year: 2027, restDays: ['2027-01-01'], workingDays: [], source: 'hypothetical 2027 schedule for this test' }],
      });
      expect(response.status).toBe(200);
      expect(response.body.coveredRange).toEqual({ first: '2004-01-01', last: '2027-12-31' });
      const days = await planner.get('/api/organisation/calendar/days').query({ from: '2026-03-16', to: '2026-03-16' });
      expect(days.body.days).toEqual([{ date: '2026-03-16', isWorkingDay: false, kind: 'organisation_rest_day' }]);

      const audit = await admin.get('/api/admin/audit').query({ action: 'organisation.calendar_updated' });
      expect(audit.body.entries.length).toBeGreaterThanOrEqual(1);
      await admin.put('/api/organisation/calendar').send({}).expect(200);
    });

    it('refuses a date listed both as rest day and working day, and a supplementary year that skips a year', async () => {
      const both = await admin.put('/api/organisation/calendar').send({ extraRestDays: ['2026-03-02'], extraWorkingDays: ['2026-03-02'] });
      expect(both.status).toBe(400);
      expect(both.body.error.message).toContain('2026-03-02');
      const skipping = await admin
        .put('/api/organisation/calendar')
        .send({ supplementaryYears: [{ year: 2028, restDays: [], workingDays: [], source: 'x' }] });
      expect(skipping.status).toBe(400);
      expect(skipping.body.error.message).toMatch(/supplementaryYears\[0\]\.year must be 2027/);
    });

    it('R17: only administrators change the calendar; supervisors may read it', async () => {
      expect((await planner.put('/api/organisation/calendar').send({})).status).toBe(403);
      expect((await supervisorAgent.get('/api/organisation/calendar')).status).toBe(200);
    });
  });

  describe('batch wizard', () => {
    it('R4: refuses a practical weight under the organisation minimum and weights not summing to 1', async () => {
      const low = await planner.post('/api/batches').send({
        code: nextCode(),
        name: 'x',
        mode: 'promotion',
        scopes: [{ scopeId: level4ScopeId, weights: { theory: 0.6, practical: 0.4 } }],
      });
      expect(low.status).toBe(400);
      expect(low.body.error.message).toMatch(/^scopes\[0\]\.weights\.practical: R4: the practical share 0\.4 is below the organisation's minimum 0\.5/);
      const sum = await planner.post('/api/batches').send({
        code: nextCode(),
        name: 'x',
        mode: 'promotion',
        scopes: [{ scopeId: level4ScopeId, weights: { theory: 0.3, practical: 0.6 } }],
      });
      expect(sum.status).toBe(400);
      expect(sum.body.error.message).toMatch(/must be 1/);
    });

    it('R4 R19: asks a review weight for level 2 and refuses direct grading of level 2', async () => {
      const level2 = await createBankScope(app.organisationId, 2);
      const noReview = await planner
        .post('/api/batches')
        .send({ code: nextCode(), name: 'x', mode: 'promotion', scopes: [{ scopeId: level2, weights: { theory: 0.4, practical: 0.6 } }] });
      expect(noReview.status).toBe(400);
      expect(noReview.body.error.message).toMatch(/weights\.review: R4/);
      const grading = await planner
        .post('/api/batches')
        .send({ code: nextCode(), name: 'x', mode: 'grading', scopes: [{ scopeId: level2, weights: { theory: 0.4, practical: 0.6 } }] });
      expect(grading.status).toBe(400);
      expect(grading.body.error.message).toMatch(/R19/);
    });

    it('R21: warns, without refusing, when a work type has under 10 workstations', async () => {
      const created = await planner
        .post('/api/batches')
        .send({ code: nextCode(), name: '工位不足', mode: 'promotion', scopes: [{ scopeId: level4ScopeId, weights: { theory: 0.3, practical: 0.7 } }] });
      expect(created.status).toBe(201);
      const rooms = await planner.put(`/api/batches/${created.body.id}/rooms`).send({ rooms: [{ name: '实操车间', seats: 20, workstations: 6 }] });
      expect(rooms.status).toBe(200);
      expect(rooms.body.warnings).toEqual(
        expect.arrayContaining([expect.objectContaining({ ruleId: 'R21', message: expect.stringMatching(/has 6 workstations; at least 10 are required/) })]),
      );
      const enough = await planner.put(`/api/batches/${created.body.id}/rooms`).send({ rooms: [{ id: rooms.body.rooms[0].id, name: '实操车间', seats: 20, workstations: 12 }] });
      expect(enough.body.warnings.filter((warning: { ruleId: string }) => warning.ruleId === 'R21')).toEqual([]);
      expect(enough.body.rooms[0].id).toBe(rooms.body.rooms[0].id);
    });

    it('R6: refuses one person in two roles of a batch, naming the person and both roles', async () => {
      const dual = await admin.post('/api/admin/users').send({
        name: '张兼任',
        roles: ['exam_admin', 'assessor'],
        assessorGrade: 'senior_assessor',
        username: `dual.${Date.now()}`,
        password: 'long-enough-password',
      });
      expect(dual.status).toBe(201);
      const created = await planner
        .post('/api/batches')
        .send({ code: nextCode(), name: 'R6', mode: 'promotion', scopes: [{ scopeId: level4ScopeId, weights: { theory: 0.3, practical: 0.7 } }] });
      const response = await planner.put(`/api/batches/${created.body.id}/staff`).send({
        staff: [
          { userId: dual.body.id, role: 'exam_admin' },
          { userId: dual.body.id, role: 'assessor' },
          { userId: staff.supervisor.id, role: 'supervisor' },
        ],
      });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('role_conflict');
      expect(response.body.error.message).toContain('张兼任');
      expect(response.body.error.message).toContain('exam administrator (考务人员) and assessor (考评人员)');
      expect(response.body.error.details.conflicts).toEqual([{ personId: dual.body.id, personName: '张兼任', roles: ['exam_admin', 'assessor'] }]);
    });

    it('R6: refuses an assessor whose grade does not cover level 2, and accepts a senior assessor', async () => {
      const level2 = await createBankScope(app.organisationId, 2);
      const created = await planner
        .post('/api/batches')
        .send({ code: nextCode(), name: '技师', mode: 'promotion', scopes: [{ scopeId: level2, weights: { theory: 0.2, practical: 0.6, review: 0.2 } }] });
      expect(created.status).toBe(201);
      const refused = await planner.put(`/api/batches/${created.body.id}/staff`).send({ staff: [{ userId: staff.assessor.id, role: 'assessor' }] });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('assessor_not_qualified');
      expect(refused.body.error.message).toMatch(/is graded assessor \(levels 5-3 only\) and cannot assess level 2/);
      const senior = await app.createUser('assessor', { assessorGrade: 'senior_assessor' });
      const accepted = await planner.put(`/api/batches/${created.body.id}/staff`).send({ staff: [{ userId: senior.id, role: 'assessor' }] });
      expect(accepted.status).toBe(200);
      expect(accepted.body.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'R6', message: expect.stringMatching(/no exam administrator/) })]));
    });

    it('R6: refuses a room proctor who is not an exam administrator of the batch', async () => {
      const created = await planner
        .post('/api/batches')
        .send({ code: nextCode(), name: '监考', mode: 'promotion', scopes: [{ scopeId: level4ScopeId, weights: { theory: 0.3, practical: 0.7 } }] });
      await planner.put(`/api/batches/${created.body.id}/staff`).send({ staff: [{ userId: staff.assessor.id, role: 'assessor' }] }).expect(200);
      const response = await planner
        .put(`/api/batches/${created.body.id}/rooms`)
        .send({ rooms: [{ name: '第二考场', seats: 30, workstations: 10, proctorIds: [staff.assessor.id] }] });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('role_conflict');
      expect(response.body.error.message).toMatch(/proctors room 第二考场 but is the batch's assessor/);
    });

    it('lets supervisors read batches but not change them', async () => {
      const list = await supervisorAgent.get('/api/batches');
      expect(list.status).toBe(200);
      expect(list.body.total).toBeGreaterThan(0);
      expect((await supervisorAgent.post('/api/batches').send({})).status).toBe(403);
    });
  });

  describe('filing (R7 lead time, R1 readiness)', () => {
    let batchId: string;

    beforeAll(async () => {
      ({ batchId } = await planBatch(planner, { code: nextCode(), scopes: [{ scopeId: level4ScopeId, level: 4 }], sessionDate: '2026-10-16', staff }));
    }, 60_000);

    it('R7: refuses filing on 2026-09-28 for a first session on 2026-10-16 across National Day, naming 2026-10-17 as the earliest date', async () => {
      const response = await planner.post(`/api/batches/${batchId}/filing`).send({ filingDate: '2026-09-28' });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('lead_time_violation');
      // 10 working days after Mon 2026-09-28: 09-29, 09-30, (National Day 10-01..07), 10-08, 10-09,
      // Sat 10-10 (adjusted working day), 10-12..16 → earliest first session the day after, 10-17.
      expect(response.body.error.message).toContain('Hold the first session on or after 2026-10-17');
      expect(response.body.error.details).toMatchObject({
        ruleId: 'R7',
        earliestSessionDate: '2026-10-17',
        latestFilingDate: '2026-09-24',
        requiredWorkingDays: 10,
        leadWorkingDays: 9,
      });
    });

    it("R7: counts the organisation's own rest day (2026-10-12) and moves the earliest date to 2026-10-20", async () => {
      await admin.put('/api/organisation/calendar').send({ extraRestDays: ['2026-10-12'] }).expect(200);
      try {
        await moveSessions(batchId, '2026-10-17');
        const response = await planner.post(`/api/batches/${batchId}/filing`).send({ filingDate: '2026-09-28' });
        expect(response.status).toBe(422);
        expect(response.body.error.details.earliestSessionDate).toBe('2026-10-20');
      } finally {
        await admin.put('/api/organisation/calendar').send({}).expect(200);
      }
    });

    it('R1: refuses to schedule the batch while a scope fails the bank readiness gate, naming the shortfalls', async () => {
      await moveSessions(batchId, '2026-10-17');
      const response = await planner.post(`/api/batches/${batchId}/filing`).send({ filingDate: '2026-09-28' });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('readiness_failed');
      expect(response.body.error.message).toMatch(/^R1: batch .* cannot be scheduled: 电工 .* level 4: bank scope .* is not ready: 0 of 500 theory items/);
      expect(response.body.error.details.scopes[0].scopeId).toBe(level4ScopeId);
      expect((await planner.get(`/api/batches/${batchId}`)).body.status).toBe('draft');
    });

    it('R7 R1: files the plan once the scope is ready and the lead time is met; the plan is then frozen', async () => {
      await makeScopeReady(app.organisationId, level4ScopeId, staff.examAdmin.id);
      const response = await planner.post(`/api/batches/${batchId}/filing`).send({ filingDate: '2026-09-28' });
      expect(response.status).toBe(200);
      expect(response.body.batch).toMatchObject({ status: 'filed', filingDate: '2026-09-28' });
      expect(response.body.leadTime).toMatchObject({ earliestSessionDate: '2026-10-17', leadWorkingDays: 10 });
      const edit = await planner.put(`/api/batches/${batchId}/sessions`).send({ sessions: [] });
      expect(edit.status).toBe(409);
      const audit = await admin.get('/api/admin/audit').query({ action: 'batch.filed', targetId: batchId });
      expect(audit.body.entries).toHaveLength(1);
    });

    it('R4: refuses filing a promotion batch without a practical session', async () => {
      const { batchId: other } = await planBatch(planner, { code: nextCode(), scopes: [{ scopeId: level4ScopeId, level: 4 }], sessionDate: '2026-10-20', staff });
      const current = await planner.get(`/api/batches/${other}`);
      const theoryOnly = current.body.sessions
        .filter((session: { kind: string }) => session.kind === 'theory')
        .map((session: { id: string; kind: string; scopeId: string; roomId: string; startsAt: string; durationMinutes: number }) => ({
          id: session.id,
          kind: session.kind,
          scopeId: session.scopeId,
          roomId: session.roomId,
          startsAt: session.startsAt,
          durationMinutes: session.durationMinutes,
        }));
      await planner.put(`/api/batches/${other}/sessions`).send({ sessions: theoryOnly }).expect(200);
      const response = await planner.post(`/api/batches/${other}/filing`).send({ filingDate: '2026-09-28' });
      expect(response.status).toBe(412);
      expect(response.body.error.message).toMatch(/R4: .* has no practical session/);
    });

    it('refuses a 2027 first session while the calendar ends 2026-12-31, and passes the lead time once the 2027 schedule is added', async () => {
      const { batchId: later } = await planBatch(planner, { code: nextCode(), scopes: [{ scopeId: await createBankScope(app.organisationId, 4), level: 4 }], sessionDate: '2027-01-12', staff });
      const outOfRange = await planner.post(`/api/batches/${later}/filing`).send({ filingDate: '2026-11-20' });
      expect(outOfRange.status).toBe(422);
      expect(outOfRange.body.error.code).toBe('calendar_out_of_range');
      await admin
        .put('/api/organisation/calendar')
        .send({ supplementaryYears: [{ year: 2027, restDays: ['2027-01-01'], workingDays: [], source: 'hypothetical 2027 schedule for this test' }] })
        .expect(200);
      try {
        const next = await planner.post(`/api/batches/${later}/filing`).send({ filingDate: '2026-11-20' });
        expect(next.status).toBe(422);
        expect(next.body.error.code).toBe('readiness_failed');
        const deadlines = await planner.get(`/api/batches/${later}/deadlines`).query({ asOf: '2026-11-20' });
        expect(deadlines.status).toBe(200);
        // 11th working day before Tue 2027-01-12 with 2027-01-01 a rest day: 2026-12-25.
        expect(deadlines.body.deadlines[0]).toMatchObject({ ruleId: 'R7', date: '2026-12-25', isDone: false });
      } finally {
        await admin.put('/api/organisation/calendar').send({}).expect(200);
      }
    });
  });

  describe('deadlines view', () => {
    it('R7: warns that the filing deadline 2026-09-29 is approaching on 2026-09-24 (National Day on the way)', async () => {
      const { batchId } = await planBatch(planner, { code: nextCode(), scopes: [{ scopeId: level4ScopeId, level: 4 }], sessionDate: '2026-10-20', staff });
      const response = await supervisorAgent.get(`/api/batches/${batchId}/deadlines`).query({ asOf: '2026-09-24' });
      expect(response.status).toBe(200);
      expect(response.body.deadlines[0]).toMatchObject({ ruleId: 'R7', date: '2026-09-29', isDone: false });
      expect(response.body.deadlines.slice(1).map((deadline: { ruleId: string; date: null }) => [deadline.ruleId, deadline.date])).toEqual([
        ['R11', null],
        ['R12', null],
        ['R13', null],
      ]);
      expect(response.body.warnings).toEqual([expect.objectContaining({ ruleId: 'R7', level: 'approaching', workingDaysLeft: 2 })]);
    });

    it('R11 R12 R13: counts publication, results and certificate-data deadlines from the recorded milestones', async () => {
      const { batchId } = await planBatch(planner, { code: nextCode(), scopes: [{ scopeId: level4ScopeId, level: 4 }], sessionDate: '2026-10-20', staff });
      await BatchModel.updateOne(
        { _id: new mongoose.Types.ObjectId(batchId) },
        { $set: { filingDate: '2026-09-28', milestones: { publicationStartDate: '2026-09-28', certificateIssueDate: '2026-11-02' } } },
      );
      const response = await planner.get(`/api/batches/${batchId}/deadlines`).query({ asOf: '2026-10-27' });
      const byRule = Object.fromEntries(response.body.deadlines.map((deadline: { ruleId: string; date: string }) => [deadline.ruleId, deadline.date]));
      // R11: 5 working days after 09-28: 09-29, 09-30, 10-08, 10-09, 10-10 (adjusted Saturday).
      expect(byRule.R11).toBe('2026-10-10');
      // R12: 15 working days after 10-10: 10-12..16, 10-19..23, 10-26..30.
      expect(byRule.R12).toBe('2026-10-30');
      expect(byRule.R13).toMatch(/^2026-12-1\d$/);
      expect(response.body.warnings).toEqual([expect.objectContaining({ ruleId: 'R12', level: 'approaching', workingDaysLeft: 3 })]);
    });
  });

  async function moveSessions(batchId: string, date: string): Promise<void> {
    const batch = await planner.get(`/api/batches/${batchId}`);
    const sessions = batch.body.sessions.map((session: { id: string; kind: string; scopeId: string; roomId: string; startsAt: string; durationMinutes: number }) => ({
      id: session.id,
      kind: session.kind,
      scopeId: session.scopeId,
      roomId: session.roomId,
      startsAt: `${date}T${new Date(session.startsAt).toISOString().slice(11, 19)}Z`,
      durationMinutes: session.durationMinutes,
    }));
    await planner.put(`/api/batches/${batchId}/sessions`).send({ sessions }).expect(200);
  }
});
