import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DateRecordForm } from '../../components/date-record-form';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { QueryState, StatusBadge } from '../../components/status';
import { todayInChina } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { DeadlineTable } from '../plans/deadlines-page';
import type { BatchDeadlinesView } from '../plans/plans-types';
import { ConfirmDialog } from '../scoring/confirm-dialog';
import { ObjectionsPanel } from './objections-panel';
import { usePublication, useRefreshResults } from './results-api';
import type { PublicationContact, PublicationView } from './results-types';

/**
 * The publication 公示 of one batch (R11-R13): before it opens, the form (first day, complaint and
 * re-scoring channels, remarks); once open, the notice with masked ID numbers, the channels, the
 * period in working days, objections, the deadlines with their warnings, and closing — refused, with
 * the server's reason, while an objection is open or before the earliest end date.
 */
export function PublicationPage({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const publication = usePublication(batchId);
  const canManage = useCan('managePublication');
  return (
    <QueryState query={publication}>
      {(view) =>
        view === null ? (
          <>
            <PageHeader title={t('results.publication.notOpenedTitle')} subtitle={t('results.publication.notOpenedSubtitle')} />
            {canManage ? <OpenPublicationForm batchId={batchId} /> : <p className="muted">{t('results.publication.notOpened')}</p>}
          </>
        ) : (
          <PublicationDetails view={view} />
        )
      }
    </QueryState>
  );
}

/** A list of contacts edited row by row (name, department, phone, email). */
function ContactsEditor({ legend, contacts, onChange, name }: { legend: string; contacts: PublicationContact[]; onChange: (next: PublicationContact[]) => void; name: string }) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<PublicationContact>) => onChange(contacts.map((contact, position) => (position === index ? { ...contact, ...patch } : contact)));
  return (
    <fieldset>
      <legend>{legend}</legend>
      <p className="hint">{t('results.open.contactsHint')}</p>
      {contacts.map((contact, index) => (
        <div key={index} className="contact-row">
          {(['name', 'department', 'phone', 'email'] as const).map((field) => (
            <Field key={field} label={t(`results.contact.${field}`)}>
              {(props) => <input {...props} name={`${name}-${field}-${index}`} value={contact[field] ?? ''} required={field === 'name'} onChange={(event) => change(index, { [field]: event.target.value })} />}
            </Field>
          ))}
          <button type="button" className="secondary small" onClick={() => onChange(contacts.filter((_, position) => position !== index))}>
            {t('common.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="secondary small" onClick={() => onChange([...contacts, { name: '' }])}>
        {t('results.open.addContact')}
      </button>
    </fieldset>
  );
}

function cleanContacts(contacts: PublicationContact[]): PublicationContact[] {
  return contacts
    .map((contact) => Object.fromEntries(Object.entries(contact).map(([key, value]) => [key, String(value ?? '').trim()]).filter(([, value]) => value !== '')) as unknown as PublicationContact)
    .filter((contact) => contact.name);
}

/** Opens the publication after the committee's approval (R11). */
function OpenPublicationForm({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const refresh = useRefreshResults();
  const [startDate, setStartDate] = useState(todayInChina());
  const [remarks, setRemarks] = useState('');
  const [complaint, setComplaint] = useState<PublicationContact[]>([]);
  const [rescoring, setRescoring] = useState<PublicationContact[]>([]);
  const open = useMutation({
    mutationFn: () => {
      const complaintContacts = cleanContacts(complaint);
      const rescoringContacts = cleanContacts(rescoring);
      return api.post<PublicationView>(`/api/batches/${batchId}/publication`, {
        startDate,
        ...(complaintContacts.length > 0 ? { complaintContacts } : {}),
        ...(rescoringContacts.length > 0 ? { rescoringContacts } : {}),
        ...(remarks.trim() ? { remarks: remarks.trim() } : {}),
      });
    },
    onSuccess: refresh,
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    open.mutate();
  }
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="open-heading">
      <h2 id="open-heading">
        {t('results.open.title')} <span className="badge">R11</span>
      </h2>
      <p className="muted">{t('results.open.hint')}</p>
      <div className="grid-3">
        <Field label={t('results.open.startDate')} hint={t('results.open.startDateHint')}>
          {(props) => <input {...props} name="startDate" type="date" required max={todayInChina()} value={startDate} onChange={(event) => setStartDate(event.target.value)} />}
        </Field>
      </div>
      <ContactsEditor legend={t('results.channels.complaint')} contacts={complaint} onChange={setComplaint} name="complaint" />
      <ContactsEditor legend={t('results.channels.rescoring')} contacts={rescoring} onChange={setRescoring} name="rescoring" />
      <Field label={t('results.open.remarks')}>{(props) => <textarea {...props} name="remarks" rows={2} maxLength={2000} value={remarks} onChange={(event) => setRemarks(event.target.value)} />}</Field>
      {open.isError && <ErrorView error={open.error} />}
      <div className="form-actions">
        <button type="submit" disabled={open.isPending}>
          {t('results.open.submit')}
        </button>
      </div>
    </form>
  );
}

function ContactList({ contacts }: { contacts: PublicationContact[] }) {
  return (
    <ul className="compact">
      {contacts.map((contact, index) => (
        <li key={index}>{[contact.name, contact.department, contact.phone, contact.email].filter(Boolean).join(' · ')}</li>
      ))}
    </ul>
  );
}

function PublicationDetails({ view }: { view: PublicationView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canManage = useCan('managePublication');
  const deadlines: BatchDeadlinesView = {
    batchId: view.batchId,
    asOf: view.asOf,
    deadlines: view.deadlines as BatchDeadlinesView['deadlines'],
    warnings: view.deadlineWarnings,
  };
  return (
    <>
      <PageHeader
        title={t('results.publication.title', { code: view.batchCode, name: view.batchName })}
        subtitle={
          <>
            <StatusBadge status={view.status} group="results.publicationStatus" />{' '}
            {t('results.publication.period', {
              start: format.date(view.startDate),
              days: view.periodWorkingDays,
              earliest: format.date(view.earliestEndDate),
            })}
            {view.endDate && ` · ${t('results.publication.ended', { date: format.date(view.endDate) })}`}
          </>
        }
        actions={
          <a className="button secondary" href={`/api/batches/${view.batchId}/publication/notice.pdf`} target="_blank" rel="noreferrer">
            {t('results.publication.noticePdf')}
          </a>
        }
      />
      {view.deadlineWarnings.length > 0 && (
        <ul className="warning-list" aria-label={t('results.publication.warnings')}>
          {view.deadlineWarnings.map((warning, index) => (
            <li key={index}>
              <span className="badge">{warning.ruleId}</span> {t(`plans.deadlines.levels.${warning.level}`, { defaultValue: warning.level })} · {format.date(warning.date)} · {warning.message}
            </li>
          ))}
        </ul>
      )}
      <NoticeCard view={view} />
      <ObjectionsPanel publication={view} />
      {canManage && view.status === 'open' && <ClosePublicationCard view={view} />}
      <section aria-labelledby="deadlines-heading">
        <h2 id="deadlines-heading">{t('results.publication.deadlines')}</h2>
        {view.deadlineProblem && <p className="error">{view.deadlineProblem}</p>}
        <DeadlineTable view={deadlines} />
      </section>
      {canManage && <ResultsSubmissionCard view={view} />}
    </>
  );
}

/** The notice 公示 as published inside the enterprise: masked ID numbers, totals, results, channels (R11). */
function NoticeCard({ view }: { view: PublicationView }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card" aria-labelledby="notice-heading">
      <h2 id="notice-heading">
        {t('results.notice.title', { organisation: view.organisationName })} <span className="badge">R11</span>
      </h2>
      <p>{t('results.notice.counts', { total: view.notice.totalCount, passed: view.notice.passCount })}</p>
      <div className="table-scroll">
        <table className="notice-table">
          <thead>
            <tr>
              <th scope="col">{t('scoring.results.index')}</th>
              <th scope="col">{t('results.notice.name')}</th>
              <th scope="col">{t('results.notice.idNumber')}</th>
              <th scope="col">{t('results.notice.occupation')}</th>
              <th scope="col">{t('results.notice.workType')}</th>
              <th scope="col">{t('scoring.card.level')}</th>
              <th scope="col" className="number">
                {t('scoring.results.total')}
              </th>
              <th scope="col">{t('scoring.results.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {view.notice.rows.map((row, index) => (
              <tr key={row.resultId}>
                <td className="number">{index + 1}</td>
                <td>{row.candidateName}</td>
                <td>
                  <code>{row.maskedIdNumber}</code>
                </td>
                <td>
                  {row.occupationName} <span className="muted">{row.occupationCode}</span>
                </td>
                <td>{row.workType}</td>
                <td>{row.levelName}</td>
                <td className="number">{format.number(row.totalScore, 2)}</td>
                <td>
                  <span className={row.isPass ? 'pass' : 'fail'}>{row.resultText}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="two-columns">
        <div>
          <h3>{t('results.channels.complaint')}</h3>
          <ContactList contacts={view.channels.complaint} />
        </div>
        <div>
          <h3>{t('results.channels.rescoring')}</h3>
          <ContactList contacts={view.channels.rescoring} />
        </div>
      </div>
      {view.remarks && <p className="preserve-lines">{view.remarks}</p>}
      {view.finalNoticeHash && (
        <p className="muted small-text hash">
          {t('results.notice.frozen')} <code>{view.finalNoticeHash}</code>
        </p>
      )}
    </section>
  );
}

/** Closing locks the results and freezes the notice; the server refuses while objections are open or too early (R11). */
function ClosePublicationCard({ view }: { view: PublicationView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const refresh = useRefreshResults();
  const [isConfirming, setIsConfirming] = useState(false);
  const close = useMutation({ mutationFn: () => api.post<PublicationView>(`/api/batches/${view.batchId}/publication/close`, {}), onSuccess: refresh });
  return (
    <section className="card" aria-labelledby="close-heading">
      <h2 id="close-heading">
        {t('results.close.title')} <span className="badge">R11</span>
      </h2>
      <p className="muted">{t('results.close.hint', { earliest: format.date(view.earliestEndDate), open: view.objectionCounts.open })}</p>
      <div className="form-actions">
        <button type="button" onClick={() => setIsConfirming(true)} disabled={close.isPending}>
          {t('results.close.submit')}
        </button>
      </div>
      {close.isError && <ErrorView error={close.error} title={t('results.close.refused')} />}
      <ConfirmDialog
        title={t('results.close.title')}
        isOpen={isConfirming}
        confirmLabel={t('results.close.confirm')}
        onCancel={() => setIsConfirming(false)}
        onConfirm={() => {
          setIsConfirming(false);
          close.mutate();
        }}
      >
        <p>{t('results.close.question')}</p>
      </ConfirmDialog>
    </section>
  );
}

/** R12: the day the results went to the guidance body. */
function ResultsSubmissionCard({ view }: { view: PublicationView }) {
  const { t } = useTranslation();
  const refresh = useRefreshResults();
  return (
    <DateRecordForm
      headingId="submission-heading"
      title={t('results.submission.title')}
      ruleId="R12"
      hint={t('results.submission.hint')}
      dateLabel={t('results.submission.date')}
      submitLabel={t('results.submission.submit')}
      name="submittedOn"
      save={(submittedOn) => api.post(`/api/batches/${view.batchId}/publication/results-submission`, { submittedOn })}
      onSaved={refresh}
    />
  );
}
