/**
 * Answers of the /api/admin routes that have no schema in `contracts/identity.ts` (users,
 * organisation settings R14 and jurisdiction settings, audit verification live there): the audit
 * trail entries (R10, R17) and the settings change list, gathered for the client. Type-only
 * re-exports, so importing this module loads no server code.
 *
 * JSON-safe as declared (times ISO strings, ids strings).
 */
export type { AuditEntryView } from '../domain/audit/audit-entry.presenter';
export type { OrganisationSettingsUpdate, SettingChange } from '../domain/identity/update-organisation-settings';
