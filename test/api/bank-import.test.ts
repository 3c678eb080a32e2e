/**
 * Bank import through the real API and the real store: dry run, all-or-nothing confirm, derived
 * blueprint, progress events, row errors of a bad file, and the readiness gate (R1, R2, R17).
 * The provincial banks are read in place from ../shared/banks.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { assertScopeReady } from '@skillcert/server/domain/bank/assert-scope-ready';
import type { BankImportProgressEvent } from '@skillcert/server/domain/bank/bank-events';
import { domainEvents } from '@skillcert/server/domain/events';
import { AppError } from '@skillcert/server/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';

const banksDirectory = new URL('../../../shared/banks/', import.meta.url);
const readBank = (name: string) => readFile(fileURLToPath(new URL(name, banksDirectory)));

/** Uploads a file as the raw body of a dry run. */
function upload(agent: SignedInAgent, scopeId: string, fileName: string, bytes: Buffer) {
  return agent
    .post(`/api/bank/scopes/${scopeId}/imports`)
    .set('Content-Type', 'application/octet-stream')
    .set('X-File-Name', encodeURIComponent(fileName))
    .send(bytes);
}

async function createScope(agent: SignedInAgent, body: Record<string, unknown>): Promise<string> {
  const response = await agent.post('/api/bank/scopes').send(body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function countItems(agent: SignedInAgent, query = ''): Promise<number> {
  const response = await agent.get(`/api/bank/items?limit=1${query}`);
  expect(response.status).toBe(200);
  return response.body.total as number;
}

describe('bank import API (dry run, all-or-nothing confirm)', () => {
  let app: TestApp;
  let editor: SignedInAgent;
  let reviewer: SignedInAgent;
  let admin: SignedInAgent;
  let lowVoltageScopeId: string;

  beforeAll(async () => {
    app = await startTestApp();
    editor = await app.login('bank_editor');
    reviewer = await app.login('bank_reviewer');
    admin = await app.login('admin');
    lowVoltageScopeId = await createScope(editor, {
      occupationCode: '6-31-01-03',
      occupationName: '电工',
      workType: '低压电工作业',
      level: 4,
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('R1: dry run of 省级低压电工作业.xlsx reports 734 items (295 single, 64 multiple, 375 judge) and writes no item', async () => {
    const events: BankImportProgressEvent[] = [];
    const unsubscribe = domainEvents.on('bank.import_progress', (event: BankImportProgressEvent) => events.push(event));
    const response = await upload(editor, lowVoltageScopeId, '省级低压电工作业.xlsx', await readBank('省级低压电工作业.xlsx'));
    unsubscribe();
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({
      fileName: '省级低压电工作业.xlsx',
      format: 'xlsx',
      status: 'pending',
      counts: { single: 295, multiple: 64, judge: 375, total: 734 },
      rejectedCount: 0,
      canConfirm: true,
      analysis: { blueprint: 'derived' },
    });
    expect(response.body.importId).toMatch(/^[0-9a-f]{24}$/);
    expect(await countItems(editor, `&scopeId=${lowVoltageScopeId}`)).toBe(0);
    const own = events.filter((event) => event.importId === response.body.importId);
    expect(own.length).toBeGreaterThan(1);
    expect(own.every((event) => event.phase === 'parse' && event.scopeId === lowVoltageScopeId)).toBe(true);
    expect(own.at(-1)!.done).toBe(own.at(-1)!.total);
  });

  it('R1 R17: confirming imports all 734 items as drafts in one go, derives the blueprint and audits the import', async () => {
    const dryRun = await upload(editor, lowVoltageScopeId, '省级低压电工作业.xlsx', await readBank('省级低压电工作业.xlsx'));
    const events: BankImportProgressEvent[] = [];
    const unsubscribe = domainEvents.on('bank.import_progress', (event: BankImportProgressEvent) => events.push(event));
    const confirmed = await editor.post(`/api/bank/scopes/${lowVoltageScopeId}/imports/${dryRun.body.importId}/confirm`).send({});
    unsubscribe();
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(confirmed.body.itemIds).toHaveLength(734);
    expect(events.filter((event) => event.phase === 'write').at(-1)).toMatchObject({ done: 734, total: 734 });

    const scope = await editor.get(`/api/bank/scopes/${lowVoltageScopeId}`);
    expect(scope.body.itemCounts.theory).toEqual({ draft: 734, in_review: 0, approved: 0, retired: 0 });
    expect(scope.body.hasBlueprint).toBe(true);
    const blueprint = await editor.get(`/api/bank/scopes/${lowVoltageScopeId}/blueprint`);
    expect(blueprint.status).toBe(200);
    expect(blueprint.body.itemsWithoutKnowledgePoint).toBe(0);
    expect(blueprint.body.leaves.reduce((sum: number, leaf: { itemCount: number }) => sum + leaf.itemCount, 0)).toBe(734);
    expect(await countItems(editor, `&scopeId=${lowVoltageScopeId}&type=multiple`)).toBe(64);

    const audit = await admin.get('/api/admin/audit?action=bank_import.confirmed');
    const entry = audit.body.entries.find((candidate: { target: { id: string } }) => candidate.target.id === dryRun.body.importId);
    expect(entry.payload).toMatchObject({ status: 'draft', blueprintDerived: true, counts: { total: 734 } });
    expect(entry.payload.itemIds).toHaveLength(734);

    const again = await editor.post(`/api/bank/scopes/${lowVoltageScopeId}/imports/${dryRun.body.importId}/confirm`).send({});
    expect(again.status).toBe(409);
  });

  it('R17: a file with bad rows reports row, column and reason, and confirming it writes nothing', async () => {
    const scopeId = await createScope(editor, { occupationCode: '6-18-02-04', occupationName: '焊工', workType: '电焊', level: 4 });
    const before = await countItems(editor);
    const auditBefore = (await admin.get('/api/admin/audit?limit=500')).body.entries.length;
    const dryRun = await upload(editor, scopeId, '新电焊国家题库2018.xlsx', await readBank('新电焊国家题库2018.xlsx'));
    expect(dryRun.status).toBe(201);
    expect(dryRun.body.canConfirm).toBe(false);
    expect(dryRun.body.rejectedCount).toBeGreaterThan(0);
    expect(dryRun.body.rejected.length).toBe(dryRun.body.rejectedCount);
    for (const row of dryRun.body.rejected) {
      expect(row.row).toBeGreaterThan(1);
      expect(row.column).toMatch(/^[A-Z]+ \(/);
      expect(row.reason).not.toBe('');
    }
    const confirmed = await editor.post(`/api/bank/scopes/${scopeId}/imports/${dryRun.body.importId}/confirm`).send({});
    expect(confirmed.status).toBe(400);
    expect(confirmed.body.error.code).toBe('validation_failed');
    expect(confirmed.body.error.message).toContain(`${dryRun.body.rejected[0].row}`);
    expect(confirmed.body.error.details.rejected).toHaveLength(dryRun.body.rejectedCount);
    expect(await countItems(editor)).toBe(before);
    const scope = await editor.get(`/api/bank/scopes/${scopeId}`);
    expect(scope.body.hasBlueprint).toBe(false);
    const auditAfter = (await admin.get('/api/admin/audit?limit=500')).body.entries.map((entry: { action: string }) => entry.action);
    expect(auditAfter.length).toBe(auditBefore + 1);
    expect(auditAfter[0]).toBe('bank_import.previewed');
  });

  it('answers 400 naming the problem for an upload that is not an xlsx workbook', async () => {
    const response = await upload(editor, lowVoltageScopeId, 'notes.xlsx', Buffer.from('just some text, not a workbook'));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/notes\.xlsx.*not an xlsx workbook/);
  });

  it('R17: only a bank reviewer may import items as approved', async () => {
    const scopeId = await createScope(editor, { occupationCode: '6-31-01-03', occupationName: '电工', workType: '低压电工作业', level: 5 });
    const dryRun = await upload(editor, scopeId, 'low-voltage.xlsx', await readBank('省级低压电工作业.xlsx'));
    const refused = await editor.post(`/api/bank/scopes/${scopeId}/imports/${dryRun.body.importId}/confirm`).send({ status: 'approved' });
    expect(refused.status).toBe(403);
    expect(await countItems(editor, `&scopeId=${scopeId}`)).toBe(0);
  });

  it('R1: readiness of 省级叉车管理员.xlsx fails with "296 of 500 theory items" among the shortfalls', async () => {
    const scopeId = await createScope(editor, { occupationCode: '4-02-05-01', occupationName: '叉车管理员', workType: '叉车', level: 4 });
    const dryRun = await upload(reviewer, scopeId, '省级叉车管理员.xlsx', await readBank('省级叉车管理员.xlsx'));
    expect(dryRun.body.counts.total).toBe(296);
    const confirmed = await reviewer.post(`/api/bank/scopes/${scopeId}/imports/${dryRun.body.importId}/confirm`).send({ status: 'approved' });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);

    const readiness = await editor.get(`/api/bank/scopes/${scopeId}/readiness`);
    expect(readiness.status).toBe(200);
    expect(readiness.body.isReady).toBe(false);
    const messages = readiness.body.shortfalls.map((shortfall: { message: string }) => shortfall.message);
    expect(messages).toContain('296 of 500 theory items');
    expect(messages).toContain('0 of 5 theory papers');
    expect(messages).toContain('0 of 50 practical items');
    expect(readiness.body.counts).toMatchObject({ approvedTheoryItems: 296, activeTheoryPapers: 0 });
    expect(readiness.body.coverage.length).toBeGreaterThan(0);

    const failure = await assertScopeReady(scopeId).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('readiness_failed');
    expect((failure as AppError).message).toContain('296 of 500 theory items');
    expect((failure as AppError).details).toMatchObject({ scopeId });
  });
});
