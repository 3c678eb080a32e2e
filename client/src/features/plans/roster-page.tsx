import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadFile, withQuery, api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { ProgressBar } from '../../components/progress-bar';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { useCan } from '../auth/use-session';
import { summariseRosterCounts } from './plan-rules';
import type { ApplicationView, BatchView, RosterImportView } from './plans-types';

/**
 * Roster import 评价员工名册 (R9): upload the xlsx; all or nothing — any bad row refuses the file
 * and every row error (row, column, reason) is listed. Below, the batch's applications with their
 * eligibility verdicts and reasons.
 */
export function RosterPage({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canPlan = useCan('planBatches');
  const [file, setFile] = useState<File | null>(null);
  const [scopeId, setScopeId] = useState('');
  const [uploaded, setUploaded] = useState<number | null>(null);
  const applications = useQuery({
    queryKey: ['plans', 'applications', batch.id],
    queryFn: () => api.get<{ applications: ApplicationView[]; total: number; counts: Partial<Record<ApplicationView['status'], number>> }>(`/api/batches/${batch.id}/applications?limit=1000`),
  });
  const importRoster = useMutation({
    mutationFn: (upload: File) =>
      uploadFile<RosterImportView>(withQuery(`/api/batches/${batch.id}/roster`, { file: upload.name, scopeId }), upload, (progress) =>
        setUploaded(progress.totalBytes > 0 ? progress.loadedBytes / progress.totalBytes : 0),
      ),
    onSettled: () => setUploaded(null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plans', 'applications', batch.id] }),
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (file) importRoster.mutate(file);
  }
  const result = importRoster.data;
  return (
    <>
      <PageHeader title={t('plans.roster.title')} subtitle={t('plans.roster.subtitle')} />
      {canPlan && (
        <form className="card" onSubmit={onSubmit}>
          <div className="grid-2">
            <Field label={t('plans.roster.file')} hint={t('plans.roster.fileHint')}>
              {(props) => <input {...props} type="file" accept=".xlsx" onChange={(event) => setFile(event.target.files?.[0] ?? null)} required />}
            </Field>
            <Field label={t('plans.roster.scope')} hint={t('plans.roster.scopeHint')}>
              {(props) => (
                <select {...props} value={scopeId} onChange={(event) => setScopeId(event.target.value)}>
                  <option value="">{t('plans.roster.scopeByLevel')}</option>
                  {batch.scopes.map((scope) => (
                    <option key={scope.scopeId} value={scope.scopeId}>
                      {scope.workType} {t(`levels.${scope.level}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <div className="form-actions">
            <button type="submit" disabled={!file || importRoster.isPending}>
              {t('plans.roster.import')}
            </button>
          </div>
          {importRoster.isPending && (uploaded !== null && uploaded < 1 ? <ProgressBar value={uploaded} label={t('bank.import.uploading')} /> : <ProgressBar label={t('plans.roster.checking')} />)}
          {importRoster.isError && <ErrorView error={importRoster.error} title={t('plans.roster.refused')} />}
          {result && (
            <p className="success" role="status">
              {t('plans.roster.imported', { file: result.file, imported: result.imported, eligible: result.eligible, rejected: result.rejected })}
            </p>
          )}
        </form>
      )}
      <section className="card" aria-labelledby="applications-heading">
        <h2 id="applications-heading">{t('plans.roster.applications')}</h2>
        <QueryState query={applications}>
          {(data) =>
            data.applications.length === 0 ? (
              <Empty>{t('plans.roster.none')}</Empty>
            ) : (
              <>
                <p className="muted roster-counts">{t('plans.roster.counts', { ...summariseRosterCounts(data.counts) })}</p>
                <div className="table-scroll tall">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('plans.roster.row')}</th>
                        <th scope="col">{t('plans.roster.name')}</th>
                        <th scope="col">{t('plans.roster.employer')}</th>
                        <th scope="col">{t('plans.roster.level')}</th>
                        <th scope="col">{t('plans.roster.status')}</th>
                        <th scope="col">{t('plans.roster.reasons')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.applications.map((application) => (
                        <tr key={application.id}>
                          <td className="number">{application.rosterRow ?? '—'}</td>
                          <td>{application.name}</td>
                          <td>
                            {application.employer}
                            {application.department && ` · ${application.department}`}
                          </td>
                          <td>{t(`levels.${application.level}`)}</td>
                          <td>
                            <StatusBadge status={application.status} group="applicationStatus" />
                          </td>
                          <td>{application.eligibility.isEligible ? application.eligibility.path : application.eligibility.reasons.join('；')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
