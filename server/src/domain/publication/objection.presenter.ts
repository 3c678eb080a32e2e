/**
 * Plain JSON of objections (R11); never a mongoose document.
 */
import type { ObjectionView } from './publication.contracts';
import type { ObjectionRecord } from './objection.model';

/** An objection as answered, with the candidate's name from the notice. */
export function presentObjection(objection: ObjectionRecord, candidateName: string): ObjectionView {
  const decision = objection.decision;
  return {
    id: String(objection._id),
    batchId: String(objection.batchId),
    resultId: String(objection.resultId),
    candidateId: String(objection.candidateId),
    candidateName,
    kind: objection.kind,
    reason: objection.reason,
    filedByName: objection.filedByName,
    isFiledOnBehalf: objection.isFiledOnBehalf,
    filedAt: new Date(objection.filedAt).toISOString(),
    status: objection.status,
    ...(decision
      ? {
          decision: {
            outcome: decision.outcome,
            reason: decision.reason,
            decidedByName: decision.decidedByName,
            decidedAt: new Date(decision.decidedAt).toISOString(),
            ...(decision.rescoring
              ? {
                  rescoring: {
                    changes: decision.rescoring.changes.map((change) => ({ component: change.component, score: change.score })),
                    previous: { ...decision.rescoring.previous },
                    current: { ...decision.rescoring.current },
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}
