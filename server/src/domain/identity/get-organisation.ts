/**
 * Reads one organisation with its settings.
 */
import type { OrganisationView } from '../../contracts/identity';
import { AppError } from '../../errors';
import { OrganisationModel } from './organisation.model';
import { presentOrganisation } from './organisation.presenter';

/**
 * The organisation `organisationId` with its settings (R14 certificate code, jurisdiction settings).
 * @throws AppError `not_found` when it does not exist.
 */
export async function getOrganisation(organisationId: string): Promise<OrganisationView> {
  const organisation = await OrganisationModel.findById(organisationId).lean();
  if (!organisation) throw new AppError('not_found', `Organisation ${organisationId} does not exist`);
  return presentOrganisation(organisation);
}
