/**
 * One paper library with its papers (slots pin item versions; no item content).
 */
import type { Actor } from '../identity/actor';
import { PaperModel, type PaperRecord } from './paper.model';
import { presentPaperLibrary, type PaperLibraryView } from './paper-library.presenter';
import { requirePaperLibrary } from './require-paper';

/**
 * The library `libraryId` with every paper (active and retired) in index order.
 * @throws AppError `not_found`.
 */
export async function getPaperLibrary(options: { libraryId: string; actor: Actor }): Promise<PaperLibraryView> {
  const library = await requirePaperLibrary(options.actor.organisationId, options.libraryId);
  const papers = await PaperModel.find({ libraryId: library._id }).sort({ index: 1 }).lean<PaperRecord[]>();
  return presentPaperLibrary(library, papers);
}
