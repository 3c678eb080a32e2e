import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { PageHeader } from '../../components/page';
import { Empty, QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { hasCapability, visibleAreas } from '../auth/access';
import type { SessionUser } from '../auth/use-session';
import type { AdmissionTicketView } from '../plans/plans-types';

/**
 * Landing page after sign-in: who you are, your roles and the areas you may open; candidates get
 * their admission tickets and the primary link into the exam room (`/exam`).
 */
export function HomePage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const areas = visibleAreas(user.roles);
  const isCandidate = hasCapability(user.roles, 'candidateSelfService');
  return (
    <>
      <PageHeader
        title={t('home.welcome', { name: user.name })}
        subtitle={`${user.organisationName} · ${t('home.roles')}: ${user.roles.map((role) => t(`roles.${role}`)).join('、')}`}
        actions={
          isCandidate && (
            <Link className="button go-to-exam" to="/exam">
              {t('home.goToExam')}
            </Link>
          )
        }
      />
      {areas.length > 0 && (
        <section aria-labelledby="areas-heading">
          <h2 id="areas-heading">{t('home.areas')}</h2>
          <ul className="area-cards">
            {areas.map((area) => (
              <li key={area} className="card">
                <h3>
                  <Link to={`/${area}`}>{t(`shell.areas.${area}`)}</Link>
                </h3>
                <p className="muted">{t(`home.areaDescriptions.${area}`)}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {isCandidate && <CandidateTickets />}
      {areas.length === 0 && !isCandidate && <Empty>{t('home.noAreas')}</Empty>}
    </>
  );
}

/** The candidate's own admission tickets 准考证 with sessions and a PDF link. */
function CandidateTickets() {
  const { t } = useTranslation();
  const format = useFormat();
  const tickets = useQuery({ queryKey: ['my', 'admission-tickets'], queryFn: () => api.get<{ tickets: AdmissionTicketView[] }>('/api/my/admission-tickets') });
  return (
    <section aria-labelledby="tickets-heading">
      <h2 id="tickets-heading">{t('home.myTickets')}</h2>
      <QueryState query={tickets}>
        {(data) =>
          data.tickets.length === 0 ? (
            <Empty>{t('home.noTickets')}</Empty>
          ) : (
            data.tickets.map((ticket) => (
              <article key={ticket.registrationId} className="card">
                <h3>
                  {ticket.batchName} · {ticket.occupationName} {ticket.workType} {ticket.levelName}
                </h3>
                <p>
                  {t('plans.tickets.number')}: <strong>{ticket.admissionTicketNumber}</strong>
                </p>
                <ul>
                  {ticket.sessions.map((session) => (
                    <li key={session.sessionId}>
                      {session.kindName} · {format.date(session.date)} {session.startTime}–{session.endTime} · {session.roomName} · {session.position}
                    </li>
                  ))}
                </ul>
                <a href={`/api/batches/${ticket.batchId}/admission-tickets/${ticket.registrationId}/pdf`}>{t('plans.tickets.downloadPdf')}</a>
              </article>
            ))
          )
        }
      </QueryState>
    </section>
  );
}
