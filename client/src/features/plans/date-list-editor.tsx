import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { AddEntryField } from './add-entry-field';
import { addDate, type DateProblem } from './organisation-settings-rules';

/**
 * An editable list of calendar dates (`YYYY-MM-DD`) in a fieldset: each date with a remove button,
 * and a labelled date input with an add button below (Enter in the input adds too, so it never
 * submits the surrounding form). A date already listed, or listed in `oppositeDates` (the same day
 * as a rest day and a working day), is refused with a message at the input; `serverError` (the
 * server's message for this list) shows under the legend. The fieldset carries `data-field` =
 * `field`, the request field it edits (e.g. `supplementaryYears.0.restDays`). Used by the calendar
 * setting screen for the working-day calendar of R7 and R11-R13.
 */
export function DateListEditor({
  field,
  legend,
  hint,
  dates,
  oppositeDates = [],
  oppositeName = '',
  onChange,
  serverError,
  isEditable,
}: {
  field: string;
  legend: string;
  hint?: string;
  dates: readonly string[];
  /** Dates of the opposite kind (rest vs working) in the same scope; refused here. */
  oppositeDates?: readonly string[];
  /** Name of the opposite list, for the refusal message. */
  oppositeName?: string;
  onChange: (dates: string[]) => void;
  serverError?: string;
  isEditable: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorId = useId();
  const [pending, setPending] = useState('');
  const [problem, setProblem] = useState<{ kind: DateProblem; date: string } | null>(null);

  function add() {
    const result = addDate(dates, pending, oppositeDates);
    if ('problem' in result) {
      setProblem({ kind: result.problem, date: pending });
      return;
    }
    setProblem(null);
    setPending('');
    onChange(result.dates);
  }

  const problemMessage = problem
    ? t(`plans.calendarSettings.problems.${problem.kind}`, { date: problem.date ? format.date(problem.date) : '', other: oppositeName })
    : undefined;

  return (
    <fieldset data-field={field} aria-describedby={serverError ? errorId : undefined}>
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      {serverError && (
        <span id={errorId} className="field-error" data-error-for={field}>
          {serverError}
        </span>
      )}
      {dates.length === 0 ? (
        <p className="muted">{t('plans.calendarSettings.noDates')}</p>
      ) : (
        <ul className="compact" aria-label={legend}>
          {dates.map((date) => (
            <li key={date} data-date={date}>
              <time dateTime={date}>{format.date(date)}</time>{' '}
              {isEditable && (
                <button
                  type="button"
                  className="secondary small"
                  aria-label={t('plans.calendarSettings.removeDate', { list: legend, date: format.date(date) })}
                  onClick={() => onChange(dates.filter((entry) => entry !== date))}
                >
                  {t('common.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {isEditable && (
        <AddEntryField
          label={t('plans.calendarSettings.newDate', { list: legend })}
          buttonText={t('plans.calendarSettings.addDate', { list: legend })}
          error={problemMessage}
          onAdd={add}
        >
          {(props) => (
            <input
              {...props}
              type="date"
              name={`${field}.new`}
              value={pending}
              onChange={(event) => {
                setPending(event.target.value);
                setProblem(null);
              }}
            />
          )}
        </AddEntryField>
      )}
    </fieldset>
  );
}
