import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { DateListEditor } from './date-list-editor';
import { calendarFieldOfDate, nextSupplementaryYear, placeServerProblems, problemAt } from './organisation-settings-rules';
import { useOrganisationCalendar } from './plans-api';
import type { OrganisationCalendarRequest, OrganisationCalendarView } from './plans-types';

/** A supplementary year being edited: the year as typed (checked by the server on save). */
interface SupplementaryYearDraft {
  year: string;
  restDays: string[];
  workingDays: string[];
  source: string;
}

/** The calendar setting being edited. */
interface CalendarDraft {
  extraRestDays: string[];
  extraWorkingDays: string[];
  supplementaryYears: SupplementaryYearDraft[];
}

function toDraft(calendar: OrganisationCalendarView): CalendarDraft {
  return {
    extraRestDays: [...calendar.extraRestDays],
    extraWorkingDays: [...calendar.extraWorkingDays],
    supplementaryYears: calendar.supplementaryYears.map((entry) => ({
      year: String(entry.year),
      restDays: [...entry.restDays],
      workingDays: [...entry.workingDays],
      source: entry.source,
    })),
  };
}

/** The PUT body of a draft (the whole setting; the server replaces the stored one). */
function toRequest(draft: CalendarDraft): OrganisationCalendarRequest {
  return {
    extraRestDays: draft.extraRestDays,
    extraWorkingDays: draft.extraWorkingDays,
    supplementaryYears: draft.supplementaryYears.map((entry) => ({
      year: entry.year.trim() === '' ? Number.NaN : Number(entry.year),
      restDays: entry.restDays,
      workingDays: entry.workingDays,
      source: entry.source.trim(),
    })),
  };
}

/**
 * The organisation calendar setting (GET/PUT /api/organisation/calendar): the organisation's own
 * rest days and working days, and supplementary years of the State Council's holiday schedule for
 * years the holiday data does not cover yet (statutory holidays and adjusted working days 调休),
 * without which a deadline in such a year fails with `calendar_out_of_range`. Every working-day
 * deadline uses this calendar: filing (R7), publication (R11), results (R12), certificate data
 * (R13). Planners and supervisors read it; only administrators (the PUT route's only role, the
 * `administer` capability) edit it. Server errors show at the field they name.
 */
export function CalendarSettingsPage() {
  const { t } = useTranslation();
  const calendar = useOrganisationCalendar();
  return (
    <>
      <PageHeader
        title={t('plans.calendarSettings.title')}
        subtitle={t('plans.calendarSettings.subtitle')}
        actions={
          <Link to="/plans/calendar" className="button secondary">
            {t('plans.calendarSettings.backToCalendar')}
          </Link>
        }
      />
      <QueryState query={calendar}>{(data) => <CalendarSettingsForm calendar={data} />}</QueryState>
    </>
  );
}

