import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { CandidateRow, CandidateStatus } from '@skillcert/proctoring/events';
import type { IncidentView, VoidRequestView } from '@skillcert/proctoring/protocol';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, Loading } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { CandidateDetail } from './candidate-detail';
import { IncidentFeed } from './incident-feed';
import { ProctorRoomConnection, type ConsoleState } from './proctor-connection';
import { snapshotUrl } from './proctor-api';
import { RoomRecordPanel } from './room-record-panel';
import { accessLabelKey } from './rooms-page';
import { formatDuration, noRowFilter, progressOf, remainingMsOf, rowSortKeys, selectRows, type RowFilter, type RowSortKey } from './room-model';
import { VoidRequestsPanel } from './void-requests-panel';

const statusFilters: Array<CandidateStatus | 'all'> = ['all', 'waiting', 'in_progress', 'paused', 'submitted', 'voided'];

/** The client clock, ticking every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** One room's live console: summary, filters, the candidate grid, incidents, void requests, room record. */
export function RoomConsolePage() {
  const { t } = useTranslation();
  const { batchId = '', roomId = '', sessionId = '' } = useParams();
  const connection = useMemo(() => new ProctorRoomConnection({ batchId, roomId, sessionId }), [batchId, roomId, sessionId]);
  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);
  const state = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  if (state.connection === 'failed') {
    return (
      <>
        <Link to="/proctor">{t('proctor.rooms.back')}</Link>
        <ErrorView error={new Error(state.error?.message ?? '')} title={t(`errors.${state.error?.code ?? 'internal'}`, { defaultValue: t('errors.internal') })} />
      </>
    );
  }
  if (!state.joined) return <Loading label={t('proctor.connection.connecting')} />;
  return <RoomConsole connection={connection} state={state} />;
}

