import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { addDays, todayInChina } from '../../i18n/format';
import { chinaTimeOf, toChinaDateTime } from './plan-rules';
import type { BatchView, SessionKind } from './plans-types';
import { useStoreBatch } from './plans-api';
import { TheorySessionsCard } from './session-opening';

interface SessionDraft {
  id?: string;
  kind: SessionKind;
  scopeId: string;
  roomId: string;
  date: string;
  time: string;
  durationMinutes: number;
  lateEntryMinutes?: number;
}

/**
 * Step 4: theory, practical and review sessions (R4) per scope, in a room, at a China-time date and
 * time. The first session's date decides the R7 filing deadline. Once the plan is filed, the theory
 * sessions' statuses and their "open session" action follow ({@link TheorySessionsCard}).
 */
export function SessionsStep({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const storeBatch = useStoreBatch();
  const isEditable = batch.status === 'draft';
  const defaultDate = addDays(todayInChina(), 30);
  const [sessions, setSessions] = useState<SessionDraft[]>(
    batch.sessions.map((session) => ({
      id: session.id,
      kind: session.kind,
      scopeId: session.scopeId,
      roomId: session.roomId,
      date: session.date,
      time: chinaTimeOf(session.startsAt),
      durationMinutes: session.durationMinutes,
      ...(session.lateEntryUntil ? { lateEntryMinutes: Math.round((new Date(session.lateEntryUntil).getTime() - new Date(session.startsAt).getTime()) / 60_000) } : {}),
    })),
  );
  const save = useMutation({
    mutationFn: () =>
      api.put<BatchView>(`/api/batches/${batch.id}/sessions`, {
        sessions: sessions.map((session) => ({
          ...(session.id ? { id: session.id } : {}),
          kind: session.kind,
          scopeId: session.scopeId,
          roomId: session.roomId,
          startsAt: toChinaDateTime(session.date, session.time),
          durationMinutes: session.durationMinutes,
          ...(session.kind === 'theory' && session.lateEntryMinutes !== undefined ? { lateEntryMinutes: session.lateEntryMinutes } : {}),
        })),
      }),
    onSuccess: async (saved) => {
      await storeBatch(saved);
      navigate(`/plans/batches/${batch.id}/wizard/filing`);
    },
  });
  const update = (index: number, patch: Partial<SessionDraft>) => setSessions((current) => current.map((session, position) => (position === index ? { ...session, ...patch } : session)));

  function addSession() {
    const scope = batch.scopes[0];
    const room = batch.rooms[0];
    setSessions([
      ...sessions,
      { kind: sessions.some((session) => session.kind === 'theory') ? 'practical' : 'theory', scopeId: scope?.scopeId ?? '', roomId: room?.id ?? '', date: defaultDate, time: '09:00', durationMinutes: 90 },
    ]);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const scopeLabel = (scopeId: string) => {
    const scope = batch.scopes.find((entry) => entry.scopeId === scopeId);
    return scope ? `${scope.workType} ${t(`levels.${scope.level}`)}` : scopeId;
  };

  return (
    <>
      <form className="card" onSubmit={onSubmit} aria-label={t('plans.wizard.stepNames.sessions')}>
        <p className="muted">{t('plans.sessions.hint')}</p>
        {batch.rooms.length === 0 && <p className="error">{t('plans.sessions.noRooms')}</p>}
        <fieldset disabled={!isEditable} className="plain">
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('plans.sessions.kind')}</th>
                  <th scope="col">{t('plans.sessions.scope')}</th>
                  <th scope="col">{t('plans.sessions.room')}</th>
                  <th scope="col">{t('plans.sessions.date')}</th>
                  <th scope="col">{t('plans.sessions.time')}</th>
                  <th scope="col">{t('plans.sessions.duration')}</th>
                  <th scope="col">{t('plans.sessions.lateEntry')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((session, index) => (
                  <tr key={session.id ?? `new-${index}`}>
                    <td>
                      <select aria-label={t('plans.sessions.kindOf', { number: index + 1 })} value={session.kind} onChange={(event) => update(index, { kind: event.target.value as SessionKind })}>
                        {(['theory', 'practical', 'review'] as const).map((kind) => (
                          <option key={kind} value={kind}>
                            {t(`plans.components.${kind}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select aria-label={t('plans.sessions.scope')} value={session.scopeId} onChange={(event) => update(index, { scopeId: event.target.value })}>
                        {batch.scopes.map((scope) => (
                          <option key={scope.scopeId} value={scope.scopeId}>
                            {scopeLabel(scope.scopeId)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select aria-label={t('plans.sessions.room')} value={session.roomId} onChange={(event) => update(index, { roomId: event.target.value })}>
                        {batch.rooms.map((room) => (
                          <option key={room.id} value={room.id}>
                            {room.name}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input aria-label={t('plans.sessions.date')} type="date" value={session.date} required onChange={(event) => update(index, { date: event.target.value })} />
                    </td>
                    <td>
                      <input aria-label={t('plans.sessions.time')} type="time" value={session.time} required onChange={(event) => update(index, { time: event.target.value })} />
                    </td>
                    <td>
                      <input aria-label={t('plans.sessions.duration')} className="narrow" type="number" min={1} max={1440} value={session.durationMinutes} onChange={(event) => update(index, { durationMinutes: Number(event.target.value) })} />
                    </td>
                    <td>
                      {session.kind === 'theory' ? (
                        <input
                          aria-label={t('plans.sessions.lateEntry')}
                          className="narrow"
                          type="number"
                          min={0}
                          max={240}
                          placeholder="30"
                          value={session.lateEntryMinutes ?? ''}
                          onChange={(event) => update(index, { lateEntryMinutes: event.target.value === '' ? undefined : Number(event.target.value) })}
                        />
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      <button type="button" className="secondary small" onClick={() => setSessions(sessions.filter((_session, position) => position !== index))} aria-label={t('plans.sessions.remove', { number: index + 1 })}>
                        −
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="secondary" onClick={addSession} disabled={batch.rooms.length === 0}>
            {t('plans.sessions.add')}
          </button>
        </fieldset>
        {save.isError && <ErrorView error={save.error} />}
        {isEditable && (
          <div className="form-actions">
            <button type="submit" disabled={save.isPending}>
              {t('plans.wizard.saveAndNext')}
            </button>
          </div>
        )}
      </form>
      {batch.status !== 'draft' && <TheorySessionsCard batch={batch} />}
    </>
  );
}
