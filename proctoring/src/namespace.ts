/**
 * The `/proctor` socket.io namespace (R10): live room dashboards for proctors 监考, exam
 * administrators and supervisors 内督员, incident rules evaluated on every event and every second,
 * proctor actions with acknowledgements. Storage, authorization and the attempt use cases are behind
 * {@link ProctorNamespaceBackend} (the server implements it), so this module knows sockets, room
 * state and rules only.
 *
 * Feed. The server turns its domain events into {@link ProctoringFeedItem}s and calls
 * {@link ProctorNamespaceHandle.publish}. Each item is handled here and, when the server runs several
 * processes behind the socket.io Redis adapter, relayed to every other process with
 * `serverSideEmit` (domain events are delivered only in the process whose use case emitted them).
 * So every process sees every candidate's events:
 * - each process keeps the dashboard state ({@link RoomState}) of the rooms its own sockets watch,
 *   rebuilt from the database when the first watcher joins and kept current by the feed, and sends
 *   snapshots to its own watchers only (`nsp.local`), at most one delta per room per
 *   `snapshotMinIntervalMs`;
 * - each process evaluates the incident rules on every event it sees ({@link IncidentEngine}); the
 *   incidents carry deterministic keys, so the store keeps each incident once however many processes
 *   raised it, and each process shows them to its own watchers at once.
 * Notices (actions, void requests and decisions, incident handling) happen once, in the process that
 * ran the use case, and go to watchers on every process through the adapter (`nsp.to(...)`).
 */
import { performance } from 'node:perf_hooks';
import type { Namespace, Server as IoServer, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  proctorActionEventName,
  proctorActionSchema,
  proctorActionTypes,
  type ProctorAction,
  type ProctoringEvent,
  type RoomSnapshot,
} from './events';
import { IncidentEngine, type AttemptContext, type RaisedIncident } from './incident-engine';
import {
  proctorEvents,
  proctorNamespace,
  resolveIncidentSchema,
  roomChannel,
  roomJoinRequestSchema,
  roomKeyRequestSchema,
  supervisorChannel,
  toRoomKey,
  voidDecisionSchema,
  voidRequestSchema,
  type IncidentHandledView,
  type IncidentView,
  type ProctorAck,
  type ProctorActionResult,
  type ProctorActionView,
  type ProctorErrorBody,
  type ResolveIncidentRequest,
  type RoomAccessView,
  type RoomInfo,
  type RoomJoinRequest,
  type RoomJoinResult,
  type VoidDecision,
  type VoidRequest,
  type VoidRequestView,
  type WebcamView,
} from './protocol';
import { RoomState, createSnapshotBatcher, type RosterEntry, type RowPatch, type RowStateInit, type SnapshotBatcher } from './room-state';
import { defaultIncidentSettings, type IncidentSettings } from './rules/settings';

/** The signed-in staff member behind a socket. */
export interface ProctorViewer {
  userId: string;
  organisationId: string;
  name: string;
  roles: readonly string[];
}

/** What a viewer may do in one room, as decided by the backend on join. */
export interface RoomAccess extends RoomAccessView {
  room: RoomInfo;
}

/** The backend's answer to a join: access plus what the console shows besides the snapshot. */
export interface RoomOpening {
  access: RoomAccess;
  incidents: IncidentView[];
  actions: ProctorActionView[];
  voidRequests: VoidRequestView[];
  webcam: WebcamView;
}

/** A room rebuilt from storage: roster rows with their stored state, incident keys per attempt. */
export interface RoomLoad {
  roster: Array<RosterEntry & RowStateInit>;
  incidentKeysByAttempt: Record<string, string[]>;
}

