/**
 * Plain JSON of an organisation and its settings (R14 certificate-code fields, jurisdiction settings).
 */
import type { OrganisationView } from '../../contracts/identity';
import type { OrganisationRecord } from './organisation.model';

/** Presents a stored organisation as {@link OrganisationView}. */
export function presentOrganisation(organisation: OrganisationRecord): OrganisationView {
  const { certificateCode, jurisdiction } = organisation.settings;
  return {
    id: String(organisation._id),
    name: organisation.name,
    settings: {
      certificateCode: {
        organisationClass: certificateCode.organisationClass,
        organisationCode: certificateCode.organisationCode,
        provinceCode: certificateCode.provinceCode,
        cityCode: certificateCode.cityCode,
        ownershipType: certificateCode.ownershipType,
        siteSequence: certificateCode.siteSequence,
      },
      jurisdiction: {
        planLeadTimeWorkingDays: jurisdiction.planLeadTimeWorkingDays,
        publicationWorkingDays: jurisdiction.publicationWorkingDays,
        resultsSubmissionWorkingDays: jurisdiction.resultsSubmissionWorkingDays,
        certificateDataWorkingDays: jurisdiction.certificateDataWorkingDays,
        minimumPracticalWeight: jurisdiction.minimumPracticalWeight,
        passMarks: { ...jurisdiction.passMarks },
        practicalScoreDifferenceThreshold: jurisdiction.practicalScoreDifferenceThreshold,
        proctoring: { ...jurisdiction.proctoring },
      },
    },
    createdAt: new Date(organisation.createdAt).toISOString(),
    updatedAt: new Date(organisation.updatedAt).toISOString(),
  };
}
