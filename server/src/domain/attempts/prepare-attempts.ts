/**
 * Prepares the waiting attempts of a theory session (R1-R3, R17): the paper of each registered
 * candidate comes from the scope's theory paper library 卷库 by bank-tools' balanced seeded
 * assignment over the session's roster (ordered by admission ticket number), and each form is
 * shuffled with a per-candidate seed; both seeds are stored so the form can be reproduced.
 * Internal to the attempts context (called by `openTheorySession` and `startAttempt`).
 */
import { buildCandidateForm } from '@skillcert/bank-tools/assembly/index';
import type { TheoryItem } from '@skillcert/bank-tools/types';
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { ItemVersionModel } from '../bank/item-version.model';
import type { PaperLibraryRecord } from '../papers/paper-library.model';
import { resolveBatchLibrary } from '../papers/resolve-batch-library';
import { PaperModel, type PaperRecord } from '../papers/paper.model';
import type { BatchRecord, BatchSession } from '../plans/batch.model';
import { RegistrationModel, type RegistrationRecord } from '../plans/registration.model';
import { AttemptFormModel } from './attempt-form.model';
import { AttemptModel, type AttemptRecord } from './attempt.model';
import { buildAttemptForm, type PaperItemInput } from './build-attempt-form';

/** What {@link prepareSessionAttempts} did. */
export interface PreparedAttempts {
  libraryId: string;
  /** Attempts inserted by this call. */
  created: number;
  /** Attempts of the session after the call. */
  attemptCount: number;
  /** Candidates per paper position of the library. */
  candidatesPerPaper: number[];
}

const insertChunkSize = 500;

/** The library the session draws from: the batch's pinned one (or what superseded it), else the scope's newest active one (R3). */
async function findTheoryLibrary(batch: BatchRecord, session: BatchSession): Promise<PaperLibraryRecord> {
  const scope = batch.scopes.find((candidate) => String(candidate.scopeId) === String(session.scopeId));
  if (!scope) throw new AppError('precondition_failed', `session ${String(session._id)}: scope ${String(session.scopeId)} is not a scope of batch ${batch.code}`);
  return resolveBatchLibrary({
    organisationId: String(batch.organisationId),
    scopeId: session.scopeId,
    kind: 'theory',
    pinnedLibraryId: scope.theoryLibraryId,
    describeScope: `${scope.occupationName} ${scope.workType} level ${scope.level}`,
  });
}

/** Papers in library order; a retired paper is replaced by its replacement, or left out. */
async function loadLibraryPapers(library: PaperLibraryRecord): Promise<PaperRecord[]> {
  const papers = await PaperModel.find({ _id: { $in: library.paperIds } }).lean<PaperRecord[]>();
  const byId = new Map(papers.map((paper) => [String(paper._id), paper]));
  const replacementIds = papers.filter((paper) => paper.status === 'retired' && paper.replacedBy).map((paper) => paper.replacedBy!);
  const replacements = replacementIds.length
    ? new Map((await PaperModel.find({ _id: { $in: replacementIds }, status: 'active' }).lean<PaperRecord[]>()).map((paper) => [String(paper._id), paper]))
    : new Map<string, PaperRecord>();
  const ordered: PaperRecord[] = [];
  for (const id of library.paperIds) {
    const paper = byId.get(String(id));
    if (!paper) continue;
    if (paper.status === 'active') ordered.push(paper);
    else if (paper.replacedBy && replacements.has(String(paper.replacedBy))) ordered.push(replacements.get(String(paper.replacedBy))!);
  }
  if (ordered.length === 0) throw new AppError('precondition_failed', `theory paper library ${String(library._id)} has no active paper (R1)`);
  return ordered;
}

/** Pinned item versions of `papers`, keyed `itemId:version`. */
async function loadPaperItems(papers: readonly PaperRecord[]): Promise<Map<string, TheoryItem>> {
  const itemIds = [...new Set(papers.flatMap((paper) => paper.slots.map((slot) => String(slot.itemId))))].map((id) => new Types.ObjectId(id));
  const versions = await ItemVersionModel.find({ itemId: { $in: itemIds } }, { itemId: 1, version: 1, content: 1 }).lean();
  const contents = new Map<string, TheoryItem>();
  for (const version of versions) contents.set(`${String(version.itemId)}:${version.version}`, version.content as TheoryItem);
  return contents;
}

function toPaperItems(paper: PaperRecord, contents: Map<string, TheoryItem>): PaperItemInput[] {
  return paper.slots.map((slot, index) => {
    const content = contents.get(`${String(slot.itemId)}:${slot.version}`);
    if (!content) throw new AppError('precondition_failed', `paper ${paper.code} slot ${index + 1}: item ${String(slot.itemId)} version ${slot.version} is missing from the bank (R3)`);
    return { itemId: String(slot.itemId), version: slot.version, points: slot.points, content };
  });
}

function isDuplicateKeyError(error: unknown): boolean {
  const candidate = error as { code?: number; writeErrors?: unknown[] } | null;
  return candidate?.code === 11000 || (Array.isArray(candidate?.writeErrors) && candidate.writeErrors.length > 0);
}

/**
 * Creates the missing waiting attempts of `session` (all registrations, or only `registrationId`),
 * idempotently: concurrent callers never create two attempts per registration (unique index).
 * @throws AppError `precondition_failed` when the scope has no usable theory library, a paper
 *   cannot be sat, or the registration is not on the session's roster.
 */
