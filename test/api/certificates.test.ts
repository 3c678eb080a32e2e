import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryModel } from '@skillcert/server/domain/audit/audit-entry.model';
import { verifyAuditChain } from '@skillcert/server/domain/audit/verify-audit-chain';
import { calendarDateInChina } from '@skillcert/server/domain/calendar/calendar-date';
import { CertificateLedgerEntryModel, CertificateModel, CertificateSerialCounterModel } from '@skillcert/server/domain/certificates/certificate.model';
import { readLastSerial, serialCounterId } from '@skillcert/server/domain/certificates/certificate-serials';
import { closeSharedRenderPool } from '@skillcert/server/render/shared-render-pool';
import { issueBatchCertificates } from '@skillcert/server/domain/certificates/issue-certificates';
import { buildVerificationUrl, signVerificationToken } from '@skillcert/server/domain/certificates/verification-token';
import { deriveVerificationKey } from '@skillcert/server/domain/certificates/verify-certificate';
import { domainEvents } from '@skillcert/server/domain/events';
import '@skillcert/server/domain/certificates/certificate-events';
import { OrganisationModel } from '@skillcert/server/domain/identity/organisation.model';
import { closePublication } from '@skillcert/server/domain/publication/close-publication';
import { ResultModel } from '@skillcert/server/domain/scoring/result.model';
import JSZip from 'jszip';
import type { Response } from 'supertest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';
import { decodeQrCodeFromPng, extractPdfText, removeWhitespace, renderPdfPageToPng } from '../helpers/pdf';
import { createScoredBatch, staffActor, type ScoredBatch, type ScoredBatchOptions } from '../helpers/results-fixture';

