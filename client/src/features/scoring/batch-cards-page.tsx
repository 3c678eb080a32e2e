import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { splitScoreCount } from './score-sheet';
import { useRefreshScoring, useResultSummary, useScoreCards } from './scoring-api';
import type { CardComponent, PreparedScoreCards, ScoreCardView } from './scoring-types';

/**
 * The batch's score cards as the viewer may see them (R6): who has scored (never the points before
 * every required score is in), status, final points; exam administrators prepare cards, the
 * internal quality supervisor signs off a component once every card is final.
 */
export function BatchCardsPage({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const cards = useScoreCards(batchId);
  const canPrepare = useCan('prepareScoring');
  const canSignOff = useCan('signOffScoring');
  return (
    <>
      <PageHeader title={t('scoring.cards.title')} subtitle={t('scoring.cards.subtitle')} />
      {canPrepare && <PrepareCardsForm batchId={batchId} />}
      <section className="card">
        <QueryState query={cards}>{(data) => (data.cards.length === 0 ? <Empty>{t('scoring.cards.none')}</Empty> : <CardTable cards={data.cards} />)}</QueryState>
      </section>
      {canSignOff && cards.data && <SignOffPanel batchId={batchId} cards={cards.data.cards} />}
    </>
  );
}

function CardTable({ cards }: { cards: ScoreCardView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const scoreCountLabel = (scoredCount: number, requiredScoreCount: number) => {
    const count = splitScoreCount(scoredCount, requiredScoreCount);
    return count.arbitration > 0
      ? t('scoring.card.scoredOfArbitrated', { required: count.required, arbitration: count.arbitration })
      : t('scoring.card.scoredOf', { scored: count.independent, required: count.required });
  };
  return (
    <div className="table-scroll tall">
      <table>
        <caption>{t('scoring.cards.count', { count: cards.length, final: cards.filter((card) => card.status === 'final').length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scoring.card.ticket')}</th>
            <th scope="col">{t('scoring.card.candidate')}</th>
            <th scope="col">{t('scoring.card.component')}</th>
            <th scope="col">{t('scoring.card.paper')}</th>
            <th scope="col">{t('scoring.card.status')}</th>
            <th scope="col">{t('scoring.card.scored')}</th>
            <th scope="col" className="number">
              {t('scoring.card.finalPoints')}
            </th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {cards.map((card) => (
            <tr key={card.id}>
              <td>{card.admissionTicketNumber}</td>
              <td>{card.candidateName}</td>
              <td>{t(`scoring.components.${card.component}`)}</td>
              <td>{card.paperCode ?? '—'}</td>
              <td>
                <StatusBadge status={card.status} group="scoring.cardStatus" />
              </td>
              <td>{scoreCountLabel(card.scoredCount, card.requiredScoreCount)}</td>
              <td className="number">
                {card.finalPoints === null ? '—' : format.number(card.finalPoints, 2)}
                {card.isVetoed && <span className="is-vetoed"> {t('scoring.sheet.vetoed')}</span>}
              </td>
              <td>
                <Link to={`/scoring/cards/${card.id}`}>{card.canScore ? t('scoring.mine.score') : t('scoring.mine.open')}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Exam administrators: gives each candidate a practical paper and card, or a review card (R3, R4). */
function PrepareCardsForm({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const refresh = useRefreshScoring();
  const [component, setComponent] = useState<CardComponent>('practical');
  const prepare = useMutation({
    mutationFn: () => api.post<PreparedScoreCards>(`/api/scoring/batches/${batchId}/score-cards`, { component }),
    onSuccess: refresh,
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    prepare.mutate();
  }
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="prepare-heading">
      <h2 id="prepare-heading">{t('scoring.prepare.title')}</h2>
      <p className="muted">{t('scoring.prepare.hint')}</p>
      <div className="filters">
        <Field label={t('scoring.card.component')}>
          {(props) => (
            <select {...props} name="component" value={component} onChange={(event) => setComponent(event.target.value as CardComponent)}>
              <option value="practical">{t('scoring.components.practical')}</option>
              <option value="review">{t('scoring.components.review')}</option>
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={prepare.isPending}>
            {t('scoring.prepare.submit')}
          </button>
        </div>
      </div>
      {prepare.isError && <ErrorView error={prepare.error} />}
      {prepare.data && (
        <p className="success" role="status">
          {t('scoring.prepare.done', { created: prepare.data.createdCount, total: prepare.data.cardCount })}
        </p>
      )}
    </form>
  );
}

/** The internal quality supervisor signs off a component's scoring once every card is final (R6, R10). */
function SignOffPanel({ batchId, cards }: { batchId: string; cards: ScoreCardView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const refresh = useRefreshScoring();
  const summary = useResultSummary(batchId);
  const [note, setNote] = useState('');
  const signOff = useMutation({
    mutationFn: (component: CardComponent) => api.post<{ signerName: string; signedAt: string; cardCount: number }>(`/api/scoring/batches/${batchId}/sign-offs`, { component, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: refresh,
  });
  const components = (['practical', 'review'] as const).filter((component) => cards.some((card) => card.component === component));
  const signOffs = summary.data?.signOffs ?? [];
  return (
    <section className="card" aria-labelledby="sign-off-heading">
      <h2 id="sign-off-heading">
        {t('scoring.signOff.title')} <span className="badge">R6</span>
      </h2>
      <p className="muted">{t('scoring.signOff.hint')}</p>
      {signOffs.length > 0 && (
        <ul className="signature-list">
          {signOffs.map((entry) => (
            <li key={entry.component}>
              {t('scoring.signOff.done', { component: t(`scoring.components.${entry.component}`), name: entry.signerName, at: format.dateTime(entry.signedAt) })}
            </li>
          ))}
        </ul>
      )}
      <Field label={t('scoring.signOff.note')}>{(props) => <textarea {...props} name="signOffNote" rows={2} maxLength={1000} value={note} onChange={(event) => setNote(event.target.value)} />}</Field>
      <div className="form-actions">
        {components.map((component) => {
          const pending = cards.filter((card) => card.component === component && card.status !== 'final').length;
          const isSigned = signOffs.some((entry) => entry.component === component);
          return (
            <button key={component} type="button" disabled={signOff.isPending || isSigned} onClick={() => signOff.mutate(component)}>
              {isSigned ? t('scoring.signOff.signed', { component: t(`scoring.components.${component}`) }) : t('scoring.signOff.submit', { component: t(`scoring.components.${component}`) })}
              {!isSigned && pending > 0 && ` (${t('scoring.signOff.pending', { count: pending })})`}
            </button>
          );
        })}
      </div>
      {signOff.isError && <ErrorView error={signOff.error} />}
      {signOff.data && (
        <p className="success" role="status">
          {t('scoring.signOff.recorded', { count: signOff.data.cardCount })}
        </p>
      )}
    </section>
  );
}
