/**
 * Creates an organisation (enterprise) with its settings; defaults are the strictest jurisdiction
 * values (R4, R7, R11, R12, R13).
 */
import {
  defaultJurisdictionSettings,
  organisationSettingsSchema,
  type CertificateCodeSettings,
  type JurisdictionSettings,
  type OrganisationView,
} from '../../contracts/identity';
import { AppError } from '../../errors';
import { recordAudit, type AuditActor } from '../audit/record-audit';
import { OrganisationModel, type OrganisationRecord } from './organisation.model';
import { presentOrganisation } from './organisation.presenter';

/**
 * Creates an organisation and audits `organisation.created`.
 * @param options.certificateCode R14 fields of the certificate number (class, codes, site serial).
 * @param options.jurisdiction overrides of {@link defaultJurisdictionSettings}.
 * @throws AppError `validation_failed` naming the bad setting (e.g. `certificateCode.provinceCode`).
 */
export async function createOrganisation(options: {
  name: string;
  certificateCode: CertificateCodeSettings;
  jurisdiction?: Partial<JurisdictionSettings>;
  isDemo?: boolean;
  actor: AuditActor;
}): Promise<OrganisationView> {
  const parsed = organisationSettingsSchema.safeParse({
    certificateCode: options.certificateCode,
    jurisdiction: { ...defaultJurisdictionSettings, ...options.jurisdiction },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation_failed', `${issue.path.join('.')}: ${issue.message}`, { issues: parsed.error.issues });
  }
  const created = await OrganisationModel.create({
    name: options.name,
    isDemo: options.isDemo ?? false,
    settings: parsed.data,
  });
  const organisation = created.toObject() as OrganisationRecord;
  const organisationId = String(organisation._id);
  await recordAudit({
    actor: options.actor,
    organisationId,
    action: 'organisation.created',
    target: { kind: 'organisation', id: organisationId, label: organisation.name },
    payload: { name: organisation.name, settings: parsed.data },
  });
  return presentOrganisation(organisation);
}
