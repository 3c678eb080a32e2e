/**
 * All item templates of the demo theory bank, grouped by knowledge point 鉴定点.
 */
import type { TheoryTemplate } from '../theory-template';
import { ALTERNATING_CURRENT_TEMPLATES } from './alternating-current';
import { CONDUCTOR_TEMPLATES } from './conductors';
import { DIRECT_CURRENT_TEMPLATES } from './direct-current';
import { ELECTRICAL_SAFETY_TEMPLATES } from './electrical-safety';
import { ELECTRONICS_TEMPLATES } from './electronics';
import { FIRE_PREVENTION_TEMPLATES } from './fire-prevention';
import { METER_TEMPLATES } from './meters';
import { MOTOR_TEMPLATES } from './motors';
import { THREE_PHASE_TEMPLATES } from './three-phase';
import { TRANSFORMER_TEMPLATES } from './transformers';

/** Every theory template of the demo bank, in blueprint order. */
export const DEMO_THEORY_TEMPLATES: readonly TheoryTemplate[] = [
  ...DIRECT_CURRENT_TEMPLATES,
  ...ALTERNATING_CURRENT_TEMPLATES,
  ...THREE_PHASE_TEMPLATES,
  ...ELECTRONICS_TEMPLATES,
  ...TRANSFORMER_TEMPLATES,
  ...MOTOR_TEMPLATES,
  ...CONDUCTOR_TEMPLATES,
  ...METER_TEMPLATES,
  ...ELECTRICAL_SAFETY_TEMPLATES,
  ...FIRE_PREVENTION_TEMPLATES,
];
