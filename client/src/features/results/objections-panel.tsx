import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Dialog } from '../../components/dialog';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { useObjections, useRefreshResults } from './results-api';
import type { ObjectionKind, ObjectionView, PublicationView } from './results-types';

const rescoredComponents = ['theory', 'practical', 'review', 'direct_grading'] as const;

/**
 * Objections to the published results (R11): the list with each decision and re-scoring; staff file
 * on a candidate's behalf; an administrator decides for the evaluation committee — rejected with a
 * reason, or upheld with the re-scored components (the result is recomputed, its revision kept).
 */
export function ObjectionsPanel({ publication }: { publication: PublicationView }) {
  const { t } = useTranslation();
  const objections = useObjections(publication.batchId);
  const canFile = useCan('managePublication');
  const [deciding, setDeciding] = useState<ObjectionView | null>(null);
  return (
    <section className="card" aria-labelledby="objections-heading">
      <h2 id="objections-heading">
        {t('results.objections.title')} <span className="badge">R11</span>
      </h2>
      <p className="muted">
        {t('results.objections.counts', { open: publication.objectionCounts.open, rejected: publication.objectionCounts.rejected, upheld: publication.objectionCounts.upheld })}
      </p>
      <QueryState query={objections}>
        {(data) => (data.objections.length === 0 ? <Empty>{t('results.objections.none')}</Empty> : <ObjectionTable objections={data.objections} onDecide={setDeciding} />)}
      </QueryState>
      {canFile && publication.status === 'open' && <FileObjectionForm publication={publication} onBehalf />}
      <Dialog title={t('results.decide.title')} isOpen={deciding !== null} onClose={() => setDeciding(null)}>
        {deciding && <DecideObjectionForm objection={deciding} onDone={() => setDeciding(null)} />}
      </Dialog>
    </section>
  );
}

