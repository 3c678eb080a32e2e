/**
 * Changes an organisation's scoring settings (R4 multiple-choice credit and review panel size, R5
 * direct-grading pass mark).
 */
import { Types } from 'mongoose';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { loadScoringSettings } from './scoring-access';
import type { ScoringSettings, UpdateScoringSettingsRequest } from './scoring.contracts';
import { ScoringSettingsModel } from './scoring-settings.model';

/**
 * Merges `request` into the actor's organisation's scoring settings and audits
 * `scoring_settings.updated` with the previous and new values. Sheets already scored keep the
 * credit rule they were scored with.
 * @returns the settings after the change.
 */
export async function updateScoringSettings(options: { request: UpdateScoringSettingsRequest; actor: Actor }): Promise<ScoringSettings> {
  const { request, actor } = options;
  const previous = await loadScoringSettings(actor.organisationId);
  const next: ScoringSettings = { ...previous, ...request };
  await ScoringSettingsModel.findOneAndUpdate(
    { organisationId: new Types.ObjectId(actor.organisationId) },
    { $set: { ...next, updatedBy: new Types.ObjectId(actor.userId) } },
    { upsert: true, runValidators: true },
  );
  await recordAudit({
    actor,
    action: 'scoring_settings.updated',
    target: { kind: 'organisation', id: actor.organisationId },
    payload: { previous, next },
  });
  return next;
}