/** Storage, authorization and use cases of the namespace (implemented by the server). */
export interface ProctorNamespaceBackend<Viewer extends ProctorViewer = ProctorViewer> {
  /**
   * Resolves the socket's login (session cookie) to a staff viewer.
   * @throws an error `toErrorBody` maps (unauthenticated, forbidden for candidates)
   */
  authenticate(handshake: Socket['handshake']): Promise<Viewer>;
  /** Authorizes a join (assigned proctor, or supervisor / exam administrator of the batch). */
  openRoom(viewer: Viewer, request: RoomJoinRequest): Promise<RoomOpening>;
  /** Rebuilds a room's rows from storage (attempts, registrations, incidents, connections). */
  loadRoom(room: RoomInfo): Promise<RoomLoad>;
  /** Runs a proctor action (the namespace checked `access.canAct` and that the attempt is in the room). */
  runAction(viewer: Viewer, access: RoomAccess, action: ProctorAction): Promise<ProctorActionResult>;
  /** Records a void request for the batch's supervisors. */
  requestVoid(viewer: Viewer, access: RoomAccess, request: VoidRequest): Promise<VoidRequestView>;
  /** A supervisor's decision on a void request (voids the attempt when confirmed). */
  decideVoid(viewer: Viewer, decision: VoidDecision): Promise<VoidRequestView>;
  /** Records how an incident of the room was handled without an action. */
  resolveIncident(viewer: Viewer, access: RoomAccess, request: ResolveIncidentRequest): Promise<IncidentHandledView>;
  /** Stores (and audits) an incident once; `duplicate` when another process stored it first. */
  storeIncident(incident: RaisedIncident): Promise<'stored' | 'duplicate'>;
  /** The organisation's resolved incident thresholds. */
  loadIncidentSettings(organisationId: string): Promise<IncidentSettings>;
  /** A viewer stopped watching (left or disconnected). */
  leaveRoom?(viewer: Viewer, access: RoomAccess): Promise<void>;
  /** Error JSON of a thrown error (internal errors must not leak). */
  toErrorBody(error: unknown): ProctorErrorBody;
  /** A per-socket message budget; absent = unlimited. */
  createRateLimiter?(): { tryTake(): boolean; readonly retryAfterMs: number };
  /** Logger for failures the namespace swallows (storage of incidents, reloads). */
  logger?: { warn(object: object, message: string): void; error(object: object, message: string): void };
}

/** One item of the proctoring feed (see the module comment). */
export type ProctoringFeedItem =
  /** A telemetry or lifecycle event; `receivedAt` = server time at its origin, ms epoch. */
  | { kind: 'event'; context: AttemptContext; event: ProctoringEvent; receivedAt: number }
  /** Row fields no event carries (flag count, newest webcam snapshot). */
  | { kind: 'row'; context: AttemptContext; patch: RowPatch }
  /** The room's attempts changed (session opened): rebuild it. */
  | { kind: 'roster'; sessionId: string; roomId: string }
  /** The organisation's incident settings changed: reload them. */
  | { kind: 'settings'; organisationId: string };

/** A notice for watchers on every process (emitted once, through the adapter). */
export type ProctorNotice =
  | { kind: 'action'; view: ProctorActionView }
  | { kind: 'incident_handled'; view: IncidentHandledView }
  | { kind: 'void_requested'; view: VoidRequestView }
  | { kind: 'void_decided'; view: VoidRequestView };

/** Counters of a mounted namespace (benchmark, diagnostics). */
export interface ProctorNamespaceStats {
  /** Feed items handled (local and relayed). */
  feedItems: number;
  /** Of those, relayed from other processes. */
  relayedItems: number;
  incidentsRaised: number;
  deltasSent: number;
  fullSnapshotsSent: number;
  /** Time spent in the namespace's synchronous work (feed, ticks, flushes), ms. */
  busyMs: number;
  roomsLoaded: number;
  ruleStates: number;
}

/** Options of {@link mountProctorNamespace}. */
export interface ProctorNamespaceOptions<Viewer extends ProctorViewer> {
  backend: ProctorNamespaceBackend<Viewer>;
  /** True when several processes share the namespace (Redis adapter): the feed is relayed. */
  isClustered: boolean;
  /** Least time between two deltas of a room, ms (default 1 000). */
  snapshotMinIntervalMs?: number;
  /** How often rooms are checked for a due delta, ms (default 250). */
  flushIntervalMs?: number;
  /** Period of the time-based incident rules, ms (default 1 000). */
  tickIntervalMs?: number;
  /** A room nobody on this process watches is dropped after this long, ms (default 120 000). */
  roomIdleMs?: number;
  /** How long loaded incident settings are trusted, ms (default 60 000). */
  settingsTtlMs?: number;
}

