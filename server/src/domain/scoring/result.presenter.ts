/**
 * Plain JSON of results (never a mongoose document).
 */
import type { ResultRecord } from './result.model';
import type { ResultView } from './scoring.contracts';

/** Presents a stored result with its revision trail (R11 re-scoring). */
export function presentResult(result: ResultRecord): ResultView {
  return {
    id: String(result._id),
    batchId: String(result.batchId),
    registrationId: String(result.registrationId),
    candidateId: String(result.candidateId),
    scopeId: String(result.scopeId),
    level: result.level,
    mode: result.mode,
    components: result.components.map((component) => ({
      key: component.key,
      score: component.score,
      weight: component.weight,
      passMark: component.passMark,
      isPass: component.isPass,
    })),
    totalScore: result.totalScore,
    isPass: result.isPass,
    status: result.status,
    ...(result.approvedBy ? { approvedBy: String(result.approvedBy) } : {}),
    ...(result.approvedAt ? { approvedAt: new Date(result.approvedAt).toISOString() } : {}),
    assessmentDate: result.assessmentDate,
    revisions: (result.revisions ?? []).map((revision) => ({
      at: new Date(revision.at).toISOString(),
      by: String(revision.by),
      reason: revision.reason,
      previous: {
        components: revision.previous.components.map((component) => ({ ...component })),
        totalScore: revision.previous.totalScore,
        isPass: revision.previous.isPass,
      },
      ...(revision.changes ? { changes: revision.changes.map((change) => ({ ...change })) } : {}),
    })),
  };
}
