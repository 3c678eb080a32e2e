import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page';
import { Empty, QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useProctorRooms, type ProctorRoomEntry } from './proctor-api';

/** The access of an entry as the console names it. */
export function accessLabelKey(entry: Pick<ProctorRoomEntry, 'mode' | 'canAct' | 'canConfirmVoids'>): string {
  if (entry.mode === 'proctor') return 'proctor.access.proctor';
  if (entry.canConfirmVoids) return 'proctor.access.supervisor';
  return entry.canAct ? 'proctor.access.observerActing' : 'proctor.access.observer';
}

/** Rooms (theory session × room) the signed-in staff member may open, open sessions first. */
export function RoomsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const rooms = useProctorRooms();
  return (
    <>
      <PageHeader title={t('proctor.rooms.title')} subtitle={t('proctor.rooms.subtitle')} />
      <QueryState query={rooms}>
        {(entries) =>
          entries.length === 0 ? (
            <Empty>{t('proctor.rooms.empty')}</Empty>
          ) : (
            <div className="table-scroll tall">
              <table>
                <caption className="visually-hidden">{t('proctor.rooms.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('proctor.rooms.batch')}</th>
                    <th scope="col">{t('proctor.rooms.room')}</th>
                    <th scope="col">{t('proctor.rooms.startsAt')}</th>
                    <th scope="col">{t('proctor.rooms.status')}</th>
                    <th scope="col">{t('proctor.rooms.access')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={`${entry.sessionId}:${entry.roomId}`}>
                      <td>
                        {entry.batchCode}
                        <br />
                        <span className="muted small-text">{entry.batchName}</span>
                      </td>
                      <td>{entry.roomName}</td>
                      <td>
                        {format.dateTime(entry.sessionStartsAt)}
                        <span className="muted small-text"> · {t('proctor.rooms.minutes', { count: entry.durationMinutes })}</span>
                      </td>
                      <td>
                        <span className={`status status-session-${entry.sessionStatus}`}>{t(`proctor.rooms.sessionStatuses.${entry.sessionStatus}`)}</span>
                      </td>
                      <td>{t(accessLabelKey(entry))}</td>
                      <td>
                        <Link to={`/proctor/rooms/${entry.batchId}/${entry.roomId}/${entry.sessionId}`}>{t('proctor.rooms.open')}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
