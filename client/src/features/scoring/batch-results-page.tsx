import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { ConfirmDialog } from './confirm-dialog';
import { useRefreshScoring, useResultSummary } from './scoring-api';
import type { ApprovedResults, ComputedResults, ResultComponentKey, ResultSummary } from './scoring-types';

const componentKeys: ResultComponentKey[] = ['theory', 'practical', 'review', 'direct_grading'];

/**
 * Results of a batch (R4, R5, R11): exam administrators compute them with the batch weights
 * (registrations missing a component are listed, not stored); an administrator or the batch's
 * supervisor approves them for the evaluation committee; the result summary 评价结果汇总表 as a
 * table and PDF, and each candidate's score sheet PDF.
 */
export function BatchResultsPage({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const summary = useResultSummary(batchId);
  const canCompute = useCan('prepareScoring');
  const canApprove = useCan('decideForCommittee');
  return (
    <>
      <PageHeader
        title={t('scoring.results.title')}
        subtitle={t('scoring.results.subtitle')}
        actions={
          <a className="button secondary" href={`/api/scoring/batches/${batchId}/results/summary.pdf`} target="_blank" rel="noreferrer">
            {t('scoring.results.summaryPdf')}
          </a>
        }
      />
      {(canCompute || canApprove) && (
        <div className="two-columns">
          {canCompute && <ComputeResultsCard batchId={batchId} />}
          {canApprove && <ApproveResultsCard batchId={batchId} summary={summary.data} />}
        </div>
      )}
      <QueryState query={summary}>{(data) => <SummaryTable summary={data} />}</QueryState>
    </>
  );
}

function ComputeResultsCard({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const refresh = useRefreshScoring();
  const compute = useMutation({ mutationFn: () => api.post<ComputedResults>(`/api/scoring/batches/${batchId}/results/compute`, {}), onSuccess: refresh });
  return (
    <section className="card" aria-labelledby="compute-heading">
      <h2 id="compute-heading">
        {t('scoring.results.computeTitle')} <span className="badge">R4</span>
      </h2>
      <p className="muted">{t('scoring.results.computeHint')}</p>
      <div className="form-actions">
        <button type="button" onClick={() => compute.mutate()} disabled={compute.isPending}>
          {t('scoring.results.compute')}
        </button>
      </div>
      {compute.isError && <ErrorView error={compute.error} />}
      {compute.data && (
        <div role="status">
          <p className="success">{t('scoring.results.computed', { count: compute.data.computedCount, unchanged: compute.data.unchanged.length })}</p>
          {compute.data.incomplete.length > 0 && (
            <>
              <p className="error">{t('scoring.results.incomplete', { count: compute.data.incomplete.length })}</p>
              <ul className="compact">
                {compute.data.incomplete.map((entry) => (
                  <li key={entry.registrationId}>
                    {entry.admissionTicketNumber} {entry.candidateName}: {entry.missing.map((key) => t(`scoring.resultComponents.${key}`)).join('、')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function ApproveResultsCard({ batchId, summary }: { batchId: string; summary: ResultSummary | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const refresh = useRefreshScoring();
  const [reference, setReference] = useState('');
  const [isConfirming, setIsConfirming] = useState(false);
  const approve = useMutation({
    mutationFn: () => api.post<ApprovedResults>(`/api/scoring/batches/${batchId}/results/approve`, reference.trim() ? { decisionReference: reference.trim() } : {}),
    onSuccess: refresh,
  });
  const computedCount = summary?.rows.filter((row) => row.status === 'computed').length ?? 0;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setIsConfirming(true);
  }
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="approve-heading">
      <h2 id="approve-heading">
        {t('scoring.results.approveTitle')} <span className="badge">R11</span>
      </h2>
      <p className="muted">{t('scoring.results.approveHint')}</p>
      {summary?.approval && <p>{t('scoring.results.approvedBy', { name: summary.approval.approvedBy, at: format.dateTime(summary.approval.approvedAt) })}</p>}
      <Field label={t('scoring.results.decisionReference')} hint={t('scoring.committee.referenceHint')}>
        {(props) => <input {...props} name="decisionReference" maxLength={200} value={reference} onChange={(event) => setReference(event.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={approve.isPending || computedCount === 0}>
          {t('scoring.results.approve', { count: computedCount })}
        </button>
      </div>
      {approve.isError && <ErrorView error={approve.error} />}
      {approve.data && (
        <p className="success" role="status">
          {t('scoring.results.approved', { count: approve.data.approvedCount })}
        </p>
      )}
      <ConfirmDialog
        title={t('scoring.results.approveTitle')}
        isOpen={isConfirming}
        confirmLabel={t('scoring.results.confirmApprove')}
        onCancel={() => setIsConfirming(false)}
        onConfirm={() => {
          setIsConfirming(false);
          approve.mutate();
        }}
      >
        <p>{t('scoring.results.approveQuestion', { count: computedCount })}</p>
      </ConfirmDialog>
    </form>
  );
}

/** The result summary 评价结果汇总表: one row per registration, counts, sign-offs and the approval. */
function SummaryTable({ summary }: { summary: ResultSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const shown = componentKeys.filter((key) => summary.rows.some((row) => row.scores[key] !== null));
  const score = (value: number | null) => (value === null ? '—' : format.number(value, 2));
  return (
    <section className="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t('scoring.results.summaryTitle')}</h2>
      <ul className="figures" aria-label={t('scoring.results.counts')}>
        <li>
          <span className="figure-value">{summary.counts.registered}</span>
          <span className="figure-label">{t('scoring.results.registered')}</span>
        </li>
        <li>
          <span className="figure-value">{summary.counts.withResult}</span>
          <span className="figure-label">{t('scoring.results.withResult')}</span>
        </li>
        <li>
          <span className="figure-value">{summary.counts.passed}</span>
          <span className="figure-label">{t('scoring.results.passed')}</span>
        </li>
        <li>
          <span className="figure-value">{summary.counts.failed}</span>
          <span className="figure-label">{t('scoring.results.failed')}</span>
        </li>
        <li className={summary.counts.pending > 0 ? 'figure-warn' : undefined}>
          <span className="figure-value">{summary.counts.pending}</span>
          <span className="figure-label">{t('scoring.results.pending')}</span>
        </li>
        <li>
          <span className="figure-value">{format.percent(summary.counts.passRate, 1)}</span>
          <span className="figure-label">{t('scoring.results.passRate')}</span>
        </li>
      </ul>
      <p className="muted">
        {summary.scopes.map((scope) =>
          t('scoring.results.weights', {
            scope: `${scope.occupationName}（${scope.workType}）${t(`levels.${scope.level}`)}`,
            theory: format.percent(scope.weights.theory),
            practical: format.percent(scope.weights.practical),
          }),
        ).join('；')}
      </p>
      {summary.rows.length === 0 ? (
        <Empty>{t('scoring.results.noRows')}</Empty>
      ) : (
        <div className="table-scroll tall">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('scoring.results.index')}</th>
                <th scope="col">{t('scoring.card.ticket')}</th>
                <th scope="col">{t('scoring.card.candidate')}</th>
                <th scope="col">{t('scoring.results.department')}</th>
                <th scope="col">{t('scoring.card.level')}</th>
                {shown.map((key) => (
                  <th key={key} scope="col" className="number">
                    {t(`scoring.resultComponents.${key}`)}
                  </th>
                ))}
                <th scope="col" className="number">
                  {t('scoring.results.total')}
                </th>
                <th scope="col">{t('scoring.results.outcome')}</th>
                <th scope="col">{t('scoring.card.status')}</th>
                <th scope="col">{t('scoring.results.scoreSheet')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.rows.map((row) => (
                <tr key={row.registrationId}>
                  <td className="number">{row.index}</td>
                  <td>{row.admissionTicketNumber}</td>
                  <td>{row.candidateName}</td>
                  <td>{row.department}</td>
                  <td>{row.levelName}</td>
                  {shown.map((key) => (
                    <td key={key} className="number">
                      {score(row.scores[key])}
                    </td>
                  ))}
                  <td className="number">{score(row.totalScore)}</td>
                  <td>{row.isPass === null ? '—' : <span className={row.isPass ? 'pass' : 'fail'}>{row.isPass ? t('scoring.results.pass') : t('scoring.results.fail')}</span>}</td>
                  <td>
                    <StatusBadge status={row.status} group="scoring.resultStatus" />
                    {row.revisionCount > 0 && <span className="muted small-text"> {t('scoring.results.revisions', { count: row.revisionCount })}</span>}
                  </td>
                  <td>
                    <a href={`/api/scoring/registrations/${row.registrationId}/score-sheet.pdf`} target="_blank" rel="noreferrer">
                      PDF
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {summary.signOffs.length > 0 && (
        <p className="muted">
          {summary.signOffs.map((entry) => t('scoring.signOff.done', { component: t(`scoring.components.${entry.component}`), name: entry.signerName, at: format.dateTime(entry.signedAt) })).join('；')}
        </p>
      )}
      {summary.approval && <p className="muted">{t('scoring.results.approvedBy', { name: summary.approval.approvedBy, at: format.dateTime(summary.approval.approvedAt) })}</p>}
    </section>
  );
}
