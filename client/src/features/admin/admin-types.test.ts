import { describe, expect, it } from 'vitest';
import {
  defaultJurisdictionSettings as serverDefaults,
  idTypes as serverIdTypes,
  jurisdictionSettingsSchema,
  roles as serverRoles,
} from '@skillcert/server/contracts';
import { certificateNumberPrefix, defaultJurisdictionSettings, grantableRoles, idTypes, jurisdictionSettingBounds, type NumberBounds } from './admin-types';

/** A zod schema node as far as the bounds walk reads it (zod 4: objects have `shape`, numbers `minValue`/`maxValue`/`isInt`). */
interface SchemaNode {
  shape?: Record<string, SchemaNode>;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
}

/** The server schema's bounds, nested like the settings: `{ min, max, isInteger }` per number. */
function boundsOf(node: SchemaNode): unknown {
  if (node.shape) return Object.fromEntries(Object.entries(node.shape).map(([key, child]) => [key, boundsOf(child)]));
  return { min: node.minValue ?? null, max: node.maxValue ?? null, isInteger: node.isInt ?? null };
}

// The client keeps these values itself (a value import of the server contracts would bundle zod);
// the server's are the source of truth, so the copies must stay equal, order included.
describe('admin client values match the server contracts', () => {
  it('R4 R7 R11 R12 R13: shows the same strictest jurisdiction defaults the server applies', () => {
    expect(defaultJurisdictionSettings).toEqual(serverDefaults);
  });

  it('R7 R11 R12 R13 R4 R10: bounds every jurisdiction number exactly as the server schema does', () => {
    const serverBounds = boundsOf(jurisdictionSettingsSchema as unknown as SchemaNode) as Record<string, unknown>;
    expect(jurisdictionSettingBounds).toEqual(serverBounds);
    // R11 publication lasts at least one working day; R7 lead time may be zero.
    expect(jurisdictionSettingBounds.publicationWorkingDays.min).toBe(1);
    expect(jurisdictionSettingBounds.planLeadTimeWorkingDays.min).toBe(0);
  });

  it('R4 R7 R10 R11 R12 R13: keeps every default inside its bounds', () => {
    const outside = (bounds: unknown, value: unknown, path: string): string[] => {
      if (bounds && typeof bounds === 'object' && 'min' in bounds) {
        const { min, max, isInteger } = bounds as NumberBounds;
        const number = value as number;
        return number < min || number > max || (isInteger && !Number.isInteger(number)) ? [path] : [];
      }
      return Object.entries(bounds as Record<string, unknown>).flatMap(([key, child]) => outside(child, (value as Record<string, unknown>)[key], `${path}.${key}`));
    };
    expect(outside(jurisdictionSettingBounds, defaultJurisdictionSettings, 'jurisdiction')).toEqual([]);
  });

  it('R6: offers every server role in the server order, candidate last', () => {
    expect(grantableRoles).toEqual([...serverRoles]);
    expect(grantableRoles.at(-1)).toBe('candidate');
  });

  it('R15: offers every identity document type of the server in its order', () => {
    expect(idTypes).toEqual([...serverIdTypes]);
  });

  it('R14: builds the 13-character certificate number prefix from the code fields', () => {
    const prefix = certificateNumberPrefix({ organisationClass: 'Y', organisationCode: '0001', provinceCode: '44', cityCode: '03', ownershipType: 2, siteSequence: '007' });
    expect(prefix).toBe('Y000144032007');
    expect(prefix).toHaveLength(13);
  });
});
