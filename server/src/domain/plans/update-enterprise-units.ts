/**
 * Sets the names of the enterprise and its subsidiaries, branches and affiliated units whose
 * employees may apply (R9: employees of the enterprise and its subsidiaries).
 */
import { Types } from 'mongoose';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import { loadEnterpriseUnits } from './load-plan-settings';
import { PlanSettingsModel } from './plan-settings.model';
import type { EnterpriseUnitsRequest } from './plans.contracts';

/**
 * The organisation's enterprise units (R9); the organisation's own name when none are set.
 */
export async function getEnterpriseUnits(organisationId: string): Promise<{ enterpriseUnits: string[] }> {
  return { enterpriseUnits: await loadEnterpriseUnits(organisationId) };
}

/**
 * Replaces the enterprise units of the actor's organisation (duplicates dropped, order kept) and
 * audits `organisation.enterprise_units_updated`.
 */
export async function updateEnterpriseUnits(options: { request: EnterpriseUnitsRequest; actor: Actor }): Promise<{ enterpriseUnits: string[] }> {
  const { actor } = options;
  const enterpriseUnits = [...new Set(options.request.enterpriseUnits)];
  const before = await loadEnterpriseUnits(actor.organisationId);
  await PlanSettingsModel.updateOne(
    { organisationId: new Types.ObjectId(actor.organisationId) },
    { $set: { enterpriseUnits }, $setOnInsert: { calendar: { extraRestDays: [], extraWorkingDays: [], supplementaryYears: [] } } },
    { upsert: true },
  );
  await recordAudit({
    actor,
    action: 'organisation.enterprise_units_updated',
    target: { kind: 'organisation', id: actor.organisationId },
    payload: { before, after: enterpriseUnits },
  });
  return { enterpriseUnits };
}
