/**
 * An assessor's practical score sheet 实操评分表 for a score card: deductions spread over the card's
 * tasks and criteria so that the card totals a chosen number of points (R4 practical assessment,
 * R6 each assessor scores independently).
 */

/** The parts of a practical score card an assessor scores against. */
export interface PracticalCardShape {
  maxPoints: number;
  tasks: { maxPoints: number; criteria: { maxPoints: number }[] }[];
}

/** The body of `POST /api/scoring/score-cards/:cardId/scores` for a practical card. */
export interface PracticalScoreSheet {
  tasks: { deductions: { criterionIndex: number; deductedPoints: number[] }[]; vetoItemsObserved: string[] }[];
  comment: string;
}

/**
 * A sheet whose total is `totalPoints` (0..card.maxPoints): the missing points are deducted from
 * the criteria in order, each criterion at most its maximum; no veto item observed.
 * @throws RangeError when `totalPoints` is outside 0..card.maxPoints
 */
export function buildPracticalSheet(card: PracticalCardShape, totalPoints: number, comment: string): PracticalScoreSheet {
  if (totalPoints < 0 || totalPoints > card.maxPoints) throw new RangeError(`totalPoints ${totalPoints} is outside 0..${card.maxPoints}`);
  let toDeduct = card.maxPoints - totalPoints;
  const tasks = card.tasks.map((task) => {
    const deductions: PracticalScoreSheet['tasks'][number]['deductions'] = [];
    task.criteria.forEach((criterion, criterionIndex) => {
      const deducted = Math.min(criterion.maxPoints, toDeduct);
      if (deducted > 0) deductions.push({ criterionIndex, deductedPoints: [deducted] });
      toDeduct -= deducted;
    });
    return { deductions, vetoItemsObserved: [] };
  });
  return { tasks, comment };
}
