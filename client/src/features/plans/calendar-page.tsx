import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, withQuery } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { PageHeader } from '../../components/page';
import { Loading } from '../../components/status';
import { todayInChina } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { useBatches } from './plans-api';
import type { BatchDeadlinesView, DayDetail, OrganisationCalendarView } from './plans-types';

/** One entry shown on a day: a session or a deadline of a batch. */
export interface CalendarEvent {
  date: string;
  batchId: string;
  batchCode: string;
  kind: 'session' | 'deadline';
  label: string;
  ruleId?: string;
}

/** First and last calendar date of the month holding `date` (`YYYY-MM-DD`). */
export function monthRange(date: string): { from: string; to: string } {
  const [year, month] = date.split('-').map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, '0');
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(last)}` };
}

/** The first day of the month `delta` months from the month holding `date`. */
export function shiftMonth(date: string, delta: number): string {
  const [year, month] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(year, month - 1 + delta, 1));
  return shifted.toISOString().slice(0, 10);
}

/** Monday-first grid of weeks for the days of one month (null pads the first and last week). */
export function monthWeeks<T extends { date: string }>(days: readonly T[]): (T | null)[][] {
  if (days.length === 0) return [];
  const firstWeekday = (new Date(`${days[0].date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const cells: (T | null)[] = [...Array.from({ length: firstWeekday }, () => null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (T | null)[][] = [];
  for (let index = 0; index < cells.length; index += 7) weeks.push(cells.slice(index, index + 7));
  return weeks;
}

/**
 * The organisation calendar (working days, statutory holidays, adjusted working days 调休, the
 * organisation's own rest days) with every batch's sessions and deadlines (R7, R11-R13) on it.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [month, setMonth] = useState(() => shiftMonth(todayInChina(), 0));
  const range = monthRange(month);
  const calendar = useQuery({ queryKey: ['plans', 'calendar'], queryFn: () => api.get<OrganisationCalendarView>('/api/organisation/calendar') });
  const days = useQuery({
    queryKey: ['plans', 'calendar-days', range.from],
    queryFn: () => api.get<{ days: DayDetail[] }>(withQuery('/api/organisation/calendar/days', range)),
  });
  const batches = useBatches();
  const deadlineQueries = useQueries({
    queries: (batches.data?.batches ?? []).slice(0, 30).map((batch) => ({
      queryKey: ['plans', 'deadlines', batch.id],
      queryFn: () => api.get<BatchDeadlinesView>(`/api/batches/${batch.id}/deadlines`),
    })),
  });
  const events: CalendarEvent[] = [];
  for (const batch of batches.data?.batches ?? []) {
    for (const session of batch.sessions) {
      events.push({ date: session.date, batchId: batch.id, batchCode: batch.code, kind: 'session', label: t(`plans.components.${session.kind}`) });
    }
  }
  deadlineQueries.forEach((query, index) => {
    const batch = batches.data?.batches[index];
    if (!batch || !query.data) return;
    for (const deadline of query.data.deadlines) {
      if (deadline.date && !deadline.isDone) {
        events.push({ date: deadline.date, batchId: batch.id, batchCode: batch.code, kind: 'deadline', ruleId: deadline.ruleId, label: t(`plans.deadlines.kinds.${deadline.kind}`, { defaultValue: deadline.kind }) });
      }
    }
  });
  const covered = calendar.data?.coveredRange;
  const canGoBack = !covered || shiftMonth(month, -1) >= shiftMonth(covered.first, 0);
  const canGoForward = !covered || shiftMonth(month, 1) <= covered.last;
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((offset) => new Intl.DateTimeFormat(format.language, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, offset))));
  const upcoming = events.filter((event) => event.date >= todayInChina()).sort((a, b) => a.date.localeCompare(b.date)).slice(0, 20);

  return (
    <>
      <PageHeader
        title={t('plans.calendar.title')}
        subtitle={covered ? t('plans.calendar.covered', { first: format.date(covered.first), last: format.date(covered.last) }) : t('plans.calendar.subtitle')}
        actions={
          <Link to="/plans/calendar-settings" className="button secondary">
            {t('plans.calendar.settings')}
          </Link>
        }
      />
      <div className="calendar-toolbar">
        <button type="button" className="secondary" onClick={() => setMonth(shiftMonth(month, -1))} disabled={!canGoBack}>
          {t('plans.calendar.previousMonth')}
        </button>
        <h2 aria-live="polite">{format.month(month)}</h2>
        <button type="button" className="secondary" onClick={() => setMonth(shiftMonth(month, 1))} disabled={!canGoForward}>
          {t('plans.calendar.nextMonth')}
        </button>
      </div>
      {days.isPending ? (
        <Loading />
      ) : days.isError ? (
        <ErrorView error={days.error} />
      ) : (
        <table className="month-grid">
          <caption className="visually-hidden">{format.month(month)}</caption>
          <thead>
            <tr>
              {weekdays.map((weekday) => (
                <th key={weekday} scope="col">
                  {weekday}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthWeeks(days.data.days).map((week, weekIndex) => (
              <tr key={weekIndex}>
                {week.map((day, dayIndex) =>
                  day ? (
                    <td key={day.date} className={`day day-${day.kind} ${day.isWorkingDay ? 'working' : 'rest'} ${day.date === todayInChina() ? 'today' : ''}`}>
                      <div className="day-number">
                        {Number(day.date.slice(8))}
                        <span className="visually-hidden"> {day.isWorkingDay ? t('plans.calendar.workingDay') : t('plans.calendar.restDay')}</span>
                      </div>
                      {day.holidayName && <div className="holiday">{day.holidayName}</div>}
                      {day.kind === 'adjusted_working_day' && <div className="holiday">{t('plans.calendar.adjusted')}</div>}
                      {day.kind === 'organisation_rest_day' && <div className="holiday">{t('plans.calendar.organisationRest')}</div>}
                      {events
                        .filter((event) => event.date === day.date)
                        .map((event, index) => (
                          <Link key={index} to={`/plans/batches/${event.batchId}`} className={`event event-${event.kind}`}>
                            {event.ruleId && <strong>{event.ruleId} </strong>}
                            {event.batchCode} {event.label}
                          </Link>
                        ))}
                    </td>
                  ) : (
                    <td key={`pad-${dayIndex}`} className="day pad" />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="legend">
        <span className="swatch working" /> {t('plans.calendar.workingDay')} <span className="swatch rest" /> {t('plans.calendar.restDay')} <span className="swatch session" />{' '}
        {t('plans.calendar.session')} <span className="swatch deadline" /> {t('plans.calendar.deadline')}
      </p>
      <section className="card" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t('plans.calendar.upcoming')}</h2>
        {upcoming.length === 0 ? (
          <p className="muted">{t('plans.calendar.nothingUpcoming')}</p>
        ) : (
          <ul className="compact">
            {upcoming.map((event, index) => (
              <li key={index}>
                {format.date(event.date)} · {event.ruleId && <span className="badge">{event.ruleId}</span>} <Link to={`/plans/batches/${event.batchId}`}>{event.batchCode}</Link> {event.label}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
