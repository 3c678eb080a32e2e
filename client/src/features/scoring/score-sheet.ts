/**
 * Live totals of the score-sheet and direct-grading screens, computed in the browser while the user
 * types, by the same rules the server applies on submit (server/src/domain/scoring/
 * practical-scoring.ts and direct-grading.ts). The server stays the authority: what it stores is
 * what counts; these figures only let the assessor see what they are about to sign.
 */
import type { CardTask, DirectGradingRater, DirectGradingRatings, DirectGradingSection, SubmitCardScoreRequest } from './scoring-types';
import { directGradingRaters } from './scoring-types';

/** Rounds points to 6 decimals (removes floating-point noise, as the server does). */
export function roundPoints(points: number): number {
  return Math.round(points * 1e6) / 1e6;
}

/**
 * Parses the deductions typed for one criterion: numbers separated by spaces, commas (，,) or `+`,
 * e.g. `2 2 5` or `2+2+5` → [2, 2, 5]. Empty text → [].
 * @returns the deductions in points, or `{ error }` naming the first token that is not a number >= 0
 */
export function parseDeductions(text: string): number[] | { error: string } {
  const tokens = text.split(/[\s,，、+]+/).filter((token) => token !== '');
  const values: number[] = [];
  for (const token of tokens) {
    const value = Number(token);
    if (!Number.isFinite(value) || value < 0) return { error: token };
    values.push(value);
  }
  return values;
}

/** What the assessor has entered for one practical task: deduction text per criterion, veto items ticked. */
export interface TaskDraft {
  deductionTexts: string[];
  vetoItemsObserved: string[];
}

/** Live figures of one task. */
export interface TaskTotal {
  /** Per criterion: sum of deductions, and max(0, maxPoints − deductions). */
  byCriterion: Array<{ deductedPoints: number; points: number; isInvalid: boolean }>;
  /** Sum of criterion points, or 0 when a veto item was observed. */
  totalPoints: number;
  isVetoed: boolean;
}

/**
 * Totals one task (R4 practical): deductions are summed per criterion and clamp at 0; any veto item
 * observed makes the task 0 and vetoed. Unparsable deduction text counts as 0 and is flagged.
 */
export function totalTask(task: Pick<CardTask, 'criteria'>, draft: TaskDraft): TaskTotal {
  const byCriterion = task.criteria.map((criterion, index) => {
    const parsed = parseDeductions(draft.deductionTexts[index] ?? '');
    const isInvalid = !Array.isArray(parsed);
    const deductedPoints = isInvalid ? 0 : roundPoints(parsed.reduce((sum, value) => sum + value, 0));
    return { deductedPoints, points: roundPoints(Math.max(0, criterion.maxPoints - deductedPoints)), isInvalid };
  });
  const isVetoed = draft.vetoItemsObserved.length > 0;
  const totalPoints = isVetoed ? 0 : roundPoints(byCriterion.reduce((sum, row) => sum + row.points, 0));
  return { byCriterion, totalPoints, isVetoed };
}

/** Live total of a practical sheet: sum of the tasks, 0 when any task is vetoed (R4). */
export function totalPracticalSheet(tasks: readonly Pick<CardTask, 'criteria'>[], drafts: readonly TaskDraft[]): { totalPoints: number; isVetoed: boolean; tasks: TaskTotal[] } {
  const totals = tasks.map((task, index) => totalTask(task, drafts[index] ?? { deductionTexts: [], vetoItemsObserved: [] }));
  const isVetoed = totals.some((total) => total.isVetoed);
  return { totalPoints: isVetoed ? 0 : roundPoints(totals.reduce((sum, total) => sum + total.totalPoints, 0)), isVetoed, tasks: totals };
}

/**
 * The request body of a practical sheet: one entry per task in card order, criteria with at least
 * one deduction only.
 * @throws Error naming task and criterion (1-based) when a deduction text is not numbers >= 0
 */
export function toPracticalRequest(tasks: readonly Pick<CardTask, 'criteria' | 'title'>[], drafts: readonly TaskDraft[], comment: string): SubmitCardScoreRequest {
  return {
    tasks: tasks.map((task, taskIndex) => {
      const draft = drafts[taskIndex] ?? { deductionTexts: [], vetoItemsObserved: [] };
      const deductions = task.criteria.flatMap((criterion, criterionIndex) => {
        const parsed = parseDeductions(draft.deductionTexts[criterionIndex] ?? '');
        if (!Array.isArray(parsed)) throw new Error(`${task.title} · ${criterion.criterion}: "${parsed.error}" is not a number >= 0`);
        return parsed.length > 0 ? [{ criterionIndex, deductedPoints: parsed }] : [];
      });
      return { deductions, vetoItemsObserved: [...draft.vetoItemsObserved] };
    }),
    ...(comment.trim() ? { comment: comment.trim() } : {}),
  };
}

