/**
 * Plans API: applications and the roster import (R7 roster, R9 eligibility): a generated 200-row
 * xlsx, row errors with all-or-nothing, eligibility reasons stored on rejected applications, ID
 * numbers validated, dispatched workers >= 1 year, candidates applying for themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRosterRows, writeRosterWorkbook } from '@skillcert/server/domain/plans/test-fixtures';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';
import { createBankScope, residentIdNumber } from './plans-fixtures';

const employer = '江门示例制造有限公司';
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ApplicationBody {
  id: string;
  name: string;
  idNumber: string;
  status: string;
  rosterRow?: number;
  eligibility: { isEligible: boolean; reasons: string[]; pathId?: string };
}

describe('plans API: applications and roster import', () => {
  let app: TestApp;
  let admin: SignedInAgent;
  let planner: SignedInAgent;
  let batchId: string;
  let scopeId: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.login('admin');
    planner = await app.login('exam_admin');
    await admin.put('/api/organisation/enterprise-units').send({ enterpriseUnits: [employer, '江门示例制造有限公司第二分厂'] }).expect(200);
    scopeId = await createBankScope(app.organisationId, 5);
    const created = await planner
      .post('/api/batches')
      .send({ code: '2026-名册-01', name: '名册导入', mode: 'promotion', scopes: [{ scopeId, weights: { theory: 0.3, practical: 0.7 } }] });
    expect(created.status).toBe(201);
    batchId = created.body.id;
    // Applications are judged on the first session date (no application period is announced).
    const rooms = await planner.put(`/api/batches/${batchId}/rooms`).send({ rooms: [{ name: '培训中心', seats: 250, workstations: 20 }] });
    const roomId = rooms.body.rooms[0].id;
    await planner
      .put(`/api/batches/${batchId}/sessions`)
      .send({
        sessions: [
          { kind: 'theory', scopeId, roomId, startsAt: '2026-12-15T09:00:00+08:00', durationMinutes: 90 },
          { kind: 'practical', scopeId, roomId, startsAt: '2026-12-16T09:00:00+08:00', durationMinutes: 120 },
        ],
      })
      .expect(200);
    const announcement = await planner.post(`/api/batches/${batchId}/announcement`).send({ title: '2026年度初级工评价公告' });
    await planner.post(`/api/announcements/${announcement.body.id}/publish`).expect(200);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  async function countApplications(): Promise<number> {
    const response = await planner.get(`/api/batches/${batchId}/applications`).query({ limit: 1 });
    return response.body.total as number;
  }

  it('R9: refuses a 200-row roster with bad rows as a whole, naming row, column and reason of each', async () => {
    const rows = makeRosterRows(200, 'plans-roster-bad', employer);
    const goodId = String(rows[40]['证件号码']);
    rows[40]['证件号码'] = goodId.slice(0, 17) + (goodId[17] === '0' ? '1' : '0');
    rows[99]['姓名'] = undefined;
    rows[150]['证件号码'] = 440703199001011;
    rows[180]['是否派遣'] = '也许';
    const file = await writeRosterWorkbook(rows, { title: '2026年 评价员工名册' });

    const response = await planner.post(`/api/batches/${batchId}/roster`).query({ file: 'bad.xlsx' }).set('Content-Type', xlsxType).send(file);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.message).toMatch(/^bad\.xlsx: 4 of 200 rows have errors, nothing imported; first: row 43, column C \(证件号码\): .*check digit/);
    const rowErrors = response.body.error.details.rowErrors as { row: number; column: string; reason: string }[];
    expect(rowErrors.map((error) => [error.row, error.column])).toEqual([
      [43, 'C (证件号码)'],
      [102, 'A (姓名)'],
      [153, 'C (证件号码)'],
      [183, 'L (是否派遣)'],
    ]);
    expect(rowErrors[2].reason).toMatch(/stored as a number/);
    expect(await countApplications()).toBe(0);
  });

  it('R9: imports a generated 200-candidate roster in one go, each application evaluated, rejected ones keeping their reasons', async () => {
    const rows = makeRosterRows(200, 'plans-roster-good', employer);
    rows[4] = { ...rows[4], 是否派遣: '是', 入职日期: new Date(Date.UTC(2026, 5, 1)), 本职业年限: 3 };
    rows[5] = { ...rows[5], 工作单位: '外单位有限公司', 本职业年限: 3 };
    rows[6] = { ...rows[6], 是否派遣: '是', 入职日期: new Date(Date.UTC(2020, 0, 6)), 本职业年限: 3 };
    const file = await writeRosterWorkbook(rows, { title: '2026年 评价员工名册' });

    const response = await planner.post(`/api/batches/${batchId}/roster`).query({ file: 'good.xlsx' }).set('Content-Type', xlsxType).send(file);

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ file: 'good.xlsx', sheet: '名册', imported: 200 });
    expect(response.body.eligible + response.body.rejected).toBe(200);
    const byRow = new Map<number, ApplicationBody>(response.body.applications.map((application: ApplicationBody) => [application.rosterRow, application]));
    // Data rows start at spreadsheet row 3 (title, header).
    expect(byRow.get(7)).toMatchObject({ status: 'rejected' });
    expect(byRow.get(7)!.eligibility.reasons.join(' ')).toMatch(/R9: dispatched worker at the enterprise since 2026-06-01, under 1 year\(s\) of continuous work on 2026-12-15/);
    expect(byRow.get(8)!.eligibility.reasons.join(' ')).toMatch(/R9: employer '外单位有限公司' is not the enterprise/);
    expect(byRow.get(9)).toMatchObject({ status: 'eligible', eligibility: { isEligible: true, pathId: 'L5-years' } });

    expect(await countApplications()).toBe(200);
    const rejected = await planner.get(`/api/batches/${batchId}/applications`).query({ status: 'rejected', limit: 1000 });
    expect(rejected.body.total).toBe(response.body.rejected);
    for (const application of rejected.body.applications as ApplicationBody[]) {
      expect(application.eligibility.isEligible).toBe(false);
      expect(application.eligibility.reasons.length).toBeGreaterThan(0);
    }
    const audit = await admin.get('/api/admin/audit').query({ action: 'roster.imported', targetId: batchId });
    expect(audit.body.entries).toHaveLength(1);
  }, 60_000);

  it('R9: refuses a second import of people already on the batch, importing none of the file', async () => {
    const again = makeRosterRows(3, 'plans-roster-good', employer);
    const fresh = makeRosterRows(203, 'plans-roster-fresh', employer).slice(200);
    const file = await writeRosterWorkbook([...fresh, ...again]);
    const before = await countApplications();
    const response = await planner.post(`/api/batches/${batchId}/roster`).set('Content-Type', xlsxType).send(file);
    expect(response.status).toBe(400);
    expect(response.body.error.details.rowErrors.map((error: { row: number }) => error.row)).toEqual([5, 6, 7]);
    expect(response.body.error.details.rowErrors[0].reason).toMatch(/has already applied for this scope/);
    expect(await countApplications()).toBe(before);
  });

  it('answers 400 for a JSON body instead of the xlsx file', async () => {
    const response = await planner.post(`/api/batches/${batchId}/roster`).send({ rows: [] });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^body: send the roster as the raw xlsx bytes/);
  });

  describe('applications through the API', () => {
    const base = { employer, department: '一车间', hireDate: '2015-03-01', employmentType: 'employee', yearsInOccupation: 6 };

    it('R9: validates the ID number, naming the position of the wrong check digit', async () => {
      const valid = residentIdNumber('19900101', 11);
      const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
      const response = await planner.post(`/api/batches/${batchId}/applications`).send({ ...base, scopeId, name: '李错号', idNumber: wrong });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^idNumber: 居民身份证 number position 18 \(check digit\)/);
    });

    it('R9: stores a dispatched worker under one year as rejected with the reason, and an employee as eligible', async () => {
      const dispatched = await planner.post(`/api/batches/${batchId}/applications`).send({
        ...base,
        scopeId,
        name: '赵派遣',
        idNumber: residentIdNumber('19920202', 21),
        employmentType: 'dispatched',
        hireDate: '2026-05-01',
      });
      expect(dispatched.status).toBe(201);
      expect(dispatched.body).toMatchObject({ status: 'rejected', eligibility: { isEligible: false } });
      expect(dispatched.body.eligibility.reasons[0]).toMatch(/^R9: dispatched worker at the enterprise since 2026-05-01, under 1 year/);

      const employee = await planner
        .post(`/api/batches/${batchId}/applications`)
        .send({ ...base, scopeId, name: '钱员工', idNumber: residentIdNumber('19880808', 31), employer: '江门示例制造有限公司第二分厂' });
      expect(employee.status).toBe(201);
      expect(employee.body).toMatchObject({ status: 'eligible', eligibility: { isEligible: true, pathId: 'L5-years' } });

      const duplicate = await planner
        .post(`/api/batches/${batchId}/applications`)
        .send({ ...base, scopeId, name: '钱员工', idNumber: residentIdNumber('19880808', 31) });
      expect(duplicate.status).toBe(409);
    });

    it('R9: lets a candidate apply for themself (name and ID from the account) and list their applications', async () => {
      const candidate = await app.login('candidate');
      const response = await candidate.post(`/api/batches/${batchId}/applications`).send({ ...base, scopeId });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ name: candidate.user.name, idNumber: candidate.user.idNumber, candidateId: candidate.user.id });
      const forOther = await candidate
        .post(`/api/batches/${batchId}/applications`)
        .send({ ...base, scopeId, idNumber: residentIdNumber('19700101', 41) });
      expect(forOther.status).toBe(403);
      const mine = await candidate.get('/api/my/applications');
      expect(mine.body.applications).toHaveLength(1);
      expect((await candidate.get(`/api/batches/${batchId}/applications`)).status).toBe(403);
    });
  });
});
