/**
 * Paper libraries 卷库 through the real API and store, from the imported and approved provincial bank
 * 省级低压电工作业.xlsx (blueprint derived on import): assembly (R1 >= 5 papers, R2 overlap <= 10%,
 * R3 drawn from the bank), reproducibility by seed, infeasibility report, retire-and-replace,
 * practical library, preview and print-ready PDFs (R17).
 */
import { closeSharedRenderPool } from '@skillcert/server/render/shared-render-pool';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedBank, startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';
import { extractPdfText, removeWhitespace } from '../helpers/pdf';

interface PaperView {
  id: string;
  index: number;
  code: string;
  status: string;
  slots: { itemId: string; version: number; type: string; points: number; knowledgePoint?: string }[];
  totalPoints: number;
}

const itemIdsOf = (paper: PaperView) => paper.slots.map((slot) => slot.itemId);
const composition = (paper: PaperView) =>
  paper.slots
    .map((slot) => `${slot.type}:${slot.knowledgePoint}`)
    .sort()
    .join(',');

function sharedCount(a: PaperView, b: PaperView): number {
  const ids = new Set(itemIdsOf(a));
  return itemIdsOf(b).filter((id) => ids.has(id)).length;
}

function binary(request: ReturnType<SignedInAgent['get']>) {
  return request.buffer(true).parse((response, callback) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => callback(null, Buffer.concat(chunks)));
  });
}

