/**
 * Demo practical bank generator (issue 14): SkillCert's own 电工 中级工 practical tasks with
 * seeded parameters, scoring criteria summing to 100 points and veto items 否决项.
 */
import { createRandom } from '../assembly/random';
import type { PracticalItem } from '../types';
import type { DemoBankOptions } from './generate-demo-theory-bank';
import { buildPracticalCriteria, COMMON_VETO_ITEMS, PRACTICAL_TASK_SPECS } from './practical-tasks';
import { pick } from './theory-template';

/**
 * Generate the demo practical bank of scope 电工 6-31-01-03, level 4 (R1: >= 50 practical items;
 * five competencies P1-P5 of the demo practical blueprint, each with enough tasks for five papers
 * of one task per competency without repeats, R2). Each task draws its parameters (motor
 * ratings, timer settings, set faults, signals) and its time limit (minutes) from its own seeded
 * stream; criteria maxPoints sum to 100; every task has the common veto items plus its own.
 *
 * @returns 56 tasks in blueprint order, titles unique
 * @throws RangeError for an empty or non-finite seed
 */
export function generateDemoPracticalBank(options: DemoBankOptions): PracticalItem[] {
  return PRACTICAL_TASK_SPECS.map((spec, index) => {
    const random = createRandom(options.seed, 'demo-practical-bank', index);
    return {
      kind: 'practical',
      title: spec.title,
      task: spec.task(random),
      materials: [...spec.materials],
      timeLimitMinutes: pick(random, spec.timeLimits),
      criteria: buildPracticalCriteria(spec.kind, spec.hasTimer ?? false),
      vetoItems: [...COMMON_VETO_ITEMS, ...(spec.extraVetoItems ?? [])],
      knowledgePoint: spec.knowledgePoint,
      difficulty: spec.difficulty,
    };
  });
}
