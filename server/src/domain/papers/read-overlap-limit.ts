/**
 * The organisation's R2 overlap limit for paper libraries: papers of one level repeat each other by
 * no more than this fraction. Read from the organisation settings
 * (`settings.jurisdiction.maxPaperOverlap`) when the organisation has set it, else the strictest
 * source's 10%.
 */
import { OrganisationModel } from '../identity/organisation.model';

/** R2 default: 10% (fraction 0..1). */
export const defaultMaxPaperOverlap = 0.1;

/**
 * The organisation's maximum pairwise paper overlap, fraction 0..1 (R2).
 * @returns the setting when present and within 0..1, else {@link defaultMaxPaperOverlap}
 */
export async function readOverlapLimit(organisationId: string): Promise<number> {
  const organisation = await OrganisationModel.findById(organisationId, { settings: 1 }).lean();
  const value = (organisation?.settings?.jurisdiction as { maxPaperOverlap?: unknown } | undefined)?.maxPaperOverlap;
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : defaultMaxPaperOverlap;
}