/** Objections with kind, reason, who filed, status and decision. */
export function ObjectionTable({ objections, onDecide }: { objections: ObjectionView[]; onDecide?: (objection: ObjectionView) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canDecide = useCan('decideObjections');
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('results.objections.candidate')}</th>
            <th scope="col">{t('results.objections.kind')}</th>
            <th scope="col">{t('results.objections.reason')}</th>
            <th scope="col">{t('results.objections.filed')}</th>
            <th scope="col">{t('results.objections.status')}</th>
            <th scope="col">{t('results.objections.decision')}</th>
          </tr>
        </thead>
        <tbody>
          {objections.map((objection) => (
            <tr key={objection.id}>
              <td>{objection.candidateName}</td>
              <td>{t(`results.objectionKinds.${objection.kind}`)}</td>
              <td className="preserve-lines">{objection.reason}</td>
              <td>
                {format.dateTime(objection.filedAt)}
                <div className="muted small-text">
                  {objection.filedByName}
                  {objection.isFiledOnBehalf && ` ${t('results.objections.onBehalf')}`}
                </div>
              </td>
              <td>
                <StatusBadge status={objection.status} group="results.objectionStatus" />
              </td>
              <td>
                {objection.decision ? (
                  <>
                    {objection.decision.reason}
                    <div className="muted small-text">
                      {objection.decision.decidedByName} · {format.dateTime(objection.decision.decidedAt)}
                    </div>
                    {objection.decision.rescoring && (
                      <div className="small-text">
                        {t('results.objections.rescored', {
                          previous: format.number(objection.decision.rescoring.previous.totalScore, 2),
                          current: format.number(objection.decision.rescoring.current.totalScore, 2),
                          outcome: objection.decision.rescoring.current.isPass ? t('scoring.results.pass') : t('scoring.results.fail'),
                        })}
                      </div>
                    )}
                  </>
                ) : canDecide && onDecide ? (
                  <button type="button" className="small" onClick={() => onDecide(objection)}>
                    {t('results.decide.open')}
                  </button>
                ) : (
                  <span className="muted">{t('results.objections.awaiting')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Files a complaint or re-scoring objection: a candidate about their own result (`resultId` fixed),
 * staff on a candidate's behalf (choosing the result from the notice).
 */
export function FileObjectionForm({ publication, resultId, onBehalf = false }: { publication: PublicationView; resultId?: string; onBehalf?: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefreshResults();
  const [kind, setKind] = useState<ObjectionKind>('rescoring');
  const [chosenResultId, setChosenResultId] = useState(resultId ?? '');
  const [reason, setReason] = useState('');
  const file = useMutation({
    mutationFn: () => api.post<ObjectionView>(`/api/batches/${publication.batchId}/publication/objections`, { resultId: chosenResultId, kind, reason: reason.trim() }),
    onSuccess: async () => {
      setReason('');
      await refresh();
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    file.mutate();
  }
  return (
    <form onSubmit={onSubmit} aria-labelledby={`file-objection-${resultId ?? 'staff'}`} className="confirm-box">
      <h3 id={`file-objection-${resultId ?? 'staff'}`}>{onBehalf ? t('results.file.onBehalfTitle') : t('results.file.title')}</h3>
      <div className="grid-2">
        {!resultId && (
          <Field label={t('results.file.result')}>
            {(props) => (
              <select {...props} name="resultId" required value={chosenResultId} onChange={(event) => setChosenResultId(event.target.value)}>
                <option value="">{t('common.choose')}</option>
                {publication.notice.rows.map((row) => (
                  <option key={row.resultId} value={row.resultId}>
                    {row.candidateName} · {row.maskedIdNumber}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('results.objections.kind')}>
          {(props) => (
            <select {...props} name="kind" value={kind} onChange={(event) => setKind(event.target.value as ObjectionKind)}>
              <option value="rescoring">{t('results.objectionKinds.rescoring')}</option>
              <option value="complaint">{t('results.objectionKinds.complaint')}</option>
            </select>
          )}
        </Field>
      </div>
      <Field label={t('results.objections.reason')} hint={t('results.file.reasonHint')}>
        {(props) => <textarea {...props} name="reason" rows={3} required maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      {file.isError && <ErrorView error={file.error} />}
      {file.isSuccess && (
        <p className="success" role="status">
          {t('results.file.filed')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={file.isPending}>
          {t('results.file.submit')}
        </button>
      </div>
    </form>
  );
}

/** The committee's decision on an objection (R11): rejected with a reason, or upheld with re-scored components. */
function DecideObjectionForm({ objection, onDone }: { objection: ObjectionView; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshResults();
  const [outcome, setOutcome] = useState<'rejected' | 'upheld'>('rejected');
  const [reason, setReason] = useState('');
  const [changes, setChanges] = useState<Array<{ component: (typeof rescoredComponents)[number]; score: string }>>([{ component: 'practical', score: '' }]);
  const decide = useMutation({
    mutationFn: () =>
      api.post<ObjectionView>(
        `/api/objections/${objection.id}/decision`,
        outcome === 'rejected'
          ? { outcome, reason: reason.trim() }
          : { outcome, reason: reason.trim(), changes: changes.map((change) => ({ component: change.component, score: Number(change.score) })) },
      ),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    decide.mutate();
  }
  return (
    <form onSubmit={onSubmit}>
      <p>
        <strong>{objection.candidateName}</strong> · {t(`results.objectionKinds.${objection.kind}`)}
      </p>
      <p className="preserve-lines muted">{objection.reason}</p>
      <fieldset className="plain">
        <legend className="visually-hidden">{t('results.decide.outcome')}</legend>
        <label className="inline">
          <input type="radio" name="outcome" value="rejected" checked={outcome === 'rejected'} onChange={() => setOutcome('rejected')} />
          {t('results.decide.rejected')}
        </label>
        <label className="inline">
          <input type="radio" name="outcome" value="upheld" checked={outcome === 'upheld'} onChange={() => setOutcome('upheld')} />
          {t('results.decide.upheld')}
        </label>
      </fieldset>
      {outcome === 'upheld' &&
        changes.map((change, index) => (
          <div key={index} className="grid-2">
            <Field label={t('results.decide.component')}>
              {(props) => (
                <select
                  {...props}
                  name={`component-${index}`}
                  value={change.component}
                  onChange={(event) => setChanges((current) => current.map((row, position) => (position === index ? { ...row, component: event.target.value as typeof change.component } : row)))}
                >
                  {rescoredComponents.map((component) => (
                    <option key={component} value={component}>
                      {t(`scoring.resultComponents.${component}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('results.decide.newScore')}>
              {(props) => (
                <input
                  {...props}
                  name={`score-${index}`}
                  type="number"
                  min={0}
                  max={100}
                  step="any"
                  required
                  value={change.score}
                  onChange={(event) => setChanges((current) => current.map((row, position) => (position === index ? { ...row, score: event.target.value } : row)))}
                />
              )}
            </Field>
          </div>
        ))}
      {outcome === 'upheld' && changes.length < rescoredComponents.length && (
        <button type="button" className="secondary small" onClick={() => setChanges((current) => [...current, { component: 'theory', score: '' }])}>
          {t('results.decide.addChange')}
        </button>
      )}
      <Field label={t('results.decide.reason')}>{(props) => <textarea {...props} name="decisionReason" rows={3} required maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />}</Field>
      {decide.isError && <ErrorView error={decide.error} />}
      <div className="form-actions">
        <button type="submit" disabled={decide.isPending}>
          {t('results.decide.submit')}
        </button>
      </div>
    </form>
  );
}
