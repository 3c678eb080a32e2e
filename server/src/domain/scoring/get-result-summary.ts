/**
 * The batch result summary 评价结果汇总表 (R4, R11, R16 archive): one row per registration with the
 * component scores (of 100), the weighted total and pass, plus the counts and the approval.
 */
import type { Actor } from '../identity/actor';
import { OrganisationModel } from '../identity/organisation.model';
import { UserModel } from '../identity/user.model';
import { RegistrationModel, type RegistrationRecord } from '../plans/registration.model';
import { ResultModel, type ResultRecord } from './result.model';
import { assertBatchReader, levelNames, loadScoringBatch } from './scoring-access';
import type { ResultComponentKey } from './scoring.contracts';
import { ScoringSignOffModel } from './scoring-sign-off.model';

/** One row of the summary. */
export interface ResultSummaryRow {
  index: number;
  registrationId: string;
  resultId: string | null;
  admissionTicketNumber: string;
  candidateName: string;
  idNumber: string;
  department: string;
  occupation: string;
  level: number;
  levelName: string;
  /** Scores of 100 per component; null when the component does not apply or is missing. */
  scores: Record<ResultComponentKey, number | null>;
  totalScore: number | null;
  /** null while no result is computed. */
  isPass: boolean | null;
  status: ResultRecord['status'] | 'pending';
  revisionCount: number;
}

/** The summary. */
export interface ResultSummary {
  organisationName: string;
  batch: { id: string; code: string; name: string; mode: 'grading' | 'promotion'; status: string };
  scopes: Array<{ occupationCode: string; occupationName: string; workType: string; level: number; weights: { theory: number; practical: number; review?: number } }>;
  rows: ResultSummaryRow[];
  counts: { registered: number; withResult: number; passed: number; failed: number; pending: number; passRate: number };
  approval: { approvedAt: string; approvedBy: string } | null;
  signOffs: Array<{ component: 'practical' | 'review'; signerName: string; signedAt: string }>;
  generatedAt: string;
}

/**
 * Builds the summary of a batch.
 * @throws AppError `not_found` (batch), `forbidden` (not entitled to the batch).
 */
export async function getResultSummary(options: { batchId: string; actor: Actor; now?: Date }): Promise<ResultSummary> {
  const batch = await loadScoringBatch(options.actor.organisationId, options.batchId);
  assertBatchReader(batch, options.actor);
  const [organisation, registrations, results, signOffs] = await Promise.all([
    OrganisationModel.findById(batch.organisationId, { name: 1 }).lean(),
    RegistrationModel.find({ batchId: batch._id }).sort({ admissionTicketNumber: 1 }).lean<RegistrationRecord[]>(),
    ResultModel.find({ batchId: batch._id }).lean<ResultRecord[]>(),
    ScoringSignOffModel.find({ batchId: batch._id }).sort({ signedAt: 1 }).lean(),
  ]);
  const users = await UserModel.find({ _id: { $in: registrations.map((registration) => registration.candidateId) } }, { idNumber: 1 }).lean();
  const idNumberByUser = new Map(users.map((user) => [String(user._id), user.idNumber ?? '']));
  const resultByRegistration = new Map(results.map((result) => [String(result.registrationId), result]));
  const approvers = results.filter((result) => result.approvedBy);
  const approver = approvers[0];
  const approverName = approver ? ((await UserModel.findById(approver.approvedBy, { name: 1 }).lean())?.name ?? String(approver.approvedBy)) : '';
  const rows = registrations.map((registration, index): ResultSummaryRow => {
    const scope = batch.scopes.find((candidate) => String(candidate.scopeId) === String(registration.scopeId));
    const result = resultByRegistration.get(String(registration._id));
    const score = (key: ResultComponentKey) => result?.components.find((component) => component.key === key)?.score ?? null;
    return {
      index: index + 1,
      registrationId: String(registration._id),
      resultId: result ? String(result._id) : null,
      admissionTicketNumber: registration.admissionTicketNumber,
      candidateName: registration.candidateName,
      idNumber: idNumberByUser.get(String(registration.candidateId)) ?? '',
      department: registration.department ?? '',
      occupation: scope ? `${scope.occupationName}（${scope.workType}）` : '',
      level: registration.level,
      levelName: levelNames[registration.level] ?? String(registration.level),
      scores: { theory: score('theory'), practical: score('practical'), review: score('review'), direct_grading: score('direct_grading') },
      totalScore: result?.totalScore ?? null,
      isPass: result ? result.isPass : null,
      status: result?.status ?? 'pending',
      revisionCount: result?.revisions?.length ?? 0,
    };
  });
  const withResult = rows.filter((row) => row.isPass !== null).length;
  const passed = rows.filter((row) => row.isPass === true).length;
  return {
    organisationName: organisation?.name ?? '',
    batch: { id: String(batch._id), code: batch.code, name: batch.name, mode: batch.mode, status: batch.status },
    scopes: batch.scopes.map((scope) => ({
      occupationCode: scope.occupationCode,
      occupationName: scope.occupationName,
      workType: scope.workType,
      level: scope.level,
      weights: { theory: scope.weights.theory, practical: scope.weights.practical, ...(typeof scope.weights.review === 'number' ? { review: scope.weights.review } : {}) },
    })),
    rows,
    counts: {
      registered: rows.length,
      withResult,
      passed,
      failed: withResult - passed,
      pending: rows.length - withResult,
      passRate: withResult === 0 ? 0 : Math.round((passed / withResult) * 1e6) / 1e6,
    },
    approval: approver?.approvedAt ? { approvedAt: new Date(approver.approvedAt).toISOString(), approvedBy: approverName } : null,
    signOffs: signOffs.map((signOff) => ({ component: signOff.component, signerName: signOff.signerName, signedAt: new Date(signOff.signedAt).toISOString() })),
    generatedAt: (options.now ?? new Date()).toISOString(),
  };
}

