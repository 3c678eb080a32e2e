import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Dialog } from '../../components/dialog';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { todayInChina } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { useStaffBatches } from '../results/staff-batches';
import type { ArchiveView, RetentionKind } from './certificates-types';
import { saveDownload } from './download';

const retentionKinds: RetentionKind[] = ['paper', 'electronic', 'video'];

/**
 * Batch archives 档案 (R16): build the archive of a closed batch (zip with manifest, retention dates
 * and the verified audit excerpt), list its builds with retention per kind, what is missing and why,
 * download (administrators) and the destruction ledger — refused by the server before the date.
 */
export function ArchivePage() {
  const { t } = useTranslation();
  const batches = useStaffBatches();
  const [batchId, setBatchId] = useState('');
  const closed = (batches.data ?? []).filter((batch) => ['closed', 'archived'].includes(batch.status));
  return (
    <>
      <PageHeader title={t('certificates.archive.title')} subtitle={t('certificates.archive.subtitle')} />
      <section className="card">
        <Field label={t('certificates.export.batch')}>
          {(props) => (
            <select {...props} name="archiveBatchId" value={batchId} onChange={(event) => setBatchId(event.target.value)}>
              <option value="">{t('common.choose')}</option>
              {closed.map((batch) => (
                <option key={batch.id} value={batch.id}>
                  {batch.code} {batch.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {batches.isSuccess && closed.length === 0 && <Empty>{t('certificates.archive.noClosedBatches')}</Empty>}
      </section>
      {batchId && <BatchArchives batchId={batchId} />}
    </>
  );
}

function BatchArchives({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const archives = useQuery({ queryKey: ['certificates', 'archives', batchId], queryFn: () => api.get<{ archives: ArchiveView[] }>(`/api/batches/${batchId}/archives`) });
  const build = useMutation({
    mutationFn: () => api.post<ArchiveView>(`/api/batches/${batchId}/archive`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['certificates', 'archives', batchId] }),
  });
  return (
    <>
      <section className="card" aria-labelledby="build-heading">
        <h2 id="build-heading">
          {t('certificates.archive.build')} <span className="badge">R16</span>
        </h2>
        <p className="muted">{t('certificates.archive.buildHint')}</p>
        <div className="form-actions">
          <button type="button" onClick={() => build.mutate()} disabled={build.isPending}>
            {t('certificates.archive.buildSubmit')}
          </button>
        </div>
        {build.isPending && (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('certificates.archive.building')}
          </p>
        )}
        {build.isError && <ErrorView error={build.error} />}
      </section>
      <QueryState query={archives}>
        {(data) => (data.archives.length === 0 ? <Empty>{t('certificates.archive.none')}</Empty> : data.archives.map((archive) => <ArchiveCard key={archive.id} archive={archive} />))}
      </QueryState>
    </>
  );
}

function ArchiveCard({ archive }: { archive: ArchiveView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canDestroy = useCan('destroyArchives');
  const [isDestroying, setIsDestroying] = useState(false);
  const download = useMutation({ mutationFn: () => saveDownload(`/api/archives/${archive.id}/download`, archive.fileName) });
  const today = todayInChina();
  return (
    <section className="card" aria-labelledby={`archive-${archive.id}`}>
      <h2 id={`archive-${archive.id}`}>
        {t('certificates.archive.version', { version: archive.version })} <StatusBadge status={archive.status} group="certificates.archiveStatus" />
      </h2>
      <p className="muted">
        {t('certificates.archive.builtAt', { at: format.dateTime(archive.builtAt), base: format.date(archive.retentionBaseDate) })} · {archive.fileName} · {format.bytes(archive.zipBytes)}
      </p>
      <table>
        <caption>{t('certificates.archive.retention')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('certificates.archive.kind')}</th>
            <th scope="col">{t('certificates.archive.until')}</th>
            <th scope="col">{t('certificates.archive.records')}</th>
            <th scope="col">{t('certificates.archive.state')}</th>
          </tr>
        </thead>
        <tbody>
          {retentionKinds.map((kind) => {
            const count = kind === 'electronic' ? archive.files.length : kind === 'paper' ? archive.paperRecords.length : archive.missing.filter((entry) => entry.retentionKind === 'video').length;
            const destroyed = archive.destructions.some((entry) => entry.retentionKind === kind);
            return (
              <tr key={kind}>
                <td>{t(`certificates.retentionKinds.${kind}`)}</td>
                <td>{format.date(archive.retentionDates[kind])}</td>
                <td className="number">{count}</td>
                <td>{destroyed ? t('certificates.archive.destroyed') : archive.retentionDates[kind] <= today ? t('certificates.archive.mayDestroy') : t('certificates.archive.kept')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={archive.auditCheck.isIntact && archive.auditCheck.isExcerptConsistent ? 'success' : 'error'}>
        {archive.auditCheck.isIntact && archive.auditCheck.isExcerptConsistent
          ? t('certificates.archive.auditIntact', { count: archive.auditCheck.checkedCount, excerpt: archive.auditCheck.excerptCount })
          : t('certificates.archive.auditBroken')}
      </p>
      {archive.missing.length > 0 && (
        <details>
          <summary>{t('certificates.archive.missing', { count: archive.missing.length })}</summary>
          <ul className="compact">
            {archive.missing.map((entry) => (
              <li key={entry.document}>
                {entry.title}: {entry.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <details>
        <summary>{t('certificates.archive.files', { count: archive.files.length })}</summary>
        <ul className="compact small-text">
          {archive.files.map((file) => (
            <li key={file.path}>
              <code>{file.path}</code> · {format.bytes(file.bytes)}
              {file.destroyedAt && ` · ${t('certificates.archive.destroyed')}`}
            </li>
          ))}
        </ul>
      </details>
      {archive.destructions.length > 0 && (
        <ul className="compact">
          {archive.destructions.map((entry, index) => (
            <li key={index}>
              {t('certificates.archive.destruction', {
                date: format.date(entry.destroyedOn),
                kind: t(`certificates.retentionKinds.${entry.retentionKind}`),
                name: entry.byName,
                reason: entry.reason,
                reference: entry.approvalReference,
              })}
            </li>
          ))}
        </ul>
      )}
      {canDestroy && (
        <div className="form-actions">
          {archive.isZipStored && (
            <button type="button" className="secondary" onClick={() => download.mutate()} disabled={download.isPending}>
              {t('certificates.archive.download')}
            </button>
          )}
          <button type="button" className="danger" onClick={() => setIsDestroying(true)}>
            {t('certificates.archive.destroy')}
          </button>
        </div>
      )}
      {download.isError && <ErrorView error={download.error} />}
      <Dialog title={t('certificates.archive.destroy')} isOpen={isDestroying} onClose={() => setIsDestroying(false)}>
        {isDestroying && <DestructionForm archive={archive} onDone={() => setIsDestroying(false)} />}
      </Dialog>
    </section>
  );
}

/** A destruction ledger entry (R16); the server refuses before the retention date. */
function DestructionForm({ archive, onDone }: { archive: ArchiveView; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const destroy = useMutation({
    mutationFn: (body: { retentionKind: RetentionKind; reason: string; approvalReference: string }) => api.post<ArchiveView>(`/api/archives/${archive.id}/destructions`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['certificates', 'archives'] });
      onDone();
    },
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    destroy.mutate({
      retentionKind: String(form.get('retentionKind')) as RetentionKind,
      reason: String(form.get('reason') ?? '').trim(),
      approvalReference: String(form.get('approvalReference') ?? '').trim(),
    });
  }
  return (
    <form onSubmit={onSubmit}>
      <Field label={t('certificates.archive.kind')}>
        {(props) => (
          <select {...props} name="retentionKind" defaultValue="paper">
            {retentionKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`certificates.retentionKinds.${kind}`)} · {archive.retentionDates[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('certificates.actionFields.reason')}>{(props) => <textarea {...props} name="reason" rows={2} required maxLength={1000} />}</Field>
      <Field label={t('certificates.archive.approvalReference')}>{(props) => <input {...props} name="approvalReference" required maxLength={200} />}</Field>
      {destroy.isError && <ErrorView error={destroy.error} />}
      <div className="form-actions">
        <button type="submit" className="danger" disabled={destroy.isPending}>
          {t('certificates.archive.destroySubmit')}
        </button>
      </div>
    </form>
  );
}