/** Weighted figures of the direct-grading form as far as ratings are entered (R5). */
export interface DirectGradingTotals {
  /** Per section: weight sum (percent), weighted points so far, and each rater's raw section total. */
  sections: Array<{ weightSumPercent: number; weightedPoints: number; maxPoints: number; rawTotalByRater: Partial<Record<DirectGradingRater, number>> }>;
  /** 加权平均分 per criterion code: Σ score × weight / 100 over the raters scored so far. */
  weightedByCriterion: Record<string, number>;
  /** 总得分 so far, points of 100. */
  totalPoints: number;
  /** Every rater with weight > 0 has scored every criterion of the section. */
  isComplete: boolean;
}

/**
 * Computes the weighted totals of a direct-grading form (R5): a criterion's weighted points are
 * Σ rater score × rater weight / 100; a section's are the sum over its criteria; the total is the
 * sum of the three sections. Missing scores count as 0 and make the form incomplete.
 */
export function totalDirectGrading(sections: readonly DirectGradingSection[], ratings: DirectGradingRatings): DirectGradingTotals {
  const weightedByCriterion: Record<string, number> = {};
  let isComplete = true;
  const sectionTotals = sections.map((section) => {
    const weightSumPercent = roundPoints(directGradingRaters.reduce((sum, rater) => sum + (section.weightsPercent[rater] ?? 0), 0));
    const rawTotalByRater: Partial<Record<DirectGradingRater, number>> = {};
    let weightedPoints = 0;
    for (const criterion of section.criteria) {
      let weighted = 0;
      for (const rater of directGradingRaters) {
        const weight = section.weightsPercent[rater] ?? 0;
        if (weight <= 0) continue;
        const score = ratings[criterion.code]?.[rater];
        if (score === undefined) {
          isComplete = false;
          continue;
        }
        rawTotalByRater[rater] = roundPoints((rawTotalByRater[rater] ?? 0) + score);
        weighted += (score * weight) / 100;
      }
      weightedByCriterion[criterion.code] = roundPoints(weighted);
      weightedPoints += weighted;
    }
    return { weightSumPercent, weightedPoints: roundPoints(weightedPoints), maxPoints: roundPoints(section.criteria.reduce((sum, criterion) => sum + criterion.maxPoints, 0)), rawTotalByRater };
  });
  return {
    sections: sectionTotals,
    weightedByCriterion,
    totalPoints: roundPoints(sectionTotals.reduce((sum, section) => sum + section.weightedPoints, 0)),
    isComplete,
  };
}

/**
 * The template form of annex 1 (R5): sections 1 and 2 with five criteria of 2 points, occupational
 * abilities split into two competencies of 40 points (four criteria of 10); weights team leader 40,
 * workshop head 30, competent department 20, HR 10 (HR does not rate occupational abilities:
 * 40/35/25/0). A starting point to edit, not a rule.
 */
export function buildTemplateSections(): DirectGradingSection[] {
  const small = (prefix: string) => Array.from({ length: 5 }, (_, index) => ({ code: `${prefix}.${index + 1}`, name: '', maxPoints: 2 }));
  return [
    { key: 'professional_ethics', weightsPercent: { team_leader: 40, workshop_head: 30, competent_department: 20, hr_department: 10 }, criteria: small('1') },
    { key: 'core_abilities', weightsPercent: { team_leader: 40, workshop_head: 30, competent_department: 20, hr_department: 10 }, criteria: small('2') },
    {
      key: 'occupational_abilities',
      weightsPercent: { team_leader: 40, workshop_head: 35, competent_department: 25, hr_department: 0 },
      criteria: [1, 2].flatMap((competency) =>
        Array.from({ length: 4 }, (_, index) => ({ code: `3.${competency}.${index + 1}`, name: '', maxPoints: 10, competency: `3.${competency}` })),
      ),
    },
  ];
}

/**
 * A card's score count split into the independent scores (of `requiredScoreCount`) and the
 * arbitration scores added after a difference over the threshold (R6), so an arbitrated card
 * reads "2 / 2, arbitration 1" rather than "3 / 2".
 */
export function splitScoreCount(scoredCount: number, requiredScoreCount: number): { independent: number; required: number; arbitration: number } {
  const independent = Math.min(scoredCount, requiredScoreCount);
  return { independent, required: requiredScoreCount, arbitration: scoredCount - independent };
}
