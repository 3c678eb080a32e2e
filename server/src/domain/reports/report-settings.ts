/**
 * Reading and changing the report settings of an organisation (issue 12): item-analysis flag
 * thresholds and parallelism tolerances. Platform conventions, not regulation numbers; R1 asks that
 * banks are "updated from time to time", which the review queue fed by these thresholds serves.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { ReportSettingsModel, defaultReportSettings } from './report-settings.model';
import type { ReportSettings, UpdateReportSettingsRequest } from './reports.contracts';

/**
 * The organisation's report settings, defaults filled in for anything not stored.
 * @param organisationId hex id
 * @returns thresholds (fractions 0..1; D −1..1; minimum candidate count) and tolerances (fractions)
 */
export async function loadReportSettings(organisationId: string): Promise<ReportSettings> {
  const stored = await ReportSettingsModel.findOne({ organisationId: new Types.ObjectId(organisationId) }).lean();
  return {
    itemAnalysis: { ...defaultReportSettings.itemAnalysis, ...(stored?.itemAnalysis ?? {}) },
    parallelism: { ...defaultReportSettings.parallelism, ...(stored?.parallelism ?? {}) },
  };
}

/**
 * Changes some report settings and audits `reports.settings_updated` with before and after.
 * @returns the complete settings after the change
 * @throws AppError `validation_failed` (field `itemAnalysis.minDifficulty`) when the lower difficulty
 *   threshold is not below the upper one
 */
export async function updateReportSettings(options: { actor: Actor; request: UpdateReportSettingsRequest }): Promise<ReportSettings> {
  const { actor, request } = options;
  const before = await loadReportSettings(actor.organisationId);
  const after: ReportSettings = {
    itemAnalysis: { ...before.itemAnalysis, ...(request.itemAnalysis ?? {}) },
    parallelism: { ...before.parallelism, ...(request.parallelism ?? {}) },
  };
  if (!(after.itemAnalysis.minDifficulty < after.itemAnalysis.maxDifficulty)) {
    throw new AppError(
      'validation_failed',
      `itemAnalysis.minDifficulty (${after.itemAnalysis.minDifficulty}) must be below itemAnalysis.maxDifficulty (${after.itemAnalysis.maxDifficulty})`,
      { issues: [{ field: 'itemAnalysis.minDifficulty', message: 'must be below maxDifficulty' }] },
    );
  }
  await ReportSettingsModel.updateOne(
    { organisationId: new Types.ObjectId(actor.organisationId) },
    { $set: { itemAnalysis: after.itemAnalysis, parallelism: after.parallelism, updatedBy: new Types.ObjectId(actor.userId) } },
    { upsert: true },
  );
  await recordAudit({
    actor,
    action: 'reports.settings_updated',
    target: { kind: 'report_settings', id: actor.organisationId },
    payload: { before, after },
  });
  return after;
}
