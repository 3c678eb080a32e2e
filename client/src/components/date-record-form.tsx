import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInChina } from '../i18n/format';
import { ErrorView } from './error-view';
import { Field } from './field';

/** What a {@link DateRecordForm} records and how it is labelled. */
export interface DateRecordFormProps {
  /** Id of the card's h2, which labels the form (aria-labelledby). */
  headingId: string;
  /** Card heading. */
  title: string;
  /** Regulation id shown as a badge after the heading, e.g. `R12`. */
  ruleId: string;
  /** Muted sentence under the heading. */
  hint: string;
  /** Label of the date input. */
  dateLabel: string;
  /** Text of the submit button. */
  submitLabel: string;
  /** `name` of the date input. */
  name: string;
  /** Stores the picked calendar date (`YYYY-MM-DD`, China time); a rejection shows as an error. */
  save: (date: string) => Promise<unknown>;
  /** Runs after a successful save (e.g. refreshing queries); the form stays busy until it settles. */
  onSaved?: () => unknown;
}

/**
 * A card form recording the one date on which something was done, e.g. the day results (R12) or
 * certificate data (R13) went to the guidance body: a required date input starting at today in
 * China, a secondary submit button, the error view on failure and a "saved" status line on success.
 */
export function DateRecordForm({ headingId, title, ruleId, hint, dateLabel, submitLabel, name, save, onSaved }: DateRecordFormProps) {
  const { t } = useTranslation();
  const [date, setDate] = useState(todayInChina());
  const record = useMutation({ mutationFn: () => save(date), onSuccess: onSaved });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    record.mutate();
  }
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} <span className="badge">{ruleId}</span>
      </h2>
      <p className="muted">{hint}</p>
      <div className="filters">
        <Field label={dateLabel}>{(props) => <input {...props} name={name} type="date" required value={date} onChange={(event) => setDate(event.target.value)} />}</Field>
        <div className="form-actions">
          <button type="submit" className="secondary" disabled={record.isPending}>
            {submitLabel}
          </button>
        </div>
      </div>
      {record.isError && <ErrorView error={record.error} />}
      {record.isSuccess && (
        <p className="success" role="status">
          {t('common.saved')}
        </p>
      )}
    </form>
  );
}
