/**
 * Loads a paper or a paper library of the actor's organisation or fails with `not_found`.
 */
import type { ClientSession } from 'mongoose';
import { AppError } from '../../errors';
import { PaperLibraryModel, type PaperLibraryRecord } from './paper-library.model';
import { PaperModel, type PaperRecord } from './paper.model';

/**
 * The paper `paperId` of `organisationId`.
 * @throws AppError `not_found`.
 */
export async function requirePaper(organisationId: string, paperId: string, session?: ClientSession): Promise<PaperRecord> {
  const paper = await PaperModel.findOne({ _id: paperId, organisationId }).session(session ?? null).lean<PaperRecord>();
  if (!paper) throw new AppError('not_found', `paperId: paper ${paperId} does not exist`);
  return paper;
}

/**
 * The paper library `libraryId` of `organisationId`.
 * @throws AppError `not_found`.
 */
export async function requirePaperLibrary(organisationId: string, libraryId: string, session?: ClientSession): Promise<PaperLibraryRecord> {
  const library = await PaperLibraryModel.findOne({ _id: libraryId, organisationId }).session(session ?? null).lean<PaperLibraryRecord>();
  if (!library) throw new AppError('not_found', `libraryId: paper library ${libraryId} does not exist`);
  return library;
}
