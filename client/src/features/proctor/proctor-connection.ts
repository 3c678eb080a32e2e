/**
 * The proctor console's connection to `/proctor` (issue 8, R10; protocol in
 * server/src/domain/proctoring/README.md), kept outside React: joins the room (again after every
 * reconnect), applies snapshots in sequence order (resync on a gap), collects incidents, actions and
 * void requests, and sends actions with their acknowledgements. Screens read {@link ConsoleState}
 * through `subscribe` / `getSnapshot` (useSyncExternalStore).
 */
import { io, type Socket } from 'socket.io-client';
import type { ProctorActionType, RoomSnapshot } from '@skillcert/proctoring/events';
import type {
  IncidentHandledView,
  IncidentView,
  ProctorAck,
  ProctorActionView,
  RoomJoinRequest,
  RoomJoinResult,
  VoidRequestView,
} from '@skillcert/proctoring/protocol';
import { applyIncidentHandled, applySnapshot, emptyRoomRows, mergeActions, mergeIncidents, upsertVoidRequest, type RoomRows } from './room-model';

/** Event names of the protocol (mirrors `proctorEvents` of @skillcert/proctoring/protocol). */
const events = {
  join: 'proctor:join',
  resync: 'proctor:resync',
  confirmVoid: 'proctor:confirm_void',
  resolveIncident: 'proctor:resolve_incident',
  snapshot: 'proctor:snapshot',
  incident: 'proctor:incident',
  incidentHandled: 'proctor:incident_handled',
  action: 'proctor:action',
  voidRequested: 'proctor:void_requested',
  voidDecided: 'proctor:void_decided',
} as const;

/** What the console shows. */
export interface ConsoleState {
  connection: 'connecting' | 'joined' | 'reconnecting' | 'failed';
  error: { code: string; message: string } | null;
  joined: RoomJoinResult | null;
  rows: RoomRows;
  /** serverNow - Date.now() at the last join, ms. */
  offsetMs: number;
  incidents: IncidentView[];
  actions: ProctorActionView[];
  voidRequests: VoidRequestView[];
  /** Incident ids that arrived live (highlighted until seen). */
  freshIncidentIds: ReadonlySet<string>;
}

type Listener = () => void;

/** One room watched over one socket. */
export class ProctorRoomConnection {
  private socket: Socket | null = null;
  private listeners = new Set<Listener>();
  private state: ConsoleState = {
    connection: 'connecting',
    error: null,
    joined: null,
    rows: emptyRoomRows(),
    offsetMs: 0,
    incidents: [],
    actions: [],
    voidRequests: [],
    freshIncidentIds: new Set(),
  };

  constructor(private readonly request: RoomJoinRequest) {}

  /** Subscribes to state changes (useSyncExternalStore). */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current state (a new object after every change). */
  getSnapshot = (): ConsoleState => this.state;

