import { describe, expect, it } from 'vitest';
import { defaultJurisdictionSettings as serverDefaults, idTypes as serverIdTypes, roles as serverRoles } from '@skillcert/server/contracts';
import { certificateNumberPrefix, defaultJurisdictionSettings, grantableRoles, idTypes } from './admin-types';

// The client keeps these values itself (a value import of the server contracts would bundle zod);
// the server's are the source of truth, so the copies must stay equal, order included.
describe('admin client values match the server contracts', () => {
  it('R4 R7 R11 R12 R13: shows the same strictest jurisdiction defaults the server applies', () => {
    expect(defaultJurisdictionSettings).toEqual(serverDefaults);
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
