import mongoose from 'mongoose';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentIdNumber, startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';

describe('admin API: users, organisation settings, audit verification', () => {
  let app: TestApp;
  let admin: SignedInAgent;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.login('admin');
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('R17: creates a staff account that can log in, never returning the password hash', async () => {
    const created = await admin
      .post('/api/admin/users')
      .send({ name: '李考评', roles: ['assessor'], assessorGrade: 'senior_assessor', username: 'Li.Assessor', password: 'correct horse battery' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '李考评', roles: ['assessor'], assessorGrade: 'senior_assessor', username: 'li.assessor', isActive: true });
    expect(JSON.stringify(created.body)).not.toMatch(/passwordHash|argon2/);
    const login = await supertest(app.baseUrl).post('/api/auth/login').send({ username: 'li.assessor', password: 'correct horse battery' });
    expect(login.status).toBe(200);
    expect(login.body.assessorGrade).toBe('senior_assessor');
  });

  it('creates a candidate with a valid resident ID number and admission ticket number', async () => {
    const idNumber = makeResidentIdNumber();
    const created = await admin.post('/api/admin/users').send({
      name: '王芳',
      roles: ['candidate'],
      password: 'candidate-password',
      idType: 'resident_identity_card',
      idNumber,
      admissionTicketNumbers: ['ZK-0001'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ idNumber, idType: 'resident_identity_card', admissionTicketNumbers: ['ZK-0001'] });
    const login = await supertest(app.baseUrl)
      .post('/api/auth/candidate-login')
      .send({ idNumber, admissionTicketNumber: 'ZK-0001', password: 'candidate-password' });
    expect(login.status).toBe(200);
  });

  it('answers 409 duplicate for a username already taken', async () => {
    const body = { name: 'A', roles: ['hr'], username: 'taken.name', password: 'long-enough-password' };
    await admin.post('/api/admin/users').send(body).expect(201);
    const again = await admin.post('/api/admin/users').send(body);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'duplicate', message: 'username: "taken.name" is already taken' });
  });

  it('answers 400 naming the field of a resident ID number with a wrong check character', async () => {
    const valid = makeResidentIdNumber();
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const response = await admin
      .post('/api/admin/users')
      .send({ name: 'B', roles: ['candidate'], password: 'long-enough-password', idType: 'resident_identity_card', idNumber: wrongCheck });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^body\.idNumber: .*check character/);
  });

  it('R6: requires an assessor grade for assessors', async () => {
    const response = await admin.post('/api/admin/users').send({ name: 'C', roles: ['assessor'], username: 'no.grade', password: 'long-enough-password' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^body\.assessorGrade: is required for assessors/);
  });

  it('lists the users of the organisation filtered by role', async () => {
    await app.createUser('proctor');
    const response = await admin.get('/api/admin/users').query({ role: 'proctor' });
    expect(response.status).toBe(200);
    expect(response.body.total).toBeGreaterThanOrEqual(1);
    expect(response.body.users.every((user: { roles: string[] }) => user.roles.includes('proctor'))).toBe(true);
  });

  it('does not list users of another organisation', async () => {
    const response = await admin.get('/api/admin/users').query({ limit: 500 });
    expect(response.body.users.every((user: { organisationId: string }) => user.organisationId === app.organisationId)).toBe(true);
  });

  it('R7 R11 R12 R13 R4: ships the strictest jurisdiction settings as defaults', async () => {
    const response = await admin.get('/api/admin/organisation');
    expect(response.status).toBe(200);
    expect(response.body.settings.jurisdiction).toMatchObject({
      planLeadTimeWorkingDays: 10,
      publicationWorkingDays: 5,
      resultsSubmissionWorkingDays: 15,
      certificateDataWorkingDays: 30,
      minimumPracticalWeight: 0.5,
      passMarks: { theory: 60, practical: 60, review: 60 },
      practicalScoreDifferenceThreshold: 0.1,
    });
    expect(response.body.settings.certificateCode).toMatchObject({ organisationClass: 'Y', provinceCode: '44', cityCode: '03' });
  });

  it('R14: changes certificate-code fields and jurisdiction settings and audits each change', async () => {
    const response = await admin.patch('/api/admin/organisation/settings').send({
      certificateCode: { provinceCode: '43', siteSequence: '005' },
      jurisdiction: { planLeadTimeWorkingDays: 5, passMarks: { theory: 65 } },
    });
    expect(response.status).toBe(200);
    expect(response.body.organisation.settings.certificateCode).toMatchObject({ provinceCode: '43', siteSequence: '005', cityCode: '03' });
    expect(response.body.organisation.settings.jurisdiction).toMatchObject({
      planLeadTimeWorkingDays: 5,
      passMarks: { theory: 65, practical: 60, review: 60 },
    });
    expect(response.body.changes).toEqual(
      expect.arrayContaining([
        { field: 'settings.certificateCode.provinceCode', from: '44', to: '43' },
        { field: 'settings.jurisdiction.passMarks.theory', from: 60, to: 65 },
      ]),
    );
    const trail = await admin.get('/api/admin/audit').query({ action: 'organisation.settings_updated', limit: 1 });
    expect(trail.body.entries[0]).toMatchObject({
      actor: { userId: admin.user.id },
      target: { kind: 'organisation', id: app.organisationId },
      payload: { changes: expect.arrayContaining([{ field: 'settings.jurisdiction.planLeadTimeWorkingDays', from: 10, to: 5 }]) },
    });
  });

  it('R14: refuses a province code that is not 2 digits, naming the field', async () => {
    const response = await admin.patch('/api/admin/organisation/settings').send({ certificateCode: { provinceCode: '4' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('body.certificateCode.provinceCode: must be 2 digits');
  });

  it('refuses an unknown settings field', async () => {
    const response = await admin.patch('/api/admin/organisation/settings').send({ jurisdiction: { publicationDays: 3 } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
  });

  it('R10: audits user creation without the password', async () => {
    const created = await admin
      .post('/api/admin/users')
      .send({ name: '赵督导', roles: ['supervisor'], username: 'zhao.supervisor', password: 'super-secret-password' })
      .expect(201);
    const trail = await admin.get('/api/admin/audit').query({ targetId: created.body.id });
    expect(trail.body.entries[0]).toMatchObject({ action: 'user.created', payload: { username: 'zhao.supervisor', roles: ['supervisor'] } });
    expect(JSON.stringify(trail.body)).not.toContain('super-secret-password');
  });

  it('R10 R17: verifies the audit chain and names a record modified behind the platform\'s back', async () => {
    const intact = await admin.get('/api/admin/audit/verify');
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ isIntact: true, firstBroken: null });
    expect(intact.body.checkedCount).toBeGreaterThan(5);
    const target = Math.max(2, intact.body.lastSeq - 2);
    await mongoose.connection.collection('audit_entries').updateOne({ seq: target }, { $set: { 'actor.name': 'someone else' } });
    const broken = await admin.get('/api/admin/audit/verify');
    expect(broken.body).toMatchObject({ isIntact: false, firstBroken: { seq: target, reason: 'modified' } });
  });
});
