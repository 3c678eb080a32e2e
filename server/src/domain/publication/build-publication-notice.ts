/**
 * The rows of the publication notice 公示 (R11) from the batch's results as they stand: name, masked
 * ID number, occupation, work type, level, total score and pass/fail.
 */
import type { Types } from 'mongoose';
import { sha256Hex, toCanonicalJson } from '../audit/canonical-json';
import type { BatchRecord } from '../plans/batch.model';
import { levelNames } from '../plans/load-batch';
import { ResultModel, type ResultRecord } from '../scoring/result.model';
import { findResultScope, loadResultHolders } from './load-result-holders';
import { maskIdNumber } from './mask-personal-data';
import type { PublicationNoticeRow } from './publication.model';

/** Results of a batch in notice order (occupation, work type, level, then ticket/name). */
export async function loadBatchResults(batchId: Types.ObjectId): Promise<ResultRecord[]> {
  return ResultModel.find({ batchId }).sort({ scopeId: 1, level: 1, _id: 1 }).lean<ResultRecord[]>();
}

/**
 * The notice rows of `results` (R11). The ID number is masked (`4401**********123X`); the full
 * number never leaves this function.
 */
export async function buildPublicationNoticeRows(batch: Pick<BatchRecord, 'scopes'>, results: readonly ResultRecord[]): Promise<PublicationNoticeRow[]> {
  const holders = await loadResultHolders(results);
  const rows = results.map((result) => {
    const holder = holders.get(String(result._id));
    const scope = findResultScope(batch, result);
    return {
      resultId: String(result._id),
      candidateName: holder?.candidateName ?? '',
      maskedIdNumber: maskIdNumber(holder?.idNumber ?? ''),
      occupationCode: scope?.occupationCode ?? '',
      occupationName: scope?.occupationName ?? '',
      workType: scope?.workType ?? '',
      level: result.level,
      levelName: levelNames[result.level] ?? String(result.level),
      totalScore: Math.round(result.totalScore * 10) / 10,
      isPass: result.isPass,
      resultText: result.isPass ? '合格' : '不合格',
      sortKey: holder?.admissionTicketNumber ?? holder?.candidateName ?? '',
    };
  });
  rows.sort(
    (a, b) =>
      a.occupationCode.localeCompare(b.occupationCode) ||
      a.workType.localeCompare(b.workType) ||
      b.level - a.level ||
      a.sortKey.localeCompare(b.sortKey),
  );
  return rows.map(({ sortKey: _sortKey, ...row }) => row);
}

/** sha256 (hex) of the canonical JSON of notice rows (R16 archive). */
export function hashNoticeRows(rows: readonly PublicationNoticeRow[]): string {
  return sha256Hex(toCanonicalJson(rows));
}
