/**
 * Plain JSON of an application with its eligibility verdict and reasons (R9).
 */
import type { ApplicationRecord } from './application.model';
import type { ApplicationView } from './plans.contracts';

/** Presents a stored application as {@link ApplicationView}. */
export function presentApplication(application: ApplicationRecord): ApplicationView {
  const { eligibility } = application;
  return {
    id: String(application._id),
    batchId: String(application.batchId),
    scopeId: String(application.scopeId),
    level: application.level,
    source: application.source,
    ...(application.rosterRow !== undefined ? { rosterRow: application.rosterRow } : {}),
    name: application.name,
    idType: application.idType,
    idNumber: application.idNumber,
    employer: application.employer,
    ...(application.department ? { department: application.department } : {}),
    employmentType: application.employmentType,
    status: application.status,
    eligibility: {
      isEligible: eligibility.isEligible,
      ...(eligibility.pathId ? { pathId: eligibility.pathId } : {}),
      ...(eligibility.path ? { path: eligibility.path } : {}),
      reasons: [...eligibility.reasons],
      notes: [...eligibility.notes],
      asOf: eligibility.asOf,
    },
    ...(application.registrationId ? { registrationId: String(application.registrationId) } : {}),
    ...(application.candidateId ? { candidateId: String(application.candidateId) } : {}),
    createdAt: new Date(application.createdAt).toISOString(),
  };
}
