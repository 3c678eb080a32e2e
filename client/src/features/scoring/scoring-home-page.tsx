import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { PageHeader } from '../../components/page';
import { Empty, Loading, StatusBadge } from '../../components/status';
import { ErrorView } from '../../components/error-view';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { BatchPickerPage } from '../results/batch-picker-page';
import { scoredBatchStatuses, useStaffBatches, type BatchChoice } from '../results/staff-batches';
import type { ScoreCardView } from './scoring-types';

/** Scoring home: an assessor's own score cards across batches; for other staff, the batches to score. */
export function ScoringHomePage() {
  const isAssessor = useCan('scoreCards');
  return isAssessor ? <MyScoreCardsPage /> : <ScoringBatchesPage />;
}

/** Batches from scoring onwards, each opening its score cards and results. */
function ScoringBatchesPage() {
  const { t } = useTranslation();
  return (
    <BatchPickerPage
      title={t('scoring.home.title')}
      subtitle={t('scoring.home.subtitle')}
      empty={t('scoring.home.noBatches')}
      statuses={scoredBatchStatuses}
      linkTo={(batchId) => `/scoring/batches/${batchId}`}
    />
  );
}

/** A card with the batch it belongs to. */
interface CardInBatch {
  card: ScoreCardView;
  batch: BatchChoice;
}

/**
 * An assessor's score cards over the batches they are assigned to (R6): cards to score, the
 * arbitration queue (a third, blind score), and cards they scored with their state.
 */
function MyScoreCardsPage() {
  const { t } = useTranslation();
  const batches = useStaffBatches();
  const candidates = (batches.data ?? []).filter((batch) => scoredBatchStatuses.includes(batch.status));
  const cardQueries = useQueries({
    queries: candidates.map((batch) => ({
      queryKey: ['scoring', 'cards', batch.id, 'all'],
      queryFn: async () => {
        try {
          return await api.get<{ cards: ScoreCardView[] }>(`/api/scoring/batches/${batch.id}/score-cards`);
        } catch (error) {
          // Not an assessor of this batch (R6): the batch is simply not theirs.
          if (error instanceof ApiError && error.status === 403) return { cards: [] };
          throw error;
        }
      },
    })),
  });
  if (batches.isPending || cardQueries.some((query) => query.isPending)) return <Loading />;
  const failed = batches.error ?? cardQueries.find((query) => query.isError)?.error;
  const cards: CardInBatch[] = cardQueries.flatMap((query, index) => (query.data?.cards ?? []).map((card) => ({ card, batch: candidates[index] })));
  const toScore = cards.filter(({ card }) => card.canScore && card.status === 'open');
  const arbitration = cards.filter(({ card }) => card.canScore && card.status === 'needs_arbitration');
  const scored = cards.filter(({ card }) => card.myEntry);
  return (
    <>
      <PageHeader title={t('scoring.mine.title')} subtitle={t('scoring.mine.subtitle')} />
      {failed ? <ErrorView error={failed} /> : null}
      <CardSection id="to-score" title={t('scoring.mine.toScore')} empty={t('scoring.mine.noneToScore')} cards={toScore} />
      <CardSection id="arbitration" title={t('scoring.mine.arbitration')} empty={t('scoring.mine.noArbitration')} cards={arbitration} hint={t('scoring.mine.arbitrationHint')} />
      <CardSection id="scored" title={t('scoring.mine.scored')} empty={t('scoring.mine.noneScored')} cards={scored} showOwn />
    </>
  );
}

function CardSection({ id, title, empty, hint, cards, showOwn }: { id: string; title: string; empty: string; hint?: string; cards: CardInBatch[]; showOwn?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title} <span className="muted">({cards.length})</span>
      </h2>
      {hint && <p className="muted">{hint}</p>}
      {cards.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('scoring.batch.code')}</th>
                <th scope="col">{t('scoring.card.ticket')}</th>
                <th scope="col">{t('scoring.card.candidate')}</th>
                <th scope="col">{t('scoring.card.component')}</th>
                <th scope="col">{t('scoring.card.level')}</th>
                <th scope="col">{t('scoring.card.status')}</th>
                {showOwn && <th scope="col">{t('scoring.card.myTotal')}</th>}
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {cards.map(({ card, batch }) => (
                <tr key={card.id}>
                  <td>{batch.code}</td>
                  <td>{card.admissionTicketNumber}</td>
                  <td>{card.candidateName}</td>
                  <td>{t(`scoring.components.${card.component}`)}</td>
                  <td>{t(`levels.${card.level}`)}</td>
                  <td>
                    <StatusBadge status={card.status} group="scoring.cardStatus" />
                    {showOwn && !card.areScoresVisible && <div className="muted small-text">{t('scoring.sheet.waitingShort')}</div>}
                  </td>
                  {showOwn && <td className="number">{card.myEntry ? format.number(card.myEntry.totalPoints, 2) : ''}</td>}
                  <td>
                    <Link to={`/scoring/cards/${card.id}`}>{card.canScore ? t('scoring.mine.score') : t('scoring.mine.open')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
