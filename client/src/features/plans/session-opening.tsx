import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenSessionResult } from '@skillcert/server/contracts/exam-room';
import { api } from '../../api/client';
import { Dialog } from '../../components/dialog';
import { ErrorView } from '../../components/error-view';
import { StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useSession } from '../auth/use-session';
import type { BatchView } from './plans-types';
import { hasCapability } from '../auth/access';

/** Batch statuses in which the server opens a theory session: the plan is filed (R7). */
export const sessionOpenableBatchStatuses = ['filed', 'announced', 'in_progress'] as const;

/** True when `roles` include a role the open-session route accepts (R6: the server still checks the batch assignment). */
export function canOpenSessions(roles: readonly string[]): boolean {
  return hasCapability(roles, 'openSessions');
}

type BatchSession = BatchView['sessions'][number];

/**
 * The batch's theory sessions with their status; for staff allowed to open them, a `scheduled`
 * session of a filed batch has an "open session" button whose confirmation dialog prepares every
 * candidate's attempt (paper from the library, R3) and shows how many were prepared or the
 * server's error. Refreshes the batch afterwards.
 */
export function TheorySessionsCard({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const session = useSession();
  const canOpen = canOpenSessions(session.data?.roles ?? []) && (sessionOpenableBatchStatuses as readonly string[]).includes(batch.status);
  const [chosen, setChosen] = useState<BatchSession | null>(null);
  const open = useMutation({
    mutationFn: (sessionId: string) => api.post<OpenSessionResult>(`/api/exam/batches/${batch.id}/sessions/${sessionId}/open`, {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['plans', 'batch', batch.id] }),
  });
  const theorySessions = batch.sessions.filter((entry) => entry.kind === 'theory');
  if (theorySessions.length === 0) return null;

  const roomName = (roomId: string) => batch.rooms.find((room) => room.id === roomId)?.name ?? roomId;
  const scopeLabel = (scopeId: string) => {
    const scope = batch.scopes.find((entry) => entry.scopeId === scopeId);
    return scope ? `${scope.workType} ${t(`levels.${scope.level}`)}` : scopeId;
  };
  const describe = (entry: BatchSession) => `${scopeLabel(entry.scopeId)} · ${roomName(entry.roomId)} · ${format.dateTime(entry.startsAt)}`;

  function close() {
    setChosen(null);
    open.reset();
  }

  return (
    <section className="card" aria-labelledby="theory-sessions-heading">
      <h2 id="theory-sessions-heading">
        {t('plans.opening.title')} <span className="badge">R3</span>
      </h2>
      <p className="muted">{t('plans.opening.hint')}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('plans.sessions.scope')}</th>
              <th scope="col">{t('plans.sessions.room')}</th>
              <th scope="col">{t('plans.opening.startsAt')}</th>
              <th scope="col">{t('plans.opening.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {theorySessions.map((entry) => (
              <tr key={entry.id} data-session-id={entry.id}>
                <td>{scopeLabel(entry.scopeId)}</td>
                <td>{roomName(entry.roomId)}</td>
                <td>{format.dateTime(entry.startsAt)}</td>
                <td>
                  <StatusBadge status={entry.status} group="plans.sessionStatuses" />
                </td>
                <td>
                  {canOpen && entry.status === 'scheduled' && (
                    <button type="button" className="small open-session" onClick={() => setChosen(entry)}>
                      {t('plans.opening.open')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Dialog title={t('plans.opening.confirmTitle')} isOpen={chosen !== null} onClose={close}>
        {chosen && (
          <div className="stack">
            <p>
              <strong>{describe(chosen)}</strong>
            </p>
            {open.isSuccess ? (
              <p className="success" role="status">
                {t('plans.opening.done', { created: open.data.attemptsCreated, count: open.data.attemptCount })}
              </p>
            ) : (
              <p>{t('plans.opening.confirm')}</p>
            )}
            {open.isError && <ErrorView error={open.error} />}
            <div className="form-actions">
              {!open.isSuccess && (
                <button type="button" className="confirm-open-session" onClick={() => open.mutate(chosen.id)} disabled={open.isPending}>
                  {t('plans.opening.confirmButton')}
                </button>
              )}
              <button type="button" className="secondary" onClick={close}>
                {open.isSuccess ? t('common.close') : t('plans.opening.cancel')}
              </button>
            </div>
          </div>
        )}
      </Dialog>
    </section>
  );
}
