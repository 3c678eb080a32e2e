/**
 * Blueprints 认定要素细目表 through the real API: set (validated), import from xlsx, derive from the
 * items' 作业种类/章节; and pictures of imported items stored under content ids (R2, R17).
 */
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';

const blueprint = {
  nodes: [
    { code: 'A', name: '安全知识', weight: 0.6, children: [{ code: 'A1', name: '法规', weight: 0.5 }, { code: 'A2', name: '防护', weight: 0.5 }] },
    { code: 'B', name: '电工基础', weight: 0.4 },
  ],
  structure: [
    { type: 'judge', count: 20, pointsEach: 1 },
    { type: 'single', count: 40, pointsEach: 2 },
  ],
};

/** A one-item template workbook whose item row carries a 2×2 PNG picture. */
async function workbookWithPicture(): Promise<Buffer> {
  const png = new PNG({ width: 2, height: 2 });
  png.data.fill(200);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题库');
  sheet.addRow(['作业种类', '章节', '试题类型', '题目内容', '题目选项', '题目答案']);
  sheet.addRow(['安全知识', '防护', '判断题', '1、图示标志表示“当心触电”。', '**A.正确**B.错误', 'A']);
  const imageId = workbook.addImage({ buffer: PNG.sync.write(png) as unknown as ExcelJS.Buffer, extension: 'png' });
  sheet.addImage(imageId, { tl: { col: 3, row: 1 }, ext: { width: 20, height: 20 } });
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('bank blueprint API and item pictures', () => {
  let app: TestApp;
  let editor: SignedInAgent;
  let examAdmin: SignedInAgent;
  let proctor: SignedInAgent;
  let scopeId: string;

  beforeAll(async () => {
    app = await startTestApp();
    editor = await app.login('bank_editor');
    examAdmin = await app.login('exam_admin');
    proctor = await app.login('proctor');
    scopeId = (await editor.post('/api/bank/scopes').send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '低压电工作业', level: 2 })).body.id;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('R2: stores a valid blueprint and refuses one whose sibling weights do not sum to 1, naming the path', async () => {
    const stored = await editor.put(`/api/bank/scopes/${scopeId}/blueprint`).send({ blueprint });
    expect(stored.status).toBe(200);
    const read = await examAdmin.get(`/api/bank/scopes/${scopeId}/blueprint`);
    expect(read.body.leaves.map((leaf: { code: string; absoluteWeight: number }) => [leaf.code, leaf.absoluteWeight])).toEqual([
      ['A1', 0.3],
      ['A2', 0.3],
      ['B', 0.4],
    ]);
    const bad = structuredClone(blueprint);
    bad.nodes[0].children![1].weight = 0.3;
    const refused = await editor.put(`/api/bank/scopes/${scopeId}/blueprint`).send({ blueprint: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('nodes[0].children');
    expect(refused.body.error.details.issues[0].path).toBe('nodes[0].children');
  });

  it('R2 R17: an xlsx export of items written with knowledge points names their blueprint node and leaf, so re-importing it matches every item', async () => {
    const items = [
      { kind: 'theory', type: 'judge', stem: '特种作业人员必须持证上岗。', options: ['正确', '错误'], answer: [0], knowledgePoint: 'A1' },
      { kind: 'theory', type: 'judge', stem: '在潮湿场所应使用安全电压。', options: ['正确', '错误'], answer: [0], knowledgePoint: 'A2' },
      { kind: 'theory', type: 'single', stem: '电阻的单位是（ ）。', options: ['欧姆', '伏特', '安培', '瓦特'], answer: [0], knowledgePoint: 'B' },
    ];
    const json = Buffer.from(JSON.stringify({ format: 'skillcert.theory-bank', version: 1, items }), 'utf8');
    const scopeId = (await editor.post('/api/bank/scopes').send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '导出再导入', level: 3 })).body.id as string;
    expect((await editor.put(`/api/bank/scopes/${scopeId}/blueprint`).send({ blueprint })).status).toBe(200);
    const imported = await editor.post(`/api/bank/scopes/${scopeId}/imports?fileName=kp.json`).set('Content-Type', 'application/octet-stream').send(json);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect((await editor.post(`/api/bank/scopes/${scopeId}/imports/${imported.body.importId}/confirm`).send({})).status).toBe(200);

    const exported = await editor
      .post(`/api/bank/scopes/${scopeId}/export`)
      .send({ format: 'xlsx', reason: '回归测试：导出后再导入' })
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(exported.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.body as unknown as ExcelJS.Buffer);
    const rows = new Map<string, [string, string]>();
    workbook.worksheets[0].eachRow((row, rowNumber) => {
      if (rowNumber > 1) rows.set(String(row.getCell(4).value), [String(row.getCell(1).value ?? ''), String(row.getCell(2).value ?? '')]);
    });
    expect(rows.get('1、特种作业人员必须持证上岗。')).toEqual(['安全知识', '法规']);
    expect(rows.get('2、在潮湿场所应使用安全电压。')).toEqual(['安全知识', '防护']);
    expect(rows.get('3、电阻的单位是（ ）。')).toEqual(['', '电工基础']);

    const again = await editor.post(`/api/bank/scopes/${scopeId}/imports?fileName=export.xlsx`).set('Content-Type', 'application/octet-stream').send(exported.body);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(JSON.stringify(again.body)).toMatch(/"unmatchedKnowledgePoints":0[,}]/);
  });

  it('imports a blueprint from an xlsx file (细目表 + 试卷结构 sheets)', async () => {
    const workbook = new ExcelJS.Workbook();
    const nodes = workbook.addWorksheet('细目表');
    nodes.addRows([
      ['code', 'name', 'weight', 'parent'],
      ['1', '基础知识', '40%', ''],
      ['2', '专业知识', '60%', ''],
    ]);
    const structure = workbook.addWorksheet('试卷结构');
    structure.addRows([
      ['type', 'count', 'pointsEach'],
      ['judge', 50, 1],
    ]);
    const bytes = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const response = await editor
      .post(`/api/bank/scopes/${scopeId}/blueprint/import`)
      .set('Content-Type', 'application/octet-stream')
      .set('X-File-Name', encodeURIComponent('细目表.xlsx'))
      .send(bytes);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.blueprint.nodes.map((node: { weight: number }) => node.weight)).toEqual([0.4, 0.6]);
  });

  it('R17: stores pictures of imported items under content ids, for item readers only', async () => {
    const otherScope = (await editor.post('/api/bank/scopes').send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '低压电工作业', level: 1 })).body.id;
    const dryRun = await editor
      .post(`/api/bank/scopes/${otherScope}/imports?fileName=${encodeURIComponent('带图.xlsx')}`)
      .set('Content-Type', 'application/octet-stream')
      .send(await workbookWithPicture());
    expect(dryRun.status, JSON.stringify(dryRun.body)).toBe(201);
    expect(dryRun.body).toMatchObject({ imageCount: 1, counts: { total: 1 } });
    const confirmed = await editor.post(`/api/bank/scopes/${otherScope}/imports/${dryRun.body.importId}/confirm`).send({});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const item = await editor.get(`/api/bank/items/${confirmed.body.itemIds[0]}`);
    const [imageId] = item.body.content.images;
    expect(imageId).toMatch(/^[0-9a-f]{32}\.png$/);
    const picture = await examAdmin.get(`/api/bank/images/${imageId}`).buffer(true);
    expect(picture.status).toBe(200);
    expect(picture.headers['content-type']).toBe('image/png');
    expect(PNG.sync.read(picture.body as Buffer).width).toBe(2);
    expect((await proctor.get(`/api/bank/images/${imageId}`)).status).toBe(403);
  });

  it('R2: derives the blueprint from the items’ 作业种类 and 章节 and assigns knowledge points', async () => {
    const items = [
      { category: '安全知识', chapter: '法规', stem: '特种作业人员必须持证上岗。' },
      { category: '安全知识', chapter: '防护', stem: '绝缘手套应定期做耐压试验。' },
      { category: '电工基础', chapter: '', stem: '电流的单位是安培。' },
      { category: '电工基础', chapter: '', stem: '电压的单位是伏特。' },
    ];
    for (const entry of items) {
      const created = await editor.post('/api/bank/items').send({
        scopeId,
        content: { kind: 'theory', type: 'judge', stem: entry.stem, options: ['正确', '错误'], answer: [0], category: entry.category, ...(entry.chapter ? { chapter: entry.chapter } : {}) },
      });
      expect(created.status).toBe(201);
    }
    const derived = await editor.post(`/api/bank/scopes/${scopeId}/blueprint/derive`).send({ itemsPerPaper: 4 });
    expect(derived.status, JSON.stringify(derived.body)).toBe(200);
    expect(derived.body.reassignedItems).toBe(4);
    expect(derived.body.blueprint.nodes.map((node: { name: string; weight: number }) => [node.name, node.weight])).toEqual([
      ['安全知识', 0.5],
      ['电工基础', 0.5],
    ]);
    const listed = await editor.get(`/api/bank/items?scopeId=${scopeId}&knowledgePoint=2`);
    expect(listed.body.total).toBe(2);
    expect(listed.body.items[0].version).toBe(2);
    const read = await editor.get(`/api/bank/scopes/${scopeId}/blueprint`);
    expect(read.body.itemsWithoutKnowledgePoint).toBe(0);
  });
});