function CalendarSettingsForm({ calendar }: { calendar: OrganisationCalendarView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const isEditable = useCan('administer');
  const [draft, setDraft] = useState<CalendarDraft>(() => toDraft(calendar));
  const save = useMutation({
    mutationFn: (request: OrganisationCalendarRequest) => api.put<OrganisationCalendarView>('/api/organisation/calendar', request),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['plans', 'calendar'], saved);
      setDraft(toDraft(saved));
      await queryClient.invalidateQueries({ queryKey: ['plans', 'calendar-days'] });
      await queryClient.invalidateQueries({ queryKey: ['plans', 'deadlines'] });
    },
  });
  const problems = placeServerProblems(save.error as { code?: string; message?: string; details?: unknown } | null, (date) =>
    save.variables ? calendarFieldOfDate(save.variables, date) : undefined,
  );
  const sectionProblem = (field: string) => problems.find((problem) => problem.field === field)?.message;

  /** Applies an edit; a shown "saved" confirmation no longer holds after it. */
  function edit(change: (current: CalendarDraft) => CalendarDraft) {
    setDraft(change);
    if (save.isSuccess) save.reset();
  }

  function editYear(index: number, patch: Partial<SupplementaryYearDraft>) {
    edit((current) => ({
      ...current,
      supplementaryYears: current.supplementaryYears.map((entry, position) => (position === index ? { ...entry, ...patch } : entry)),
    }));
  }

  function addYear() {
    edit((current) => ({
      ...current,
      supplementaryYears: [
        ...current.supplementaryYears,
        { year: String(nextSupplementaryYear(calendar, current.supplementaryYears.map((entry) => ({ year: Number(entry.year) || 0 })))), restDays: [], workingDays: [], source: '' },
      ],
    }));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate(toRequest(draft));
  }

  const restName = t('plans.calendarSettings.extraRestDays');
  const workingName = t('plans.calendarSettings.extraWorkingDays');

  return (
    <form onSubmit={onSubmit} className="stack" aria-label={t('plans.calendarSettings.title')}>
      <section className="card" aria-labelledby="calendar-coverage-heading">
        <h2 id="calendar-coverage-heading">{t('plans.calendarSettings.coverage')}</h2>
        <p>{t('plans.calendar.covered', { first: format.date(calendar.coveredRange.first), last: format.date(calendar.coveredRange.last) })}</p>
        <p className="muted">{calendar.updatedAt ? t('plans.calendarSettings.updatedAt', { date: format.dateTime(calendar.updatedAt) }) : t('plans.calendarSettings.neverSaved')}</p>
        {!isEditable && <p className="muted">{t('plans.calendarSettings.readOnly')}</p>}
      </section>

      <section className="card" aria-labelledby="organisation-days-heading">
        <h2 id="organisation-days-heading">
          {t('plans.calendarSettings.organisationDays')} <span className="badge">R7</span> <span className="badge">R11-R13</span>
        </h2>
        <div className="grid-2">
          <DateListEditor
            field="extraRestDays"
            legend={restName}
            hint={t('plans.calendarSettings.extraRestDaysHint')}
            dates={draft.extraRestDays}
            oppositeDates={draft.extraWorkingDays}
            oppositeName={workingName}
            onChange={(dates) => edit((current) => ({ ...current, extraRestDays: dates }))}
            serverError={problemAt(problems, 'extraRestDays')}
            isEditable={isEditable}
          />
          <DateListEditor
            field="extraWorkingDays"
            legend={workingName}
            hint={t('plans.calendarSettings.extraWorkingDaysHint')}
            dates={draft.extraWorkingDays}
            oppositeDates={draft.extraRestDays}
            oppositeName={restName}
            onChange={(dates) => edit((current) => ({ ...current, extraWorkingDays: dates }))}
            serverError={problemAt(problems, 'extraWorkingDays')}
            isEditable={isEditable}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="supplementary-years-heading">
        <h2 id="supplementary-years-heading">{t('plans.calendarSettings.supplementaryYears')}</h2>
        <p className="hint">{t('plans.calendarSettings.supplementaryYearsHint')}</p>
        {sectionProblem('supplementaryYears') && (
          <span className="field-error" data-error-for="supplementaryYears">
            {sectionProblem('supplementaryYears')}
          </span>
        )}
        {draft.supplementaryYears.length === 0 && <p className="muted">{t('plans.calendarSettings.noYears')}</p>}
        {draft.supplementaryYears.map((entry, index) => {
          const base = `supplementaryYears.${index}`;
          const restDaysName = t('plans.calendarSettings.restDaysOf', { year: entry.year });
          const workingDaysName = t('plans.calendarSettings.workingDaysOf', { year: entry.year });
          return (
            <fieldset key={index} data-field={base}>
              <legend>{t('plans.calendarSettings.yearLegend', { year: entry.year })}</legend>
              <fieldset disabled={!isEditable} className="plain">
                <div className="grid-2">
                  <Field label={t('plans.calendarSettings.year')} error={problemAt(problems, `${base}.year`)}>
                    {(props) => (
                      <input {...props} type="number" name={`${base}.year`} min={2000} max={2100} step={1} required value={entry.year} onChange={(event) => editYear(index, { year: event.target.value })} />
                    )}
                  </Field>
                  <Field label={t('plans.calendarSettings.source')} hint={t('plans.calendarSettings.sourceHint', { year: entry.year })} error={problemAt(problems, `${base}.source`)}>
                    {(props) => <input {...props} name={`${base}.source`} required maxLength={300} value={entry.source} onChange={(event) => editYear(index, { source: event.target.value })} />}
                  </Field>
                </div>
              </fieldset>
              <div className="grid-2">
                <DateListEditor
                  field={`${base}.restDays`}
                  legend={restDaysName}
                  hint={t('plans.calendarSettings.restDaysHint')}
                  dates={entry.restDays}
                  oppositeDates={entry.workingDays}
                  oppositeName={workingDaysName}
                  onChange={(dates) => editYear(index, { restDays: dates })}
                  serverError={problemAt(problems, `${base}.restDays`)}
                  isEditable={isEditable}
                />
                <DateListEditor
                  field={`${base}.workingDays`}
                  legend={workingDaysName}
                  hint={t('plans.calendarSettings.workingDaysHint')}
                  dates={entry.workingDays}
                  oppositeDates={entry.restDays}
                  oppositeName={restDaysName}
                  onChange={(dates) => editYear(index, { workingDays: dates })}
                  serverError={problemAt(problems, `${base}.workingDays`)}
                  isEditable={isEditable}
                />
              </div>
              {isEditable && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => edit((current) => ({ ...current, supplementaryYears: current.supplementaryYears.filter((_entry, position) => position !== index) }))}
                >
                  {t('plans.calendarSettings.removeYear', { year: entry.year })}
                </button>
              )}
            </fieldset>
          );
        })}
        {isEditable && (
          <button type="button" className="secondary" onClick={addYear}>
            {t('plans.calendarSettings.addYear')}
          </button>
        )}
      </section>

      {save.isError && <ErrorView error={save.error} />}
      <p className="success" role="status" aria-live="polite">
        {save.isSuccess ? t('plans.calendarSettings.saved') : ''}
      </p>
      {isEditable && (
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('plans.calendarSettings.save')}
          </button>
        </div>
      )}
    </form>
  );
}
