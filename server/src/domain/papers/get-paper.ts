/**
 * One paper: pinned slots (item id, version, type, points) without item content.
 */
import type { Actor } from '../identity/actor';
import { presentPaper, type PaperView } from './paper-library.presenter';
import { requirePaper } from './require-paper';

/**
 * The paper `paperId`.
 * @throws AppError `not_found`.
 */
export async function getPaper(options: { paperId: string; actor: Actor }): Promise<PaperView> {
  return presentPaper(await requirePaper(options.actor.organisationId, options.paperId));
}
