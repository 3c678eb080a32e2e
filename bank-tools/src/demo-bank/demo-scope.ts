/**
 * Scope of the demo bank: occupation 电工 (code 6-31-01-03), work type 电工, level 4 中级工.
 * The demo bank is SkillCert's own writing, generated from templates (no third-party bank text).
 */
import type { Scope } from '../types';

/** Scope 职业（工种）电工, 等级 4 中级工 (R1 banks are kept per occupation, work type and level). */
export const DEMO_SCOPE: Readonly<Scope> = Object.freeze({
  occupationCode: '6-31-01-03',
  occupationName: '电工',
  workType: '电工',
  level: 4,
});
