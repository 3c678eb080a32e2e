/**
 * Export (R17: a stated reason, audited, bank roles only, formula-injection safe) and near-duplicates
 * (R2: reported within and across scopes, merged or marked distinct) through the real API.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';

const judge = (stem: string, answer = 0) => ({ kind: 'theory', type: 'judge', stem, options: ['正确', '错误'], answer: [answer] });
const single = (stem: string, options: string[], answer: number, extra: Record<string, unknown> = {}) => ({
  kind: 'theory',
  type: 'single',
  stem,
  options,
  answer: [answer],
  ...extra,
});
const voltageOptions = ['12', '24', '36', '42'];

/** A JSON theory bank with known duplicates: 0≈1 (punctuation), 3≈4, 6≈7 (one character). */
const bankA = [
  judge('电气设备发生火灾时，应首先切断电源。'),
  judge('电气设备发生火灾时应首先切断电源'),
  single('配电箱的箱门应如何标识？', ['写明责任人', '不需要标识', '涂成黑色', '随意'], 0, { category: '=HYPERLINK("http://example.invalid","点此")', chapter: '-1+2' }),
  single('安全电压的上限值是多少伏？', voltageOptions, 3),
  single('安全电压的上限值是多少伏', voltageOptions, 3),
  { kind: 'theory', type: 'multiple', stem: '下列属于绝缘安全用具的有（ ）。', options: ['绝缘手套', '绝缘靴', '验电器', '安全帽'], answer: [0, 1, 2] },
  judge('使用低压验电器检测时，可以通过氖泡是否发光来区分相线和零线。'),
  judge('使用低压验电器检测时，可以通过氖泡是否发光来区分相线与零线。'),
];
const bankB = [single('安全电压的上限值是多少伏？', voltageOptions, 3), judge('登高作业必须系好安全带。')];

function jsonBank(items: unknown[]): Buffer {
  return Buffer.from(JSON.stringify({ format: 'skillcert.theory-bank', version: 1, items }), 'utf8');
}

