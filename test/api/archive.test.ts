import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destroyArchiveRecords } from '@skillcert/server/domain/archive/destroy-archive-records';
import { ArchiveModel } from '@skillcert/server/domain/archive/archive.model';
import { computeAuditHash, computePayloadDigest } from '@skillcert/server/domain/audit/audit-hash';
import { AuditEntryModel } from '@skillcert/server/domain/audit/audit-entry.model';
import { closeSharedRenderPool } from '@skillcert/server/render/shared-render-pool';
import { BatchModel } from '@skillcert/server/domain/plans/batch.model';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';
import { extractPdfText, removeWhitespace } from '../helpers/pdf';
import { createScoredBatch, staffActor } from '../helpers/results-fixture';

function binary(response: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

const sha256 = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');

interface ManifestFile {
  path: string;
  document: string;
  retentionKind: string;
  retentionUntil: string;
  sha256: string;
  bytes: number;
}

describe('batch archive (R16)', () => {
  let app: TestApp;
  let admin: SignedInAgent;
  let hr: SignedInAgent;
  let batchId: string;
  let archiveId: string;
  let zip: JSZip;
  let manifest: {
    batch: { id: string };
    retention: { baseDate: string; untilByKind: Record<string, string> };
    files: ManifestFile[];
    paperRecords: { document: string; retentionUntil: string; electronicCopies: string[] }[];
    missing: { document: string; retentionKind: string; retentionUntil: string; reason: string }[];
    auditCheck: { isIntact: boolean; excerptCount: number; isExcerptConsistent: boolean };
  };

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.login('admin');
    hr = await app.login('hr');
    const batch = await createScoredBatch({ organisationId: app.organisationId, createdBy: admin.user.id, candidateCount: 3, failingIndexes: [2] });
    batchId = batch.batchId;
    expect((await admin.post(`/api/batches/${batchId}/publication`).send({ startDate: '2026-10-09' })).status).toBe(201);
    const objection = await admin.post(`/api/batches/${batchId}/publication/objections`).send({ resultId: batch.results[2].resultId, kind: 'rescoring', reason: '申请复核' });
    await admin.post(`/api/objections/${objection.body.id}/decision`).send({ outcome: 'rejected', reason: '复核无误' });
    expect((await admin.post(`/api/batches/${batchId}/publication/close`).send({})).status).toBe(200);
    expect((await hr.post(`/api/batches/${batchId}/certificates`).send({})).status).toBe(201);
    const built = await admin.post(`/api/batches/${batchId}/archive`).send({});
    expect(built.status, JSON.stringify(built.body)).toBe(201);
    archiveId = built.body.id;
    const download = await admin.get(`/api/archives/${archiveId}/download`).buffer(true).parse(binary as never);
    expect(download.status).toBe(200);
    expect(sha256(download.body as Buffer)).toBe(built.body.zipSha256);
    expect(download.headers['x-content-sha256']).toBe(built.body.zipSha256);
    zip = await JSZip.loadAsync(download.body as Buffer);
    manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
  }, 120_000);

  afterAll(async () => {
    await closeSharedRenderPool();
    await app?.stop();
  });

  it('R16: lists every file of the zip in the manifest with its sha256, size and retention date', async () => {
    const paths = Object.values(zip.files)
      .filter((entry) => !entry.dir && entry.name !== 'manifest.json')
      .map((entry) => entry.name)
      .sort();
    expect(manifest.files.map((file) => file.path).sort()).toEqual(paths);
    for (const file of manifest.files) {
      const content = await zip.file(file.path)!.async('uint8array');
      expect(sha256(content), file.path).toBe(file.sha256);
      expect(content.length).toBe(file.bytes);
      expect(file).toMatchObject({ retentionKind: 'electronic', retentionUntil: manifest.retention.untilByKind.electronic });
    }
  });

  it('R16: holds announcement, roster, papers, sign-in sheets, score sheets, result summary, publication, certificate table and audit excerpt', () => {
    const documents = new Set(manifest.files.map((file) => file.document));
    for (const document of ['announcement', 'roster', 'sign_in_sheets', 'score_sheets', 'result_summary', 'publication', 'certificate_table', 'audit_excerpt']) {
      expect(documents.has(document), document).toBe(true);
    }
    const paths = manifest.files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '02-roster/roster.csv',
        '08-result-summary/result-summary.csv',
        '09-publication/publication-notice.json',
        '09-publication/publication-notice.pdf',
        '09-publication/objections.json',
        '11-certificates/certificate-table.pdf',
        '11-certificates/certificate-table.csv',
        '11-certificates/certificate-ledger.json',
        '12-audit/audit-excerpt.json',
      ]),
    );
    expect(paths.some((path) => /^04-sign-in-sheets\/.+\.pdf$/.test(path))).toBe(true);
  });

  it('R16: lists what the platform does not hold as missing with the reason instead of inventing it', () => {
    const missing = Object.fromEntries(manifest.missing.map((entry) => [entry.document, entry]));
    expect(missing.room_records.reason).toMatch(/no room record generator yet/);
    expect(missing.monitoring_video).toMatchObject({ retentionKind: 'video', retentionUntil: manifest.retention.untilByKind.video });
    expect(missing.papers.reason).toMatch(/no paper library/);
    expect(missing.applications).toBeDefined();
    expect(missing.review_materials.reason).toMatch(/not applicable/);
  });

  it('R16: computes retention per kind from the publication end: paper 3 years, electronic and video 5 years', async () => {
    const batch = await BatchModel.findById(batchId).lean();
    const end = batch!.milestones!.publicationEndDate!;
    const plusYears = (years: number) => `${Number(end.slice(0, 4)) + years}${end.slice(4)}`;
    expect(manifest.retention).toMatchObject({ baseDate: end, untilByKind: { paper: plusYears(3), electronic: plusYears(5), video: plusYears(5) } });
    expect(manifest.paperRecords.map((record) => record.document)).toEqual(expect.arrayContaining(['sign_in_sheets', 'score_sheets']));
    expect(manifest.paperRecords.every((record) => record.retentionUntil === plusYears(3))).toBe(true);
    expect(batch!.status).toBe('archived');
  });

  it('R10 R16: includes an audit excerpt of the batch whose entries recompute and whose chain verified intact', async () => {
    const excerpt = JSON.parse(await zip.file('12-audit/audit-excerpt.json')!.async('string'));
    expect(excerpt.chain.isIntact).toBe(true);
    expect(excerpt.isExcerptConsistent).toBe(true);
    expect(manifest.auditCheck).toMatchObject({ isIntact: true, isExcerptConsistent: true, excerptCount: excerpt.entries.length });
    const actions = excerpt.entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['publication.opened', 'objection.filed', 'objection.rejected', 'publication.closed', 'certificate.issued']));
    for (const entry of excerpt.entries) {
      expect(computePayloadDigest(entry.payloadJson)).toBe(entry.payloadDigest);
      const hash = computeAuditHash({ ...entry, at: new Date(entry.at) });
      expect(hash, `seq ${entry.seq}`).toBe(entry.hash);
      const stored = await AuditEntryModel.findOne({ seq: entry.seq }).lean();
      expect(stored?.hash).toBe(entry.hash);
    }
  });

  it('R11 R15 R16: keeps the frozen publication notice and the certificate table as PDFs', async () => {
    const notice = JSON.parse(await zip.file('09-publication/publication-notice.json')!.async('string'));
    expect(notice.status).toBe('closed');
    expect(notice.rows).toHaveLength(3);
    const table = removeWhitespace(await extractPdfText(await zip.file('11-certificates/certificate-table.pdf')!.async('uint8array')));
    expect(table).toContain('证书发放登记表');
    expect(table.match(/[YS]\d{21}/g)).toHaveLength(2);
  });

  it('R16: refuses destruction before the retention date and records it through the ledger after', async () => {
    const refused = await admin.post(`/api/archives/${archiveId}/destructions`).send({ retentionKind: 'paper', reason: '到期销毁', approvalReference: '评委会〔2029〕1号' });
    expect(refused.status).toBe(412);
    expect(refused.body.error.details).toMatchObject({ retentionKind: 'paper', retentionUntil: manifest.retention.untilByKind.paper });
    expect((await hr.post(`/api/archives/${archiveId}/destructions`).send({ retentionKind: 'paper', reason: 'x', approvalReference: 'y' })).status).toBe(403);

    const actor = staffActor(app.organisationId, admin.user.id);
    const paperDay = manifest.retention.untilByKind.paper;
    const dayBefore = new Date(Date.parse(`${paperDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await expect(destroyArchiveRecords({ actor, archiveId, retentionKind: 'paper', reason: 'x', approvalReference: 'y', today: dayBefore as never })).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    const afterPaper = await destroyArchiveRecords({ actor, archiveId, retentionKind: 'paper', reason: '纸质签到表、评分表到期销毁', approvalReference: '评委会〔2029〕1号', today: paperDay as never });
    expect(afterPaper.destructions).toHaveLength(1);
    expect(afterPaper.fileId).not.toBeNull();
    await expect(
      destroyArchiveRecords({ actor, archiveId, retentionKind: 'electronic', reason: 'x', approvalReference: 'y', today: paperDay as never }),
    ).rejects.toMatchObject({ code: 'precondition_failed' });
    const electronicDay = manifest.retention.untilByKind.electronic;
    const afterElectronic = await destroyArchiveRecords({ actor, archiveId, retentionKind: 'electronic', reason: '电子档案到期销毁', approvalReference: '评委会〔2031〕2号', today: electronicDay as never });
    expect(afterElectronic.fileId).toBeNull();
    expect(afterElectronic.files.every((file) => file.destroyedAt)).toBe(true);
    expect((await admin.get(`/api/archives/${archiveId}/download`)).status).toBe(409);
    await expect(
      destroyArchiveRecords({ actor, archiveId, retentionKind: 'paper', reason: 'x', approvalReference: 'y', today: electronicDay as never }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const ledger = await AuditEntryModel.find({ action: 'archive.records_destroyed', 'target.id': archiveId }).sort({ seq: 1 }).lean();
    expect(ledger.map((entry) => JSON.parse(entry.payloadJson).retentionKind)).toEqual(['paper', 'electronic']);
    const view = await admin.get(`/api/archives/${archiveId}`);
    expect(view.body.destructions.map((entry: { retentionKind: string; approvalReference: string }) => entry.retentionKind)).toEqual(['paper', 'electronic']);
  });

  it('R16: a rebuild creates the next version and supersedes the previous one', async () => {
    const rebuilt = await admin.post(`/api/batches/${batchId}/archive`).send({});
    expect(rebuilt.status).toBe(201);
    expect(rebuilt.body).toMatchObject({ version: 2, status: 'current' });
    const archives = await ArchiveModel.find({ batchId: new Types.ObjectId(batchId) }).sort({ version: 1 }).lean();
    expect(archives.map((archive) => `${archive.version}:${archive.status}`)).toEqual(['1:superseded', '2:current']);
  });

  it('R16: refuses to archive a batch whose publication has not closed', async () => {
    const open = await createScoredBatch({ organisationId: app.organisationId, createdBy: admin.user.id, candidateCount: 1 });
    const response = await admin.post(`/api/batches/${open.batchId}/archive`).send({});
    expect(response.status).toBe(412);
  });
});