export async function prepareSessionAttempts(options: {
  batch: BatchRecord;
  session: BatchSession;
  registrationId?: string;
  now: Date;
}): Promise<PreparedAttempts> {
  const { batch, session } = options;
  const library = await findTheoryLibrary(batch, session);
  const roster = await RegistrationModel.find({ batchId: batch._id, theorySessionId: session._id })
    .sort({ admissionTicketNumber: 1 })
    .lean<RegistrationRecord[]>();
  const existing = await AttemptModel.find({ sessionId: session._id }, { registrationId: 1, paperIndex: 1 }).lean<Pick<AttemptRecord, 'registrationId' | 'paperIndex'>[]>();
  const prepared = new Set(existing.map((attempt) => String(attempt.registrationId)));
  const wanted = roster
    .map((registration, candidateIndex) => ({ registration, candidateIndex }))
    .filter(({ registration }) => !prepared.has(String(registration._id)))
    .filter(({ registration }) => options.registrationId === undefined || String(registration._id) === options.registrationId);
  if (options.registrationId !== undefined && wanted.length === 0 && !prepared.has(options.registrationId)) {
    throw new AppError('precondition_failed', `registration ${options.registrationId} is not on the roster of session ${String(session._id)}`);
  }

  const candidatesPerPaper: number[] = [];
  let created = 0;
  if (wanted.length > 0) {
    const papers = await loadLibraryPapers(library);
    const paperIds = papers.map((paper) => String(paper._id));
    const contents = await loadPaperItems(papers);
    const paperItemsByIndex = new Map<number, PaperItemInput[]>();
    const assignmentSeed = `${library.seed}\u001fsession:${String(session._id)}`;
    const durationMs = session.durationMinutes * 60_000;
    const attempts: Array<Record<string, unknown> & { _id: Types.ObjectId }> = [];
    const forms: Array<Record<string, unknown> & { _id: Types.ObjectId }> = [];
    for (const { registration, candidateIndex } of wanted) {
      const candidateForm = buildCandidateForm({ paperIds, seed: assignmentSeed, candidateId: String(registration.candidateId), candidateIndex });
      let paperItems = paperItemsByIndex.get(candidateForm.paperIndex);
      if (!paperItems) {
        paperItems = toPaperItems(papers[candidateForm.paperIndex], contents);
        paperItemsByIndex.set(candidateForm.paperIndex, paperItems);
      }
      const built = buildAttemptForm({ paperItems, candidateSeed: candidateForm.candidateSeed });
      const _id = new Types.ObjectId();
      const attempt = new AttemptModel({
        _id,
        organisationId: batch.organisationId,
        batchId: batch._id,
        sessionId: session._id,
        roomId: registration.roomId,
        registrationId: registration._id,
        candidateId: registration.candidateId,
        scopeId: session.scopeId,
        libraryId: library._id,
        paperId: papers[candidateForm.paperIndex]._id,
        paperIndex: candidateForm.paperIndex,
        candidateIndex,
        assignmentSeed,
        seed: candidateForm.candidateSeed,
        form: {
          slots: built.slots.map((slot) => ({ ...slot, itemId: new Types.ObjectId(slot.itemId) })),
          totalCount: built.totalCount,
          totalPoints: built.totalPoints,
        },
        status: 'waiting',
        durationMs,
        answers: {},
        flaggedSlots: [],
        position: null,
        activeConnection: null,
        pendingDeviceChange: null,
        stateVersion: 0,
        answersVersion: 0,
        createdAt: options.now,
        updatedAt: options.now,
      });
      await attempt.validate();
      attempts.push({ ...attempt.toObject({ depopulate: true, minimize: false }), _id });
      forms.push({ _id, organisationId: batch.organisationId, items: built.items, createdAt: options.now });
    }
    for (let start = 0; start < attempts.length; start += insertChunkSize) {
      const attemptChunk = attempts.slice(start, start + insertChunkSize);
      const formChunk = forms.slice(start, start + insertChunkSize);
      await AttemptFormModel.collection.insertMany(formChunk);
      try {
        const result = await AttemptModel.collection.insertMany(attemptChunk, { ordered: false });
        created += result.insertedCount;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Another caller prepared some of these registrations first: drop our orphaned forms.
        const kept = await AttemptModel.find({ _id: { $in: attemptChunk.map((attempt) => attempt._id) } }, { _id: 1 }).lean();
        const keptIds = new Set(kept.map((attempt) => String(attempt._id)));
        const orphaned = formChunk.filter((form) => !keptIds.has(String(form._id))).map((form) => form._id);
        if (orphaned.length > 0) await AttemptFormModel.collection.deleteMany({ _id: { $in: orphaned } });
        created += keptIds.size;
      }
    }
  }
  const all = await AttemptModel.find({ sessionId: session._id }, { paperIndex: 1 }).lean<Pick<AttemptRecord, 'paperIndex'>[]>();
  for (const attempt of all) candidatesPerPaper[attempt.paperIndex] = (candidatesPerPaper[attempt.paperIndex] ?? 0) + 1;
  for (let index = 0; index < candidatesPerPaper.length; index += 1) candidatesPerPaper[index] ??= 0;
  return { libraryId: String(library._id), created, attemptCount: all.length, candidatesPerPaper };
}
