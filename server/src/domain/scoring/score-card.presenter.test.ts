import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../identity/actor';
import { presentScoreCard, visibleEntriesFor } from './score-card.presenter';
import type { ScoreCardEntryRecord, ScoreCardRecord } from './score-card.model';
import { reconcileCard } from './submit-card-score';

const [a, b, c, d] = Array.from({ length: 4 }, () => new Types.ObjectId());

function entry(assessorId: Types.ObjectId, totalPoints: number, stage: ScoreCardEntryRecord['stage'] = 'independent'): ScoreCardEntryRecord {
  return { assessorId, assessorName: `assessor ${String(assessorId).slice(-4)}`, stage, criterionPoints: [{ code: 'defence', points: totalPoints }], totalPoints, isVetoed: false, submittedAt: new Date(0) };
}

function card(entries: ScoreCardEntryRecord[], overrides: Partial<ScoreCardRecord> = {}): ScoreCardRecord {
  return {
    _id: new Types.ObjectId(),
    organisationId: new Types.ObjectId(),
    batchId: new Types.ObjectId(),
    registrationId: new Types.ObjectId(),
    candidateId: new Types.ObjectId(),
    candidateName: '考生',
    admissionTicketNumber: 'T1',
    scopeId: new Types.ObjectId(),
    level: 2,
    component: 'review',
    tasks: [],
    reviewCriteria: [{ code: 'defence', name: '答辩', maxPoints: 100 }],
    maxPoints: 100,
    requiredScoreCount: 3,
    differenceThreshold: 0.1,
    entries,
    status: 'open',
    revision: entries.length,
    createdBy: new Types.ObjectId(),
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...overrides,
  };
}

const batch = { staff: [a, b, c, d].map((userId) => ({ userId, role: 'assessor' as const })) };
const actorOf = (userId: Types.ObjectId): Actor => ({ userId: String(userId), organisationId: 'org', roles: ['assessor'], assessorGrade: 'senior_assessor', name: 'x' });

describe('visibleEntriesFor', () => {
  it('R6: in a panel of three, two members who scored still see only their own entry until the third is in', () => {
    const entries = [entry(a, 80), entry(b, 70)];
    expect(visibleEntriesFor(String(a), card(entries)).map((row) => row.totalPoints)).toEqual([80]);
    expect(visibleEntriesFor(String(b), card(entries)).map((row) => row.totalPoints)).toEqual([70]);
    expect(visibleEntriesFor(String(c), card(entries))).toEqual([]);
  });

  it('R6: once all required scores are in, each member who scored sees all; a non-member sees nothing', () => {
    const entries = [entry(a, 80), entry(b, 70), entry(c, 75)];
    expect(visibleEntriesFor(String(c), card(entries))).toHaveLength(3);
    expect(visibleEntriesFor(String(d), card(entries))).toEqual([]);
  });

  it('R6: an arbitration assessor sees neither earlier score before scoring', () => {
    const practical = card([entry(a, 80), entry(b, 60)], { component: 'practical', requiredScoreCount: 2, status: 'needs_arbitration' });
    expect(visibleEntriesFor(String(c), practical)).toEqual([]);
    expect(visibleEntriesFor(String(a), practical)).toHaveLength(2);
    const view = presentScoreCard(practical, batch, actorOf(c));
    expect(view).toMatchObject({ entries: [], areScoresVisible: false, canScore: true, scoredCount: 2 });
    expect(view.reconciliation).toBeUndefined();
  });
});

describe('reconcileCard', () => {
  it('R4: a review panel is final at the mean once every member has scored', () => {
    expect(reconcileCard(card([]), [entry(a, 80), entry(b, 70)]).status).toBe('open');
    expect(reconcileCard(card([]), [entry(a, 80), entry(b, 70), entry(c, 75)])).toMatchObject({ status: 'final', finalPoints: 75 });
  });

  it('R6: two practical scores 11 points apart of 100 need a third assessor', () => {
    const practical = card([], { component: 'practical', requiredScoreCount: 2 });
    expect(reconcileCard(practical, [entry(a, 80), entry(b, 69)])).toMatchObject({ status: 'needs_arbitration' });
    expect(reconcileCard(practical, [entry(a, 80), entry(b, 70)])).toMatchObject({ status: 'final', finalPoints: 75 });
  });
});
