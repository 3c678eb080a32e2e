/**
 * Shared reads and guards of the scoring use cases: the batch of the actor's organisation, batch
 * staff checks (R6: assessors assigned to the batch with a grade covering the level; the batch's
 * internal quality supervisor), and the organisation's jurisdiction and scoring settings.
 */
import { Types } from 'mongoose';
import type { Level } from '@skillcert/bank-tools/types';
import { defaultJurisdictionSettings, type JurisdictionSettings } from '../../contracts/identity';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { OrganisationModel } from '../identity/organisation.model';
import type { BatchRecord, BatchStaffRole } from '../plans/batch.model';
import { BatchModel } from '../plans/batch.model';
import { canAssessorScoreLevel } from './practical-scoring';
import type { ScoringSettings } from './scoring.contracts';
import { ScoringSettingsModel } from './scoring-settings.model';

/** Default scoring settings: all-or-nothing multiple choice, direct-grading pass mark 60, panel of 3. */
export const defaultScoringSettings: ScoringSettings = Object.freeze({
  multipleChoiceCredit: { kind: 'all_or_nothing' },
  directGradingPassMark: 60,
  reviewPanelSize: 3,
}) as ScoringSettings;

/** Level names 等级 (R18), for messages and prints. */
export const levelNames: Readonly<Record<number, string>> = Object.freeze({
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
});

/**
 * A hex id as ObjectId.
 * @throws AppError `not_found` naming `what` when the id is malformed.
 */
export function toObjectId(id: string, what: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || !/^[0-9a-fA-F]{24}$/.test(id)) throw new AppError('not_found', `${what} ${id} does not exist`);
  return new Types.ObjectId(id);
}

/**
 * The batch `batchId` of the actor's organisation.
 * @throws AppError `not_found` otherwise.
 */
export async function loadScoringBatch(organisationId: string, batchId: string | Types.ObjectId): Promise<BatchRecord> {
  const id = typeof batchId === 'string' ? toObjectId(batchId, 'Batch') : batchId;
  const batch = await BatchModel.findOne({ _id: id, organisationId: new Types.ObjectId(organisationId) }).lean<BatchRecord>();
  if (!batch) throw new AppError('not_found', `Batch ${String(batchId)} does not exist`);
  return batch;
}

/** True when `userId` holds batch role `role` in `batch` (R6). */
export function isBatchStaff(batch: Pick<BatchRecord, 'staff'>, userId: string, role: BatchStaffRole): boolean {
  return batch.staff.some((entry) => String(entry.userId) === userId && entry.role === role);
}

/** True when the actor is an assessor of this batch (their views follow the independence rule, R6). */
export function isBatchAssessor(batch: Pick<BatchRecord, 'staff'>, actor: Actor): boolean {
  return actor.roles.includes('assessor') && isBatchStaff(batch, actor.userId, 'assessor');
}

/**
 * R6: the actor is an assessor assigned to the batch and their grade covers `level`
 * (`assessor` 5-3, `senior_assessor` 5-1).
 * @throws AppError `forbidden` when the actor is not an assessor of the batch;
 *   `assessor_not_qualified` (422) naming the grade and the level otherwise.
 */
export function assertQualifiedAssessor(batch: Pick<BatchRecord, 'staff' | 'code'>, actor: Actor, level: Level): void {
  if (!isBatchAssessor(batch, actor)) {
    throw new AppError('forbidden', `R6: ${actor.name} is not an assessor of batch ${batch.code}`, { ruleId: 'R6' });
  }
  const grade = actor.assessorGrade;
  if (!grade || !canAssessorScoreLevel(grade, level)) {
    throw new AppError(
      'assessor_not_qualified',
      `R6: ${actor.name} (${grade ?? 'no grade'}) may not assess level ${level} ${levelNames[level] ?? ''}; an assessor assesses levels 5-3, a senior assessor levels 5-1`,
      { ruleId: 'R6', assessorGrade: grade ?? null, level },
    );
  }
}

/**
 * R6: the actor is the batch's internal quality supervisor 内督员.
 * @throws AppError `forbidden` otherwise.
 */
export function assertBatchSupervisor(batch: Pick<BatchRecord, 'staff' | 'code'>, actor: Actor): void {
  if (!actor.roles.includes('supervisor') || !isBatchStaff(batch, actor.userId, 'supervisor')) {
    throw new AppError('forbidden', `R6: ${actor.name} is not the internal quality supervisor of batch ${batch.code}`, { ruleId: 'R6' });
  }
}

/**
 * Who may read a batch's scoring: administrators and exam administrators of the organisation, and
 * the batch's own assessors and supervisor.
 * @throws AppError `forbidden` otherwise.
 */
export function assertBatchReader(batch: Pick<BatchRecord, 'staff' | 'code'>, actor: Actor): void {
  if (actor.roles.includes('admin') || actor.roles.includes('exam_admin')) return;
  if (isBatchAssessor(batch, actor)) return;
  if (actor.roles.includes('supervisor') && isBatchStaff(batch, actor.userId, 'supervisor')) return;
  throw new AppError('forbidden', `${actor.name} is not on the staff of batch ${batch.code}`);
}

/** The organisation's jurisdiction settings (defaults for fields not stored). */
export async function loadJurisdiction(organisationId: string | Types.ObjectId): Promise<JurisdictionSettings> {
  const organisation = await OrganisationModel.findById(organisationId, { settings: 1 }).lean();
  const stored = organisation?.settings?.jurisdiction;
  return {
    ...defaultJurisdictionSettings,
    ...(stored ?? {}),
    passMarks: { ...defaultJurisdictionSettings.passMarks, ...(stored?.passMarks ?? {}) },
    proctoring: { ...defaultJurisdictionSettings.proctoring, ...(stored?.proctoring ?? {}) },
  };
}

/** The organisation's scoring settings (defaults when none are stored). */
export async function loadScoringSettings(organisationId: string | Types.ObjectId): Promise<ScoringSettings> {
  const stored = await ScoringSettingsModel.findOne({ organisationId: new Types.ObjectId(String(organisationId)) }).lean();
  if (!stored) return { ...defaultScoringSettings, multipleChoiceCredit: { ...defaultScoringSettings.multipleChoiceCredit } };
  return {
    multipleChoiceCredit: stored.multipleChoiceCredit ?? defaultScoringSettings.multipleChoiceCredit,
    directGradingPassMark: stored.directGradingPassMark ?? defaultScoringSettings.directGradingPassMark,
    reviewPanelSize: stored.reviewPanelSize ?? defaultScoringSettings.reviewPanelSize,
  } as ScoringSettings;
}
