/**
 * Pass-rate report (issue 12; R4 results, R18 levels, R20 effectiveness): results grouped by
 * occupation, work type (within its occupation), level, department or batch, with result count,
 * passed and failed, pass rate (fraction 0..1), mean total score (points of 100) and the pass rate
 * of each component (theory, practical, review, direct grading).
 *
 * Counted results: those approved by the evaluation committee (`approved`, `published`, `locked`);
 * `computed` ones only with `includeComputed`. Occupation and work type come from the batch's scope,
 * the department from the registration ('' when unknown).
 */
import { Types } from 'mongoose';
import type { Actor } from '../identity/actor';
import { RegistrationModel } from '../plans/registration.model';
import { levelNames } from '../scoring/scoring-access';
import { ResultModel, type ResultComponent, type ResultRecord, type ResultStatus } from '../scoring/result.model';
import type { PassRateDimension, PassRatesQuery } from './reports.contracts';
import { selectReportBatches, toRate, type ReportBatch } from './select-report-batches';

/** Pass rate of one component in a group. */
export interface ComponentPassRate {
  key: ResultComponent['key'];
  resultCount: number;
  passedCount: number;
  passRate: number | null;
}

/** One group of the report. */
export interface PassRateRow {
  /** Stable key: occupation code, `code|work type`, level, department, batch id. */
  key: string;
  label: string;
  resultCount: number;
  passedCount: number;
  failedCount: number;
  /** passed / results, 0..1; null without results. */
  passRate: number | null;
  /** Mean weighted total, points of 100. */
  meanTotalScore: number | null;
  components: ComponentPassRate[];
}

/** The pass-rate report. */
export interface PassRateReport {
  dimension: PassRateDimension;
  includeComputed: boolean;
  batchCount: number;
  rows: PassRateRow[];
  total: Omit<PassRateRow, 'key' | 'label'>;
}

/** Statuses counted by default: approved by the evaluation committee (R11). */
export const approvedResultStatuses: readonly ResultStatus[] = ['approved', 'published', 'locked'];

/** Label of an unknown department. */
export const unknownDepartmentLabel = '（未填写部门）';

const componentOrder: ResultComponent['key'][] = ['theory', 'practical', 'review', 'direct_grading'];

type ResultSlice = Pick<ResultRecord, 'batchId' | 'registrationId' | 'scopeId' | 'level' | 'components' | 'totalScore' | 'isPass'>;

function summarise(results: readonly ResultSlice[]): Omit<PassRateRow, 'key' | 'label'> {
  const passedCount = results.filter((result) => result.isPass).length;
  const components = componentOrder
    .map((key): ComponentPassRate => {
      const withComponent = results.map((result) => result.components.find((component) => component.key === key)).filter((component) => component !== undefined);
      const passed = withComponent.filter((component) => component.isPass).length;
      return { key, resultCount: withComponent.length, passedCount: passed, passRate: toRate(passed, withComponent.length) };
    })
    .filter((component) => component.resultCount > 0);
  const scoreSum = results.reduce((sum, result) => sum + result.totalScore, 0);
  return {
    resultCount: results.length,
    passedCount,
    failedCount: results.length - passedCount,
    passRate: toRate(passedCount, results.length),
    meanTotalScore: results.length > 0 ? Math.round((scoreSum / results.length) * 100) / 100 : null,
    components,
  };
}

/** Loads the counted results of the batches. */
export async function loadCountedResults(organisationId: string, batches: readonly ReportBatch[], includeComputed: boolean): Promise<ResultSlice[]> {
  if (batches.length === 0) return [];
  const statuses: ResultStatus[] = includeComputed ? [...approvedResultStatuses, 'computed'] : [...approvedResultStatuses];
  return ResultModel.find(
    { organisationId: new Types.ObjectId(organisationId), batchId: { $in: batches.map((entry) => entry.batch._id) }, status: { $in: statuses } },
    { batchId: 1, registrationId: 1, scopeId: 1, level: 1, components: 1, totalScore: 1, isPass: 1 },
  ).lean<ResultSlice[]>();
}

/**
 * Pass rates of the selected batches grouped by `query.dimension` (see the module comment).
 * Rows are ordered: batches by date, levels 5 → 1, others by label.
 * @throws AppError `not_found` for an unknown `batchId`; `validation_failed` for from > to
 */
export async function computePassRates(options: { actor: Actor; query: PassRatesQuery }): Promise<PassRateReport> {
  const { actor, query } = options;
  const includeComputed = query.includeComputed ?? false;
  const batches = await selectReportBatches(actor.organisationId, query);
  const results = await loadCountedResults(actor.organisationId, batches, includeComputed);
  const batchById = new Map(batches.map((entry) => [String(entry.batch._id), entry]));
  const departmentByRegistration = new Map<string, string>();
  if (query.dimension === 'department' && results.length > 0) {
    const registrations = await RegistrationModel.find({ _id: { $in: results.map((result) => result.registrationId) } }, { department: 1 }).lean();
    for (const registration of registrations) departmentByRegistration.set(String(registration._id), registration.department?.trim() ?? '');
  }

  const groups = new Map<string, { label: string; order: string | number; results: ResultSlice[] }>();
  for (const result of results) {
    const entry = batchById.get(String(result.batchId))!;
    const scope = entry.batch.scopes.find((candidate) => String(candidate.scopeId) === String(result.scopeId));
    let key: string;
    let label: string;
    let order: string | number;
    switch (query.dimension) {
      case 'occupation':
        key = scope?.occupationCode ?? 'unknown';
        label = scope ? `${scope.occupationCode} ${scope.occupationName}` : key;
        order = label;
        break;
      case 'work_type':
        key = scope ? `${scope.occupationCode}|${scope.workType}` : 'unknown';
        label = scope ? `${scope.occupationName}（${scope.workType}）` : key;
        order = label;
        break;
      case 'level':
        key = String(result.level);
        label = levelNames[result.level] ?? key;
        order = -result.level;
        break;
      case 'department': {
        key = departmentByRegistration.get(String(result.registrationId)) ?? '';
        label = key || unknownDepartmentLabel;
        order = key === '' ? '\uffff' : key;
        break;
      }
      case 'batch':
        key = String(entry.batch._id);
        label = `${entry.batch.code} ${entry.batch.name}`;
        order = `${entry.startsOn} ${entry.batch.code}`;
        break;
    }
    const group = groups.get(key) ?? { label, order, results: [] };
    group.results.push(result);
    groups.set(key, group);
  }
  const rows = [...groups.entries()]
    .sort(([, a], [, b]) =>
      typeof a.order === 'number' && typeof b.order === 'number' ? a.order - b.order : String(a.order).localeCompare(String(b.order), 'zh-CN'),
    )
    .map(([key, group]) => ({ key, label: group.label, ...summarise(group.results) }));
  return { dimension: query.dimension, includeComputed, batchCount: batches.length, rows, total: summarise(results) };
}
