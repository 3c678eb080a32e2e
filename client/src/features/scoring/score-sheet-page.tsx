import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { QueryState, StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { ConfirmDialog } from './confirm-dialog';
import { totalPracticalSheet, toPracticalRequest, type TaskDraft } from './score-sheet';
import { useRefreshScoring, useScoreCard } from './scoring-api';
import type { ScoreCardView, ScoreEntryView, SubmitCardScoreRequest } from './scoring-types';

/**
 * One score card 评分表 (R4, R6): the assessor's sheet — per task the criteria with their maximum,
 * deduction rule and the deductions typed, veto items 否决项, live totals — submitted once with the
 * assessor's electronic signature. Until every required score is in, nobody sees another assessor's
 * points: the assessor sees only their own entry and "waiting for the other assessor". Afterwards
 * every entry, the reconciliation (mean, arbitration, committee) and the final score are shown; the
 * committee's decision is recorded here when arbitration still disagrees.
 */
export function ScoreSheetPage() {
  const { t } = useTranslation();
  const { cardId = '' } = useParams();
  const card = useScoreCard(cardId);
  return (
    <QueryState query={card}>
      {(data) => (
        <>
          <p className="breadcrumb">
            <Link to={`/scoring/batches/${data.batchId}/cards`}>{t('scoring.sheet.backToCards')}</Link>
          </p>
          <PageHeader
            title={t('scoring.sheet.title', { component: t(`scoring.components.${data.component}`), name: data.candidateName })}
            subtitle={
              <>
                {t('scoring.card.ticket')} {data.admissionTicketNumber} · {t(`levels.${data.level}`)}
                {data.paperCode && ` · ${t('scoring.card.paper')} ${data.paperCode}`} · {t('scoring.sheet.maxPoints', { points: data.maxPoints })} ·{' '}
                <StatusBadge status={data.status} group="scoring.cardStatus" />
              </>
            }
          />
          <CardBody card={data} />
        </>
      )}
    </QueryState>
  );
}

function CardBody({ card }: { card: ScoreCardView }) {
  const { t } = useTranslation();
  const canDecide = useCan('decideForCommittee');
  const isAssessor = useCan('scoreCards');
  return (
    <>
      {!card.areScoresVisible && <WaitingNotice card={card} isAssessor={isAssessor} />}
      {card.canScore && (card.component === 'practical' ? <PracticalSheetForm card={card} /> : <ReviewSheetForm card={card} />)}
      {!card.areScoresVisible && card.myEntry && (
        <section className="card" aria-labelledby="own-entry-heading">
          <h2 id="own-entry-heading">{t('scoring.sheet.ownEntry')}</h2>
          <EntryDetails entry={card.myEntry} />
        </section>
      )}
      {card.areScoresVisible && <ScoresOverview card={card} />}
      {canDecide && card.status === 'needs_committee' && card.areScoresVisible && <CommitteeDecisionForm card={card} />}
      {!card.canScore && !card.myEntry && isAssessor && card.status !== 'final' && (
        <p className="muted" role="status">
          {t('scoring.sheet.notOpenToYou')}
        </p>
      )}
    </>
  );
}

/** R6: the scores stay hidden until every required score is in. */
function WaitingNotice({ card, isAssessor }: { card: ScoreCardView; isAssessor: boolean }) {
  const { t } = useTranslation();
  const message = card.myEntry
    ? card.status === 'needs_arbitration'
      ? t('scoring.sheet.waitingArbitration')
      : t('scoring.sheet.waitingOther')
    : isAssessor
      ? t('scoring.sheet.independentHint', { scored: card.scoredCount, required: card.requiredScoreCount })
      : t('scoring.sheet.hiddenForStaff', { scored: card.scoredCount, required: card.requiredScoreCount });
  return (
    <div className="waiting-box" role="status">
      <strong>{card.myEntry ? t('scoring.sheet.waitingTitle') : t('scoring.sheet.independentTitle')}</strong> <span className="badge">R6</span>
      <p>{message}</p>
    </div>
  );
}

function emptyDrafts(card: ScoreCardView): TaskDraft[] {
  return (card.tasks ?? []).map((task) => ({ deductionTexts: task.criteria.map(() => ''), vetoItemsObserved: [] }));
}

/** The practical sheet: deductions per criterion, veto items, live totals; one signed submission. */
function PracticalSheetForm({ card }: { card: ScoreCardView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const refresh = useRefreshScoring();
  const tasks = card.tasks ?? [];
  const [drafts, setDrafts] = useState<TaskDraft[]>(() => emptyDrafts(card));
  const [comment, setComment] = useState('');
  const [localError, setLocalError] = useState<Error | null>(null);
  const [pendingBody, setPendingBody] = useState<SubmitCardScoreRequest | null>(null);
  const totals = useMemo(() => totalPracticalSheet(tasks, drafts), [tasks, drafts]);
  const submit = useMutation({
    mutationFn: (body: SubmitCardScoreRequest) => api.post<ScoreCardView>(`/api/scoring/score-cards/${card.id}/scores`, body),
    onSuccess: async (view) => {
      queryClient.setQueryData(['scoring', 'card', card.id], view);
      await refresh();
    },
  });
  function update(taskIndex: number, change: (draft: TaskDraft) => TaskDraft) {
    setDrafts((current) => current.map((draft, index) => (index === taskIndex ? change(draft) : draft)));
  }
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setLocalError(null);
    let body: SubmitCardScoreRequest;
    try {
      body = toPracticalRequest(tasks, drafts, comment);
    } catch (error) {
      setLocalError(error as Error);
      return;
    }
    setPendingBody(body);
  }
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="sheet-heading">
      <h2 id="sheet-heading">
        {card.status === 'needs_arbitration' ? t('scoring.sheet.arbitrationHeading') : t('scoring.sheet.formHeading')} <span className="badge">R4</span>
      </h2>
      {card.status === 'needs_arbitration' && <p className="muted">{t('scoring.sheet.arbitrationHint')}</p>}
      {tasks.map((task, taskIndex) => {
        const taskTotal = totals.tasks[taskIndex];
        const draft = drafts[taskIndex];
        return (
          <section key={task.itemId} className="sheet-task" aria-labelledby={`task-${taskIndex}-heading`}>
            <h3 id={`task-${taskIndex}-heading`}>
              <span>
                {t('scoring.sheet.taskNumber', { number: taskIndex + 1 })} {task.title}
              </span>
              <span className={taskTotal.isVetoed ? 'is-vetoed' : undefined}>
                {taskTotal.isVetoed ? t('scoring.sheet.vetoed') : t('scoring.sheet.pointsOf', { points: format.number(taskTotal.totalPoints, 2), max: task.maxPoints })}
              </span>
            </h3>
            <p className="task-text preserve-lines">{task.task}</p>
            <table className="sheet-table">
              <colgroup>
                <col className="criterion" />
                <col className="max" />
                <col className="rule" />
                <col className="deductions" />
                <col className="points" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{t('scoring.sheet.criterion')}</th>
                  <th scope="col" className="points">
                    {t('scoring.sheet.max')}
                  </th>
                  <th scope="col">{t('scoring.sheet.deductionRule')}</th>
                  <th scope="col">{t('scoring.sheet.deductions')}</th>
                  <th scope="col" className="points">
                    {t('scoring.sheet.points')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {task.criteria.map((criterion, criterionIndex) => {
                  const row = taskTotal.byCriterion[criterionIndex];
                  const inputId = `deduction-${taskIndex}-${criterionIndex}`;
                  return (
                    <tr key={criterionIndex}>
                      <th scope="row">
                        <label htmlFor={inputId}>{criterion.criterion}</label>
                      </th>
                      <td className="points">{criterion.maxPoints}</td>
                      <td className="small-text">{criterion.deductionRule}</td>
                      <td>
                        <input
                          id={inputId}
                          className="deductions"
                          name={`deductions-${taskIndex}-${criterionIndex}`}
                          inputMode="decimal"
                          placeholder={t('scoring.sheet.deductionsPlaceholder')}
                          aria-describedby="deductions-hint"
                          aria-invalid={row.isInvalid || undefined}
                          value={draft.deductionTexts[criterionIndex] ?? ''}
                          onChange={(event) =>
                            update(taskIndex, (current) => ({
                              ...current,
                              deductionTexts: current.deductionTexts.map((text, index) => (index === criterionIndex ? event.target.value : text)),
                            }))
                          }
                        />
                        {row.isInvalid && <span className="field-error">{t('scoring.sheet.deductionsInvalid')}</span>}
                      </td>
                      <td className="points">
                        {row.deductedPoints > 0 && <span className="muted small-text">−{format.number(row.deductedPoints, 2)} → </span>}
                        {format.number(row.points, 2)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {task.vetoItems.length > 0 && (
              <fieldset className="veto-list">
                <legend>{t('scoring.sheet.vetoItems')}</legend>
                {task.vetoItems.map((vetoItem) => (
                  <label key={vetoItem} className="inline">
                    <input
                      type="checkbox"
                      name={`veto-${taskIndex}`}
                      value={vetoItem}
                      checked={draft.vetoItemsObserved.includes(vetoItem)}
                      onChange={(event) =>
                        update(taskIndex, (current) => ({
                          ...current,
                          vetoItemsObserved: event.target.checked ? [...current.vetoItemsObserved, vetoItem] : current.vetoItemsObserved.filter((item) => item !== vetoItem),
                        }))
                      }
                    />
                    {vetoItem}
                  </label>
                ))}
              </fieldset>
            )}
          </section>
        );
      })}
      <p id="deductions-hint" className="hint">
        {t('scoring.sheet.deductionsHint')}
      </p>
      <Field label={t('scoring.sheet.comment')}>{(props) => <textarea {...props} name="comment" rows={2} maxLength={1000} value={comment} onChange={(event) => setComment(event.target.value)} />}</Field>
      {localError && <ErrorView error={localError} title={t('errors.validation_failed')} />}
      {submit.isError && <ErrorView error={submit.error} />}
      <div className="live-total" aria-live="polite">
        <span>
          {t('scoring.sheet.total')}{' '}
          <span className={`figure ${totals.isVetoed ? 'is-vetoed' : ''}`}>
            {format.number(totals.totalPoints, 2)} / {card.maxPoints}
          </span>
          {totals.isVetoed && <span className="is-vetoed"> {t('scoring.sheet.vetoedSheet')}</span>}
        </span>
        <button type="submit" disabled={submit.isPending}>
          {t('scoring.sheet.submit')}
        </button>
      </div>
      <ConfirmDialog
        title={t('scoring.sheet.confirmTitle')}
        isOpen={pendingBody !== null}
        confirmLabel={t('scoring.sheet.confirmSign')}
        onCancel={() => setPendingBody(null)}
        onConfirm={() => {
          if (pendingBody) submit.mutate(pendingBody);
          setPendingBody(null);
        }}
      >
        <p>{t('scoring.sheet.confirmSubmit', { points: format.number(totals.totalPoints, 2), max: card.maxPoints })}</p>
      </ConfirmDialog>
    </form>
  );
}

/** The comprehensive-review sheet (levels 2 and 1, R4): points per criterion. */
function ReviewSheetForm({ card }: { card: ScoreCardView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const refresh = useRefreshScoring();
  const criteria = card.reviewCriteria ?? [];
  const [points, setPoints] = useState<string[]>(() => criteria.map(() => ''));
  const [comment, setComment] = useState('');
  const [isConfirming, setIsConfirming] = useState(false);
  const values = points.map((text) => (text.trim() === '' ? Number.NaN : Number(text)));
  const total = values.reduce((sum, value) => sum + (Number.isFinite(value) ? value : 0), 0);
  const submit = useMutation({
    mutationFn: () =>
      api.post<ScoreCardView>(`/api/scoring/score-cards/${card.id}/scores`, {
        criterionPoints: criteria.map((criterion, index) => ({ code: criterion.code, points: values[index] })),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    onSuccess: async (view) => {
      queryClient.setQueryData(['scoring', 'card', card.id], view);
      await refresh();
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setIsConfirming(true);
  }
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="review-heading">
      <h2 id="review-heading">
        {t('scoring.sheet.reviewHeading')} <span className="badge">R4</span>
      </h2>
      <div className="grid-3">
        {criteria.map((criterion, index) => (
          <Field key={criterion.code} label={`${criterion.name}（${t('scoring.sheet.maxShort', { points: criterion.maxPoints })}）`}>
            {(props) => (
              <input
                {...props}
                name={`review-${criterion.code}`}
                type="number"
                min={0}
                max={criterion.maxPoints}
                step="any"
                required
                value={points[index]}
                onChange={(event) => setPoints((current) => current.map((text, position) => (position === index ? event.target.value : text)))}
              />
            )}
          </Field>
        ))}
      </div>
      <Field label={t('scoring.sheet.comment')}>{(props) => <textarea {...props} name="comment" rows={2} maxLength={1000} value={comment} onChange={(event) => setComment(event.target.value)} />}</Field>
      {submit.isError && <ErrorView error={submit.error} />}
      <div className="live-total" aria-live="polite">
        <span>
          {t('scoring.sheet.total')}{' '}
          <span className="figure">
            {format.number(total, 2)} / {card.maxPoints}
          </span>
        </span>
        <button type="submit" disabled={submit.isPending}>
          {t('scoring.sheet.submit')}
        </button>
      </div>
      <ConfirmDialog
        title={t('scoring.sheet.confirmTitle')}
        isOpen={isConfirming}
        confirmLabel={t('scoring.sheet.confirmSign')}
        onCancel={() => setIsConfirming(false)}
        onConfirm={() => {
          setIsConfirming(false);
          submit.mutate();
        }}
      >
        <p>{t('scoring.sheet.confirmSubmit', { points: format.number(total, 2), max: card.maxPoints })}</p>
      </ConfirmDialog>
    </form>
  );
}

/** One entry: total, veto, per task and criterion (or per review criterion), comment, signature time. */
function EntryDetails({ entry }: { entry: ScoreEntryView }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <p>
        <strong className={entry.isVetoed ? 'is-vetoed' : undefined}>{t('scoring.sheet.entryTotal', { points: format.number(entry.totalPoints, 2) })}</strong>
        {entry.isVetoed && <span className="is-vetoed"> {t('scoring.sheet.vetoed')}</span>}
        <br />
        <span className="muted small-text">{t('scoring.sheet.signedAt', { name: entry.assessorName, at: format.dateTime(entry.submittedAt) })}</span>
      </p>
      {entry.tasks?.map((task, index) => (
        <details key={index}>
          <summary>
            {task.title} · {format.number(task.totalPoints, 2)} / {task.maxPoints}
            {task.isVetoed && <span className="is-vetoed"> {t('scoring.sheet.vetoed')}</span>}
          </summary>
          <ul className="compact">
            {task.byCriterion.map((criterion, criterionIndex) => (
              <li key={criterionIndex}>
                {criterion.criterion}: {format.number(criterion.points, 2)} / {criterion.maxPoints}
                {criterion.deductedPoints > 0 && <span className="muted"> (−{format.number(criterion.deductedPoints, 2)})</span>}
              </li>
            ))}
            {task.vetoItemsObserved.map((item) => (
              <li key={item} className="is-vetoed">
                {t('scoring.sheet.vetoObserved', { item })}
              </li>
            ))}
          </ul>
        </details>
      ))}
      {entry.criterionPoints && (
        <ul className="compact">
          {entry.criterionPoints.map((row) => (
            <li key={row.code}>
              {row.name}: {format.number(row.points, 2)} / {row.maxPoints}
            </li>
          ))}
        </ul>
      )}
      {entry.comment && <p className="preserve-lines">{entry.comment}</p>}
    </>
  );
}

/** Every entry side by side, the reconciliation and the final score (once all required scores are in). */
function ScoresOverview({ card }: { card: ScoreCardView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reconciliation = card.reconciliation;
  return (
    <section className="card" aria-labelledby="scores-heading">
      <h2 id="scores-heading">
        {t('scoring.sheet.allScores')} <span className="badge">R6</span>
      </h2>
      <div className="entries">
        {card.entries.map((entry) => (
          <article key={entry.assessorId} className="entry-card">
            <h3>
              {entry.assessorName} <span className="muted small-text">{t(`scoring.stages.${entry.stage}`)}</span>
            </h3>
            <EntryDetails entry={entry} />
          </article>
        ))}
      </div>
      <dl className="facts">
        {reconciliation?.status && (
          <>
            <dt>{t('scoring.sheet.reconciliation')}</dt>
            <dd>
              {reconciliation.method ? t(`scoring.methods.${reconciliation.method}`, { defaultValue: reconciliation.method }) : t(`scoring.cardStatus.${reconciliation.status}`)}
              {reconciliation.differencePoints !== undefined &&
                ` · ${t('scoring.sheet.difference', { difference: format.number(reconciliation.differencePoints, 2), allowed: format.number(reconciliation.allowedDifferencePoints ?? 0, 2) })}`}
              {reconciliation.reason && ` · ${t(`scoring.reasons.${reconciliation.reason}`)}`}
            </dd>
          </>
        )}
        {card.committeeDecision && (
          <>
            <dt>{t('scoring.committee.decision')}</dt>
            <dd>
              {t('scoring.committee.decided', {
                points: format.number(card.committeeDecision.finalPoints, 2),
                reference: card.committeeDecision.decisionReference,
                name: card.committeeDecision.decidedBy,
                at: format.dateTime(card.committeeDecision.decidedAt),
              })}
            </dd>
          </>
        )}
        <dt>{t('scoring.card.finalPoints')}</dt>
        <dd>
          {card.finalPoints === null ? (
            t(`scoring.cardStatus.${card.status}`)
          ) : (
            <strong className={card.isVetoed ? 'is-vetoed' : undefined}>
              {format.number(card.finalPoints, 2)} / {card.maxPoints}
              {card.isVetoed && ` ${t('scoring.sheet.vetoed')}`}
            </strong>
          )}
        </dd>
      </dl>
    </section>
  );
}

/** The evaluation committee's final score when arbitration still disagrees (recorded by an administrator or the supervisor). */
function CommitteeDecisionForm({ card }: { card: ScoreCardView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useRefreshScoring();
  const decide = useMutation({
    mutationFn: (body: { finalPoints: number; isVetoed: boolean; decisionReference: string }) => api.post<ScoreCardView>(`/api/scoring/score-cards/${card.id}/committee-decision`, body),
    onSuccess: async (view) => {
      queryClient.setQueryData(['scoring', 'card', card.id], view);
      await refresh();
    },
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    decide.mutate({ finalPoints: Number(form.get('finalPoints')), isVetoed: form.get('isVetoed') === 'on', decisionReference: String(form.get('decisionReference') ?? '').trim() });
  }
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="committee-heading">
      <h2 id="committee-heading">
        {t('scoring.committee.title')} <span className="badge">R6</span>
      </h2>
      <p className="muted">{t('scoring.committee.hint')}</p>
      <div className="grid-3">
        <Field label={t('scoring.committee.finalPoints', { max: card.maxPoints })}>{(props) => <input {...props} name="finalPoints" type="number" min={0} max={card.maxPoints} step="any" required />}</Field>
        <Field label={t('scoring.committee.reference')} hint={t('scoring.committee.referenceHint')}>
          {(props) => <input {...props} name="decisionReference" required maxLength={200} />}
        </Field>
      </div>
      <label className="inline">
        <input type="checkbox" name="isVetoed" />
        {t('scoring.committee.isVetoed')}
      </label>
      {decide.isError && <ErrorView error={decide.error} />}
      <div className="form-actions">
        <button type="submit" disabled={decide.isPending}>
          {t('scoring.committee.submit')}
        </button>
      </div>
    </form>
  );
}
