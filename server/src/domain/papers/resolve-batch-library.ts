/**
 * The paper library 卷库 a batch scope draws from when a session opens or score cards are prepared
 * (R1, R3). A batch pins the library that was active when it was planned; assembling a new library
 * for the scope supersedes (retires) the pinned one and records `supersededBy`, so the batch follows
 * that chain to the library now in force instead of failing on retired papers.
 */
import type { Types } from 'mongoose';
import { AppError } from '../../errors';
import { PaperLibraryModel, type PaperLibraryRecord } from './paper-library.model';

/** Longest supersession chain followed (a cycle or a longer chain is refused). */
const maximumHops = 50;

/**
 * Resolves the library of `kind` for a batch scope.
 * @param options.pinnedLibraryId the library the batch pinned (`theoryLibraryId`/`practicalLibraryId`), if any.
 * @param options.describeScope the scope as people name it, for messages.
 * @returns the pinned library, or the active library that superseded it (followed through any
 *   number of assemblies), or without a pin the scope's newest active library.
 * @throws AppError `precondition_failed` when there is none: no active library of the scope, or the
 *   pinned library was retired without a successor (the message names it and its reason).
 */
export async function resolveBatchLibrary(options: {
  organisationId: string;
  scopeId: Types.ObjectId | string;
  kind: 'theory' | 'practical';
  pinnedLibraryId?: Types.ObjectId | string | null;
  describeScope: string;
}): Promise<PaperLibraryRecord> {
  const missing = (detail: string) =>
    new AppError('precondition_failed', `scope ${options.describeScope} has no active ${options.kind} paper library (R1, R3): ${detail}`, {
      scopeId: String(options.scopeId),
      kind: options.kind,
    });
  if (!options.pinnedLibraryId) {
    const newest = await PaperLibraryModel.findOne({ organisationId: options.organisationId, scopeId: options.scopeId, kind: options.kind, status: 'active' })
      .sort({ createdAt: -1 })
      .lean<PaperLibraryRecord>();
    if (!newest) throw missing('assemble one in the bank first');
    return newest;
  }
  let library = await PaperLibraryModel.findById(options.pinnedLibraryId).lean<PaperLibraryRecord>();
  for (let hop = 0; library && library.status !== 'active' && hop < maximumHops; hop += 1) {
    const successor = library.supersededBy ?? null;
    if (!successor) {
      throw missing(`the batch's library ${String(library._id)} was retired (${library.retiredReason ?? 'no reason recorded'}) and nothing superseded it`);
    }
    library = await PaperLibraryModel.findById(successor).lean<PaperLibraryRecord>();
  }
  if (!library || library.kind !== options.kind || String(library.organisationId) !== options.organisationId) {
    throw missing(`the batch's library ${String(options.pinnedLibraryId)} cannot be found`);
  }
  if (library.status !== 'active') throw missing(`the supersession chain of library ${String(options.pinnedLibraryId)} does not end in an active library`);
  return library;
}