/** A mounted namespace. */
export interface ProctorNamespaceHandle {
  /** Handles a feed item here and relays it to the other processes. */
  publish(item: ProctoringFeedItem): void;
  /** Sends a notice to the watchers of its room (and the batch's supervisors) on every process. */
  notify(notice: ProctorNotice): void;
  getStats(): ProctorNamespaceStats;
  /** Stops timers and the relay listener (the namespace itself closes with `io`). */
  stop(): void;
}

/** Event name of the relayed feed between processes. */
export const proctorFeedRelayEvent = 'proctoring:feed';

/** An expected refusal raised by the namespace itself. */
class NamespaceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

interface RoomEntry {
  roomKey: string;
  access: RoomAccess;
  state: RoomState | null;
  batcher: SnapshotBatcher | null;
  loading: Promise<RoomState> | null;
  /** Feed items that arrived while loading. */
  buffer: ProctoringFeedItem[];
  /** Incident keys raised while loading. */
  bufferedIncidentKeys: Map<string, Set<string>>;
  watchers: Set<string>;
  idleSince: number | null;
}

interface SocketData<Viewer> {
  viewer: Viewer;
  rooms: Map<string, RoomAccess>;
  limiter: { tryTake(): boolean; readonly retryAfterMs: number } | null;
}

type ProctorSocket<Viewer> = Socket<Record<string, (...args: unknown[]) => void>, Record<string, (...args: unknown[]) => void>, Record<string, never>, SocketData<Viewer>>;

function handshakeError(body: ProctorErrorBody): Error & { data: ProctorErrorBody } {
  return Object.assign(new Error(body.message), { data: body });
}