function RoomConsole({ connection, state }: { connection: ProctorRoomConnection; state: ConsoleState }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const joined = state.joined!;
  const { room, access } = joined;
  const [filter, setFilter] = useState<RowFilter>(noRowFilter);
  const [sortKey, setSortKey] = useState<RowSortKey>('seat');
  const [isDescending, setDescending] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const rows = selectRows(state.rows, filter, sortKey, { nowMs: now, offsetMs: state.offsetMs, isDescending });
  const summary = state.rows.summary;
  const selectedRow = selected ? (state.rows.rows.get(selected) ?? null) : null;
  const incidentsOf = (attemptId: string): IncidentView[] => state.incidents.filter((incident) => incident.attemptId === attemptId);
  const pendingVoids = new Set(state.voidRequests.filter((request: VoidRequestView) => request.status === 'pending').map((request) => request.attemptId));
  const figures: Array<[string, number]> = summary
    ? [
        ['candidates', summary.candidateCount],
        ['online', summary.onlineCount],
        ['inProgress', summary.byStatus.in_progress],
        ['paused', summary.byStatus.paused],
        ['submitted', summary.byStatus.submitted],
        ['voided', summary.byStatus.voided],
        ['incidents', summary.incidentCount],
      ]
    : [];
  return (
    <div className="proctor-console">
      <Link to="/proctor">{t('proctor.rooms.back')}</Link>
      <PageHeader
        title={`${room.roomName} · ${room.batchCode}`}
        subtitle={`${room.occupationName}（${room.workType}） · ${format.dateTime(new Date(room.sessionStartsAt))} · ${t(`proctor.rooms.sessionStatuses.${room.sessionStatus}`)}`}
        actions={
          <>
            <span className="badge">{t(accessLabelKey(access))}</span>
            <span className={`connection connection-${state.connection}`} role="status">
              {t(`proctor.connection.${state.connection}`)}
            </span>
          </>
        }
      />
      {!access.canAct && <p className="hint">{t('proctor.readOnly')}</p>}
      <ul className="figures proctor-figures" aria-label={t('proctor.summary.title')}>
        {figures.map(([key, value]) => (
          <li key={key} className={`card ${key === 'incidents' && value > 0 ? 'figure-bad' : ''}`}>
            <span className="figure-value">{value}</span>
            <span className="figure-label">{t(`proctor.summary.${key}`)}</span>
          </li>
        ))}
      </ul>
      <div className="filters proctor-filters">
        <Field label={t('proctor.filters.status')}>
          {(props) => (
            <select {...props} value={filter.status} onChange={(event) => setFilter({ ...filter, status: event.target.value as RowFilter['status'] })}>
              {statusFilters.map((status) => (
                <option key={status} value={status}>
                  {status === 'all' ? t('common.all') : t(`proctor.statuses.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('proctor.filters.connection')}>
          {(props) => (
            <select {...props} value={filter.connection} onChange={(event) => setFilter({ ...filter, connection: event.target.value as RowFilter['connection'] })}>
              <option value="all">{t('common.all')}</option>
              <option value="online">{t('proctor.filters.online')}</option>
              <option value="offline">{t('proctor.filters.offline')}</option>
            </select>
          )}
        </Field>
        <Field label={t('common.search')}>{(props) => <input {...props} type="search" value={filter.text} placeholder={t('proctor.filters.searchHint')} onChange={(event) => setFilter({ ...filter, text: event.target.value })} />}</Field>
        <Field label={t('proctor.filters.sort')}>
          {(props) => (
            <select {...props} value={sortKey} onChange={(event) => setSortKey(event.target.value as RowSortKey)}>
              {rowSortKeys.map((key) => (
                <option key={key} value={key}>
                  {t(`proctor.sort.${key}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="option-row">
          <input type="checkbox" checked={isDescending} onChange={(event) => setDescending(event.target.checked)} />
          {t('proctor.filters.descending')}
        </label>
        <label className="option-row">
          <input type="checkbox" checked={filter.hasIncidents} onChange={(event) => setFilter({ ...filter, hasIncidents: event.target.checked })} />
          {t('proctor.filters.hasIncidents')}
        </label>
        <label className="option-row">
          <input type="checkbox" checked={filter.hasPendingDeviceChange} onChange={(event) => setFilter({ ...filter, hasPendingDeviceChange: event.target.checked })} />
          {t('proctor.filters.hasPendingDeviceChange')}
        </label>
      </div>
      <div className="proctor-layout">
        <section aria-label={t('proctor.grid.title')}>
          {rows.length === 0 ? (
            <Empty>{state.rows.order.length === 0 ? t('proctor.grid.noAttempts') : t('proctor.grid.noMatch')}</Empty>
          ) : (
            <ul className="proctor-grid">
              {rows.map((row) => (
                <li key={row.attemptId}>
                  <CandidateCard
                    row={row}
                    remainingMs={remainingMsOf(row, now, state.offsetMs)}
                    nowMs={now + state.offsetMs}
                    hasPendingVoid={pendingVoids.has(row.attemptId)}
                    showSnapshot={joined.webcam.isEnabled}
                    onOpen={() => setSelected(row.attemptId)}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
        <aside className="proctor-side">
          <IncidentFeed connection={connection} state={state} onOpenCandidate={setSelected} />
          <VoidRequestsPanel connection={connection} state={state} />
          <RoomRecordPanel room={room} canGenerate={!access.canConfirmVoids} />
        </aside>
      </div>
      {selectedRow && (
        <CandidateDetail
          connection={connection}
          row={selectedRow}
          canAct={access.canAct}
          incidents={incidentsOf(selectedRow.attemptId)}
          remainingMs={remainingMsOf(selectedRow, now, state.offsetMs)}
          onClose={() => setSelected(null)}
        />
      )}
    </div>
  );
}

/** One candidate in the grid. */
function CandidateCard({
  row,
  remainingMs,
  nowMs,
  hasPendingVoid,
  showSnapshot,
  onOpen,
}: {
  row: CandidateRow;
  remainingMs: number | null;
  nowMs: number;
  hasPendingVoid: boolean;
  showSnapshot: boolean;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const progress = progressOf(row);
  const isLow = remainingMs !== null && remainingMs < 5 * 60_000 && row.status === 'in_progress';
  return (
    <button type="button" className={`candidate-card status-card-${row.status} ${row.incidentCount > 0 ? 'has-incidents' : ''}`} onClick={onOpen} aria-label={t('proctor.grid.open', { name: row.candidateName, seat: row.seat ?? '' })}>
      <span className="candidate-head">
        <span className="seat">{row.seat ?? '—'}</span>
        <span className="candidate-name">{row.candidateName}</span>
        <span className={`dot ${row.isOnline ? 'dot-online' : 'dot-offline'}`} title={row.isOnline ? t('proctor.filters.online') : t('proctor.filters.offline')} />
      </span>
      {showSnapshot && row.latestSnapshotId && <img className="snapshot-thumb" src={snapshotUrl(row.latestSnapshotId)} alt={t('proctor.row.snapshot', { name: row.candidateName })} loading="lazy" />}
      <span className="candidate-line">
        <span className={`status status-${row.status}`}>{t(`proctor.statuses.${row.status}`)}</span>
        {row.attendance !== 'unmarked' && <span className="badge">{t(`proctor.attendance.${row.attendance}`)}</span>}
      </span>
      <span className="progress-track" aria-hidden="true">
        <span className="progress-fill" style={{ width: `${Math.round(progress * 100)}%` }} />
      </span>
      <span className="candidate-line small-text">
        {t('proctor.row.answered', { answered: row.answeredCount, total: row.totalCount })}
        {row.flaggedCount > 0 && ` · ${t('proctor.row.flagged', { count: row.flaggedCount })}`}
      </span>
      {remainingMs !== null && <span className={`remaining ${isLow ? 'remaining-low' : ''}`}>{formatDuration(remainingMs)}</span>}
      {!row.isOnline && row.offlineSince !== null && <span className="small-text error">{t('proctor.row.offlineFor', { duration: formatDuration(nowMs - row.offlineSince) })}</span>}
      {row.lastActivityAt !== null && row.isOnline && <span className="small-text muted">{t('proctor.row.lastActivity', { duration: formatDuration(Math.max(0, nowMs - row.lastActivityAt)) })}</span>}
      {row.incidentCount > 0 && <span className="incident-count">{t('proctor.row.incidents', { count: row.incidentCount })}</span>}
      {row.hasPendingDeviceChange && <span className="badge badge-warn">{t('proctor.row.deviceChange')}</span>}
      {hasPendingVoid && <span className="badge badge-warn">{t('proctor.row.voidPending')}</span>}
    </button>
  );
}
