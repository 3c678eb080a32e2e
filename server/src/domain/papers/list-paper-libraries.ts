/**
 * Lists paper libraries of the organisation (newest first), optionally of one scope, kind, status.
 */
import type { Actor } from '../identity/actor';
import { PaperLibraryModel, type PaperLibraryRecord } from './paper-library.model';
import { presentPaperLibrary, type PaperLibraryView } from './paper-library.presenter';
import type { ListLibrariesQuery } from './papers-contracts';

/** Libraries matching `query`, newest first, without their papers. */
export async function listPaperLibraries(options: { query: ListLibrariesQuery; actor: Actor }): Promise<{ libraries: PaperLibraryView[] }> {
  const filter: Record<string, unknown> = { organisationId: options.actor.organisationId };
  if (options.query.scopeId) filter.scopeId = options.query.scopeId;
  if (options.query.kind) filter.kind = options.query.kind;
  if (options.query.status) filter.status = options.query.status;
  const libraries = await PaperLibraryModel.find(filter, { blueprint: 0 }).sort({ _id: -1 }).limit(200).lean<PaperLibraryRecord[]>();
  return { libraries: libraries.map((library) => presentPaperLibrary(library)) };
}
