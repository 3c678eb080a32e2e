import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentView } from '@skillcert/proctoring/protocol';
import { Field } from '../../components/field';
import { Empty } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import type { ConsoleState, ProctorRoomConnection } from './proctor-connection';

/** The room's incidents, newest first, live ones highlighted; proctors record how each was handled. */
export function IncidentFeed({ connection, state, onOpenCandidate }: { connection: ProctorRoomConnection; state: ConsoleState; onOpenCandidate: (attemptId: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [resolving, setResolving] = useState<string | null>(null);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const canAct = state.joined?.access.canAct ?? false;
  const incidents = [...state.incidents].reverse().filter((incident) => !onlyOpen || !incident.handling);
  return (
    <section className="card incident-feed" aria-labelledby="incident-feed-heading" onMouseEnter={() => connection.markIncidentsSeen()}>
      <h2 id="incident-feed-heading">
        {t('proctor.incidents.title')} <span className="badge">{state.incidents.filter((incident) => !incident.handling).length}</span>
      </h2>
      <label className="option-row">
        <input type="checkbox" checked={onlyOpen} onChange={(event) => setOnlyOpen(event.target.checked)} />
        {t('proctor.incidents.onlyOpen')}
      </label>
      {incidents.length === 0 ? (
        <Empty>{t('proctor.incidents.empty')}</Empty>
      ) : (
        <ol className="incident-list" aria-live="polite">
          {incidents.map((incident) => (
            <li key={incident.id} className={`incident severity-${incident.severity} ${state.freshIncidentIds.has(incident.id) ? 'incident-fresh' : ''}`}>
              <div>
                <time className="small-text muted">{format.dateTime(new Date(incident.at))}</time>{' '}
                <span className={`badge severity-badge-${incident.severity}`}>{t(`proctor.incidents.severities.${incident.severity}`)}</span>
              </div>
              <button type="button" className="link" onClick={() => onOpenCandidate(incident.attemptId)}>
                {incident.seat ? `${incident.seat} ` : ''}
                {incident.candidateName}
              </button>
              <div>{t(`proctor.incidents.rules.${incident.rule}`)}</div>
              <IncidentFacts incident={incident} />
              {incident.handling ? (
                <div className="small-text success">
                  {t('proctor.incidents.handledBy', { name: incident.handling.byName })}
                  {incident.handling.action ? ` · ${t(`proctor.actions.names.${incident.handling.action}`)}` : ''}: {incident.handling.note}
                </div>
              ) : canAct && resolving !== incident.id ? (
                <button type="button" className="secondary small" onClick={() => setResolving(incident.id)}>
                  {t('proctor.incidents.handle')}
                </button>
              ) : null}
              {resolving === incident.id && <ResolveForm onCancel={() => setResolving(null)} onSubmit={(note) => connection.resolveIncident(incident.id, note)} onDone={() => setResolving(null)} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Facts of an incident in a short line (durations in seconds). */
function IncidentFacts({ incident }: { incident: IncidentView }) {
  const { t } = useTranslation();
  const seconds = (value: unknown) => Math.round(Number(value ?? 0) / 1000);
  const detail = incident.detail;
  let text = '';
  if (incident.rule === 'focus_lost_too_long' || incident.rule === 'disconnect_too_long') {
    text = t(detail.isOngoing ? 'proctor.incidents.ongoingFor' : 'proctor.incidents.lastedFor', { seconds: seconds(detail.durationMs) });
  } else if (incident.rule === 'answer_burst_after_focus_loss') {
    text = t('proctor.incidents.burst', { count: Number(detail.answerCount ?? 0), seconds: seconds(detail.withinMs) });
  } else if (incident.rule === 'client_changed' || incident.rule === 'second_login_attempt') {
    text = detail.ip ? `IP ${String(detail.ip)}` : '';
  }
  return text ? <div className="small-text muted">{text}</div> : null;
}

function ResolveForm({ onSubmit, onCancel, onDone }: { onSubmit: (note: string) => Promise<{ ok: boolean; error?: { message: string } }>; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (note.trim() === '') {
      setError(t('proctor.actions.reasonRequired'));
      return;
    }
    const ack = await onSubmit(note.trim());
    if (ack.ok) onDone();
    else setError(ack.error?.message ?? t('errors.internal'));
  }
  return (
    <form onSubmit={submit} noValidate>
      <Field label={t('proctor.incidents.note')} error={error ?? undefined}>
        {(props) => <textarea {...props} rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="small">
          {t('proctor.actions.submit')}
        </button>
        <button type="button" className="secondary small" onClick={onCancel}>
          {t('proctor.actions.cancel')}
        </button>
      </div>
    </form>
  );
}
