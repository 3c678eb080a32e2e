import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoidRequestView } from '@skillcert/proctoring/protocol';
import { Field } from '../../components/field';
import { useFormat } from '../../i18n/use-format';
import type { ConsoleState, ProctorRoomConnection } from './proctor-connection';

/** Void requests of the room; a supervisor of the batch confirms or rejects the pending ones (R6, R10). */
export function VoidRequestsPanel({ connection, state }: { connection: ProctorRoomConnection; state: ConsoleState }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canDecide = state.joined?.access.canConfirmVoids ?? false;
  const [deciding, setDeciding] = useState<{ request: VoidRequestView; isConfirmed: boolean } | null>(null);
  if (state.voidRequests.length === 0 && !canDecide) return null;
  return (
    <section className="card" aria-labelledby="void-requests-heading">
      <h2 id="void-requests-heading">{t('proctor.voids.title')}</h2>
      {state.voidRequests.length === 0 ? (
        <p className="muted">{t('proctor.voids.empty')}</p>
      ) : (
        <ul className="void-list">
          {state.voidRequests.map((request) => (
            <li key={request.id} className={`void-${request.status}`}>
              <div>
                <strong>
                  {request.seat ? `${request.seat} ` : ''}
                  {request.candidateName}
                </strong>{' '}
                <span className="badge">{t(`proctor.voids.statuses.${request.status}`)}</span>
              </div>
              <div>{request.reason}</div>
              <div className="small-text muted">{t('proctor.voids.requestedBy', { name: request.requestedBy.name, at: format.dateTime(new Date(request.requestedAt)) })}</div>
              {request.decidedBy && (
                <div className="small-text muted">
                  {t('proctor.voids.decidedBy', { name: request.decidedBy.name, at: format.dateTime(new Date(request.decidedAt ?? 0)) })}
                  {request.note ? `: ${request.note}` : ''}
                </div>
              )}
              {canDecide && request.status === 'pending' && (
                <div className="form-actions">
                  <button type="button" className="danger small" onClick={() => setDeciding({ request, isConfirmed: true })}>
                    {t('proctor.voids.confirm')}
                  </button>
                  <button type="button" className="secondary small" onClick={() => setDeciding({ request, isConfirmed: false })}>
                    {t('proctor.voids.reject')}
                  </button>
                </div>
              )}
              {deciding?.request.id === request.id && (
                <DecisionForm
                  isConfirmed={deciding.isConfirmed}
                  onCancel={() => setDeciding(null)}
                  onSubmit={async (note) => {
                    const ack = await connection.decideVoid(request.id, deciding.isConfirmed, note);
                    if (ack.ok) setDeciding(null);
                    return ack.ok ? null : ack.error.message;
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DecisionForm({ isConfirmed, onSubmit, onCancel }: { isConfirmed: boolean; onSubmit: (note: string) => Promise<string | null>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!isConfirmed && note.trim() === '') {
      setError(t('proctor.voids.noteRequired'));
      return;
    }
    setError(await onSubmit(note.trim()));
  }
  return (
    <form onSubmit={submit} noValidate>
      <Field label={t('proctor.voids.note')} error={error ?? undefined}>
        {(props) => <textarea {...props} rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className={isConfirmed ? 'danger small' : 'small'}>
          {isConfirmed ? t('proctor.voids.confirm') : t('proctor.voids.reject')}
        </button>
        <button type="button" className="secondary small" onClick={onCancel}>
          {t('proctor.actions.cancel')}
        </button>
      </div>
    </form>
  );
}