describe('bank export and near-duplicates API', () => {
  let app: TestApp;
  let editor: SignedInAgent;
  let admin: SignedInAgent;
  let examAdmin: SignedInAgent;
  let scopeA: string;
  let scopeB: string;
  let idsA: string[];

  async function importJson(scopeId: string, items: unknown[]): Promise<string[]> {
    const dryRun = await editor
      .post(`/api/bank/scopes/${scopeId}/imports?fileName=bank.json`)
      .set('Content-Type', 'application/octet-stream')
      .send(jsonBank(items));
    expect(dryRun.status, JSON.stringify(dryRun.body)).toBe(201);
    expect(dryRun.body.format).toBe('json');
    const confirmed = await editor.post(`/api/bank/scopes/${scopeId}/imports/${dryRun.body.importId}/confirm`).send({});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    return confirmed.body.itemIds;
  }

  beforeAll(async () => {
    app = await startTestApp();
    editor = await app.login('bank_editor');
    admin = await app.login('admin');
    examAdmin = await app.login('exam_admin');
    scopeA = (await editor.post('/api/bank/scopes').send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '维修电工', level: 3 })).body.id;
    scopeB = (await editor.post('/api/bank/scopes').send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '维修电工', level: 4 })).body.id;
    idsA = await importJson(scopeA, bankA);
    await importJson(scopeB, bankB);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('R2: reports duplicate pairs and clusters within a scope and stores cluster ids on the items', async () => {
    const report = await editor.get(`/api/bank/scopes/${scopeA}/duplicates`);
    expect(report.status).toBe(200);
    const pairKeys = report.body.pairs.map((pair: { a: { id: string }; b: { id: string } }) => [pair.a.id, pair.b.id].sort().join('|'));
    expect(pairKeys).toEqual(expect.arrayContaining([[idsA[0], idsA[1]].sort().join('|'), [idsA[3], idsA[4]].sort().join('|'), [idsA[6], idsA[7]].sort().join('|')]));
    expect(report.body.clusters).toHaveLength(3);
    expect(report.body.duplicateRate).toBeCloseTo(3 / 8, 10);
    expect(JSON.stringify(report.body)).not.toContain('"answer"');
    const first = await editor.get(`/api/bank/items/${idsA[0]}`);
    const second = await editor.get(`/api/bank/items/${idsA[1]}`);
    expect(first.body.clusterId).toBeDefined();
    expect(second.body.clusterId).toBe(first.body.clusterId);
    expect((await editor.get(`/api/bank/items/${idsA[5]}`)).body.clusterId).toBeUndefined();
  });

  it('R2: reports duplicates across the organisation’s scopes', async () => {
    const report = await editor.get(`/api/bank/scopes/${scopeA}/duplicates?across=other`);
    expect(report.status).toBe(200);
    expect(report.body.pairs.length).toBeGreaterThan(0);
    for (const pair of report.body.pairs) {
      expect(pair.isCrossScope).toBe(true);
      expect([pair.a.scopeId, pair.b.scopeId].sort()).toEqual([scopeA, scopeB].sort());
    }
  });

  it('R2 R17: merging keeps one item, retires the other and audits it; marking distinct excludes the pair later', async () => {
    const merged = await editor.post('/api/bank/duplicates/merge').send({ keepItemId: idsA[0], retireItemId: idsA[1], note: '标点不同' });
    expect(merged.status).toBe(200);
    expect(merged.body.retired).toMatchObject({ status: 'retired', mergedIntoId: idsA[0] });
    expect(merged.body.kept.status).toBe('draft');

    const distinct = await editor.post('/api/bank/duplicates/distinct').send({ itemIds: [idsA[6], idsA[7]], note: '考查点不同' });
    expect(distinct.status).toBe(200);
    expect(distinct.body.items.find((item: { id: string }) => item.id === idsA[6]).distinctFrom).toEqual([idsA[7]]);

    const report = await editor.get(`/api/bank/scopes/${scopeA}/duplicates`);
    const ids = report.body.pairs.flatMap((pair: { a: { id: string }; b: { id: string } }) => [pair.a.id, pair.b.id]);
    expect(ids).not.toContain(idsA[1]);
    expect(ids).not.toContain(idsA[6]);
    expect(report.body.clusters).toHaveLength(1);
    expect(report.body.excludedPairs).toBe(1);
    expect((await editor.get(`/api/bank/items/${idsA[6]}`)).body.clusterId).toBeUndefined();

    const audit = await admin.get('/api/admin/audit?targetKind=item&limit=50');
    const actions = audit.body.entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['item.merged', 'item.marked_distinct']));
  });

  it('R17: export needs a stated reason and a bank role', async () => {
    const withoutReason = await editor.post(`/api/bank/scopes/${scopeA}/export`).send({ format: 'xlsx' });
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.error.message).toMatch(/^body\.reason/);
    const blank = await editor.post(`/api/bank/scopes/${scopeA}/export`).send({ format: 'xlsx', reason: '   ' });
    expect(blank.status).toBe(400);
    const byExamAdmin = await examAdmin.post(`/api/bank/scopes/${scopeA}/export`).send({ format: 'xlsx', reason: '备份' });
    expect(byExamAdmin.status).toBe(403);
  });

  it('R17: exports the template xlsx with text cells only (no formulas), audited with the reason, re-importable', async () => {
    const response = await editor
      .post(`/api/bank/scopes/${scopeA}/export`)
      .send({ format: 'xlsx', reason: '报送省鉴定中心备案' })
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toMatch(/attachment/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    let formulaCells = 0;
    let injected = '';
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulaCells += 1;
        if (String(cell.value).startsWith('=HYPERLINK')) {
          injected = String(cell.value);
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          expect(cell.numFmt).toBe('@');
        }
      }),
    );
    expect(formulaCells).toBe(0);
    expect(injected).toBe('=HYPERLINK("http://example.invalid","点此")');
    expect(sheet.rowCount).toBe(1 + 7);

    const audit = await admin.get('/api/admin/audit?action=bank.exported');
    expect(audit.body.entries[0].payload).toMatchObject({ reason: '报送省鉴定中心备案', format: 'xlsx', itemCount: 7 });

    const scopeC = (await editor.post('/api/bank/scopes').send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '维修电工', level: 5 })).body.id;
    const reimport = await editor
      .post(`/api/bank/scopes/${scopeC}/imports?fileName=export.xlsx`)
      .set('Content-Type', 'application/octet-stream')
      .send(response.body as Buffer);
    expect(reimport.body).toMatchObject({ rejectedCount: 0, counts: { total: 7 } });
  });

  it('R17: exports JSON with answer keys for bank roles', async () => {
    const response = await editor.post(`/api/bank/scopes/${scopeB}/export`).send({ format: 'json', reason: '迁移到新平台' });
    expect(response.status).toBe(200);
    const document = JSON.parse(response.text);
    expect(document.format).toBe('skillcert.theory-bank');
    expect(document.items).toHaveLength(2);
    expect(document.items[0].answer).toEqual([3]);
  });
});
