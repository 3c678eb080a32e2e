import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { PageHeader } from '../../components/page';
import { Empty, QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import type { AdmissionTicketView, BatchView, IssuedAdmissionTicketsView } from './plans-types';

/**
 * Admission tickets 准考证: admit every eligible application (seat, workstation, candidate account),
 * show the new accounts' initial passwords once, list tickets and print them (planners: the PDF
 * routes accept admin and exam_admin); below, the sign-in sheet 签到表 PDF of every session
 * ({@link SignInSheetsCard}, R10).
 */
export function AdmissionTicketsPage({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const canPlan = useCan('planBatches');
  const canReadPlans = useCan('readPlans');
  const tickets = useQuery({
    queryKey: ['plans', 'tickets', batch.id],
    queryFn: () => api.get<{ tickets: AdmissionTicketView[] }>(`/api/batches/${batch.id}/admission-tickets`),
  });
  const issue = useMutation({
    mutationFn: () => api.post<IssuedAdmissionTicketsView>(`/api/batches/${batch.id}/admission-tickets`, {}),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['plans', 'tickets', batch.id] });
      await queryClient.invalidateQueries({ queryKey: ['plans', 'applications', batch.id] });
    },
  });
  return (
    <>
      <PageHeader
        title={t('plans.tickets.title')}
        subtitle={t('plans.tickets.subtitle')}
        actions={
          <>
            {canPlan && (
              <button type="button" onClick={() => issue.mutate()} disabled={issue.isPending}>
                {t('plans.tickets.issue')}
              </button>
            )}
            {canPlan && (
              <a className="button secondary" href={`/api/batches/${batch.id}/admission-tickets/pdf`}>
                {t('plans.tickets.printAll')}
              </a>
            )}
          </>
        }
      />
      {issue.isError && <ErrorView error={issue.error} />}
      {issue.data && (
        <section className="card" aria-labelledby="issued-heading">
          <h2 id="issued-heading">{t('plans.tickets.issued', { count: issue.data.issued.length })}</h2>
          {issue.data.initialPasswords.length > 0 && (
            <>
              <p className="error">{t('plans.tickets.passwordsOnce')}</p>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('plans.tickets.number')}</th>
                      <th scope="col">{t('plans.roster.name')}</th>
                      <th scope="col">{t('plans.tickets.idNumber')}</th>
                      <th scope="col">{t('plans.tickets.initialPassword')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {issue.data.initialPasswords.map((entry) => (
                      <tr key={entry.admissionTicketNumber}>
                        <td>{entry.admissionTicketNumber}</td>
                        <td>{entry.name}</td>
                        <td>{entry.idNumber}</td>
                        <td>
                          <code>{entry.password}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
      <section className="card">
        <QueryState query={tickets}>
          {(data) =>
            data.tickets.length === 0 ? (
              <Empty>{t('plans.tickets.none')}</Empty>
            ) : (
              <div className="table-scroll tall">
                <table>
                  <caption className="visually-hidden">{t('plans.tickets.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('plans.tickets.number')}</th>
                      <th scope="col">{t('plans.roster.name')}</th>
                      <th scope="col">{t('plans.roster.level')}</th>
                      <th scope="col">{t('plans.tickets.sessions')}</th>
                      {canPlan && <th scope="col">{t('plans.tickets.pdf')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {data.tickets.map((ticket) => (
                      <tr key={ticket.registrationId}>
                        <td>{ticket.admissionTicketNumber}</td>
                        <td>{ticket.candidateName}</td>
                        <td>
                          {ticket.workType} {ticket.levelName}
                        </td>
                        <td>
                          {ticket.sessions.map((session) => (
                            <div key={session.sessionId}>
                              {session.kindName} {format.date(session.date)} {session.startTime} · {session.roomName} {session.position}
                            </div>
                          ))}
                        </td>
                        {canPlan && (
                          <td>
                            <a href={`/api/batches/${batch.id}/admission-tickets/${ticket.registrationId}/pdf`}>{t('plans.tickets.downloadPdf')}</a>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
      </section>
      {canReadPlans && <SignInSheetsCard batch={batch} />}
    </>
  );
}

/**
 * Sign-in sheets 签到表 (R10, kept in the R16 archive): one PDF link per session of the batch, theory
 * sessions first, then by start time — `GET /api/batches/:batchId/sessions/:sessionId/sign-in-sheet`
 * (plan readers: admin, exam_admin, supervisor). The sheet lists the session's candidates in seat
 * (workstation) order with a signature cell and the attendance recorded so far.
 */
export function SignInSheetsCard({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const kindOrder: Record<string, number> = { theory: 0, practical: 1, review: 2 };
  const sessions = [...batch.sessions].sort((a, b) => (kindOrder[a.kind] ?? 9) - (kindOrder[b.kind] ?? 9) || a.startsAt.localeCompare(b.startsAt));
  const roomName = (roomId: string) => batch.rooms.find((room) => room.id === roomId)?.name ?? roomId;
  const scopeLabel = (scopeId: string) => {
    const scope = batch.scopes.find((entry) => entry.scopeId === scopeId);
    return scope ? `${scope.workType} ${t(`levels.${scope.level}`)}` : scopeId;
  };
  return (
    <section className="card" aria-labelledby="sign-in-sheets-heading">
      <h2 id="sign-in-sheets-heading">
        {t('plans.tickets.signInSheets')} <span className="badge">R10</span>
      </h2>
      <p className="muted">{t('plans.tickets.signInSheetsHint')}</p>
      {sessions.length === 0 ? (
        <Empty>{t('plans.tickets.noSessions')}</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('plans.sessions.kind')}</th>
                <th scope="col">{t('plans.sessions.scope')}</th>
                <th scope="col">{t('plans.sessions.room')}</th>
                <th scope="col">{t('plans.opening.startsAt')}</th>
                <th scope="col">{t('plans.tickets.pdf')}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr key={session.id} data-session-id={session.id} data-session-kind={session.kind}>
                  <td>{t(`plans.components.${session.kind}`)}</td>
                  <td>{scopeLabel(session.scopeId)}</td>
                  <td>{roomName(session.roomId)}</td>
                  <td>{format.dateTime(session.startsAt)}</td>
                  <td>
                    <a className="sign-in-sheet" href={`/api/batches/${batch.id}/sessions/${session.id}/sign-in-sheet`}>
                      {t('plans.tickets.downloadSignInSheet')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