describe('papers API: paper libraries from an imported bank', () => {
  let app: TestApp;
  let editor: SignedInAgent;
  let reviewer: SignedInAgent;
  let examAdmin: SignedInAgent;
  let admin: SignedInAgent;
  let scopeId: string;

  beforeAll(async () => {
    app = await startTestApp();
    editor = await app.login('bank_editor');
    reviewer = await app.login('bank_reviewer');
    examAdmin = await app.login('exam_admin');
    admin = await app.login('admin');
    scopeId = (await editor.post('/api/bank/scopes').send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '低压电工作业', level: 4 })).body.id;
    await importSharedBank(reviewer, scopeId, '省级低压电工作业.xlsx');
  });

  afterAll(async () => {
    await closeSharedRenderPool();
    await app?.stop();
  });

  let firstLibrary: { id: string; papers: PaperView[]; snapshotHash: string; seed: string };

  it('R1 R2 R3: assembles 5 papers from the approved bank with the derived blueprint, every pair at or under 10% overlap', async () => {
    const response = await examAdmin.post('/api/papers/libraries').send({ scopeId, seed: 'library-seed-1' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    firstLibrary = response.body;
    expect(response.body).toMatchObject({ kind: 'theory', status: 'active', seed: 'library-seed-1', maxOverlap: 0.1, inputItemCount: 734 });
    expect(response.body.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    const papers: PaperView[] = response.body.papers;
    expect(papers).toHaveLength(5);
    const blueprint = (await editor.get(`/api/bank/scopes/${scopeId}/blueprint`)).body.blueprint;
    const paperSize = blueprint.structure.reduce((sum: number, entry: { count: number }) => sum + entry.count, 0);
    for (const paper of papers) {
      expect(paper.slots).toHaveLength(paperSize);
      expect(new Set(itemIdsOf(paper)).size).toBe(paperSize);
      expect(paper.slots.every((slot) => slot.version === 1)).toBe(true);
      expect(composition(paper)).toBe(composition(papers[0]));
    }
    for (let p = 0; p < papers.length; p += 1) {
      for (let q = p + 1; q < papers.length; q += 1) {
        expect(sharedCount(papers[p], papers[q])).toBeLessThanOrEqual(Math.floor(0.1 * paperSize));
        expect(response.body.overlapMatrix[p][q]).toBeLessThanOrEqual(0.1);
      }
    }
    const drawn = await admin.get('/api/admin/audit?action=paper.drawn');
    const drawnIds = drawn.body.entries.map((entry: { target: { id: string } }) => entry.target.id);
    expect(drawnIds).toEqual(expect.arrayContaining(papers.map((paper) => paper.id)));
  });

  it('R2 house rule 6: the same seed over the same bank snapshot reproduces identical papers', async () => {
    const again = await editor.post('/api/papers/libraries').send({ scopeId, seed: 'library-seed-1' });
    expect(again.status).toBe(201);
    expect(again.body.snapshotHash).toBe(firstLibrary.snapshotHash);
    expect(again.body.papers.map(itemIdsOf)).toEqual(firstLibrary.papers.map(itemIdsOf));
    const other = await editor.post('/api/papers/libraries').send({ scopeId, seed: 'library-seed-2' });
    expect(other.body.papers.map(itemIdsOf)).not.toEqual(firstLibrary.papers.map(itemIdsOf));

    const libraries = await editor.get(`/api/papers/libraries?scopeId=${scopeId}`);
    expect(libraries.body.libraries.filter((library: { status: string }) => library.status === 'active')).toHaveLength(1);
    const readiness = await editor.get(`/api/bank/scopes/${scopeId}/readiness`);
    expect(readiness.body.counts.activeTheoryPapers).toBe(5);
    expect(readiness.body.shortfalls.map((shortfall: { code: string }) => shortfall.code)).not.toContain('THEORY_PAPERS');
    expect(readiness.body.shortfalls.map((shortfall: { code: string }) => shortfall.code)).not.toContain('THEORY_ITEMS');
  });

  it('R2: an infeasible request answers 422 with the infeasibility report and stores nothing', async () => {
    const smallScope = (await editor.post('/api/bank/scopes').send({ occupationCode: '4-02-05-01', occupationName: '叉车管理员', workType: '叉车', level: 4 })).body.id;
    await importSharedBank(reviewer, smallScope, '省级叉车管理员.xlsx');
    const blueprint = (await editor.get(`/api/bank/scopes/${smallScope}/blueprint`)).body.blueprint;
    const bigger = { ...blueprint, structure: blueprint.structure.map((entry: { count: number }) => ({ ...entry, count: entry.count * 4 })) };
    expect((await editor.put(`/api/bank/scopes/${smallScope}/blueprint`).send({ blueprint: bigger })).status).toBe(200);
    const response = await editor.post('/api/papers/libraries').send({ scopeId: smallScope, seed: 7 });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('infeasible');
    expect(response.body.error.details.seed).toBe('7');
    expect(response.body.error.details.infeasibility.length).toBeGreaterThan(0);
    for (const issue of response.body.error.details.infeasibility) {
      expect(issue).toMatchObject({ constraint: expect.any(String), message: expect.any(String), required: expect.any(Number), available: expect.any(Number) });
    }
    expect((await editor.get(`/api/papers/libraries?scopeId=${smallScope}`)).body.libraries).toEqual([]);
    const tooFew = await editor.post('/api/papers/libraries').send({ scopeId: smallScope, paperCount: 4 });
    expect(tooFew.status).toBe(400);
  });

  it('R2: retiring a paper draws a replacement with the same composition that keeps the overlap limit with the others', async () => {
    const library = (await editor.get(`/api/papers/libraries?scopeId=${scopeId}&status=active`)).body.libraries[0];
    const before: PaperView[] = (await editor.get(`/api/papers/libraries/${library.id}`)).body.papers;
    const target = before[2];
    const response = await reviewer.post(`/api/papers/${target.id}/retire`).send({ reason: '试卷疑似泄露', seed: 'replacement-1' });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.retired).toMatchObject({ status: 'retired', retiredReason: '试卷疑似泄露' });
    const replacement: PaperView = response.body.replacement;
    expect(replacement.status).toBe('active');
    expect(composition(replacement)).toBe(composition(target));
    const limit = Math.floor(0.1 * target.slots.length);
    for (const paper of before) expect(sharedCount(replacement, paper)).toBeLessThanOrEqual(limit);
    const after = (await editor.get(`/api/papers/libraries/${library.id}`)).body;
    expect(after.replacements).toHaveLength(1);
    expect(after.papers.filter((paper: PaperView) => paper.status === 'active')).toHaveLength(5);
    expect((await editor.get(`/api/bank/scopes/${scopeId}/readiness`)).body.counts.activeTheoryPapers).toBe(5);
  });

  it('R17: the preview with keys is for bank roles; others see pinned slots only', async () => {
    const library = (await editor.get(`/api/papers/libraries?scopeId=${scopeId}&status=active`)).body.libraries[0];
    const paperId = library.paperIds[0];
    const preview = await editor.get(`/api/papers/${paperId}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.items.length).toBe(preview.body.paper.slots.length);
    expect(preview.body.items[0].content.answer.length).toBeGreaterThan(0);
    expect((await examAdmin.get(`/api/papers/${paperId}/preview`)).status).toBe(403);
    const plain = await examAdmin.get(`/api/papers/${paperId}`);
    expect(plain.status).toBe(200);
    expect(JSON.stringify(plain.body)).not.toContain('"content"');
  });

  it('R1: assembles a practical library from approved practical tasks', async () => {
    for (let index = 1; index <= 12; index += 1) {
      const created = await editor.post('/api/bank/items').send({
        scopeId,
        content: {
          kind: 'practical',
          title: `实操任务 ${index}：照明线路第 ${index} 种接法安装`,
          task: `按给定图纸 ${index} 完成照明线路安装并通电检查，记录测量值 ${index * 3}。`,
          materials: ['导线', '开关', '灯座'],
          timeLimitMinutes: 30 + (index % 3) * 10,
          criteria: [
            { criterion: '接线正确', maxPoints: 30, deductionRule: '每处错误扣 5 分' },
            { criterion: '工艺规范', maxPoints: 20, deductionRule: '不规范每处扣 2 分' },
          ],
          vetoItems: ['带电接线'],
        },
      });
      expect(created.status).toBe(201);
      await editor.post(`/api/bank/items/${created.body.id}/submit`).send({}).expect(200);
      await reviewer.post(`/api/bank/items/${created.body.id}/approve`).send({}).expect(200);
    }
    const response = await editor.post('/api/papers/libraries').send({ scopeId, kind: 'practical', tasksPerPaper: 2, seed: 'practical-1' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const papers: PaperView[] = response.body.papers;
    expect(papers).toHaveLength(5);
    for (const paper of papers) {
      expect(paper.slots).toHaveLength(2);
      expect(paper.totalPoints).toBe(100);
    }
    for (let p = 0; p < 5; p += 1) for (let q = p + 1; q < 5; q += 1) expect(sharedCount(papers[p], papers[q])).toBe(0);
    const readiness = await editor.get(`/api/bank/scopes/${scopeId}/readiness`);
    expect(readiness.body.counts).toMatchObject({ activePracticalPapers: 5, approvedPracticalItems: 12 });
    expect(readiness.body.shortfalls.map((shortfall: { message: string }) => shortfall.message)).toContain('12 of 50 practical items');
  });

  it('R17: prints a teacher copy with keys and a candidate copy without through the render pool', async () => {
    const library = (await editor.get(`/api/papers/libraries?scopeId=${scopeId}&kind=theory&status=active`)).body.libraries[0];
    const paper: PaperView = (await editor.get(`/api/papers/${library.paperIds[0]}`)).body;
    const teacher = await binary(editor.get(`/api/papers/${paper.id}/pdf/teacher`));
    expect(teacher.status).toBe(200);
    expect(teacher.headers['content-type']).toBe('application/pdf');
    const teacherText = removeWhitespace(await extractPdfText(teacher.body as Buffer));
    expect(teacherText).toContain(removeWhitespace(paper.code));
    expect(teacherText).toContain('教师用卷');
    expect(teacherText).toContain('答案：');
    const candidate = await binary(examAdmin.get(`/api/papers/${paper.id}/pdf/candidate`));
    expect(candidate.status).toBe(200);
    const candidateText = removeWhitespace(await extractPdfText(candidate.body as Buffer));
    expect(candidateText).toContain('考生用卷');
    expect(candidateText).toContain('准考证号');
    expect(candidateText).not.toContain('答案：');
    expect((await examAdmin.get(`/api/papers/${paper.id}/pdf/teacher`)).status).toBe(403);
  }, 120_000);
});
