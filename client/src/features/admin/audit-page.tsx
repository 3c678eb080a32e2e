import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import type { AuditEntryView, AuditVerification } from './admin-types';

/** The hash-chained audit log (R10, R17): verify the chain, read the newest entries. */
export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [action, setAction] = useState('');
  const verify = useMutation({ mutationFn: () => api.get<AuditVerification>('/api/admin/audit/verify') });
  const entries = useQuery({
    queryKey: ['admin', 'audit', action],
    queryFn: () => api.get<{ entries: AuditEntryView[] }>(withQuery('/api/admin/audit', { action, limit: 100 })),
  });
  const result = verify.data;
  return (
    <>
      <PageHeader
        title={t('admin.audit.title')}
        subtitle={t('admin.audit.subtitle')}
        actions={
          <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
            {t('admin.audit.verify')}
          </button>
        }
      />
      {verify.isError && <ErrorView error={verify.error} />}
      {result && (
        <section className={`card verdict ${result.isIntact ? 'verdict-ok' : 'verdict-bad'}`} role="status" aria-live="polite">
          <h2>{result.isIntact ? t('admin.audit.intact') : t('admin.audit.broken')}</h2>
          <dl className="facts">
            <dt>{t('admin.audit.checkedCount')}</dt>
            <dd>{format.number(result.checkedCount)}</dd>
            <dt>{t('admin.audit.lastSeq')}</dt>
            <dd>{result.lastSeq}</dd>
            <dt>{t('admin.audit.lastHash')}</dt>
            <dd>
              <code className="hash">{result.lastHash ?? '—'}</code>
            </dd>
            {result.firstBroken && (
              <>
                <dt>{t('admin.audit.firstBroken')}</dt>
                <dd>
                  #{result.firstBroken.seq ?? '?'} · {t(`admin.audit.reasons.${result.firstBroken.reason}`)} · {result.firstBroken.message}
                </dd>
              </>
            )}
          </dl>
        </section>
      )}
      <section className="card">
        <h2>{t('admin.audit.entries')}</h2>
        <div className="filters">
          <Field label={t('admin.audit.action')} hint={t('admin.audit.actionHint')}>
            {(props) => <input {...props} type="search" value={action} onChange={(event) => setAction(event.target.value.trim())} />}
          </Field>
        </div>
        <QueryState query={entries}>
          {(data) =>
            data.entries.length === 0 ? (
              <Empty>{t('admin.audit.none')}</Empty>
            ) : (
              <div className="table-scroll tall">
                <table>
                  <caption className="visually-hidden">{t('admin.audit.entries')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t('admin.audit.at')}</th>
                      <th scope="col">{t('admin.audit.actor')}</th>
                      <th scope="col">{t('admin.audit.action')}</th>
                      <th scope="col">{t('admin.audit.target')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.entries.map((entry) => (
                      <tr key={entry.id}>
                        <td className="number">{entry.seq}</td>
                        <td className="date">{format.dateTime(entry.at)}</td>
                        <td>{entry.actor.name}</td>
                        <td>
                          <code>{entry.action}</code>
                        </td>
                        <td>{entry.target.label ?? `${entry.target.kind} ${entry.target.id ?? ''}`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