/** supertest parser keeping the body as bytes. */
function binary(response: NodeJS.ReadableStream & { setEncoding?: unknown }, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

const defaultCode = { organisationClass: 'Y', organisationCode: '0000', provinceCode: '44', cityCode: '03', ownershipType: 2, siteSequence: '001' };

describe('certificates (R13, R14, R15)', () => {
  let app: TestApp;
  let admin: SignedInAgent;
  let hr: SignedInAgent;
  let today: string;
  let yearDigits: string;
  let key: Buffer;

  /** A batch whose publication opened on 2026-10-09 and closed today through the API (results locked). */
  async function lockedBatch(options: Partial<ScoredBatchOptions> = {}): Promise<ScoredBatch> {
    const batch = await createScoredBatch({ organisationId: app.organisationId, createdBy: admin.user.id, ...options });
    const opened = await admin.post(`/api/batches/${batch.batchId}/publication`).send({ startDate: '2026-10-09' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const closed = await admin.post(`/api/batches/${batch.batchId}/publication/close`).send({});
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    return batch;
  }

  async function setCertificateCode(code: Record<string, unknown>): Promise<void> {
    // Raw update without validators: the issue path itself must refuse bad fields (R14).
    await OrganisationModel.collection.updateOne({ _id: new Types.ObjectId(app.organisationId) }, { $set: { 'settings.certificateCode': code } });
  }

  const serialScope = (level = 4) => ({ organisationId: app.organisationId, issueYear: Number(today.slice(0, 4)), level });

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.login('admin');
    hr = await app.login('hr');
    today = calendarDateInChina(new Date());
    yearDigits = today.slice(2, 4);
    key = deriveVerificationKey(app.config);
  });

  afterAll(async () => {
    await closeSharedRenderPool();
    await app?.stop();
  });

  it('R14: 50 concurrent issues get 50 consecutive serials with no gap and no duplicate', async () => {
    const batch = await lockedBatch({ candidateCount: 50 });
    const before = await readLastSerial(serialScope());
    const responses = await Promise.all(batch.results.map((result) => hr.post(`/api/results/${result.resultId}/certificate`).send({})));
    const failures = responses.filter((response) => response.status !== 201).map((response) => `${response.status} ${JSON.stringify(response.body)}`);
    expect(failures).toEqual([]);
    const serials = responses.map((response) => Number(response.body.number.slice(16))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 50 }, (_, index) => before + index + 1));
    expect(new Set(responses.map((response) => response.body.number)).size).toBe(50);
    expect(await readLastSerial(serialScope())).toBe(before + 50);
    expect(await CertificateLedgerEntryModel.countDocuments({ batchId: new Types.ObjectId(batch.batchId), action: 'issued' })).toBe(50);
    expect((await verifyAuditChain()).isIntact).toBe(true);
  });

  it('R14: builds the 22-character number from class, organisation code, province, city, site type and sequence, year and level', async () => {
    const batch = await lockedBatch({ candidateCount: 1, level: 3 });
    const before = await readLastSerial(serialScope(3));
    const response = await hr.post(`/api/results/${batch.results[0].resultId}/certificate`).send({});
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const serial = String(before + 1).padStart(6, '0');
    // Y | 0000 | 44 | 03 2 001 | yy | 3 | serial
    expect(response.body.number).toBe(`Y000044032001${yearDigits}3${serial}`);
    expect(response.body.number).toHaveLength(22);
    expect(response.body).toMatchObject({ level: 3, issueYear: Number(today.slice(0, 4)), issueDate: today, issueVersion: 1, status: 'issued' });
    // A second issue for the same result is refused.
    expect((await hr.post(`/api/results/${batch.results[0].resultId}/certificate`).send({})).status).toBe(409);
  });

  it('R14: a social organisation (S) keeps its six assigned site digits; outside Guangdong the city table does not apply', async () => {
    try {
      await setCertificateCode({ organisationClass: 'S', organisationCode: '0123', provinceCode: '43', cityCode: '10', ownershipType: 3, siteSequence: '045' });
      const batch = await lockedBatch({ candidateCount: 1, level: 5 });
      const response = await hr.post(`/api/results/${batch.results[0].resultId}/certificate`).send({});
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.number.slice(0, 16)).toBe(`S012343103045${yearDigits}5`);
    } finally {
      await setCertificateCode(defaultCode);
    }
  });

  it('R14: refuses each invalid code field through the issue path, naming field and position, without taking a serial', async () => {
    const batch = await lockedBatch({ candidateCount: 1 });
    const resultId = batch.results[0].resultId;
    const cases: { code: Record<string, unknown>; field: string; position: string }[] = [
      { code: { ...defaultCode, organisationClass: 'X' }, field: 'organisationClass', position: '1' },
      { code: { ...defaultCode, organisationCode: '12a4' }, field: 'organisationCode', position: '2-5' },
      { code: { ...defaultCode, provinceCode: '99' }, field: 'provinceCode', position: '6-7' },
      { code: { ...defaultCode, cityCode: '10' }, field: 'cityCode', position: '8-9' },
      { code: { ...defaultCode, ownershipType: 4 }, field: 'siteType', position: '10' },
    ];
    const before = await readLastSerial(serialScope());
    try {
      for (const testCase of cases) {
        await setCertificateCode(testCase.code);
        const response = await hr.post(`/api/results/${resultId}/certificate`).send({});
        expect(response.status, testCase.field).toBe(400);
        expect(response.body.error.details).toMatchObject({ field: testCase.field, position: testCase.position });
      }
    } finally {
      await setCertificateCode(defaultCode);
    }
    // Level [16] 1-5 only.
    await ResultModel.collection.updateOne({ _id: new Types.ObjectId(resultId) }, { $set: { level: 6 } });
    const badLevel = await hr.post(`/api/results/${resultId}/certificate`).send({});
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.error.details).toMatchObject({ field: 'level', position: '16' });
    await ResultModel.collection.updateOne({ _id: new Types.ObjectId(resultId) }, { $set: { level: 4 } });
    expect(await readLastSerial(serialScope())).toBe(before);
    expect(await CertificateModel.countDocuments({ resultId: new Types.ObjectId(resultId) })).toBe(0);
    // Year [14-15]: the year of the issue date, counted separately per year.
    const issued = await hr.post(`/api/results/${resultId}/certificate`).send({});
    expect(issued.status).toBe(201);
    expect(issued.body.number.slice(13, 15)).toBe(yearDigits);
    expect(await CertificateSerialCounterModel.exists({ _id: serialCounterId({ ...serialScope(), issueYear: Number(today.slice(0, 4)) - 1 }) })).toBeNull();
  });

  it('R14: refuses the serial after 999999 (counter seeded) and leaves the counter as it was', async () => {
    const batch = await lockedBatch({ candidateCount: 2, level: 2 });
    const scope = serialScope(2);
    await CertificateSerialCounterModel.updateOne(
      { _id: serialCounterId(scope) },
      { $set: { organisationId: new Types.ObjectId(app.organisationId), issueYear: scope.issueYear, level: 2, lastSerial: 999_998 } },
      { upsert: true },
    );
    const last = await hr.post(`/api/results/${batch.results[0].resultId}/certificate`).send({});
    expect(last.status, JSON.stringify(last.body)).toBe(201);
    expect(last.body.number.slice(16)).toBe('999999');
    const rolled = await hr.post(`/api/results/${batch.results[1].resultId}/certificate`).send({});
    expect(rolled.status).toBe(422);
    expect(rolled.body.error).toMatchObject({ code: 'infeasible', details: { field: 'serial', reason: 'serial_rollover' } });
    expect(await readLastSerial(scope)).toBe(999_999);
    expect(await CertificateModel.countDocuments({ resultId: new Types.ObjectId(batch.results[1].resultId) })).toBe(0);
  });

  it('R15: verifies valid, replaced (after a reissue), revoked and forged or altered tokens, masking name and ID', async () => {
    const batch = await lockedBatch({ candidateCount: 2, nameOverrides: { 0: '张三丰' } });
    const issued = await hr.post(`/api/batches/${batch.batchId}/certificates`).send({});
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.body.issued).toHaveLength(2);
    const [first, second] = issued.body.issued as { certificateId: string; number: string }[];
    const holder = batch.results[0].candidate;
    const tokenV1 = signVerificationToken({ certificateNumber: first.number, issueVersion: 1 }, key);

    const valid = await app.agent.get(`/api/verify/${first.number}?t=${tokenV1}`);
    expect(valid.status).toBe(200);
    expect(valid.body).toMatchObject({ status: 'valid', certificate: { number: first.number, maskedName: '张*丰', occupationName: '电工', issueVersion: 1 } });
    expect(valid.body.certificate.maskedIdNumber).toBe(`${holder.idNumber.slice(0, 4)}**********${holder.idNumber.slice(14)}`);
    expect(JSON.stringify(valid.body)).not.toContain(holder.idNumber);

    const altered = `${tokenV1.slice(0, 10)}${tokenV1[10] === 'A' ? 'B' : 'A'}${tokenV1.slice(11)}`;
    for (const token of [altered, 'x'.repeat(43), signVerificationToken({ certificateNumber: first.number, issueVersion: 1 }, 'another-key-of-at-least-32-bytes!!')]) {
      const forged = await app.agent.get(`/api/verify/${first.number}?t=${token}`);
      expect(forged.body).toEqual({ status: 'not_verifiable', message: expect.any(String) });
    }
    expect((await app.agent.get(`/api/verify/${second.number}?t=${tokenV1}`)).body.status).toBe('not_verifiable');
    expect((await app.agent.get(`/api/verify/Y000144001005205000001?t=${tokenV1}`)).body.status).toBe('not_verifiable');

    const reissued = await hr.post(`/api/certificates/${first.certificateId}/reissue`).send({ reason: '证书遗失，申请补发' });
    expect(reissued.status, JSON.stringify(reissued.body)).toBe(200);
    expect(reissued.body).toMatchObject({ number: first.number, issueVersion: 2 });
    const replaced = await app.agent.get(`/api/verify/${first.number}?t=${tokenV1}`);
    expect(replaced.body).toMatchObject({ status: 'replaced', certificate: { issueVersion: 1, currentIssueVersion: 2 } });
    const tokenV2 = signVerificationToken({ certificateNumber: first.number, issueVersion: 2 }, key);
    expect((await app.agent.get(`/api/verify/${first.number}?t=${tokenV2}`)).body.status).toBe('valid');

    expect((await hr.post(`/api/certificates/${second.certificateId}/revoke`).send({ reason: 'x' })).status).toBe(403);
    const revoked = await admin.post(`/api/certificates/${second.certificateId}/revoke`).send({ reason: '认定结果被撤销' });
    expect(revoked.body.status).toBe('revoked');
    const tokenSecond = signVerificationToken({ certificateNumber: second.number, issueVersion: 1 }, key);
    expect((await app.agent.get(`/api/verify/${second.number}?t=${tokenSecond}`)).body.status).toBe('revoked');

    const page = await app.agent.get(`/verify/${second.number}?t=${tokenSecond}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toContain('证书已撤销');
    const validPage = await app.agent.get(`/verify/${first.number}?t=${tokenV2}`);
    expect(validPage.text).toContain('证书有效');
    expect(validPage.text).toContain('张*丰');
    expect(validPage.text).not.toContain(holder.idNumber);
    expect((await app.agent.get(`/verify/${first.number}?t=${altered}`)).text).toContain('无法验证');
  });

  it('R15: keeps a ledger of issue, printing, destruction, reissue and revocation with reasons, each in the audit chain', async () => {
    const batch = await lockedBatch({ candidateCount: 1 });
    const issued = await hr.post(`/api/results/${batch.results[0].resultId}/certificate`).send({});
    const id = issued.body.id as string;
    expect((await hr.post(`/api/certificates/${id}/printed`).send({ reason: '首次打印', copies: 1 })).body.printedCount).toBe(1);
    expect((await hr.post(`/api/certificates/${id}/destroyed`).send({ reason: '套打错位，作废销毁', copies: 1 })).status).toBe(200);
    expect((await hr.post(`/api/certificates/${id}/reissue`).send({ reason: '姓名有误，更正后换发', corrections: { candidateName: '李四' } })).body).toMatchObject({
      candidateName: '李四',
      issueVersion: 2,
      printedCount: 0,
    });
    expect((await hr.post(`/api/certificates/${id}/destroyed`).send({ reason: '收回的旧证销毁', issueVersion: 1 })).status).toBe(200);
    expect((await admin.post(`/api/certificates/${id}/revoke`).send({ reason: '弄虚作假，撤销证书' })).status).toBe(200);
    expect((await hr.post(`/api/certificates/${id}/printed`).send({ reason: 'again' })).status).toBe(409);
    const view = await hr.get(`/api/certificates/${id}`);
    expect(view.body.ledger.map((entry: { action: string; issueVersion: number }) => `${entry.action}:${entry.issueVersion}`)).toEqual([
      'issued:1',
      'printed:1',
      'destroyed:1',
      'reissued:2',
      'destroyed:1',
      'revoked:2',
    ]);
    expect(view.body.ledger.map((entry: { reason: string }) => entry.reason)).toContain('姓名有误，更正后换发');
    const auditActions = (await AuditEntryModel.find({ 'target.id': id }).sort({ seq: 1 }).lean()).map((entry) => entry.action);
    expect(auditActions).toEqual(['certificate.issued', 'certificate.printed', 'certificate.destroyed', 'certificate.reissued', 'certificate.destroyed', 'certificate.revoked']);
    const auditSeqs = (await AuditEntryModel.find({ 'target.id': id }).sort({ seq: 1 }).lean()).map((entry) => entry.seq);
    expect(view.body.ledger.map((entry: { auditSeq: number }) => entry.auditSeq)).toEqual(auditSeqs);
    expect((await verifyAuditChain()).isIntact).toBe(true);
  });

  it('R15: renders the certificate PDF with every printed field and a QR code that verifies', async () => {
    const batch = await lockedBatch({ candidateCount: 1 });
    const issued = await hr.post(`/api/results/${batch.results[0].resultId}/certificate`).send({});
    const response = await hr.get(`/api/certificates/${issued.body.id}/pdf`).buffer(true).parse(binary as never);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.body as Buffer;
    const text = removeWhitespace(await extractPdfText(pdf));
    const holder = batch.results[0].candidate;
    for (const expected of ['职业技能等级证书', holder.name, '居民身份证', holder.idNumber, '电工', '维修电工', '四级/中级工', issued.body.number]) {
      expect(text).toContain(removeWhitespace(expected));
    }
    const qr = decodeQrCodeFromPng(await renderPdfPageToPng(pdf, { scale: 2 }));
    expect(qr).toBe(buildVerificationUrl(app.baseUrl, { certificateNumber: issued.body.number, issueVersion: 1 }, key));
    const verified = await app.agent.get(new URL(qr!).pathname.replace('/verify/', '/api/verify/') + new URL(qr!).search);
    expect(verified.body.status).toBe('valid');
  });

  it('R15: renders a batch of certificates as a zip of PDFs with progress events', async () => {
    const batch = await lockedBatch({ candidateCount: 3 });
    expect((await hr.post(`/api/batches/${batch.batchId}/certificates`).send({})).status).toBe(201);
    const progress: { completed: number; total: number; jobId: string }[] = [];
    const unsubscribe = domainEvents.on('certificates.render_progress', (event) => {
      if (event.batchId === batch.batchId) progress.push({ completed: event.completed, total: event.total, jobId: event.jobId });
    });
    let response: Response;
    try {
      response = await hr.post(`/api/batches/${batch.batchId}/certificates/render`).send({}).buffer(true).parse(binary as never);
    } finally {
      unsubscribe();
    }
    expect(response.status).toBe(200);
    expect(response.headers['x-certificate-count']).toBe('3');
    const zip = await JSZip.loadAsync(response.body as Buffer);
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(3);
    expect(names.every((name) => /^[YS]\d{21}-v1\.pdf$/.test(name))).toBe(true);
    expect(progress.map((event) => event.completed)).toEqual([0, 1, 2, 3]);
    expect(progress.every((event) => event.total === 3 && event.jobId === response.headers['x-render-job-id'])).toBe(true);
  });

  it('R13: exports the certificate data as xlsx and CSV with the submission columns, filters and formula-injection safety, audited', async () => {
    const batch = await lockedBatch({ candidateCount: 3, nameOverrides: { 0: '=HYPERLINK("http://evil")' }, departments: ['运维部', '检修部', '运维部'] });
    expect((await hr.post(`/api/batches/${batch.batchId}/certificates`).send({})).status).toBe(201);
    const xlsx = await hr.get(`/api/certificates/export?format=xlsx&batchId=${batch.batchId}`).buffer(true).parse(binary as never);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['x-row-count']).toBe('3');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet('证书数据')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['证书编号', '姓名', '证件类型', '证件号码', '职业编码', '职业名称', '工种', '等级', '考核日期', '发证日期']);
    const rows = [2, 3, 4].map((index) => (sheet.getRow(index).values as unknown[]).slice(1));
    const injected = rows.find((row) => String(row[1]).includes('HYPERLINK'))!;
    expect(injected[1]).toBe(`'=HYPERLINK("http://evil")`);
    expect(sheet.getRow(2).getCell(2).formula).toBeUndefined();
    const plain = rows.find((row) => row[3] === batch.results[1].candidate.idNumber)!;
    expect(plain).toEqual([expect.stringMatching(/^Y\d{21}$/), batch.results[1].candidate.name, '居民身份证', batch.results[1].candidate.idNumber, '6-31-01-03', '电工', '维修电工', '四级/中级工', '2026-09-20', today]);

    const csv = await hr.get(`/api/certificates/export?format=csv&batchId=${batch.batchId}&department=${encodeURIComponent('运维部')}`).buffer(true).parse(binary as never);
    expect(csv.status).toBe(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe('"证书编号","姓名","证件类型","证件号码","职业编码","职业名称","工种","等级","考核日期","发证日期"');
    expect(lines).toHaveLength(3);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).not.toContain(batch.results[1].candidate.idNumber);

    const none = await hr.get(`/api/certificates/export?format=csv&batchId=${batch.batchId}&issuedFrom=2099-01-01`);
    expect(none.headers['x-row-count']).toBe('0');
    expect((await (await app.login('exam_admin')).get('/api/certificates/export')).status).toBe(403);
    const exports = await AuditEntryModel.find({ action: 'certificate_data.exported', 'target.id': batch.batchId }).sort({ seq: 1 }).lean();
    expect(exports.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(exports[0].payloadJson)).toMatchObject({ format: 'xlsx', rowCount: 3 });
    expect(exports[0].payloadJson).not.toContain(batch.results[1].candidate.idNumber);
  });

  it('R13: counts the certificate data deadline from the issue date and warns until the report is recorded', async () => {
    const batch = await createScoredBatch({ organisationId: app.organisationId, createdBy: admin.user.id, candidateCount: 1 });
    expect((await admin.post(`/api/batches/${batch.batchId}/publication`).send({ startDate: '2026-09-30' })).status).toBe(201);
    const actor = staffActor(app.organisationId, hr.user.id, ['hr'], 'HR');
    await closePublication({ actor, batchId: batch.batchId, today: '2026-10-13' as never });
    const summary = await issueBatchCertificates({ actor, batchId: batch.batchId, issueDate: '2026-10-15', today: '2026-10-15' as never });
    expect(summary.issued).toHaveLength(1);
    // 2026-10-15 + 30 working days = 2026-11-26.
    const view = await hr.get(`/api/batches/${batch.batchId}/publication?asOf=2026-11-24`);
    expect(view.body.deadlines.find((row: { ruleId: string }) => row.ruleId === 'R13')).toMatchObject({ date: '2026-11-26', isDone: false });
    expect(view.body.deadlineWarnings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'R13', level: 'approaching', workingDaysLeft: 2 })]));
    const reported = await hr.post(`/api/batches/${batch.batchId}/certificates/data-report`).send({ reportedOn: '2026-11-20' });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    const after = await hr.get(`/api/batches/${batch.batchId}/publication?asOf=2026-11-24`);
    expect(after.body.deadlineWarnings.filter((warning: { ruleId: string }) => warning.ruleId === 'R13')).toEqual([]);
  });

  it('R15: refuses certificates while the publication is open and lets candidates see their own', async () => {
    const candidate = await app.login('candidate');
    const batch = await createScoredBatch({
      organisationId: app.organisationId,
      createdBy: admin.user.id,
      candidates: [{ id: candidate.user.id, name: candidate.user.name, idNumber: candidate.user.idNumber! }],
    });
    expect((await admin.post(`/api/batches/${batch.batchId}/publication`).send({ startDate: '2026-10-09' })).status).toBe(201);
    const early = await hr.post(`/api/batches/${batch.batchId}/certificates`).send({});
    expect(early.status).toBe(412);
    expect((await admin.post(`/api/batches/${batch.batchId}/publication/close`).send({})).status).toBe(200);
    expect((await (await app.login('exam_admin')).post(`/api/batches/${batch.batchId}/certificates`).send({})).status).toBe(403);
    expect((await hr.post(`/api/batches/${batch.batchId}/certificates`).send({})).body.issued).toHaveLength(3);
    const mine = await candidate.get('/api/certificates/mine');
    expect(mine.body.certificates).toHaveLength(1);
    expect(mine.body.certificates[0]).toMatchObject({ candidateName: candidate.user.name, idNumber: candidate.user.idNumber });
  });
});
