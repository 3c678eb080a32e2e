/**
 * Reading and changing an organisation's proctoring settings (R10): incident thresholds (defaults of
 * the rules; the disconnect threshold defaults to the jurisdiction setting `proctoring.offlineAfterMs`),
 * webcam snapshots and the exam administrators' right to act.
 */
import { Types } from 'mongoose';
import { resolveIncidentSettings, type IncidentSettings } from '@skillcert/proctoring/rules/settings';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { OrganisationModel } from '../identity/organisation.model';
import type { IncidentThresholdsPatch, ProctoringSettingsView, UpdateProctoringSettingsRequest, WebcamSettings } from './proctoring.contracts';
import { ProctoringSettingsModel, defaultWebcamSettings } from './proctoring-settings.model';
import './proctoring-events';

/**
 * The organisation's proctoring settings with every default filled in.
 * @throws AppError `validation_failed` when stored thresholds are no longer valid (names the field).
 */
export async function loadProctoringSettings(organisationId: string): Promise<ProctoringSettingsView> {
  const [stored, organisation] = await Promise.all([
    ProctoringSettingsModel.findOne({ organisationId: new Types.ObjectId(organisationId) }).lean(),
    OrganisationModel.findById(organisationId, { 'settings.jurisdiction.proctoring': 1 }).lean(),
  ]);
  const overrides: IncidentThresholdsPatch = { ...(stored?.incidentThresholds ?? {}) };
  const offlineAfterMs = organisation?.settings?.jurisdiction?.proctoring?.offlineAfterMs;
  let incidentThresholds: IncidentSettings;
  try {
    incidentThresholds = resolveIncidentSettings({ ...(offlineAfterMs ? { disconnectThresholdMs: offlineAfterMs } : {}), ...overrides });
  } catch (error) {
    throw new AppError('validation_failed', `proctoring settings of organisation ${organisationId}: ${(error as Error).message}`);
  }
  const webcam: WebcamSettings = { ...defaultWebcamSettings, ...(stored?.webcam ?? {}) };
  return { incidentThresholds, overrides, webcam, batchExamAdminsMayAct: stored?.batchExamAdminsMayAct ?? false };
}

/** The organisation's resolved incident thresholds (R10). */
export async function loadIncidentSettings(organisationId: string): Promise<IncidentSettings> {
  return (await loadProctoringSettings(organisationId)).incidentThresholds;
}

/**
 * Changes some proctoring settings (organisation administrators), audits
 * `proctoring.settings_updated` with before and after, and emits `proctoring.settings_updated` so
 * every process reloads the thresholds.
 * @returns the complete settings after the change
 * @throws AppError `validation_failed` when the merged thresholds are invalid.
 */
export async function updateProctoringSettings(options: { actor: Actor; request: UpdateProctoringSettingsRequest }): Promise<ProctoringSettingsView> {
  const { actor, request } = options;
  const before = await loadProctoringSettings(actor.organisationId);
  const overrides: Record<string, unknown> = { ...before.overrides, ...(request.incidentThresholds ?? {}) };
  for (const field of request.clearThresholds ?? []) delete overrides[field];
  try {
    resolveIncidentSettings(overrides as IncidentThresholdsPatch);
  } catch (error) {
    throw new AppError('validation_failed', `incidentThresholds: ${(error as Error).message}`);
  }
  const webcam = { ...before.webcam, ...(request.webcam ?? {}) };
  const batchExamAdminsMayAct = request.batchExamAdminsMayAct ?? before.batchExamAdminsMayAct;
  await ProctoringSettingsModel.updateOne(
    { organisationId: new Types.ObjectId(actor.organisationId) },
    { $set: { incidentThresholds: overrides, webcam, batchExamAdminsMayAct, updatedBy: new Types.ObjectId(actor.userId) } },
    { upsert: true },
  );
  const after = await loadProctoringSettings(actor.organisationId);
  await recordAudit({
    actor,
    action: 'proctoring.settings_updated',
    target: { kind: 'proctoring_settings', id: actor.organisationId },
    payload: { before, after },
  });
  domainEvents.emit('proctoring.settings_updated', { organisationId: actor.organisationId, at: Date.now() });
  return after;
}
