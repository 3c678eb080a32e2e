import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { DateRecordForm } from '../../components/date-record-form';
import { Dialog } from '../../components/dialog';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { ProgressBar } from '../../components/progress-bar';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { todayInChina } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { useStaffBatches } from '../results/staff-batches';
import type { BatchIssueSummary, CertificateLedgerEntryView, CertificateView } from './certificates-types';
import { saveDownload, type SavedFile } from './download';
import { useProgressEvents } from './progress-events';
import { applyRenderProgress, finishRender, type RenderState } from './render-progress';

/** Ledger actions of a certificate (R15). */
type LedgerAction = 'printed' | 'destroyed' | 'reissue' | 'revoke';

/**
 * Certificates of one batch (R13-R15): issue for every passing locked result, render every valid
 * certificate to a zip of PDFs with a live progress bar, the R13 data report date, and the ledger
 * with printing, destruction, reissue and revocation — each with its reason.
 */
export function BatchCertificatesPage({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const canKeep = useCan('keepCertificates');
  const canReadPublication = useCan('readPublication');
  const batches = useStaffBatches();
  const batch = batches.data?.find((candidate) => candidate.id === batchId);
  const certificates = useQuery({
    queryKey: ['certificates', 'batch', batchId],
    queryFn: () => api.get<{ certificates: CertificateView[] }>(`/api/batches/${batchId}/certificates`),
  });
  return (
    <>
      <PageHeader
        title={t('certificates.batch.title', { code: batch?.code ?? '' })}
        subtitle={batch ? `${batch.name} · ${t(`batchStatus.${batch.status}`, { defaultValue: batch.status })}` : undefined}
        actions={
          canReadPublication && (
            <Link className="button secondary" to={`/results/batches/${batchId}`}>
              {t('certificates.batch.publication')}
            </Link>
          )
        }
      />
      {canKeep && (
        <div className="two-columns">
          <IssueCard batchId={batchId} />
          <RenderCard batchId={batchId} certificateCount={certificates.data?.certificates.filter((certificate) => certificate.status === 'issued').length ?? 0} />
        </div>
      )}
      <section className="card" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">
          {t('certificates.ledger.title')} <span className="badge">R15</span>
        </h2>
        <QueryState query={certificates}>
          {(data) => (data.certificates.length === 0 ? <Empty>{t('certificates.ledger.none')}</Empty> : <LedgerTable certificates={data.certificates} />)}
        </QueryState>
      </section>
      {canKeep && <DataReportCard batchId={batchId} />}
    </>
  );
}

function IssueCard({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [issueDate, setIssueDate] = useState(todayInChina());
  const issue = useMutation({
    mutationFn: () => api.post<BatchIssueSummary>(`/api/batches/${batchId}/certificates`, { issueDate }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['certificates'] }),
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    issue.mutate();
  }
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="issue-heading">
      <h2 id="issue-heading">
        {t('certificates.issue.title')} <span className="badge">R14</span>
      </h2>
      <p className="muted">{t('certificates.issue.hint')}</p>
      <Field label={t('certificates.issue.date')}>{(props) => <input {...props} name="issueDate" type="date" required value={issueDate} onChange={(event) => setIssueDate(event.target.value)} />}</Field>
      <div className="form-actions">
        <button type="submit" disabled={issue.isPending}>
          {t('certificates.issue.submit')}
        </button>
      </div>
      {issue.isError && <ErrorView error={issue.error} />}
      {issue.data && (
        <div role="status">
          <p className="success">{t('certificates.issue.done', { issued: issue.data.issued.length, already: issue.data.alreadyIssuedCount, notPassed: issue.data.notPassedCount })}</p>
          {issue.data.issued.length > 0 && (
            <ul className="compact">
              {issue.data.issued.map((entry) => (
                <li key={entry.certificateId}>
                  <code>{entry.number}</code>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}

/** Renders every valid certificate of the batch to PDF, zipped; progress arrives over socket.io. */
function RenderCard({ batchId, certificateCount }: { batchId: string; certificateCount: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [render, setRender] = useState<RenderState | null>(null);
  useProgressEvents('certificates:render_progress', (message) => setRender((current) => applyRenderProgress(current, message, batchId)));
  const run = useMutation({
    mutationFn: () => saveDownload(`/api/batches/${batchId}/certificates/render`, `certificates-${batchId}.zip`, {}),
    onMutate: () => setRender({ isRunning: true, completed: 0, total: certificateCount }),
    onSuccess: (file) => setRender((current) => finishRender(current, Number(file.headers.get('x-certificate-count') ?? Number.NaN) || null)),
    onError: () => setRender((current) => finishRender(current, null)),
  });
  const saved: SavedFile | undefined = run.data;
  const fraction = render && render.total > 0 ? render.completed / render.total : undefined;
  return (
    <section className="card" aria-labelledby="render-heading">
      <h2 id="render-heading">
        {t('certificates.render.title')} <span className="badge">R15</span>
      </h2>
      <p className="muted">{t('certificates.render.hint', { count: certificateCount })}</p>
      <div className="form-actions">
        <button type="button" onClick={() => run.mutate()} disabled={run.isPending || certificateCount === 0}>
          {t('certificates.render.submit')}
        </button>
      </div>
      {render && (render.isRunning || render.jobId) && (
        <div className="render-progress" data-job-id={render.jobId ?? ''} data-running={render.isRunning}>
          <ProgressBar
            value={fraction}
            label={render.isRunning ? t('certificates.render.progress', { completed: render.completed, total: render.total }) : t('certificates.render.finished', { completed: render.completed, total: render.total })}
          />
        </div>
      )}
      {run.isError && <ErrorView error={run.error} />}
      {saved && (
        <p className="success" role="status">
          {t('certificates.render.saved', { file: saved.fileName, size: format.bytes(saved.bytes), count: saved.headers.get('x-certificate-count') ?? '' })}
        </p>
      )}
    </section>
  );
}

function LedgerTable({ certificates }: { certificates: CertificateView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canKeep = useCan('keepCertificates');
  const canRevoke = useCan('revokeCertificates');
  const [action, setAction] = useState<{ certificate: CertificateView; action: LedgerAction } | null>(null);
  return (
    <>
      <div className="table-scroll tall">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('certificates.fields.number')}</th>
              <th scope="col">{t('certificates.fields.name')}</th>
              <th scope="col">{t('certificates.fields.idType')}</th>
              <th scope="col">{t('certificates.fields.occupation')}</th>
              <th scope="col">{t('scoring.card.level')}</th>
              <th scope="col">{t('certificates.fields.issueDate')}</th>
              <th scope="col" className="number">
                {t('certificates.fields.version')}
              </th>
              <th scope="col" className="number">
                {t('certificates.fields.printed')}
              </th>
              <th scope="col">{t('scoring.card.status')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {certificates.map((certificate) => (
              <tr key={certificate.id}>
                <td>
                  <code>{certificate.number}</code>
                </td>
                <td className="nowrap">
                  {certificate.candidateName}
                  {certificate.department && <div className="muted small-text">{certificate.department}</div>}
                </td>
                <td className="nowrap">{certificate.idTypeName}</td>
                <td>
                  {certificate.occupationName}（{certificate.workTypeName}）
                </td>
                <td className="nowrap">{certificate.levelName}</td>
                <td className="nowrap">{format.date(certificate.issueDate)}</td>
                <td className="number">{certificate.issueVersion}</td>
                <td className="number">{certificate.printedCount}</td>
                <td>
                  <StatusBadge status={certificate.status} group="certificates.status" />
                  {certificate.revokedReason && <div className="muted small-text">{certificate.revokedReason}</div>}
                </td>
                <td>
                  <div className="ledger-actions">
                    {certificate.status === 'issued' && canKeep && (
                      <a className="button secondary small" href={`/api/certificates/${certificate.id}/pdf`} target="_blank" rel="noreferrer">
                        PDF
                      </a>
                    )}
                    {canKeep &&
                      certificate.status === 'issued' &&
                      (['printed', 'destroyed', 'reissue'] as const).map((name) => (
                        <button key={name} type="button" className="secondary small" onClick={() => setAction({ certificate, action: name })}>
                          {t(`certificates.actions.${name}`)}
                        </button>
                      ))}
                    {canRevoke && certificate.status === 'issued' && (
                      <button type="button" className="danger small" onClick={() => setAction({ certificate, action: 'revoke' })}>
                        {t('certificates.actions.revoke')}
                      </button>
                    )}
                  </div>
                  <LedgerDetails certificateId={certificate.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Dialog title={action ? t(`certificates.actions.${action.action}`) : ''} isOpen={action !== null} onClose={() => setAction(null)}>
        {action && <LedgerActionForm certificate={action.certificate} action={action.action} onDone={() => setAction(null)} />}
      </Dialog>
    </>
  );
}

/** The ledger entries of one certificate, loaded when opened. */
function LedgerDetails({ certificateId }: { certificateId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canKeep = useCan('keepCertificates');
  const [isOpen, setIsOpen] = useState(false);
  const ledger = useQuery({
    queryKey: ['certificates', 'one', certificateId],
    queryFn: () => api.get<CertificateView & { ledger: CertificateLedgerEntryView[] }>(`/api/certificates/${certificateId}`),
    enabled: isOpen && canKeep,
  });
  if (!canKeep) return null;
  return (
    <details onToggle={(event) => setIsOpen((event.currentTarget as HTMLDetailsElement).open)}>
      <summary className="small-text">{t('certificates.ledger.entries')}</summary>
      {isOpen && (
        <QueryState query={ledger}>
          {(data) => (
            <ol className="compact small-text">
              {data.ledger.map((entry) => (
                <li key={entry.id}>
                  {format.dateTime(entry.at)} · {t(`certificates.ledgerActions.${entry.action}`, { defaultValue: entry.action })} · v{entry.issueVersion}
                  {entry.copies !== undefined && ` · ${t('certificates.ledger.copies', { count: entry.copies })}`} · {entry.reason} · {entry.byName}{' '}
                  <span className="muted">#{entry.auditSeq}</span>
                </li>
              ))}
            </ol>
          )}
        </QueryState>
      )}
    </details>
  );
}

/** One ledger action with its reason (R15): printed, destroyed (copies), reissue (new version, same number), revoke. */
function LedgerActionForm({ certificate, action, onDone }: { certificate: CertificateView; action: LedgerAction; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const submit = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post(`/api/certificates/${certificate.id}/${action}`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['certificates'] });
      onDone();
    },
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const body: Record<string, unknown> = { reason: text('reason') };
    if (action === 'printed' || action === 'destroyed') body.copies = Number(form.get('copies') ?? 1);
    if (action === 'reissue') {
      if (text('issueDate')) body.issueDate = text('issueDate');
      const corrections = Object.fromEntries(['candidateName', 'idNumber'].map((name) => [name, text(name)]).filter(([, value]) => value !== ''));
      if (Object.keys(corrections).length > 0) body.corrections = corrections;
    }
    submit.mutate(body);
  }
  return (
    <form onSubmit={onSubmit}>
      <p>
        <code>{certificate.number}</code> · {certificate.candidateName} · v{certificate.issueVersion}
      </p>
      <p className="muted">{t(`certificates.actionHints.${action}`)}</p>
      {(action === 'printed' || action === 'destroyed') && (
        <Field label={t('certificates.actionFields.copies')}>{(props) => <input {...props} name="copies" type="number" min={1} max={100} defaultValue={1} required />}</Field>
      )}
      {action === 'reissue' && (
        <div className="grid-3">
          <Field label={t('certificates.issue.date')}>{(props) => <input {...props} name="issueDate" type="date" defaultValue={todayInChina()} />}</Field>
          <Field label={t('certificates.actionFields.correctedName')}>{(props) => <input {...props} name="candidateName" maxLength={100} />}</Field>
          <Field label={t('certificates.actionFields.correctedIdNumber')}>{(props) => <input {...props} name="idNumber" maxLength={32} />}</Field>
        </div>
      )}
      <Field label={t('certificates.actionFields.reason')}>{(props) => <textarea {...props} name="reason" rows={2} required maxLength={1000} />}</Field>
      {submit.isError && <ErrorView error={submit.error} />}
      <div className="form-actions">
        <button type="submit" className={action === 'revoke' ? 'danger' : undefined} disabled={submit.isPending}>
          {t(`certificates.actions.${action}`)}
        </button>
      </div>
    </form>
  );
}

/** R13: the day the certificate data went to the guidance body. */
function DataReportCard({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  return (
    <DateRecordForm
      headingId="data-report-heading"
      title={t('certificates.dataReport.title')}
      ruleId="R13"
      hint={t('certificates.dataReport.hint')}
      dateLabel={t('certificates.dataReport.date')}
      submitLabel={t('certificates.dataReport.submit')}
      name="reportedOn"
      save={(reportedOn) => api.post(`/api/batches/${batchId}/certificates/data-report`, { reportedOn })}
    />
  );
}