function validationError(issues: readonly z.core.$ZodIssue[], where: string): NamespaceError {
  const fieldIssues = issues.map((issue) => ({ field: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
  const first = fieldIssues[0];
  return new NamespaceError('validation_failed', `${first.field}: ${first.message}`, { issues: fieldIssues });
}

function roomKeyOf(context: Pick<AttemptContext, 'sessionId' | 'roomId'>): string {
  return toRoomKey(context.sessionId, context.roomId);
}

/**
 * Mounts `/proctor` on `io` (R10). Requires the backend; relays the feed between processes when
 * `isClustered`.
 * @returns the feed entry point, notices, stats and stop.
 */
export function mountProctorNamespace<Viewer extends ProctorViewer>(io: IoServer, options: ProctorNamespaceOptions<Viewer>): ProctorNamespaceHandle {
  const { backend } = options;
  const nsp = io.of(proctorNamespace) as unknown as Namespace;
  const snapshotMinIntervalMs = options.snapshotMinIntervalMs ?? 1000;
  const roomIdleMs = options.roomIdleMs ?? 120_000;
  const settingsTtlMs = options.settingsTtlMs ?? 60_000;
  const engine = new IncidentEngine();
  const rooms = new Map<string, RoomEntry>();
  const settingsByOrganisation = new Map<string, { settings: IncidentSettings; loadedAt: number }>();
  const settingsLoading = new Map<string, Promise<void>>();
  const waitingForSettings = new Map<string, ProctoringFeedItem[]>();
  const stats: ProctorNamespaceStats = {
    feedItems: 0,
    relayedItems: 0,
    incidentsRaised: 0,
    deltasSent: 0,
    fullSnapshotsSent: 0,
    busyMs: 0,
    roomsLoaded: 0,
    ruleStates: 0,
  };
  let isStopped = false;

  const timed = <T>(work: () => T): T => {
    const started = performance.now();
    try {
      return work();
    } finally {
      stats.busyMs += performance.now() - started;
    }
  };

  const warn = (error: unknown, message: string, extra: object = {}) => backend.logger?.warn({ err: error, ...extra }, message);

  // ----- incident settings per organisation -----
  const loadSettings = (organisationId: string): Promise<void> => {
    let loading = settingsLoading.get(organisationId);
    if (loading) return loading;
    loading = backend
      .loadIncidentSettings(organisationId)
      .then(
        (settings) => {
          settingsByOrganisation.set(organisationId, { settings, loadedAt: Date.now() });
        },
        (error: unknown) => {
          // Keep the previous settings (or the defaults) and try again in about 5 s.
          warn(error, 'proctoring: incident settings could not be loaded; using the previous ones or the defaults', { organisationId });
          const previous = settingsByOrganisation.get(organisationId)?.settings ?? defaultIncidentSettings;
          settingsByOrganisation.set(organisationId, { settings: previous, loadedAt: Date.now() - settingsTtlMs + 5000 });
        },
      )
      .finally(() => {
        settingsLoading.delete(organisationId);
        const waiting = waitingForSettings.get(organisationId);
        waitingForSettings.delete(organisationId);
        if (waiting && !isStopped) timed(() => waiting.forEach((item) => handleItem(item)));
      });
    settingsLoading.set(organisationId, loading);
    return loading;
  };

  const settingsFor = (organisationId: string): IncidentSettings | undefined => {
    const entry = settingsByOrganisation.get(organisationId);
    if (entry && Date.now() - entry.loadedAt > settingsTtlMs) void loadSettings(organisationId);
    return entry?.settings;
  };

  // ----- rooms -----
  const buildRoom = (entry: RoomEntry, load: RoomLoad): RoomState => {
    const now = Date.now();
    const roster = load.roster.map((row) => {
      const rule = engine.peek(row.attemptId);
      const keys = new Set(load.incidentKeysByAttempt[row.attemptId] ?? []);
      for (const key of entry.bufferedIncidentKeys.get(row.attemptId) ?? []) keys.add(key);
      return {
        ...row,
        incidentCount: keys.size,
        ...(rule?.lastActivityReceivedAt != null ? { lastActivityAt: rule.lastActivityReceivedAt } : {}),
        ...(row.isOnline === false && rule?.offlineReceivedAt != null ? { offlineSince: rule.offlineReceivedAt } : {}),
      };
    });
    const state = new RoomState(entry.roomKey, roster);
    for (const item of entry.buffer) applyToRoom(state, item);
    entry.buffer = [];
    entry.bufferedIncidentKeys.clear();
    state.takeDelta(now);
    return state;
  };

  const ensureRoom = (access: RoomAccess): Promise<RoomState> => {
    const roomKey = access.room.roomKey;
    let entry = rooms.get(roomKey);
    if (entry?.state) return Promise.resolve(entry.state);
    if (entry?.loading) return entry.loading;
    entry = {
      roomKey,
      access,
      state: null,
      batcher: null,
      loading: null,
      buffer: [],
      bufferedIncidentKeys: new Map(),
      watchers: new Set(),
      idleSince: Date.now(),
    };
    rooms.set(roomKey, entry);
    const current = entry;
    current.loading = backend.loadRoom(access.room).then(
      (load) => {
        const state = timed(() => buildRoom(current, load));
        current.state = state;
        current.batcher = createSnapshotBatcher(state, { minIntervalMs: snapshotMinIntervalMs });
        current.loading = null;
        stats.roomsLoaded += 1;
        return state;
      },
      (error: unknown) => {
        rooms.delete(roomKey);
        throw error;
      },
    );
    return current.loading;
  };

  const reloadRoom = (entry: RoomEntry) => {
    if (!entry.state) return;
    backend.loadRoom(entry.access.room).then(
      (load) => {
        if (rooms.get(entry.roomKey) !== entry) return;
        timed(() => {
          const state = buildRoom(entry, load);
          entry.state = state;
          entry.batcher = createSnapshotBatcher(state, { minIntervalMs: snapshotMinIntervalMs });
          nsp.local.to(roomChannel(entry.roomKey)).emit(proctorEvents.snapshot, state.snapshot(Date.now()));
          stats.fullSnapshotsSent += 1;
        });
      },
      (error: unknown) => warn(error, 'proctoring: room reload failed', { roomKey: entry.roomKey }),
    );
  };

  function applyToRoom(state: RoomState, item: ProctoringFeedItem): void {
    if (item.kind === 'event') state.applyEvent(item.event, item.receivedAt);
    else if (item.kind === 'row') state.patchRow(item.context.attemptId, item.patch);
  }

  // ----- incidents -----
  const toIncidentView = (incident: RaisedIncident, state: RoomState | null): IncidentView => {
    const row = state?.getRow(incident.attemptId, incident.at) ?? null;
    return {
      id: incident.key,
      roomKey: roomKeyOf(incident.context),
      attemptId: incident.attemptId,
      candidateId: incident.context.candidateId,
      candidateName: row?.candidateName ?? '',
      seat: row?.seat ?? null,
      rule: incident.rule,
      severity: incident.severity,
      at: incident.at,
      detail: incident.detail,
      handling: null,
    };
  };

  const handleIncidents = (incidents: readonly RaisedIncident[]) => {
    for (const incident of incidents) {
      stats.incidentsRaised += 1;
      const entry = rooms.get(roomKeyOf(incident.context));
      if (entry?.state) {
        entry.state.recordIncidents([incident]);
        if (entry.watchers.size > 0) nsp.local.to(roomChannel(entry.roomKey)).emit(proctorEvents.incident, toIncidentView(incident, entry.state));
      } else if (entry) {
        let keys = entry.bufferedIncidentKeys.get(incident.attemptId);
        if (!keys) entry.bufferedIncidentKeys.set(incident.attemptId, (keys = new Set()));
        keys.add(incident.key);
      }
      backend.storeIncident(incident).catch((error: unknown) => warn(error, 'proctoring: incident could not be stored', { key: incident.key }));
    }
  };

  // ----- feed -----
  function handleItem(item: ProctoringFeedItem): void {
    stats.feedItems += 1;
    switch (item.kind) {
      case 'event': {
        const organisationId = item.context.organisationId;
        const settings = settingsFor(organisationId);
        if (!settings) {
          const waiting = waitingForSettings.get(organisationId);
          if (waiting) waiting.push(item);
          else waitingForSettings.set(organisationId, [item]);
          void loadSettings(organisationId);
          return;
        }
        const incidents = engine.ingest(item.context, item.event, settings, item.receivedAt);
        const entry = rooms.get(roomKeyOf(item.context));
        if (entry?.state) applyToRoom(entry.state, item);
        else if (entry) entry.buffer.push(item);
        if (incidents.length > 0) handleIncidents(incidents);
        return;
      }
      case 'row': {
        const entry = rooms.get(roomKeyOf(item.context));
        if (entry?.state) applyToRoom(entry.state, item);
        else if (entry) entry.buffer.push(item);
        return;
      }
      case 'roster': {
        const entry = rooms.get(toRoomKey(item.sessionId, item.roomId));
        if (entry) reloadRoom(entry);
        return;
      }
      case 'settings':
        settingsByOrganisation.delete(item.organisationId);
        void loadSettings(item.organisationId);
        return;
      default: {
        const unreachable: never = item;
        throw new Error(`proctoring: unknown feed item ${JSON.stringify(unreachable)}`);
      }
    }
  }

  const onRelayedItem = (item: ProctoringFeedItem) => {
    if (isStopped || !item || typeof item !== 'object') return;
    stats.relayedItems += 1;
    timed(() => handleItem(item));
  };
  (nsp as unknown as { on(event: string, listener: (item: ProctoringFeedItem) => void): void }).on(proctorFeedRelayEvent, onRelayedItem);

  // ----- timers -----
  const tickTimer = setInterval(() => {
    timed(() => {
      const raised = engine.tick(Date.now(), settingsFor);
      if (raised.length > 0) handleIncidents(raised);
      stats.ruleStates = engine.size;
    });
  }, options.tickIntervalMs ?? 1000);
  tickTimer.unref();

  const flushTimer = setInterval(() => {
    timed(() => {
      const now = Date.now();
      for (const [roomKey, entry] of rooms) {
        if (!entry.state || !entry.batcher) continue;
        if (entry.watchers.size === 0) {
          if (entry.idleSince !== null && now - entry.idleSince >= roomIdleMs) rooms.delete(roomKey);
          continue;
        }
        const delta = entry.batcher.poll(now);
        if (delta) {
          nsp.local.to(roomChannel(roomKey)).emit(proctorEvents.snapshot, delta);
          stats.deltasSent += 1;
        }
      }
    });
  }, options.flushIntervalMs ?? 250);
  flushTimer.unref();

  // ----- sockets -----
  nsp.use(async (socket, next) => {
    try {
      const viewer = await backend.authenticate(socket.handshake);
      (socket as unknown as ProctorSocket<Viewer>).data = { viewer, rooms: new Map(), limiter: backend.createRateLimiter?.() ?? null };
      next();
    } catch (error) {
      next(handshakeError(backend.toErrorBody(error)));
    }
  });

  const toBody = (error: unknown): ProctorErrorBody => {
    if (error instanceof NamespaceError) return { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) };
    return backend.toErrorBody(error);
  };

  /** Registers a handler: rate limit → zod → run → `{ ok, data } | { ok: false, error }`. */
  const handle = <Input, Data>(socket: ProctorSocket<Viewer>, event: string, parse: (payload: unknown) => Input, run: (input: Input) => Promise<Data>) => {
    socket.on(event, async (...args: unknown[]) => {
      const reply = args.find((arg): arg is (ack: ProctorAck<Data>) => void => typeof arg === 'function');
      if (!reply) return;
      const payload = typeof args[0] === 'function' ? {} : (args[0] ?? {});
      const limiter = socket.data.limiter;
      if (limiter && !limiter.tryTake()) {
        reply({ ok: false, error: { code: 'rate_limited', message: `Too many messages; retry in ${limiter.retryAfterMs} ms`, details: { retryAfterMs: limiter.retryAfterMs } } });
        return;
      }
      try {
        reply({ ok: true, data: await run(parse(payload)) });
      } catch (error) {
        const body = toBody(error);
        if (body.code === 'internal') backend.logger?.error({ err: error, event }, 'proctor handler failed');
        reply({ ok: false, error: body });
      }
    });
  };

  const parseWith =
    <Schema extends z.ZodType>(schema: Schema, where: string) =>
    (payload: unknown): z.output<Schema> => {
      const result = schema.safeParse(payload);
      if (!result.success) throw validationError(result.error.issues, where);
      return result.data;
    };

  /** The joined room holding `attemptId`, with the socket's access to it. */
  const accessForAttempt = (socket: ProctorSocket<Viewer>, attemptId: string): RoomAccess => {
    for (const [roomKey, access] of socket.data.rooms) {
      if (rooms.get(roomKey)?.state?.has(attemptId)) return access;
    }
    throw new NamespaceError('forbidden', `Attempt ${attemptId} is not in a room you joined; join its room first (${proctorEvents.join})`);
  };

  const requireActing = (access: RoomAccess): void => {
    if (!access.canAct) {
      throw new NamespaceError('forbidden', `You watch room ${access.room.roomName} as ${access.mode}: read-only`, { mode: access.mode });
    }
  };

  const leave = async (socket: ProctorSocket<Viewer>, roomKey: string): Promise<boolean> => {
    const access = socket.data.rooms.get(roomKey);
    if (!access) return false;
    socket.data.rooms.delete(roomKey);
    await socket.leave(roomChannel(roomKey));
    const entry = rooms.get(roomKey);
    if (entry) {
      entry.watchers.delete(socket.id);
      if (entry.watchers.size === 0) entry.idleSince = Date.now();
    }
    const isSupervisingElsewhere = [...socket.data.rooms.values()].some((other) => other.canConfirmVoids && other.room.batchId === access.room.batchId);
    if (access.canConfirmVoids && !isSupervisingElsewhere) await socket.leave(supervisorChannel(access.room.batchId));
    backend.leaveRoom?.(socket.data.viewer, access).catch((error: unknown) => warn(error, 'proctoring: leave not recorded'));
    return true;
  };

  nsp.on('connection', (rawSocket) => {
    const socket = rawSocket as unknown as ProctorSocket<Viewer>;
    const { viewer } = socket.data;

    handle(socket, proctorEvents.join, parseWith(roomJoinRequestSchema, 'payload'), async (input): Promise<RoomJoinResult> => {
      const opening = await backend.openRoom(viewer, input);
      const { access } = opening;
      const roomKey = access.room.roomKey;
      const state = await ensureRoom(access);
      if (!socket.connected) throw new NamespaceError('precondition_failed', 'The connection closed while joining');
      const entry = rooms.get(roomKey)!;
      entry.watchers.add(socket.id);
      entry.idleSince = null;
      socket.data.rooms.set(roomKey, access);
      await socket.join(roomChannel(roomKey));
      if (access.canConfirmVoids) await socket.join(supervisorChannel(access.room.batchId));
      const now = Date.now();
      return {
        access: { mode: access.mode, canAct: access.canAct, canConfirmVoids: access.canConfirmVoids },
        room: access.room,
        snapshot: timed(() => state.snapshot(now)),
        incidents: opening.incidents,
        actions: opening.actions,
        voidRequests: opening.voidRequests,
        webcam: opening.webcam,
        serverNow: now,
      };
    });

    handle(socket, proctorEvents.leave, parseWith(roomKeyRequestSchema, 'payload'), async (input) => ({ roomKey: input.roomKey, hasLeft: await leave(socket, input.roomKey) }));

    handle(socket, proctorEvents.resync, parseWith(roomKeyRequestSchema, 'payload'), async (input): Promise<RoomSnapshot> => {
      if (!socket.data.rooms.has(input.roomKey)) throw new NamespaceError('forbidden', `Join room ${input.roomKey} first (${proctorEvents.join})`);
      const state = rooms.get(input.roomKey)?.state;
      if (!state) throw new NamespaceError('precondition_failed', `Room ${input.roomKey} is loading; retry`, { retryable: true });
      stats.fullSnapshotsSent += 1;
      return timed(() => state.snapshot(Date.now()));
    });

    for (const action of proctorActionTypes) {
      if (action === 'void') continue;
      const parse = (payload: unknown) => {
        const candidate = payload && typeof payload === 'object' && !Array.isArray(payload) ? { ...(payload as object), action } : payload;
        return parseWith(proctorActionSchema, 'payload')(candidate);
      };
      handle(socket, proctorActionEventName(action), parse, async (input: ProctorAction) => {
        const access = accessForAttempt(socket, input.attemptId);
        requireActing(access);
        return backend.runAction(viewer, access, input);
      });
    }

    handle(socket, proctorActionEventName('void'), parseWith(voidRequestSchema, 'payload'), async (input) => {
      const access = accessForAttempt(socket, input.attemptId);
      requireActing(access);
      return backend.requestVoid(viewer, access, input);
    });

    handle(socket, proctorEvents.confirmVoid, parseWith(voidDecisionSchema, 'payload'), async (input) => backend.decideVoid(viewer, input));

    handle(socket, proctorEvents.resolveIncident, parseWith(resolveIncidentSchema, 'payload'), async (input) => {
      // Incident ids are `<attemptId>:<rule>:<episode>`.
      const access = accessForAttempt(socket, input.incidentId.split(':')[0]);
      requireActing(access);
      return backend.resolveIncident(viewer, access, input);
    });

    socket.on('disconnect', () => {
      for (const roomKey of [...socket.data.rooms.keys()]) void leave(socket, roomKey);
    });
  });

  return {
    publish(item) {
      if (isStopped) return;
      timed(() => {
        handleItem(item);
        if (options.isClustered) nsp.serverSideEmit(proctorFeedRelayEvent, item);
      });
    },
    notify(notice) {
      if (isStopped) return;
      const { view } = notice;
      switch (notice.kind) {
        case 'action':
          nsp.to(roomChannel(notice.view.roomKey)).emit(proctorEvents.action, notice.view);
          return;
        case 'incident_handled':
          nsp.to(roomChannel(notice.view.roomKey)).emit(proctorEvents.incidentHandled, notice.view);
          return;
        case 'void_requested':
        case 'void_decided':
          nsp
            .to([roomChannel(notice.view.roomKey), supervisorChannel(notice.view.batchId)])
            .emit(notice.kind === 'void_requested' ? proctorEvents.voidRequested : proctorEvents.voidDecided, view);
          return;
        default: {
          const unreachable: never = notice;
          throw new Error(`proctoring: unknown notice ${JSON.stringify(unreachable)}`);
        }
      }
    },
    getStats() {
      return { ...stats, ruleStates: engine.size };
    },
    stop() {
      if (isStopped) return;
      isStopped = true;
      clearInterval(tickTimer);
      clearInterval(flushTimer);
      (nsp as unknown as { off(event: string, listener: (item: ProctoringFeedItem) => void): void }).off(proctorFeedRelayEvent, onRelayedItem);
      rooms.clear();
      engine.clear();
    },
  };
}