  private update(change: Partial<ConsoleState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  /** Connects and joins; joins again after every reconnect. */
  start(): void {
    const socket = io('/proctor', { transports: ['websocket'], withCredentials: true });
    this.socket = socket;
    socket.on('connect', () => void this.join());
    socket.on('disconnect', () => this.update({ connection: 'reconnecting' }));
    socket.on('connect_error', (error: Error & { data?: { code: string; message: string } }) => {
      const code = error.data?.code;
      if (code === 'unauthenticated' || code === 'forbidden') {
        socket.close();
        this.update({ connection: 'failed', error: error.data ?? { code: 'network', message: error.message } });
      } else {
        this.update({ connection: 'reconnecting' });
      }
    });
    socket.on(events.snapshot, (snapshot: RoomSnapshot) => this.onSnapshot(snapshot));
    socket.on(events.incident, (incident: IncidentView) => {
      this.update({ incidents: mergeIncidents(this.state.incidents, [incident]), freshIncidentIds: new Set([...this.state.freshIncidentIds, incident.id]) });
    });
    socket.on(events.incidentHandled, (handled: IncidentHandledView) => this.update({ incidents: applyIncidentHandled(this.state.incidents, handled) }));
    socket.on(events.action, (action: ProctorActionView) => this.update({ actions: mergeActions(this.state.actions, [action]) }));
    const onVoid = (request: VoidRequestView) => {
      if (request.roomKey === this.state.joined?.room.roomKey) this.update({ voidRequests: upsertVoidRequest(this.state.voidRequests, request) });
    };
    socket.on(events.voidRequested, onVoid);
    socket.on(events.voidDecided, onVoid);
  }

  /** Closes the socket. */
  stop(): void {
    this.socket?.close();
    this.socket = null;
  }

  private async join(): Promise<void> {
    const ack = await this.emit<RoomJoinResult>(events.join, this.request);
    if (!ack.ok) {
      this.update({ connection: 'failed', error: ack.error });
      return;
    }
    const joined = ack.data;
    this.update({
      connection: 'joined',
      error: null,
      joined,
      rows: applySnapshot(emptyRoomRows(), joined.snapshot).next,
      offsetMs: joined.serverNow - Date.now(),
      incidents: mergeIncidents(this.state.incidents, joined.incidents),
      actions: mergeActions(this.state.actions, joined.actions),
      voidRequests: joined.voidRequests,
    });
  }

  private onSnapshot(snapshot: RoomSnapshot): void {
    const { next, needsResync } = applySnapshot(this.state.rows, snapshot);
    if (!needsResync) {
      if (next !== this.state.rows) this.update({ rows: next });
      return;
    }
    const roomKey = this.state.joined?.room.roomKey;
    if (!roomKey) return;
    void this.emit<RoomSnapshot>(events.resync, { roomKey }).then((ack) => {
      if (ack.ok) this.update({ rows: applySnapshot(this.state.rows, ack.data).next });
    });
  }

  /** Marks live incidents as seen (no longer highlighted). */
  markIncidentsSeen(): void {
    if (this.state.freshIncidentIds.size > 0) this.update({ freshIncidentIds: new Set() });
  }

  private emit<Data>(event: string, payload: unknown, timeoutMs = 20_000): Promise<ProctorAck<Data>> {
    const socket = this.socket;
    if (!socket) return Promise.resolve({ ok: false, error: { code: 'network', message: 'Not connected' } });
    return new Promise((resolve) => {
      socket.timeout(timeoutMs).emit(event, payload, (error: Error | null, ack: ProctorAck<Data>) => {
        resolve(error ? { ok: false, error: { code: 'network', message: error.message } } : ack);
      });
    });
  }

  /** Sends a proctor action (`proctor:<action>`); a `void` becomes a request for the supervisor. */
  act<Data = unknown>(action: ProctorActionType, payload: Record<string, unknown>): Promise<ProctorAck<Data>> {
    return this.emit<Data>(`proctor:${action}`, payload).then((ack) => {
      const data = ack.ok ? (ack.data as { action?: ProctorActionView; status?: string; id?: string }) : null;
      if (data?.action) this.update({ actions: mergeActions(this.state.actions, [data.action]) });
      else if (action === 'void' && ack.ok) this.update({ voidRequests: upsertVoidRequest(this.state.voidRequests, ack.data as VoidRequestView) });
      return ack;
    });
  }

  /** A supervisor's decision on a void request. */
  decideVoid(requestId: string, isConfirmed: boolean, note?: string): Promise<ProctorAck<VoidRequestView>> {
    return this.emit<VoidRequestView>(events.confirmVoid, { requestId, isConfirmed, ...(note ? { note } : {}) }).then((ack) => {
      if (ack.ok) this.update({ voidRequests: upsertVoidRequest(this.state.voidRequests, ack.data) });
      return ack;
    });
  }

  /** Records how an incident was handled without an action. */
  resolveIncident(incidentId: string, note: string): Promise<ProctorAck<IncidentHandledView>> {
    return this.emit<IncidentHandledView>(events.resolveIncident, { incidentId, note }).then((ack) => {
      if (ack.ok) this.update({ incidents: applyIncidentHandled(this.state.incidents, ack.data) });
      return ack;
    });
  }
}
