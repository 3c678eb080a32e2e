/**
 * Changes an organisation's name and settings: certificate-code fields (R14) and jurisdiction
 * settings (R4, R7, R11, R12, R13), audited as `organisation.settings_updated`.
 */
import {
  organisationSettingsSchema,
  type OrganisationView,
  type UpdateOrganisationSettingsRequest,
} from '../../contracts/identity';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from './actor';
import { OrganisationModel } from './organisation.model';
import { presentOrganisation } from './organisation.presenter';

/** One changed setting, as recorded in the audit payload. */
export interface SettingChange {
  /** Dotted path, e.g. `settings.jurisdiction.publicationWorkingDays`. */
  field: string;
  from: unknown;
  to: unknown;
}

function flatten(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) flatten(member, prefix ? `${prefix}.${key}` : key, into);
    }
  } else {
    into.set(prefix, value);
  }
  return into;
}

/**
 * Merges `request` into the actor's organisation field by field, validates the merged settings,
 * stores only the changed fields and audits them as `[{ field, from, to }]`.
 * @returns the updated organisation and the list of changes (empty when nothing changed; then
 *   nothing is written or audited).
 * @throws AppError `not_found` when the organisation is missing; `validation_failed` naming the
 *   field when the merged settings are invalid.
 */
export async function updateOrganisationSettings(options: {
  request: UpdateOrganisationSettingsRequest;
  actor: Actor;
}): Promise<{ organisation: OrganisationView; changes: SettingChange[] }> {
  const organisationId = options.actor.organisationId;
  const current = await OrganisationModel.findById(organisationId).lean();
  if (!current) throw new AppError('not_found', `Organisation ${organisationId} does not exist`);
  const before = presentOrganisation(current);
  const { name, ...settingsPatch } = options.request;
  const requested = flatten({ settings: settingsPatch, ...(name !== undefined ? { name } : {}) }, '', new Map());
  const existing = flatten({ settings: before.settings, name: before.name }, '', new Map());
  const changes: SettingChange[] = [];
  for (const [field, to] of requested) {
    const from = existing.get(field);
    if (from !== to) changes.push({ field, from, to });
  }
  if (changes.length === 0) return { organisation: before, changes };

  const merged = structuredClone(before.settings) as unknown as Record<string, Record<string, unknown>>;
  for (const change of changes) {
    if (change.field === 'name') continue;
    const path = change.field.split('.').slice(1);
    let node: Record<string, unknown> = merged;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[path[path.length - 1]] = change.to;
  }
  const parsed = organisationSettingsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation_failed', `settings.${issue.path.join('.')}: ${issue.message}`, {
      issues: parsed.error.issues,
    });
  }
  const update = Object.fromEntries(changes.map((change) => [change.field, change.to]));
  const updated = await OrganisationModel.findByIdAndUpdate(organisationId, { $set: update }, { returnDocument: 'after' }).lean();
  if (!updated) throw new AppError('not_found', `Organisation ${organisationId} does not exist`);
  await recordAudit({
    actor: options.actor,
    action: 'organisation.settings_updated',
    target: { kind: 'organisation', id: organisationId, label: updated.name },
    payload: { changes },
  });
  return { organisation: presentOrganisation(updated), changes };
}

/** PATCH /api/admin/organisation/settings answer: {@link updateOrganisationSettings}'s own return type. */
export type OrganisationSettingsUpdate = Awaited<ReturnType<typeof updateOrganisationSettings>>;
