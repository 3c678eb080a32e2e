import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateRow, ProctorActionType } from '@skillcert/proctoring/events';
import type { IncidentView, ProctorAck } from '@skillcert/proctoring/protocol';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { Empty, QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { snapshotUrl, useAttemptTimeline } from './proctor-api';
import type { ProctorRoomConnection } from './proctor-connection';
import { formatDuration } from './room-model';

/** Which actions make sense for a row (the server refuses the others anyway). */
export function availableActions(row: Pick<CandidateRow, 'status' | 'attendance' | 'hasPendingDeviceChange'>): ProctorActionType[] {
  const isEnded = row.status === 'submitted' || row.status === 'voided';
  const actions: ProctorActionType[] = [];
  if (!isEnded) actions.push('warn');
  if (row.status === 'in_progress') actions.push('pause', 'extend');
  if (row.status === 'paused') actions.push('resume', 'extend');
  if (row.hasPendingDeviceChange && !isEnded) actions.push('approve_device_change');
  if (row.status === 'in_progress' || row.status === 'paused') actions.push('force_submit');
  if (row.status !== 'voided') actions.push('void');
  if (row.attendance !== 'present') actions.push('mark_attendance');
  if (row.attendance !== 'absent' && row.status === 'waiting') actions.push('mark_absence');
  return actions;
}

/** A candidate's detail: facts, action buttons (reason required), open incidents, timeline, snapshots. */
export function CandidateDetail({
  connection,
  row,
  canAct,
  incidents,
  remainingMs,
  onClose,
}: {
  connection: ProctorRoomConnection;
  row: CandidateRow;
  canAct: boolean;
  incidents: IncidentView[];
  remainingMs: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const timeline = useAttemptTimeline(row.attemptId);
  const [action, setAction] = useState<ProctorActionType | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const openIncidents = incidents.filter((incident) => !incident.handling);
  return (
    <Dialog title={t('proctor.detail.title', { name: row.candidateName, seat: row.seat ?? '—' })} isOpen onClose={onClose}>
      <div className="candidate-detail">
        <dl className="facts">
          <dt>{t('proctor.filters.status')}</dt>
          <dd>{t(`proctor.statuses.${row.status}`)}</dd>
          <dt>{t('proctor.detail.attendance')}</dt>
          <dd>{t(`proctor.attendance.${row.attendance}`)}</dd>
          <dt>{t('proctor.detail.progress')}</dt>
          <dd>{t('proctor.row.answered', { answered: row.answeredCount, total: row.totalCount })}</dd>
          <dt>{t('proctor.sort.remaining')}</dt>
          <dd>{remainingMs === null ? '—' : formatDuration(remainingMs)}</dd>
          <dt>{t('proctor.filters.connection')}</dt>
          <dd>{row.isOnline ? t('proctor.filters.online') : t('proctor.filters.offline')}</dd>
        </dl>
        {notice && (
          <p className="success" role="status">
            {notice}
          </p>
        )}
        {canAct ? (
          <div className="form-actions" role="group" aria-label={t('proctor.actions.title')}>
            {availableActions(row).map((candidate) => (
              <button key={candidate} type="button" className={candidate === 'void' || candidate === 'force_submit' ? 'danger' : 'secondary'} onClick={() => setAction(candidate)}>
                {t(`proctor.actions.names.${candidate}`)}
              </button>
            ))}
          </div>
        ) : (
          <p className="hint">{t('proctor.readOnly')}</p>
        )}
        {action && (
          <ActionForm
            action={action}
            openIncidents={openIncidents}
            onCancel={() => setAction(null)}
            onSubmit={async (payload) => {
              const ack = await connection.act(action, { attemptId: row.attemptId, ...payload });
              if (ack.ok) {
                setNotice(t(action === 'void' ? 'proctor.actions.voidRequested' : 'proctor.actions.done', { action: t(`proctor.actions.names.${action}`) }));
                setAction(null);
                void timeline.refetch();
              }
              return ack;
            }}
          />
        )}
        <h3>{t('proctor.detail.timeline')}</h3>
        <QueryState query={timeline}>
          {(data) =>
            data.entries.length === 0 ? (
              <Empty>{t('proctor.detail.noTimeline')}</Empty>
            ) : (
              <ol className="timeline">
                {data.entries.map((entry, index) => (
                  <li key={`${entry.at}-${index}`}>
                    <time className="muted small-text">{format.dateTime(new Date(entry.at))}</time> <strong>{t(`proctor.detail.kinds.${entry.kind}`)}</strong>
                    {entry.kind === 'incident' && typeof entry.detail.rule === 'string' && <> · {t(`proctor.incidents.rules.${entry.detail.rule}`)}</>}
                    {(entry.kind === 'action' || entry.kind === 'voided') && typeof entry.detail.action === 'string' && <> · {t(`proctor.actions.names.${entry.detail.action}`)}</>}
                    {typeof entry.detail.reason === 'string' && entry.detail.reason !== '' && <span className="muted"> — {entry.detail.reason}</span>}
                  </li>
                ))}
              </ol>
            )
          }
        </QueryState>
        {timeline.data && timeline.data.snapshots.length > 0 && (
          <>
            <h3>{t('proctor.detail.snapshots')}</h3>
            <ul className="snapshot-strip">
              {timeline.data.snapshots.slice(-8).map((snapshot) => (
                <li key={snapshot.id}>
                  <img src={snapshotUrl(snapshot.id)} alt={t('proctor.row.snapshot', { name: row.candidateName })} loading="lazy" />
                  <time className="small-text muted">{format.dateTime(new Date(snapshot.takenAt))}</time>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Dialog>
  );
}

/** The form of one action: a reason (required), the action's own field, the incidents it handles. */
function ActionForm({
  action,
  openIncidents,
  onCancel,
  onSubmit,
}: {
  action: ProctorActionType;
  openIncidents: IncidentView[];
  onCancel: () => void;
  onSubmit: (payload: Record<string, unknown>) => Promise<ProctorAck<unknown>>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [minutes, setMinutes] = useState(10);
  const [handled, setHandled] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '') {
      setError(t('proctor.actions.reasonRequired'));
      return;
    }
    setBusy(true);
    const ack = await onSubmit({
      reason: reason.trim(),
      ...(action === 'warn' && message.trim() ? { message: message.trim() } : {}),
      ...(action === 'extend' ? { extraMs: Math.round(minutes * 60_000) } : {}),
      ...(handled.length > 0 ? { incidentIds: handled } : {}),
    });
    setBusy(false);
    if (!ack.ok) setError(ack.error.message);
  }
  return (
    <form className="card action-form" onSubmit={submit} noValidate>
      <h3>{t(`proctor.actions.names.${action}`)}</h3>
      {action === 'void' && <p className="hint">{t('proctor.actions.voidHint')}</p>}
      <Field label={t('proctor.actions.reason')} hint={t('proctor.actions.reasonHint')} error={error ?? undefined}>
        {(props) => <textarea {...props} required rows={2} maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      {action === 'warn' && (
        <Field label={t('proctor.actions.message')} hint={t('proctor.actions.messageHint')}>
          {(props) => <textarea {...props} rows={2} maxLength={500} value={message} onChange={(event) => setMessage(event.target.value)} />}
        </Field>
      )}
      {action === 'extend' && (
        <Field label={t('proctor.actions.extraMinutes')}>
          {(props) => <input {...props} type="number" min={1} max={240} value={minutes} onChange={(event) => setMinutes(Number(event.target.value))} />}
        </Field>
      )}
      {openIncidents.length > 0 && (
        <fieldset className="checkbox-group">
          <legend>{t('proctor.actions.handlesIncidents')}</legend>
          {openIncidents.map((incident) => (
            <label key={incident.id} className="option-row">
              <input
                type="checkbox"
                checked={handled.includes(incident.id)}
                onChange={(event) => setHandled(event.target.checked ? [...handled, incident.id] : handled.filter((id) => id !== incident.id))}
              />
              {t(`proctor.incidents.rules.${incident.rule}`)}
            </label>
          ))}
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" disabled={isBusy}>
          {t('proctor.actions.submit')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('proctor.actions.cancel')}
        </button>
      </div>
    </form>
  );
}
