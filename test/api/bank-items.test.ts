/**
 * Items through the real API: creation, versioning on edit, the review workflow with four-eyes
 * approval, retirement, and answer keys hidden from non-bank roles (R17).
 */
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';

const judgeItem = { kind: 'theory', type: 'judge', stem: '绝缘手套使用前应进行外观检查。', options: ['正确', '错误'], answer: [0] };
const singleItem = {
  kind: 'theory',
  type: 'single',
  stem: '测量绝缘电阻应使用哪种仪表？',
  options: ['万用表', '兆欧表', '钳形电流表', '电能表'],
  answer: [1],
  difficulty: 2,
};

describe('bank items API (versions, review workflow, answer keys)', () => {
  let app: TestApp;
  let editor: SignedInAgent;
  let reviewer: SignedInAgent;
  let examAdmin: SignedInAgent;
  let scopeId: string;

  beforeAll(async () => {
    app = await startTestApp();
    editor = await app.login('bank_editor');
    reviewer = await app.login('bank_reviewer');
    examAdmin = await app.login('exam_admin');
    const scope = await editor
      .post('/api/bank/scopes')
      .send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '低压电工作业', level: 4 });
    expect(scope.status).toBe(201);
    scopeId = scope.body.id;
  });

  afterAll(async () => {
    await app?.stop();
  });

  async function createItem(agent: SignedInAgent, content: Record<string, unknown>) {
    const response = await agent.post('/api/bank/items').send({ scopeId, content });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { id: string; version: number; status: string };
  }

  it('R17: an edit appends an immutable version with a new content hash and moves current forward', async () => {
    const created = await createItem(editor, singleItem);
    expect(created).toMatchObject({ status: 'draft', version: 1 });
    const edited = await editor
      .put(`/api/bank/items/${created.id}`)
      .send({ content: { ...singleItem, stem: '测量电气设备绝缘电阻应使用哪种仪表？' }, expectedVersion: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, content: { stem: '测量电气设备绝缘电阻应使用哪种仪表？' } });
    const versions = await editor.get(`/api/bank/items/${created.id}/versions`);
    expect(versions.body.versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    expect(versions.body.versions[1].content.stem).toBe(singleItem.stem);
    expect(versions.body.versions[0].contentHash).not.toBe(versions.body.versions[1].contentHash);
    expect(versions.body.versions[0].contentHash).toMatch(/^[0-9a-f]{64}$/);

    const stale = await editor.put(`/api/bank/items/${created.id}`).send({ content: singleItem, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    const unchanged = await editor.put(`/api/bank/items/${created.id}`).send({ content: { ...singleItem, stem: '测量电气设备绝缘电阻应使用哪种仪表？' } });
    expect(unchanged.body.version).toBe(2);
  });

  it('R17: draft → in_review → approved by another user; an edit sends it back to draft', async () => {
    const created = await createItem(editor, judgeItem);
    const premature = await reviewer.post(`/api/bank/items/${created.id}/approve`).send({});
    expect(premature.status).toBe(409);
    expect((await editor.post(`/api/bank/items/${created.id}/submit`).send({})).body.status).toBe('in_review');
    const approved = await reviewer.post(`/api/bank/items/${created.id}/approve`).send({ note: '表述准确' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', reviewerId: reviewer.user.id, reviewNote: '表述准确' });
    const edited = await editor.put(`/api/bank/items/${created.id}`).send({ content: { ...judgeItem, stem: '绝缘手套每次使用前都应进行外观检查。' } });
    expect(edited.body).toMatchObject({ status: 'draft', version: 2 });
    expect(edited.body.reviewerId).toBeUndefined();
  });

  it('R17: a reviewer cannot approve an item they wrote (four-eyes review)', async () => {
    const admin = await app.login('admin');
    const password = 'editor-and-reviewer-pw';
    const both = await admin
      .post('/api/admin/users')
      .send({ name: '双角色', roles: ['bank_editor', 'bank_reviewer'], username: 'editor.reviewer', password });
    expect(both.status).toBe(201);
    const agent = supertest.agent(app.baseUrl);
    expect((await agent.post('/api/auth/login').send({ username: 'editor.reviewer', password })).status).toBe(200);
    const created = await agent.post('/api/bank/items').send({ scopeId, content: { ...judgeItem, stem: '临时接地线应先接接地端。' } });
    expect(created.status).toBe(201);
    await agent.post(`/api/bank/items/${created.body.id}/submit`).send({}).expect(200);
    const own = await agent.post(`/api/bank/items/${created.body.id}/approve`).send({});
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/cannot approve an item they wrote/);
    expect((await reviewer.post(`/api/bank/items/${created.body.id}/approve`).send({})).body.status).toBe('approved');
  });

  it('rejects with a note back to draft and retires with a reason', async () => {
    const created = await createItem(editor, { ...judgeItem, stem: '电工作业可以单人进行带电作业。', answer: [1] });
    await editor.post(`/api/bank/items/${created.id}/submit`).send({}).expect(200);
    expect((await reviewer.post(`/api/bank/items/${created.id}/reject`).send({})).status).toBe(400);
    const rejected = await reviewer.post(`/api/bank/items/${created.id}/reject`).send({ note: '题干需说明作业条件' });
    expect(rejected.body).toMatchObject({ status: 'draft', reviewNote: '题干需说明作业条件' });
    const retired = await editor.post(`/api/bank/items/${created.id}/retire`).send({ reason: '与现行规程不符' });
    expect(retired.body).toMatchObject({ status: 'retired', retiredReason: '与现行规程不符' });
    expect((await editor.put(`/api/bank/items/${created.id}`).send({ content: judgeItem })).status).toBe(409);
  });

  it('R17: answer keys are visible to bank roles and stripped for an exam administrator', async () => {
    const created = await createItem(editor, { ...singleItem, stem: '漏电保护器的试验按钮应多久按动一次？', options: ['每天', '每月', '每年', '从不'] });
    expect((await editor.get(`/api/bank/items/${created.id}`)).body.content.answer).toEqual([1]);
    expect((await reviewer.get(`/api/bank/items/${created.id}`)).body.content.answer).toEqual([1]);
    const seen = await examAdmin.get(`/api/bank/items/${created.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.content.stem).toContain('漏电保护器');
    expect(seen.body.content).not.toHaveProperty('answer');
    const listed = await examAdmin.get(`/api/bank/items?scopeId=${scopeId}&search=${encodeURIComponent('漏电保护器')}`);
    expect(listed.body.total).toBe(1);
    expect(listed.body.items[0].content).not.toHaveProperty('answer');
    expect((await examAdmin.get(`/api/bank/items/${created.id}/versions`)).status).toBe(403);
  });

  it('filters items by kind, type, status and knowledge point, and pages', async () => {
    const all = await editor.get(`/api/bank/items?scopeId=${scopeId}&limit=2&offset=0`);
    expect(all.body.items).toHaveLength(2);
    const judges = await editor.get(`/api/bank/items?scopeId=${scopeId}&type=judge`);
    expect(judges.body.items.every((item: { type: string }) => item.type === 'judge')).toBe(true);
    const retired = await editor.get(`/api/bank/items?scopeId=${scopeId}&status=retired`);
    expect(retired.body.total).toBe(1);
    const practical = await editor.post('/api/bank/items').send({
      scopeId,
      content: {
        kind: 'practical',
        title: '三相异步电动机正反转控制线路安装',
        task: '按图完成接线并通电试车。',
        materials: ['接触器 2 只', '按钮 3 只'],
        timeLimitMinutes: 60,
        criteria: [{ criterion: '接线正确', maxPoints: 40, deductionRule: '每处错误扣 10 分' }],
        vetoItems: ['未断电接线'],
        knowledgePoint: 'P1',
      },
    });
    expect(practical.status).toBe(201);
    const byPoint = await editor.get(`/api/bank/items?scopeId=${scopeId}&kind=practical&knowledgePoint=P1`);
    expect(byPoint.body.items.map((item: { id: string }) => item.id)).toEqual([practical.body.id]);
    const invalid = await editor.post('/api/bank/items').send({ scopeId, content: { ...singleItem, answer: [7] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/^body\.content\.answer: an index is beyond the 4 options/);
  });
});
