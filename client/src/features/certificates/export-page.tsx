import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { useFormat } from '../../i18n/use-format';
import { useStaffBatches } from '../results/staff-batches';
import { saveDownload } from './download';

/** Filters of the HR export (R13). */
interface ExportFilters {
  format: 'xlsx' | 'csv';
  batchId: string;
  issuedFrom: string;
  issuedTo: string;
  department: string;
}

/**
 * The certificate data for HR and the guidance body (R13): certificate number, name, ID type and
 * number, occupation, work type, level, assessment and issue dates, as xlsx or CSV, filtered by
 * batch, issue-date range and department; every export is audited by the server.
 */
export function ExportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const batches = useStaffBatches();
  const [filters, setFilters] = useState<ExportFilters>({ format: 'xlsx', batchId: '', issuedFrom: '', issuedTo: '', department: '' });
  const download = useMutation({
    mutationFn: (chosen: ExportFilters) =>
      saveDownload(
        withQuery('/api/certificates/export', { format: chosen.format, batchId: chosen.batchId, issuedFrom: chosen.issuedFrom, issuedTo: chosen.issuedTo, department: chosen.department.trim() }),
        `certificates.${chosen.format}`,
      ),
  });
  const change = (patch: Partial<ExportFilters>) => setFilters((current) => ({ ...current, ...patch }));
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    download.mutate(filters);
  }
  return (
    <>
      <PageHeader title={t('certificates.export.title')} subtitle={t('certificates.export.subtitle')} />
      <form className="card" onSubmit={onSubmit} aria-labelledby="export-heading">
        <h2 id="export-heading">
          {t('certificates.export.filters')} <span className="badge">R13</span>
        </h2>
        <div className="filters">
          <Field label={t('certificates.export.batch')}>
            {(props) => (
              <select {...props} name="batchId" value={filters.batchId} onChange={(event) => change({ batchId: event.target.value })}>
                <option value="">{t('common.all')}</option>
                {(batches.data ?? []).map((batch) => (
                  <option key={batch.id} value={batch.id}>
                    {batch.code} {batch.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('certificates.export.issuedFrom')}>{(props) => <input {...props} name="issuedFrom" type="date" value={filters.issuedFrom} onChange={(event) => change({ issuedFrom: event.target.value })} />}</Field>
          <Field label={t('certificates.export.issuedTo')}>{(props) => <input {...props} name="issuedTo" type="date" value={filters.issuedTo} onChange={(event) => change({ issuedTo: event.target.value })} />}</Field>
          <Field label={t('certificates.export.department')}>{(props) => <input {...props} name="department" maxLength={100} value={filters.department} onChange={(event) => change({ department: event.target.value })} />}</Field>
          <Field label={t('certificates.export.format')}>
            {(props) => (
              <select {...props} name="format" value={filters.format} onChange={(event) => change({ format: event.target.value as 'xlsx' | 'csv' })}>
                <option value="xlsx">Excel (xlsx)</option>
                <option value="csv">CSV</option>
              </select>
            )}
          </Field>
        </div>
        <p className="muted">{t('certificates.export.columns')}</p>
        {download.isError && <ErrorView error={download.error} />}
        {download.data && (
          <p className="success" role="status">
            {t('certificates.export.saved', { file: download.data.fileName, rows: download.data.headers.get('x-row-count') ?? '?', size: format.bytes(download.data.bytes) })}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" disabled={download.isPending}>
            {t('certificates.export.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
