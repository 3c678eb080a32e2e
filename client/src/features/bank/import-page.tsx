import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, downloadFile, uploadFile } from '../../api/client';
import { fieldMessage } from '../../api/error-details';
import { ErrorView, RowErrorTable } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { ProgressBar } from '../../components/progress-bar';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { useProgressEvents } from '../certificates/progress-events';
import type { BankImportView, BankScopeView } from './bank-types';

type Phase = { step: 'idle' } | { step: 'uploading'; fraction: number } | { step: 'parsing'; fraction?: number } | { step: 'writing'; fraction?: number };

/**
 * Bank import (R1, R17): upload an xlsx or JSON bank, read the dry-run report (counts by type,
 * every rejected row with row, column and reason, warnings, duplicates, knowledge points), then
 * confirm to import every item at once (all or nothing).
 */
export function ImportPage({ scope }: { scope: BankScopeView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canImportApproved = useCan('importApproved');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [status, setStatus] = useState<'draft' | 'approved'>('draft');
  // Server progress over socket.io (`bank:import_progress`, sent to the uploading user only).
  useProgressEvents('bank:import_progress', (message) => {
    if (message.scopeId !== scope.id || message.total <= 0) return;
    const fraction = message.done / message.total;
    setPhase((current) => {
      if (message.phase === 'parse' && (current.step === 'parsing' || current.step === 'uploading')) return { step: 'parsing', fraction };
      if (message.phase === 'write' && current.step === 'writing') return { step: 'writing', fraction };
      return current;
    });
  });

  const dryRun = useMutation({
    mutationFn: (upload: File) =>
      uploadFile<BankImportView>(`/api/bank/scopes/${scope.id}/imports`, upload, (progress) => {
        const fraction = progress.totalBytes > 0 ? progress.loadedBytes / progress.totalBytes : 0;
        setPhase(fraction >= 1 ? { step: 'parsing' } : { step: 'uploading', fraction });
      }),
    onMutate: () => setPhase({ step: 'uploading', fraction: 0 }),
    onSettled: () => setPhase({ step: 'idle' }),
  });
  const confirm = useMutation({
    mutationFn: (report: BankImportView) => api.post<BankImportView>(`/api/bank/scopes/${scope.id}/imports/${report.importId}/confirm`, { status }),
    onMutate: () => setPhase({ step: 'writing' }),
    onSettled: () => setPhase({ step: 'idle' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['bank'] });
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    confirm.reset();
    dryRun.mutate(file);
  }

  const report = confirm.data ?? dryRun.data;
  return (
    <>
      <PageHeader title={t('bank.import.title')} subtitle={t('bank.import.subtitle')} />
      <form className="card" onSubmit={onSubmit}>
        <Field label={t('bank.import.file')} hint={t('bank.import.fileHint')}>
          {(props) => (
            <input
              {...props}
              type="file"
              name="bankFile"
              accept=".xlsx,.json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/json"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
              required
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={!file || dryRun.isPending || confirm.isPending}>
            {t('bank.import.dryRun')}
          </button>
        </div>
        {phase.step === 'uploading' && <ProgressBar value={phase.fraction} label={t('bank.import.uploading')} />}
        {phase.step === 'parsing' && <ProgressBar value={phase.fraction} label={t('bank.import.parsing')} />}
        {phase.step === 'writing' && <ProgressBar value={phase.fraction} label={t('bank.import.writing')} />}
        {dryRun.isError && <ErrorView error={dryRun.error} />}
      </form>
      {report && (
        <ImportReport
          report={report}
          scope={scope}
          status={status}
          onStatusChange={setStatus}
          canChooseApproved={canImportApproved}
          onConfirm={() => confirm.mutate(report)}
          isConfirming={confirm.isPending}
          confirmError={confirm.error}
        />
      )}
      <ExportCard scope={scope} />
    </>
  );
}

/** Export of the scope's items as the xlsx template or JSON; the reason is required and audited (R17). */
function ExportCard({ scope }: { scope: BankScopeView }) {
  const { t } = useTranslation();
  const exportBank = useMutation({
    mutationFn: (body: { format: 'xlsx' | 'json'; kind: 'theory' | 'practical'; reason: string }) =>
      downloadFile(`/api/bank/scopes/${scope.id}/export`, body, `${scope.workType}.${body.format}`),
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    exportBank.mutate({
      format: String(form.get('format')) as 'xlsx' | 'json',
      kind: String(form.get('kind')) as 'theory' | 'practical',
      reason: String(form.get('reason') ?? '').trim(),
    });
  }
  return (
    <section className="card" aria-labelledby="export-heading">
      <h2 id="export-heading">
        {t('bank.export.title')} <span className="badge">R17</span>
      </h2>
      <p className="muted">{t('bank.export.hint')}</p>
      <form onSubmit={onSubmit}>
        <div className="grid-3">
          <Field label={t('bank.export.format')}>
            {(props) => (
              <select {...props} name="format" defaultValue="xlsx">
                <option value="xlsx">xlsx</option>
                <option value="json">JSON</option>
              </select>
            )}
          </Field>
          <Field label={t('bank.items.kind')}>
            {(props) => (
              <select {...props} name="kind" defaultValue="theory">
                <option value="theory">{t('itemKinds.theory')}</option>
                <option value="practical">{t('itemKinds.practical')}</option>
              </select>
            )}
          </Field>
        </div>
        <Field label={t('bank.export.reason')} hint={t('bank.export.reasonHint')} error={fieldMessage(exportBank.error as { message?: string; details?: unknown } | null, 'body.reason')}>
          {(props) => <textarea {...props} name="reason" rows={2} required maxLength={1000} />}
        </Field>
        {exportBank.isError && <ErrorView error={exportBank.error} />}
        {exportBank.isSuccess && (
          <p className="success" role="status">
            {t('bank.export.done')}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="secondary" disabled={exportBank.isPending}>
            {t('bank.export.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ImportReport({
  report,
  scope,
  status,
  onStatusChange,
  canChooseApproved,
  onConfirm,
  isConfirming,
  confirmError,
}: {
  report: BankImportView;
  scope: BankScopeView;
  status: 'draft' | 'approved';
  onStatusChange: (status: 'draft' | 'approved') => void;
  canChooseApproved: boolean;
  onConfirm: () => void;
  isConfirming: boolean;
  confirmError: unknown;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const isConfirmed = report.status === 'confirmed';
  const analysis = report.analysis;
  const figures: { label: string; value: number; tone?: 'bad' | 'warn' }[] = [
    { label: t('bank.import.total'), value: report.counts.total },
    { label: t('itemTypes.single'), value: report.counts.single },
    { label: t('itemTypes.multiple'), value: report.counts.multiple },
    { label: t('itemTypes.judge'), value: report.counts.judge },
    { label: t('bank.import.dataRows'), value: report.dataRows },
    { label: t('bank.import.rejected'), value: report.rejectedCount, tone: report.rejectedCount > 0 ? 'bad' : undefined },
    { label: t('bank.import.warnings'), value: report.warningCount, tone: report.warningCount > 0 ? 'warn' : undefined },
    { label: t('bank.import.images'), value: report.imageCount },
  ];
  return (
    <section className="card report" aria-labelledby="report-heading">
      <h2 id="report-heading">
        {isConfirmed ? t('bank.import.confirmedTitle') : t('bank.import.reportTitle')} · {report.fileName}
      </h2>
      <p className="muted">
        {format.bytes(report.fileBytes)} · {report.format.toUpperCase()}
        {!isConfirmed && ` · ${t('bank.import.expiresAt', { date: format.dateTime(report.expiresAt) })}`}
      </p>
      <ul className="figures" aria-label={t('bank.import.counts')}>
        {figures.map((figure) => (
          <li key={figure.label} className={figure.tone ? `figure-${figure.tone}` : undefined}>
            <span className="figure-value">{format.number(figure.value)}</span>
            <span className="figure-label">{figure.label}</span>
          </li>
        ))}
      </ul>
      {analysis && (
        <dl className="facts">
          <dt>{t('bank.import.blueprint')}</dt>
          <dd>
            {analysis.blueprint === 'derived'
              ? t('bank.import.blueprintDerived', { leaves: analysis.derivedLeaves ?? 0 })
              : t('bank.import.blueprintExisting', { unmatched: analysis.unmatchedKnowledgePoints })}
          </dd>
          {analysis.derivedStructure && (
            <>
              <dt>{t('bank.import.derivedStructure')}</dt>
              <dd>{analysis.derivedStructure.map((entry) => t('bank.blueprint.structureLine', { type: t(`itemTypes.${entry.type}`), count: entry.count, points: entry.pointsEach })).join('；')}</dd>
            </>
          )}
          <dt>{t('bank.import.duplicatesInFile')}</dt>
          <dd>
            {t('bank.import.duplicatesInFileValue', {
              redundant: analysis.duplicates.redundantInFile,
              clusters: analysis.duplicates.clustersInFile,
              rate: format.percent(analysis.duplicates.duplicateRateInFile, 1),
            })}
          </dd>
          <dt>{t('bank.import.alreadyInScope')}</dt>
          <dd>{analysis.duplicates.alreadyInScope}</dd>
        </dl>
      )}
      <details>
        <summary>{t('bank.import.sheets', { count: report.sheets.length })}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('rowErrors.sheet')}</th>
              <th scope="col">{t('bank.import.sheetStatus')}</th>
              <th scope="col">{t('bank.import.dataRows')}</th>
              <th scope="col">{t('bank.import.total')}</th>
              <th scope="col">{t('bank.import.rejected')}</th>
            </tr>
          </thead>
          <tbody>
            {report.sheets.map((sheet) => (
              <tr key={sheet.name}>
                <td>{sheet.name}</td>
                <td>{t(`bank.import.sheetStatuses.${sheet.status}`)}</td>
                <td className="number">{sheet.dataRows}</td>
                <td className="number">{sheet.items}</td>
                <td className="number">{sheet.rejected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {report.rejected.length > 0 && (
        <RowErrorTable
          caption={t('bank.import.rejectedRows', { count: report.rejectedCount })}
          rows={report.rejected.flatMap((row) =>
            (row.problems.length > 0 ? row.problems : [row]).map((problem) => ({ sheet: row.sheet, row: row.row, column: problem.column, reason: problem.reason })),
          )}
        />
      )}
      {report.warnings.length > 0 && (
        <details>
          <summary>{t('bank.import.warningRows', { count: report.warningCount })}</summary>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('rowErrors.sheet')}</th>
                  <th scope="col">{t('rowErrors.row')}</th>
                  <th scope="col">{t('rowErrors.column')}</th>
                  <th scope="col">{t('rowErrors.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.warnings.map((warning, index) => (
                  <tr key={index}>
                    <td>{warning.sheet}</td>
                    <td className="number">{warning.row || '—'}</td>
                    <td>{warning.column ?? '—'}</td>
                    <td>{warning.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {isConfirmed ? (
        <div className="success" role="status">
          <p>{t('bank.import.confirmed', { count: report.itemIds?.length ?? report.counts.total, status: t(`itemStatus.${report.confirmedStatus ?? 'draft'}`) })}</p>
          <p>
            <Link to={`/bank/scopes/${scope.id}/readiness`}>{t('bank.import.seeReadiness')}</Link> ·{' '}
            <Link to={`/bank/items?scopeId=${scope.id}`}>{t('bank.import.seeItems')}</Link>
          </p>
        </div>
      ) : (
        <div className="confirm-box">
          {!report.canConfirm && <p className="error">{t('bank.import.cannotConfirm')}</p>}
          <Field label={t('bank.import.importAs')} hint={t('bank.import.importAsHint')}>
            {(props) => (
              <select {...props} value={status} onChange={(event) => onStatusChange(event.target.value as 'draft' | 'approved')}>
                <option value="draft">{t('itemStatus.draft')}</option>
                {canChooseApproved && <option value="approved">{t('itemStatus.approved')}</option>}
              </select>
            )}
          </Field>
          {confirmError ? <ErrorView error={confirmError} /> : null}
          <div className="form-actions">
            <button type="button" onClick={onConfirm} disabled={!report.canConfirm || isConfirming}>
              {t('bank.import.confirm', { count: report.counts.total })}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
