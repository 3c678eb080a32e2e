/**
 * Plans API: the announcement (R8, published and archived immutable), admission tickets (ticket,
 * seat, workstation, candidate accounts that can log in), ticket and sign-in sheet PDFs through the
 * real render pool and Chromium, and attendance recorded at the room and audited (R10).
 */
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, toCanonicalJson } from '@skillcert/server/domain/audit/canonical-json';
import { closeSharedRenderPool } from '@skillcert/server/render/shared-render-pool';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';
import { extractPdfText, removeWhitespace } from '../helpers/pdf';
import { createBankScope, makeScopeReady, planBatch, residentIdNumber, type BatchStaffUsers } from './plans-fixtures';

const employer = '江门示例制造有限公司';

/** Sends `request` and collects the binary body (PDF) into a Buffer. */
function binary(request: ReturnType<SignedInAgent['get']>) {
  return request.buffer(true).parse((response, callback) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => callback(null, Buffer.concat(chunks)));
  });
}

describe('plans API: announcement, admission tickets, sign-in sheet and attendance', () => {
  let app: TestApp;
  let admin: SignedInAgent;
  let planner: SignedInAgent;
  let examAdminAgent: SignedInAgent;
  let staff: BatchStaffUsers;
  let batchId: string;
  let scopeId: string;
  let theorySessionId: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.login('admin');
    planner = await app.login('exam_admin');
    examAdminAgent = await app.login('exam_admin');
    const [assessor, supervisor] = await Promise.all([app.createUser('assessor'), app.createUser('supervisor')]);
    staff = { examAdmin: { id: examAdminAgent.user.id, name: examAdminAgent.user.name }, assessor, supervisor };
    await admin.put('/api/organisation/enterprise-units').send({ enterpriseUnits: [employer] }).expect(200);
    scopeId = await createBankScope(app.organisationId, 4);
    await makeScopeReady(app.organisationId, scopeId, staff.examAdmin.id);
    const planned = await planBatch(planner, { code: '2026-准考-01', scopes: [{ scopeId, level: 4 }], sessionDate: '2026-10-20', seats: 3, workstations: 10, staff });
    batchId = planned.batchId;
    theorySessionId = planned.sessionIds[`${scopeId}:theory`];
  }, 120_000);

  afterAll(async () => {
    await closeSharedRenderPool();
    await app?.stop();
  });

  describe('announcement (R8)', () => {
    let announcementId: string;
    let contentHash: string;

    it('R8: builds the page from the batch: level, eligibility from the rules, method and weights, schedule, places', async () => {
      const created = await planner.post(`/api/batches/${batchId}/announcement`).send({
        title: '2026年度电工职业技能等级认定评价公告',
        introduction: '为提升员工技能水平，现开展职业技能等级认定。',
        applicationPeriod: { opensOn: '2026-09-01', closesOn: '2026-09-20' },
        places: [{ name: '第一考场', address: '江门市示例路1号培训中心三楼' }],
        materials: ['身份证复印件', '学历证书复印件', '现有职业技能等级证书复印件'],
        contacts: [{ name: '陈老师', department: '人力资源部', phone: '0750-0000000' }],
      });
      expect(created.status).toBe(201);
      announcementId = created.body.id;
      const page = created.body.page;
      expect(created.body.status).toBe('draft');
      expect(page.offerings).toHaveLength(1);
      expect(page.offerings[0]).toMatchObject({ level: 4, levelName: '四级/中级工', method: { mode: 'promotion', modeName: '晋级评价' } });
      expect(page.offerings[0].method.components).toEqual([
        { kind: 'theory', name: '理论知识考试', weight: 0.3 },
        { kind: 'practical', name: '操作技能考核', weight: 0.7 },
      ]);
      expect(page.offerings[0].eligibility.map((path: { pathId: string }) => path.pathId)).toEqual(['L4-certificate-years', 'L4-years', 'L4-diploma']);
      expect(page.generalConditions[0]).toMatch(/劳务派遣人员须在本企业连续工作满1年/);
      expect(page.schedule.map((entry: { kind: string; date: string; startTime: string; endTime: string }) => [entry.kind, entry.date, entry.startTime, entry.endTime])).toEqual([
        ['theory', '2026-10-20', '09:00', '10:30'],
        ['practical', '2026-10-20', '14:00', '16:00'],
      ]);
      expect(page.placesAvailable[0].count).toBe(3);
      expect(page.process.length).toBeGreaterThan(0);
    });

    it('hides a draft from candidates and shows it to supervisors', async () => {
      const candidate = await app.login('candidate');
      expect((await candidate.get(`/api/announcements/${announcementId}`)).status).toBe(404);
      const supervisorAgent = await app.login('supervisor');
      expect((await supervisorAgent.get(`/api/announcements/${announcementId}`)).status).toBe(200);
    });

    it('R8 R16: publishes with the sha256 of the canonical page and never changes afterwards', async () => {
      const published = await planner.post(`/api/announcements/${announcementId}/publish`);
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('published');
      expect(published.body.contentHash).toBe(sha256Hex(toCanonicalJson(published.body.page)));
      contentHash = published.body.contentHash;

      const edit = await planner.patch(`/api/announcements/${announcementId}`).send({ title: '改过的标题' });
      expect(edit.status).toBe(409);
      expect(edit.body.error.message).toMatch(/is published and cannot change/);
      expect((await planner.post(`/api/announcements/${announcementId}/publish`)).status).toBe(409);

      const candidate = await app.login('candidate');
      const read = await candidate.get(`/api/announcements/${announcementId}`);
      expect(read.status).toBe(200);
      expect(read.body.page).toEqual(published.body.page);
      expect(read.body.contentHash).toBe(published.body.contentHash);
      const list = await candidate.get('/api/announcements');
      expect(list.body.announcements.map((announcement: { id: string }) => announcement.id)).toContain(announcementId);

      const audit = await admin.get('/api/admin/audit').query({ action: 'announcement.published', targetId: announcementId });
      expect(audit.body.entries).toHaveLength(1);
    });

    it('R8: refuses a candidate applying after the announced application period closed (2026-09-20)', async () => {
      const candidate = await app.login('candidate');
      const response = await candidate
        .post(`/api/batches/${batchId}/applications`)
        .send({ scopeId, employer, hireDate: '2012-05-01', employmentType: 'employee', yearsInOccupation: 8 });
      expect(response.status).toBe(412);
      expect(response.body.error.message).toMatch(/^R8: applications to batch 2026-准考-01 are taken from 2026-09-01 to 2026-09-20/);
    });

    it('R8: renders the published announcement to a PDF in Chinese with the archive hash', async () => {
      const candidate = await app.login('candidate');
      const response = await binary(candidate.get(`/api/announcements/${announcementId}/pdf`));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const text = removeWhitespace(await extractPdfText(response.body as Buffer));
      expect(text).toContain('2026年度电工职业技能等级认定评价公告');
      expect(text).toContain('申报条件');
      expect(text).toContain('劳务派遣人员须在本企业连续工作满1年');
      expect(text).toContain('2026年10月20日');
      expect(text).toContain(contentHash);
    }, 60_000);
  });

  describe('filing, admission tickets and candidate login', () => {
    const applicants = [
      { name: '王一', idNumber: residentIdNumber('19900101', 101), yearsInOccupation: 7 },
      { name: '李二', idNumber: residentIdNumber('19910202', 102), yearsInOccupation: 8 },
      { name: '张三', idNumber: residentIdNumber('19920303', 103), yearsInOccupation: 9 },
    ];
    const applicationIds: string[] = [];
    let rejectedId: string;
    let existing: Awaited<ReturnType<TestApp['createUser']>>;
    let issued: { admissionTicketNumber: string; idNumber: string; name: string; password: string }[] = [];

    beforeAll(async () => {
      existing = await app.createUser('candidate');
      const people = [...applicants, { name: existing.name, idNumber: existing.idNumber!, yearsInOccupation: 10 }];
      for (const applicant of people) {
        const response = await planner
          .post(`/api/batches/${batchId}/applications`)
          .send({ ...applicant, scopeId, employer, department: '设备部', hireDate: '2012-05-01', employmentType: 'employee' });
        expect(response.body.status).toBe('eligible');
        applicationIds.push(response.body.id);
      }
      const rejected = await planner.post(`/api/batches/${batchId}/applications`).send({
        scopeId,
        name: '周短',
        idNumber: residentIdNumber('19990909', 104),
        employer,
        hireDate: '2024-05-01',
        employmentType: 'employee',
        yearsInOccupation: 2,
      });
      expect(rejected.body.status).toBe('rejected');
      rejectedId = rejected.body.id;
    }, 60_000);

    it('refuses admission tickets before the plan is filed', async () => {
      const response = await planner.post(`/api/batches/${batchId}/admission-tickets`).send({});
      expect(response.status).toBe(409);
    });

    it('R9: refuses to admit a rejected application, quoting its eligibility reasons', async () => {
      await planner.post(`/api/batches/${batchId}/filing`).send({ filingDate: '2026-09-28' }).expect(200);
      const response = await planner.post(`/api/batches/${batchId}/admission-tickets`).send({ applicationIds: [rejectedId] });
      expect(response.status).toBe(412);
      expect(response.body.error.message).toMatch(/周短 .* is not eligible: R9: L4-certificate-years/);
    });

    it('refuses to admit more candidates than the room has seats, admitting nobody', async () => {
      const response = await planner.post(`/api/batches/${batchId}/admission-tickets`).send({});
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('infeasible');
      expect(response.body.error.message).toMatch(/1 more theory seat\(s\) needed/);
      expect((await planner.get(`/api/batches/${batchId}/admission-tickets`)).body.tickets).toEqual([]);
    });

    it('issues unique tickets with seats and workstations, creating candidate accounts that log in with ID number + ticket + password', async () => {
      const response = await planner
        .post(`/api/batches/${batchId}/admission-tickets`)
        .send({ applicationIds: [applicationIds[0], applicationIds[1], applicationIds[3]] });
      expect(response.status).toBe(201);
      expect(response.body.issued).toHaveLength(3);
      const tickets = response.body.issued as { admissionTicketNumber: string; seatNumber: number; workstationNumber: number; roomName: string; candidateId: string }[];
      expect(new Set(tickets.map((ticket) => ticket.admissionTicketNumber)).size).toBe(3);
      for (const ticket of tickets) expect(ticket.admissionTicketNumber).toMatch(/^2026\d{8}$/);
      expect(tickets.map((ticket) => ticket.seatNumber).sort()).toEqual([1, 2, 3]);
      expect(tickets.map((ticket) => ticket.workstationNumber).sort()).toEqual([1, 2, 3]);
      expect(tickets[0].roomName).toBe('第一考场');
      // New accounts only for the two people without one; the existing account is matched by ID number.
      issued = response.body.initialPasswords;
      expect(issued.map((entry) => entry.name).sort()).toEqual(['李二', '王一']);
      expect(tickets.map((ticket) => ticket.candidateId)).toContain(existing.id);

      const login = await supertest(app.baseUrl)
        .post('/api/auth/candidate-login')
        .send({ idNumber: issued[0].idNumber, admissionTicketNumber: issued[0].admissionTicketNumber, password: issued[0].password });
      expect(login.status).toBe(200);
      expect(login.body.roles).toEqual(['candidate']);

      const applications = await planner.get(`/api/batches/${batchId}/applications`).query({ status: 'admitted' });
      expect(applications.body.total).toBe(3);
      const audit = await admin.get('/api/admin/audit').query({ action: 'admission_tickets.issued', targetId: batchId });
      expect(audit.body.entries).toHaveLength(1);
      expect(JSON.stringify(audit.body.entries)).not.toContain(issued[0].password);
    }, 60_000);

    it('adds the new ticket to an existing candidate account, which logs in with it and its own password', async () => {
      const mine = await planner.get(`/api/batches/${batchId}/admission-tickets`);
      const ticket = mine.body.tickets.find((entry: { candidateName: string }) => entry.candidateName === existing.name);
      const login = await supertest(app.baseUrl)
        .post('/api/auth/candidate-login')
        .send({ idNumber: existing.idNumber, admissionTicketNumber: ticket.admissionTicketNumber, password: existing.password });
      expect(login.status).toBe(200);
      const old = await supertest(app.baseUrl)
        .post('/api/auth/candidate-login')
        .send({ idNumber: existing.idNumber, admissionTicketNumber: existing.admissionTicketNumber, password: existing.password });
      expect(old.status).toBe(200);
    });

    it('shows a candidate their own ticket and its PDF, and no one else’s', async () => {
      const candidate = supertest.agent(app.baseUrl);
      await candidate
        .post('/api/auth/candidate-login')
        .send({ idNumber: issued[0].idNumber, admissionTicketNumber: issued[0].admissionTicketNumber, password: issued[0].password })
        .expect(200);
      const mine = await candidate.get('/api/my/admission-tickets');
      expect(mine.status).toBe(200);
      expect(mine.body.tickets).toHaveLength(1);
      const ticket = mine.body.tickets[0];
      expect(ticket).toMatchObject({ admissionTicketNumber: issued[0].admissionTicketNumber, candidateName: issued[0].name, idTypeName: '居民身份证', levelName: '四级/中级工' });
      expect(ticket.sessions.map((session: { kind: string; position: string }) => session.kind)).toEqual(['theory', 'practical']);

      const pdf = await binary(candidate.get(`/api/batches/${batchId}/admission-tickets/${ticket.registrationId}/pdf`));
      expect(pdf.status).toBe(200);
      const text = removeWhitespace(await extractPdfText(pdf.body as Buffer));
      expect(text).toContain('准考证');
      expect(text).toContain(issued[0].admissionTicketNumber);
      expect(text).toContain(issued[0].name);
      expect(text).toContain('照片');

      const all = await planner.get(`/api/batches/${batchId}/admission-tickets`);
      const other = all.body.tickets.find((entry: { admissionTicketNumber: string }) => entry.admissionTicketNumber !== issued[0].admissionTicketNumber);
      expect((await candidate.get(`/api/batches/${batchId}/admission-tickets/${other.registrationId}/pdf`)).status).toBe(404);
    }, 60_000);

    it('R10: prints the sign-in sheet of the theory session with every candidate in seat order', async () => {
      const response = await binary(planner.get(`/api/batches/${batchId}/sessions/${theorySessionId}/sign-in-sheet`));
      expect(response.status).toBe(200);
      const text = removeWhitespace(await extractPdfText(response.body as Buffer));
      expect(text).toContain('考生签到表');
      expect(text).toContain('第一考场');
      for (const ticket of issued) expect(text).toContain(ticket.admissionTicketNumber);
      expect(text).toContain(examAdminAgent.user.name.replace(/\s+/g, ''));
    }, 60_000);

    it('R10: records attendance at the room, requiring a reason for an absence, and audits each mark', async () => {
      const roster = await planner.get(`/api/batches/${batchId}/sessions/${theorySessionId}/attendance`);
      expect(roster.body.counts).toEqual({ present: 0, absent: 0, unmarked: 3 });
      const [first, second] = roster.body.candidates;

      const outsider = await planner.post(`/api/batches/${batchId}/sessions/${theorySessionId}/attendance`).send({ registrationId: first.registrationId, status: 'present' });
      expect(outsider.status).toBe(403);

      const noReason = await examAdminAgent
        .post(`/api/batches/${batchId}/sessions/${theorySessionId}/attendance`)
        .send({ registrationId: second.registrationId, status: 'absent' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toMatch(/^body\.reason: is required when marking a candidate absent/);

      await examAdminAgent.post(`/api/batches/${batchId}/sessions/${theorySessionId}/attendance`).send({ registrationId: first.registrationId, status: 'present' }).expect(200);
      const absent = await examAdminAgent
        .post(`/api/batches/${batchId}/sessions/${theorySessionId}/attendance`)
        .send({ registrationId: second.registrationId, status: 'absent', reason: '病假' });
      expect(absent.status).toBe(200);
      expect(absent.body.attendance).toMatchObject({ status: 'absent', reason: '病假', markedBy: examAdminAgent.user.id });

      const after = await planner.get(`/api/batches/${batchId}/sessions/${theorySessionId}/attendance`);
      expect(after.body.counts).toEqual({ present: 1, absent: 1, unmarked: 1 });
      const audit = await admin.get('/api/admin/audit').query({ action: 'attendance.recorded' });
      expect(audit.body.entries).toHaveLength(2);
      expect(audit.body.entries[0]).toMatchObject({ actor: { userId: examAdminAgent.user.id }, target: { kind: 'registration', id: second.registrationId } });
      const verify = await admin.get('/api/admin/audit/verify');
      expect(verify.body.isIntact).toBe(true);
    });
  });
});
