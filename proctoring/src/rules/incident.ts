/**
 * Incidents raised by the proctoring rules (R10: irregularities are recorded). An incident names a
 * stable rule id, so the console, the room record 考场记录 and the audit log can group them.
 */
import { z } from 'zod';

/** Stable rule ids; never rename one (they are stored with recorded incidents). */
export const incidentRuleIds = [
  'focus_lost_too_long',
  'fullscreen_exit',
  'copy_paste_attempt',
  'second_login_attempt',
  'client_changed',
  'disconnect_too_long',
  'answer_burst_after_focus_loss',
  'idle_too_long',
] as const;

/** One of {@link incidentRuleIds}. */
export type IncidentRuleId = (typeof incidentRuleIds)[number];

/** How urgently a proctor should look: `high` suggests intervention, `low` is for the record. */
export const incidentSeverities = ['low', 'medium', 'high'] as const;

/** One of {@link incidentSeverities}. */
export type IncidentSeverity = (typeof incidentSeverities)[number];

/** Severity of each rule. */
export const severityByRule: Readonly<Record<IncidentRuleId, IncidentSeverity>> = {
  focus_lost_too_long: 'medium',
  fullscreen_exit: 'low',
  copy_paste_attempt: 'medium',
  second_login_attempt: 'high',
  client_changed: 'high',
  disconnect_too_long: 'medium',
  answer_burst_after_focus_loss: 'high',
  idle_too_long: 'low',
};

/**
 * An incident. `at` is the server time the rule fired (ms epoch), so incidents of one room sort on
 * one clock; `detail` carries rule-specific facts (durations in ms, the changed field, ...).
 */
export const incidentSchema = z
  .object({
    rule: z.enum(incidentRuleIds),
    severity: z.enum(incidentSeverities),
    attemptId: z.string().min(1),
    at: z.number().int().nonnegative(),
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .strict();

/** A raised incident. */
export type Incident = z.infer<typeof incidentSchema>;
