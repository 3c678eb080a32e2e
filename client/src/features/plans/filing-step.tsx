import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { todayInChina } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import type { BatchView, FiledBatchPlan } from './plans-types';
import { useStoreBatch } from './plans-api';

/**
 * Step 5: file the evaluation plan with the guidance body. The server checks R4 components, R6
 * staff, the R7 lead time (a violation names the earliest allowed first-session date) and the R1
 * readiness of every scope.
 */
export function FilingStep({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const storeBatch = useStoreBatch();
  const today = todayInChina();
  const [filingDate, setFilingDate] = useState(today);
  const file = useMutation({
    mutationFn: () => api.post<FiledBatchPlan>(`/api/batches/${batch.id}/filing`, { filingDate }),
    onSuccess: async (result) => storeBatch(result.batch),
  });
  const firstSession = batch.sessions[0];
  const count = (role: string) => batch.staff.filter((entry) => entry.role === role).length;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    file.mutate();
  }

  return (
    <div className="stack">
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t('plans.filing.summary')}</h2>
        <dl className="facts">
          <dt>{t('plans.batch.mode')}</dt>
          <dd>{t(`plans.modes.${batch.mode}`)}</dd>
          <dt>{t('plans.batch.scopes')}</dt>
          <dd>{batch.scopes.map((scope) => `${scope.occupationName} ${scope.workType} ${t(`levels.${scope.level}`)}`).join('；')}</dd>
          <dt>{t('plans.filing.staff')}</dt>
          <dd>{t('plans.filing.staffCounts', { examAdmins: count('exam_admin'), assessors: count('assessor'), supervisors: count('supervisor') })}</dd>
          <dt>{t('plans.filing.rooms')}</dt>
          <dd>{batch.rooms.map((room) => room.name).join('、') || '—'}</dd>
          <dt>{t('plans.filing.firstSession')}</dt>
          <dd>{firstSession ? format.dateTime(firstSession.startsAt) : '—'}</dd>
          {batch.filingDate && (
            <>
              <dt>{t('plans.filing.filedOn')}</dt>
              <dd>{format.date(batch.filingDate)}</dd>
            </>
          )}
        </dl>
      </section>
      {batch.status === 'draft' ? (
        <form className="card" onSubmit={onSubmit} aria-labelledby="filing-heading">
          <h2 id="filing-heading">
            {t('plans.filing.title')} <span className="badge">R7</span>
          </h2>
          <p className="muted">{t('plans.filing.hint')}</p>
          <Field label={t('plans.filing.filingDate')} hint={t('plans.filing.filingDateHint')}>
            {(props) => <input {...props} type="date" value={filingDate} max={today} onChange={(event) => setFilingDate(event.target.value)} required />}
          </Field>
          {file.isError && <ErrorView error={file.error} />}
          <div className="form-actions">
            <button type="submit" disabled={file.isPending}>
              {t('plans.filing.submit')}
            </button>
          </div>
        </form>
      ) : (
        <p className="success" role="status">
          {t('plans.filing.done', { date: format.date(batch.filingDate) })}
        </p>
      )}
      {file.data?.leadTime && (
        <p className="success" role="status">
          {t('plans.filing.leadTime', {
            lead: file.data.leadTime.leadWorkingDays,
            required: file.data.leadTime.requiredWorkingDays,
            earliest: format.date(file.data.leadTime.earliestSessionDate),
          })}
        </p>
      )}
    </div>
  );
}
