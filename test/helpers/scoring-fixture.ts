/**
 * Scoring set-up on top of an exam fixture (exam-fixture.ts) for the scoring suites (R4, R6): a
 * synthetic practical paper library written through the models, the batch staff and practical
 * library of the fixture's batch, and a candidate who sits the theory paper and is force-submitted.
 */
import { Types } from 'mongoose';
import { mapBankToDisplayed } from '@skillcert/bank-tools/assembly/index';
import type { PracticalItem } from '@skillcert/bank-tools/types';
import { AttemptModel, type AttemptRecord } from '@skillcert/server/domain/attempts/attempt.model';
import { startAttempt } from '@skillcert/server/domain/attempts/start-attempt';
import { forceSubmitAttempt } from '@skillcert/server/domain/attempts/submit-attempt';
import { ItemVersionModel } from '@skillcert/server/domain/bank/item-version.model';
import { ItemModel } from '@skillcert/server/domain/bank/item.model';
import { PaperLibraryModel } from '@skillcert/server/domain/papers/paper-library.model';
import { PaperModel } from '@skillcert/server/domain/papers/paper.model';
import { BatchModel, type BatchStaffRole } from '@skillcert/server/domain/plans/batch.model';
import type { CandidateHandle, ExamFixture } from './exam-fixture';

/** The criteria of every practical task of {@link createPracticalLibrary}: max 20 and 30 points. */
export const practicalCriteria: PracticalItem['criteria'] = [
  { criterion: '安全操作规范', maxPoints: 20, deductionRule: '每处违规扣 5 分' },
  { criterion: '接线工艺质量', maxPoints: 30, deductionRule: '每处缺陷扣 2 分' },
];

/** The one veto item 否决项 of every practical task of {@link createPracticalLibrary}. */
export const practicalVetoItem = '带电作业造成短路';

/**
 * A practical paper library of 5 papers × 2 tasks (50 points each, 100 per paper) for `scopeId`,
 * with own synthetic text: 10 approved practical items (version 1), the papers and the library,
 * all `active`.
 * @returns the library id.
 */
export async function createPracticalLibrary(organisationId: string, scopeId: Types.ObjectId, createdBy: string): Promise<Types.ObjectId> {
  const itemIds: Types.ObjectId[] = [];
  for (let index = 0; index < 10; index += 1) {
    const itemId = new Types.ObjectId();
    itemIds.push(itemId);
    const content: PracticalItem = {
      kind: 'practical',
      title: `合成实操任务 ${index + 1}`,
      task: `按图完成第 ${index + 1} 号控制回路的安装与调试。`,
      materials: ['导线', '接触器'],
      timeLimitMinutes: 60,
      criteria: practicalCriteria,
      vetoItems: [practicalVetoItem],
    };
    const common = { organisationId: new Types.ObjectId(organisationId), scopeId, createdAt: new Date() };
    await ItemModel.collection.insertOne({ _id: itemId, ...common, kind: 'practical', status: 'approved', version: 1, current: content, distinctFrom: [], authorId: new Types.ObjectId(createdBy), updatedAt: new Date() });
    await ItemVersionModel.collection.insertOne({ _id: new Types.ObjectId(), ...common, itemId, version: 1, content, contentHash: `practical-${String(itemId)}`, createdBy: new Types.ObjectId(createdBy) });
  }
  const libraryId = new Types.ObjectId();
  const papers = Array.from({ length: 5 }, (_, index) => ({
    _id: new Types.ObjectId(),
    organisationId: new Types.ObjectId(organisationId),
    scopeId,
    libraryId,
    kind: 'practical' as const,
    index,
    code: `P-${String(libraryId).slice(-4)}-${index + 1}`,
    slots: [itemIds[2 * index], itemIds[2 * index + 1]].map((itemId) => ({ itemId, version: 1, type: 'practical' as const, points: 50, timeLimitMinutes: 60 })),
    totalPoints: 100,
    totalTimeMinutes: 120,
    status: 'active' as const,
    createdBy: new Types.ObjectId(createdBy),
  }));
  await PaperModel.create(papers);
  await PaperLibraryModel.create({
    _id: libraryId,
    organisationId,
    scopeId,
    kind: 'practical',
    seed: `practical-${String(libraryId)}`,
    snapshotHash: `snapshot-${String(libraryId)}`,
    maxOverlap: 0.1,
    paperIds: papers.map((paper) => paper._id),
    overlapMatrix: papers.map(() => papers.map(() => 0)),
    tasksPerPaper: 2,
    difficulty: { meanByPaper: [], spread: 0 },
    status: 'active',
    createdBy,
  });
  return libraryId;
}

/**
 * Prepares the fixture's batch for practical scoring: creates a practical library
 * ({@link createPracticalLibrary}, created by the fixture's exam administrator) for the fixture's
 * scope, sets it as the first scope's practical library and adds `staff` (assessors, supervisor)
 * to the batch staff (R6).
 * @returns the library id.
 */
export async function preparePracticalScoring(fixture: ExamFixture, staff: ReadonlyArray<{ userId: string; role: BatchStaffRole }>): Promise<Types.ObjectId> {
  const libraryId = await createPracticalLibrary(fixture.organisationId, new Types.ObjectId(fixture.secrets.scopeId), fixture.examAdmin.userId);
  await BatchModel.updateOne(
    { _id: new Types.ObjectId(fixture.batchId) },
    {
      $set: { 'scopes.0.practicalLibraryId': libraryId },
      $push: { staff: { $each: staff.map((member) => ({ userId: new Types.ObjectId(member.userId), role: member.role })) } },
    },
  );
  return libraryId;
}

/** The displayed option indexes of the bank key of `slot` (the right answer as the candidate sees it). */
export function keyedResponse(fixture: ExamFixture, slot: AttemptRecord['form']['slots'][number]): number[] {
  return mapBankToDisplayed(slot.optionOrder, fixture.secrets.contentByItemId.get(String(slot.itemId))!.answer);
}

/**
 * Starts the candidate's attempt, stores the answer `choose(slot)` (displayed indexes; an empty one
 * is left unanswered) of every slot and force-submits it as the fixture's proctor. Theory scoring
 * runs on submission: `settleTheoryScoring()` waits for it.
 * @returns the attempt as stored before it started.
 */
export async function sitAndForceSubmit(
  fixture: ExamFixture,
  candidate: CandidateHandle,
  choose: (slot: AttemptRecord['form']['slots'][number]) => number[],
): Promise<AttemptRecord> {
  const attempt = (await fixture.attemptOf(candidate))!;
  await startAttempt({ attemptId: String(attempt._id), actor: candidate.actor });
  const answers: Record<string, unknown> = {};
  for (const slot of attempt.form.slots) {
    const response = choose(slot);
    if (response.length > 0) answers[`answers.${slot.slot}`] = { response, seq: 1, savedAt: new Date() };
  }
  if (Object.keys(answers).length > 0) await AttemptModel.updateOne({ _id: attempt._id }, { $set: answers });
  await forceSubmitAttempt({ attemptId: String(attempt._id), actor: fixture.proctor.actor, reason: '测试：统一收卷' });
  return attempt;
}
