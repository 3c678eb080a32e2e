/**
 * Thresholds of the incident rules, per organisation (R10). Every threshold has a default; an
 * organisation overrides what it needs. Durations are milliseconds.
 */
import { z } from 'zod';
import { incidentRuleIds } from './incident';

const positiveMs = z.number().int().positive();

/**
 * Incident settings and their defaults:
 * - `focusLostThresholdMs` 10 s: focus lost (or page hidden) at least this long.
 * - `disconnectThresholdMs` 60 s: connection down at least this long.
 * - `burstMinAnswers` 3, `burstWindowMs` 20 s, `burstMinFocusLossMs` 10 s: at least this many
 *   answers saved within the window after regaining focus from a loss at least this long.
 * - `idleThresholdMs` 600 s: no activity at all this long while the attempt is in progress.
 * - `disabledRules`: rule ids the organisation switched off (their incidents are not returned).
 */
export const incidentSettingsSchema = z
  .object({
    focusLostThresholdMs: positiveMs.default(10_000),
    disconnectThresholdMs: positiveMs.default(60_000),
    burstMinAnswers: z.number().int().min(1).default(3),
    burstWindowMs: positiveMs.default(20_000),
    burstMinFocusLossMs: positiveMs.default(10_000),
    idleThresholdMs: positiveMs.default(600_000),
    disabledRules: z.array(z.enum(incidentRuleIds)).default([]),
  })
  .strict();

/** Resolved incident settings (every field present). */
export type IncidentSettings = z.output<typeof incidentSettingsSchema>;

/** Organisation overrides as stored or sent (any field may be missing). */
export type IncidentSettingsInput = z.input<typeof incidentSettingsSchema>;

/** The defaults listed on {@link incidentSettingsSchema}. */
export const defaultIncidentSettings: IncidentSettings = Object.freeze(incidentSettingsSchema.parse({}));

/**
 * Fills missing fields with defaults and validates the rest.
 * @throws ZodError naming the field when a threshold is not a positive integer or a rule id unknown.
 */
export function resolveIncidentSettings(input: IncidentSettingsInput = {}): IncidentSettings {
  return incidentSettingsSchema.parse(input);
}
