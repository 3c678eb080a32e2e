/**
 * The candidate side of the exam room (issue 7): one socket.io connection to `/exam`
 * (protocol: server/src/realtime/README.md), the autosave outbox and the resumable state, kept
 * outside React. Screens read {@link ExamSnapshot}s through `subscribe` / `getSnapshot`
 * (useSyncExternalStore) and call the action methods.
 *
 * Autosave: every change gets the next client sequence number, goes to the outbox (IndexedDB) and
 * is sent as `attempt:answer`; it leaves the outbox only when the server acknowledges it (the
 * acknowledgement comes after the durable write). Unacknowledged changes are resent after a
 * reconnect or a reload, paced at 20 per second at most. Resume takes answers, flags, position and
 * time from the server's state with newer outbox entries on top.
 *
 * One active session (R10, R17): a second login waits for the proctor's approval (`held`); a
 * superseded connection stops and does not reconnect.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  AttemptHeld,
  AttemptJoinResult,
  AttemptState,
  AttemptWarning,
  DeadlineChange,
  examEvents as contractEvents,
  ExamSessionView,
  FormItemView,
  SessionSuperseded,
  SubmitResult,
  AnswerSaved,
  FlagSaved,
  clientTelemetryTypes,
} from '@skillcert/server/contracts/exam-room';
import {
  isSameResponse,
  mergeAnswers,
  mergeFlags,
  nextSequence,
  computeClockOffsetMs,
  remainingMsAt,
  type ExamTimer,
  type PendingAnswer,
  type PendingFlag,
} from './exam-model';
import { openExamOutbox, type ExamOutbox } from './exam-outbox';

/** Socket event names, checked against the server's contract. */
const events: typeof contractEvents = {
  join: 'attempt:join',
  start: 'attempt:start',
  answer: 'attempt:answer',
  flag: 'attempt:flag',
  position: 'attempt:position',
  submit: 'attempt:submit',
  telemetry: 'attempt:telemetry',
  state: 'attempt:state',
  deadline: 'attempt:deadline',
  warning: 'attempt:warning',
  submitted: 'attempt:submitted',
  held: 'attempt:held',
  superseded: 'session:superseded',
  sessionOpened: 'session:opened',
};

/** A browser event reported to the proctor (never blocked). */
export type TelemetryType = (typeof clientTelemetryTypes)[number];

/** Where the candidate is in the journey. */
export type ExamPhase =
  | 'connecting'
  /** The session is not open yet (no attempt): waiting room. */
  | 'no_attempt'
  /** The attempt exists, not started: instructions and confirmation. */
  | 'waiting'
  | 'in_progress'
  | 'paused'
  | 'submitted'
  | 'voided'
  /** Another device holds the attempt; the proctor must approve this one. */
  | 'held'
  /** The exam continued on another connection; this one stopped. */
  | 'superseded'
  | 'signed_out'
  | 'failed';

/** Save state of one question. */
export type SaveStatus = 'none' | 'saving' | 'saved' | 'retrying' | 'rejected';

/** An error of an action (start, submit) or of the connection, as the server names it. */
export interface ExamError {
  code: string;
  message: string;
}

/** Everything the screens show; a new object after every change. */
export interface ExamSnapshot {
  phase: ExamPhase;
  isConnected: boolean;
  session: ExamSessionView | null;
  attemptId: string | null;
  items: FormItemView[];
  /** Items on the form (known before the start, when `items` is still empty). */
  totalCount: number;
  totalPoints: number;
  /** slot → chosen displayed option indexes (answered slots only). */
  responses: ReadonlyMap<number, readonly number[]>;
  flaggedSlots: readonly number[];
  /** Slot on screen. */
  position: number;
  /** slot → save state and the server's save time. */
  saveStates: ReadonlyMap<number, { status: SaveStatus; savedAt: number | null }>;
  /** Answer changes not yet acknowledged. */
  pendingCount: number;
  timer: ExamTimer | null;
  /** True once the local clock reached the deadline (the server submits by itself). */
  isTimeUp: boolean;
  submitResult: SubmitResult | null;
  /** Proctor warnings not yet dismissed, oldest first. */
  warnings: readonly AttemptWarning[];
  supersededReason: SessionSuperseded['reason'] | null;
  heldSince: number | null;
  isBusy: boolean;
  error: ExamError | null;
  /** True when pending changes survive a reload (IndexedDB available). */
  isOutboxDurable: boolean;
}

/** Options of {@link ExamRoomController}. */
export interface ExamRoomOptions {
  /** Server URL of the namespace (default same origin `/exam`). */
  url?: string;
  /** Acknowledgement timeout per message in ms (default 10 000). */
  ackTimeoutMs?: number;
  /** Gap between two resent outbox entries in ms (default 50 = 20 per second, the server's always-accepted pace). */
  resendGapMs?: number;
}

type AckResult<Data> = Ack<Data>;

const telemetryQueueLimit = 50;

/**
 * Drives one candidate's exam over `/exam`. Create, `start()`, render from `getSnapshot()`,
 * `stop()` on unmount.
 */
export class ExamRoomController {
  private readonly url: string;
  private readonly ackTimeoutMs: number;
  private readonly resendGapMs: number;
  private socket: Socket | null = null;
  private outbox: ExamOutbox | null = null;
  private listeners = new Set<() => void>();
  private snapshot: ExamSnapshot;
  private isStopped = false;
  /** Increases on every (dis)connect; late acknowledgements of an older connection are ignored. */
  private connectionEpoch = 0;
  private hasJoined = false;

  // Attempt data.
  private phase: ExamPhase = 'connecting';
  private session: ExamSessionView | null = null;
  private attemptId: string | null = null;
  private loadedAttemptId: string | null = null;
  private items: FormItemView[] = [];
  private totalCount = 0;
  private totalPoints = 0;
  private responses = new Map<number, number[]>();
  private savedAtBySlot = new Map<number, number>();
  private flaggedSlots: number[] = [];
  private position = 1;
  private hasPosition = false;
  /** Position found in the outbox at load (not yet acknowledged before a reload). */
  private outboxPosition: number | null = null;
  private serverPosition: number | null = null;
  private lastSeq = 0;
  private timer: ExamTimer | null = null;
  private isTimeUp = false;
  private submitResult: SubmitResult | null = null;
  private warnings: AttemptWarning[] = [];
  private supersededReason: SessionSuperseded['reason'] | null = null;
  private heldSince: number | null = null;
  private isBusy = false;
  private error: ExamError | null = null;

  // Outbox in memory (mirrors IndexedDB).
  private pendingAnswers = new Map<number, PendingAnswer>();
  private pendingFlags = new Map<number, PendingFlag>();
  private inflightSeq = new Map<number, number>();
  private retryAtBySlot = new Map<number, number>();
  private rejectedSlots = new Set<number>();
  private telemetryQueue: { type: TelemetryType; at: number }[] = [];

  // Timers.
  private pumpTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private flagRetryTimer: ReturnType<typeof setTimeout> | null = null;
  private positionTimer: ReturnType<typeof setTimeout> | null = null;
  private deadlineTimer: ReturnType<typeof setTimeout> | null = null;
  private rejoinTimer: ReturnType<typeof setTimeout> | null = null;
  /** While disconnected because the browser went offline: checks for the network every 3 s. */
  private offlineWatch: ReturnType<typeof setInterval> | null = null;
  private readonly onOffline = () => this.handleOffline();
  private readonly onOnline = () => this.handleOnline();

  constructor(options: ExamRoomOptions = {}) {
    this.url = options.url ?? '/exam';
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.resendGapMs = options.resendGapMs ?? 50;
    this.snapshot = this.buildSnapshot();
  }

  /** Registers a change listener; returns the unsubscribe function (useSyncExternalStore). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current snapshot (same object until something changes). */
  getSnapshot = (): ExamSnapshot => this.snapshot;

  /** Opens the outbox and connects. */
  async start(): Promise<void> {
    this.outbox = await openExamOutbox();
    if (this.isStopped) return;
    const socket = io(this.url, { transports: ['websocket'], withCredentials: true, forceNew: true, autoConnect: false, reconnectionDelay: 500, reconnectionDelayMax: 4000 });
    this.socket = socket;
    socket.on('connect', () => {
      this.stopOfflineWatch();
      this.connectionEpoch += 1;
      this.hasJoined = false;
      this.changed();
      void this.join();
    });
    socket.on('disconnect', (reason) => {
      this.connectionEpoch += 1;
      this.hasJoined = false;
      this.inflightSeq.clear();
      this.changed();
      // The server closed us without a supersede notice (e.g. restart): connect again.
      if (reason === 'io server disconnect' && this.canReconnect()) setTimeout(() => this.canReconnect() && socket.connect(), 1000);
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      const code = error.data?.code;
      if (code === 'unauthenticated') this.setTerminal('signed_out');
      else if (code === 'forbidden') this.fail({ code, message: error.data?.message ?? error.message });
      else if (!socket.active && this.canReconnect()) setTimeout(() => this.canReconnect() && socket.connect(), 2000);
    });
    // After a proctor approved this (held) connection: it is the active one now.
    socket.on(events.state, (state: AttemptState) => {
      this.hasJoined = true;
      void this.applyState(state).then(() => this.flushTelemetry());
    });
    socket.on(events.deadline, (change: DeadlineChange) => this.applyDeadline(change));
    socket.on(events.warning, (warning: AttemptWarning) => {
      this.warnings = [...this.warnings, warning];
      this.changed();
    });
    socket.on(events.submitted, (result: SubmitResult) => this.finish(result));
    socket.on(events.held, (held: AttemptHeld) => {
      this.phase = 'held';
      this.attemptId = held.attemptId;
      this.heldSince = held.requestedAt;
      this.changed();
    });
    socket.on(events.superseded, (superseded: SessionSuperseded) => {
      this.supersededReason = superseded.reason;
      this.setTerminal('superseded');
    });
    socket.on(events.sessionOpened, () => {
      if (this.phase === 'no_attempt') void this.join();
    });
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    if (typeof navigator === 'undefined' || navigator.onLine !== false) socket.connect();
  }

  /** Disconnects and clears every timer (unmount). */
  stop(): void {
    this.isStopped = true;
    this.stopOfflineWatch();
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    this.clearTimers();
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.listeners.clear();
  }

  // ----- actions ------------------------------------------------------------------------------

  /** Starts the attempt after the candidate confirmed the instructions. */
  async startAttempt(): Promise<void> {
    if (this.phase !== 'waiting' || this.isBusy) return;
    this.isBusy = true;
    this.error = null;
    this.changed();
    try {
      const ack = await this.call<AttemptState>(events.start, {});
      if (ack.ok) await this.applyState(ack.data);
      else this.error = ack.error;
    } catch (error) {
      this.error = { code: 'network', message: (error as Error).message };
    } finally {
      this.isBusy = false;
      this.changed();
    }
  }

  /** Sets the response of `slot` (sorted displayed indexes; `[]` clears it) and saves it. */
  setResponse(slot: number, response: readonly number[]): void {
    if (!this.canChange() || !this.attemptId) return;
    if (isSameResponse(this.responses.get(slot), response)) return;
    this.lastSeq += 1;
    const entry: PendingAnswer = { attemptId: this.attemptId, slot, response: [...response], seq: this.lastSeq, changedAt: Date.now() };
    this.pendingAnswers.set(slot, entry);
    this.retryAtBySlot.delete(slot);
    this.rejectedSlots.delete(slot);
    if (response.length > 0) this.responses.set(slot, [...response]);
    else this.responses.delete(slot);
    void this.outbox?.putAnswer(entry);
    this.changed();
    this.pump();
  }

  /** Flags or unflags `slot` for review. */
  toggleFlag(slot: number): void {
    if (!this.canChange() || !this.attemptId) return;
    const isFlagged = !this.flaggedSlots.includes(slot);
    this.flaggedSlots = isFlagged ? [...this.flaggedSlots, slot].sort((left, right) => left - right) : this.flaggedSlots.filter((flagged) => flagged !== slot);
    const entry: PendingFlag = { attemptId: this.attemptId, slot, isFlagged, changedAt: Date.now() };
    this.pendingFlags.set(slot, entry);
    void this.outbox?.putFlag(entry);
    this.changed();
    this.sendFlag(entry);
  }

  /** Shows `slot` and remembers it on the server (restored on resume). */
  goTo(slot: number): void {
    if (!this.items.some((item) => item.slot === slot) || slot === this.position) return;
    this.position = slot;
    this.hasPosition = true;
    if (this.attemptId) void this.outbox?.putPosition(this.attemptId, slot);
    this.changed();
    if (this.positionTimer) clearTimeout(this.positionTimer);
    this.positionTimer = setTimeout(() => this.sendPosition(), 300);
  }

  /**
   * Hands in: waits until every change is acknowledged (up to 15 s), then `attempt:submit`.
   * Leaves `error` set when changes cannot be saved (offline) or the server refuses.
   */
  async submit(): Promise<boolean> {
    if (this.phase !== 'in_progress' || this.isBusy) return false;
    this.isBusy = true;
    this.error = null;
    this.changed();
    try {
      this.pump();
      this.flushFlags();
      const deadline = Date.now() + 15_000;
      while ((this.pendingAnswers.size > 0 || this.pendingFlags.size > 0) && Date.now() < deadline && !this.isStopped) {
        if (this.pendingAnswers.size > 0 && !this.isConnected()) break;
        await delay(100);
      }
      if (this.pendingAnswers.size > 0) {
        this.error = { code: 'unsaved', message: `${this.pendingAnswers.size} answer(s) not yet saved` };
        return false;
      }
      const ack = await this.call<SubmitResult>(events.submit, {}, 15_000);
      if (!ack.ok) {
        this.error = ack.error;
        return false;
      }
      this.finish(ack.data);
      return true;
    } catch (error) {
      this.error = { code: 'network', message: (error as Error).message };
      return false;
    } finally {
      this.isBusy = false;
      this.changed();
    }
  }

  /** Closes the oldest proctor warning. */
  dismissWarning(): void {
    this.warnings = this.warnings.slice(1);
    this.changed();
  }

  /** Clears the last action error. */
  clearError(): void {
    this.error = null;
    this.changed();
  }

  /** Reports a browser event to the proctor (queued while offline; never blocks anything). */
  reportTelemetry(type: TelemetryType): void {
    if (!this.attemptId || !['in_progress', 'paused', 'waiting'].includes(this.phase)) return;
    const report = { type, at: Date.now() };
    if (this.hasJoined && this.isConnected()) void this.call(events.telemetry, report).catch(() => undefined);
    else if (this.telemetryQueue.length < telemetryQueueLimit) this.telemetryQueue.push(report);
  }

  // ----- connection and state ------------------------------------------------------------------

  private async join(): Promise<void> {
    if (!this.socket || this.isStopped || !this.canReconnect()) return;
    const epoch = this.connectionEpoch;
    let ack: AckResult<AttemptJoinResult>;
    try {
      ack = await this.call<AttemptJoinResult>(events.join, {});
    } catch {
      if (epoch === this.connectionEpoch && this.isConnected()) this.scheduleRejoin(2000);
      return;
    }
    if (epoch !== this.connectionEpoch) return;
    if (!ack.ok) {
      if (ack.error.code === 'not_found' || ack.error.code === 'forbidden') this.fail(ack.error);
      else this.scheduleRejoin(2000);
      return;
    }
    const result = ack.data;
    this.session = result.session;
    if (result.connection === 'none') {
      this.phase = 'no_attempt';
      this.changed();
      return;
    }
    if (result.connection === 'held') {
      this.phase = 'held';
      this.heldSince ??= Date.now();
      this.changed();
      return;
    }
    this.hasJoined = true;
    if (result.attempt) await this.applyState(result.attempt);
    if (epoch !== this.connectionEpoch) return;
    this.flushTelemetry();
    this.changed();
  }

  private async applyState(state: AttemptState): Promise<void> {
    const receivedAt = Date.now();
    if (this.loadedAttemptId !== state.attemptId && this.outbox) {
      const contents = await this.outbox.load(state.attemptId);
      this.pendingAnswers = new Map(contents.answers.map((entry) => [entry.slot, entry]));
      this.pendingFlags = new Map(contents.flags.map((entry) => [entry.slot, entry]));
      this.lastSeq = Math.max(this.lastSeq, contents.lastSeq);
      this.outboxPosition = contents.position;
      this.loadedAttemptId = state.attemptId;
    }
    this.attemptId = state.attemptId;
    this.heldSince = null;
    const merged = mergeAnswers(state.answers, [...this.pendingAnswers.values()]);
    for (const entry of merged.obsolete) {
      this.pendingAnswers.delete(entry.slot);
      void this.outbox?.removeAnswer(entry.attemptId, entry.slot, entry.seq);
    }
    this.responses = merged.responses;
    this.savedAtBySlot = merged.savedAtBySlot;
    this.flaggedSlots = mergeFlags(state.flaggedSlots, [...this.pendingFlags.values()]);
    this.lastSeq = nextSequence(state.lastSeq, this.lastSeq, [...this.pendingAnswers.values()]) - 1;
    if (state.form.items.length > 0) this.items = state.form.items;
    this.totalCount = state.form.totalCount;
    this.totalPoints = state.form.totalPoints;
    this.serverPosition = state.position;
    if (!this.hasPosition && this.items.length > 0) {
      const restored = [this.outboxPosition, state.position].find((slot) => slot !== null && this.items.some((item) => item.slot === slot));
      this.position = restored ?? this.items[0].slot;
      this.hasPosition = true;
    }
    this.timer = {
      status: state.status,
      deadlineAt: state.deadlineAt,
      remainingMs: state.remainingMs,
      offsetMs: computeClockOffsetMs(state.serverNow, receivedAt),
      durationMs: state.durationMs,
    };
    if (state.status === 'submitted' || state.status === 'voided') {
      const progress = countAnswered(state);
      this.finish(
        {
          attemptId: state.attemptId,
          status: 'submitted',
          submittedAt: state.submittedAt ?? state.serverNow,
          submitReason: state.submitReason ?? 'deadline',
          ...progress,
        },
        state.status,
      );
      return;
    }
    this.phase = state.status;
    this.scheduleDeadline();
    this.changed();
    if (state.status === 'in_progress') {
      this.pump();
      this.flushFlags();
      if (this.hasPosition && this.serverPosition !== this.position) this.sendPosition();
    }
  }

  private applyDeadline(change: DeadlineChange): void {
    if (!this.timer || this.phase === 'submitted') return;
    this.timer = {
      ...this.timer,
      status: change.status,
      deadlineAt: change.deadlineAt,
      remainingMs: change.remainingMs,
      offsetMs: computeClockOffsetMs(change.serverNow, Date.now()),
    };
    this.phase = change.status;
    if (change.status === 'in_progress' && remainingMsAt(this.timer, Date.now()) > 0) this.isTimeUp = false;
    this.scheduleDeadline();
    this.changed();
    if (change.status === 'in_progress') {
      this.retryAtBySlot.clear();
      this.pump();
      this.flushFlags();
    }
  }

  private finish(result: SubmitResult, status: 'submitted' | 'voided' = 'submitted'): void {
    this.submitResult = result;
    this.phase = status;
    this.isTimeUp = false;
    this.timer = this.timer ? { ...this.timer, status } : null;
    this.clearTimers();
    this.pendingAnswers.clear();
    this.pendingFlags.clear();
    if (this.attemptId) void this.outbox?.clear(this.attemptId);
    this.changed();
    this.socket?.disconnect();
  }

  /** Local deadline: lock the paper at zero and ask for the final state if no notice comes. */
  private scheduleDeadline(): void {
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = null;
    if (!this.timer || this.timer.status !== 'in_progress') return;
    const remainingMs = remainingMsAt(this.timer, Date.now());
    this.deadlineTimer = setTimeout(() => {
      this.deadlineTimer = null;
      if (this.phase !== 'in_progress') return;
      if (this.timer && remainingMsAt(this.timer, Date.now()) > 0) return this.scheduleDeadline();
      this.isTimeUp = true;
      this.changed();
      this.scheduleRejoin(7000);
    }, Math.min(remainingMs, 2 ** 31 - 1));
  }

  private scheduleRejoin(afterMs: number): void {
    if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
    this.rejoinTimer = setTimeout(() => {
      this.rejoinTimer = null;
      if (this.phase === 'submitted' || this.phase === 'voided') return;
      if (this.isConnected()) void this.join();
      if (this.isTimeUp) this.scheduleRejoin(5000);
    }, afterMs);
  }

  // ----- sending --------------------------------------------------------------------------------

  private canSend(): boolean {
    return this.hasJoined && this.isConnected() && this.phase === 'in_progress' && !this.isStopped;
  }

  /** Sends the next pending answer not in flight; paced by {@link resendGapMs}. */
  private pump(): void {
    if (!this.canSend() || this.pumpTimer) return;
    const now = Date.now();
    let earliestRetryAt = Infinity;
    for (const entry of this.pendingAnswers.values()) {
      if (this.inflightSeq.get(entry.slot) === entry.seq) continue;
      const retryAt = this.retryAtBySlot.get(entry.slot) ?? 0;
      if (retryAt > now) {
        earliestRetryAt = Math.min(earliestRetryAt, retryAt);
        continue;
      }
      this.sendAnswer(entry);
      this.pumpTimer = setTimeout(() => {
        this.pumpTimer = null;
        this.pump();
      }, this.resendGapMs);
      return;
    }
    if (earliestRetryAt < Infinity && !this.retryTimer) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.pump();
      }, earliestRetryAt - now);
    }
  }

  private sendAnswer(entry: PendingAnswer): void {
    const epoch = this.connectionEpoch;
    this.inflightSeq.set(entry.slot, entry.seq);
    this.retryAtBySlot.delete(entry.slot);
    this.call<AnswerSaved>(events.answer, { slot: entry.slot, response: entry.response, seq: entry.seq }).then(
      (ack) => {
        if (epoch !== this.connectionEpoch || this.isStopped) return;
        if (this.inflightSeq.get(entry.slot) === entry.seq) this.inflightSeq.delete(entry.slot);
        if (ack.ok) this.acknowledgeAnswer(entry, ack.data);
        else this.refuseAnswer(entry, ack.error);
        this.changed();
        this.pump();
      },
      () => {
        if (epoch !== this.connectionEpoch || this.isStopped) return;
        if (this.inflightSeq.get(entry.slot) === entry.seq) this.inflightSeq.delete(entry.slot);
        this.retryAtBySlot.set(entry.slot, Date.now() + 2000);
        this.changed();
        this.pump();
      },
    );
  }

  private acknowledgeAnswer(entry: PendingAnswer, saved: AnswerSaved): void {
    const coveredSeq = saved.isStale ? Math.max(saved.seq, saved.storedSeq) : saved.seq;
    const current = this.pendingAnswers.get(entry.slot);
    if (current && current.seq <= coveredSeq) {
      this.pendingAnswers.delete(entry.slot);
      this.retryAtBySlot.delete(entry.slot);
    }
    if (!current || current.seq <= coveredSeq) this.savedAtBySlot.set(entry.slot, saved.savedAt);
    void this.outbox?.removeAnswer(entry.attemptId, entry.slot, coveredSeq);
  }

  private refuseAnswer(entry: PendingAnswer, error: ExamError & { details?: unknown }): void {
    const details = (error.details ?? {}) as { status?: string; connection?: string; retryAfterMs?: number; retryable?: boolean };
    switch (error.code) {
      case 'validation_failed':
        // A client bug (slot not on the form, wrong shape): drop the change, show it as not saved.
        if (this.pendingAnswers.get(entry.slot)?.seq === entry.seq) this.pendingAnswers.delete(entry.slot);
        this.rejectedSlots.add(entry.slot);
        void this.outbox?.removeAnswer(entry.attemptId, entry.slot, entry.seq);
        return;
      case 'precondition_failed':
        if (details.status === 'paused') {
          this.phase = 'paused';
          if (this.timer) this.timer = { ...this.timer, status: 'paused' };
          return;
        }
        this.retryAtBySlot.set(entry.slot, Date.now() + 2000);
        void this.join();
        return;
      case 'attempt_closed':
        // Time is up or the paper was handed in: lock the paper and fetch the final state.
        this.isTimeUp = true;
        this.scheduleRejoin(500);
        return;
      case 'conflict':
        if (details.connection === 'superseded') {
          this.supersededReason = 'device_change_approved';
          this.setTerminal('superseded');
          return;
        }
        this.retryAtBySlot.set(entry.slot, Date.now() + 500);
        return;
      case 'rate_limited':
        this.retryAtBySlot.set(entry.slot, Date.now() + Math.max(100, details.retryAfterMs ?? 1000));
        return;
      default:
        this.retryAtBySlot.set(entry.slot, Date.now() + 3000);
    }
  }

  private sendFlag(entry: PendingFlag): void {
    if (!this.canSend()) return;
    const epoch = this.connectionEpoch;
    this.call<FlagSaved>(events.flag, { slot: entry.slot, isFlagged: entry.isFlagged }).then(
      (ack) => {
        if (epoch !== this.connectionEpoch || this.isStopped) return;
        if (ack.ok || ack.error.code === 'validation_failed') {
          if (this.pendingFlags.get(entry.slot)?.isFlagged === entry.isFlagged) this.pendingFlags.delete(entry.slot);
          void this.outbox?.removeFlag(entry.attemptId, entry.slot, entry.isFlagged);
          this.changed();
        } else {
          this.scheduleFlagRetry();
        }
      },
      () => this.scheduleFlagRetry(),
    );
  }

  private scheduleFlagRetry(): void {
    if (this.flagRetryTimer || this.isStopped) return;
    this.flagRetryTimer = setTimeout(() => {
      this.flagRetryTimer = null;
      this.flushFlags();
    }, 2000);
  }

  private flushFlags(): void {
    for (const entry of this.pendingFlags.values()) this.sendFlag(entry);
  }

  private sendPosition(): void {
    this.positionTimer = null;
    if (!this.canSend()) return;
    const slot = this.position;
    const attemptId = this.attemptId;
    void this.call(events.position, { slot }).then(
      (ack) => {
        if (!ack.ok || !attemptId) return;
        this.serverPosition = slot;
        void this.outbox?.removePosition(attemptId, slot);
      },
      () => undefined,
    );
  }

  private flushTelemetry(): void {
    const queued = this.telemetryQueue;
    this.telemetryQueue = [];
    for (const report of queued) void this.call(events.telemetry, report).catch(() => undefined);
  }

  /** Emits `event` with an acknowledgement; rejects after the timeout. */
  private call<Data>(event: string, payload: unknown, timeoutMs = this.ackTimeoutMs): Promise<AckResult<Data>> {
    const socket = this.socket;
    if (!socket || !socket.connected) return Promise.reject(new Error('not connected'));
    return new Promise((resolve, reject) => {
      socket.timeout(timeoutMs).emit(event, payload, (error: Error | null, ack: AckResult<Data>) => {
        if (error) reject(new Error(`no acknowledgement of ${event} within ${timeoutMs} ms`));
        else resolve(ack);
      });
    });
  }

  // ----- network --------------------------------------------------------------------------------

  private handleOffline(): void {
    // Do not wait for the heartbeat to notice: stop now, every pending change waits in the outbox.
    this.socket?.disconnect();
    this.changed();
    // A missed 'online' event must not leave the page disconnected.
    this.offlineWatch ??= setInterval(() => {
      if (navigator.onLine) this.handleOnline();
    }, 3000);
  }

  private stopOfflineWatch(): void {
    if (this.offlineWatch) clearInterval(this.offlineWatch);
    this.offlineWatch = null;
  }

  private handleOnline(): void {
    if (this.canReconnect() && this.socket && !this.socket.connected) this.socket.connect();
  }

  private canReconnect(): boolean {
    return !this.isStopped && !['superseded', 'signed_out', 'failed', 'submitted', 'voided'].includes(this.phase);
  }

  private isConnected(): boolean {
    return this.socket?.connected === true;
  }

  private canChange(): boolean {
    return this.phase === 'in_progress' && !this.isTimeUp;
  }

  private setTerminal(phase: 'superseded' | 'signed_out'): void {
    this.phase = phase;
    this.clearTimers();
    this.socket?.disconnect();
    this.changed();
  }

  private fail(error: ExamError): void {
    this.error = { code: error.code, message: error.message };
    this.phase = 'failed';
    this.clearTimers();
    this.socket?.disconnect();
    this.changed();
  }

  private clearTimers(): void {
    for (const timer of [this.pumpTimer, this.retryTimer, this.flagRetryTimer, this.positionTimer, this.deadlineTimer, this.rejoinTimer]) {
      if (timer) clearTimeout(timer);
    }
    this.pumpTimer = this.retryTimer = this.flagRetryTimer = this.positionTimer = this.deadlineTimer = this.rejoinTimer = null;
  }

  // ----- snapshot -------------------------------------------------------------------------------

  private changed(): void {
    this.snapshot = this.buildSnapshot();
    for (const listener of this.listeners) listener();
  }

  private buildSnapshot(): ExamSnapshot {
    const isConnected = this.isConnected();
    const saveStates = new Map<number, { status: SaveStatus; savedAt: number | null }>();
    for (const item of this.items) {
      const savedAt = this.savedAtBySlot.get(item.slot) ?? null;
      let status: SaveStatus = savedAt === null ? 'none' : 'saved';
      if (this.pendingAnswers.has(item.slot)) {
        status = isConnected && this.hasJoined && this.phase === 'in_progress' && !this.retryAtBySlot.has(item.slot) ? 'saving' : 'retrying';
      } else if (this.rejectedSlots.has(item.slot)) {
        status = 'rejected';
      }
      saveStates.set(item.slot, { status, savedAt });
    }
    return {
      phase: this.phase,
      isConnected,
      session: this.session,
      attemptId: this.attemptId,
      items: this.items,
      totalCount: this.totalCount,
      totalPoints: this.totalPoints,
      responses: new Map(this.responses),
      flaggedSlots: this.flaggedSlots,
      position: this.position,
      saveStates,
      pendingCount: this.pendingAnswers.size,
      timer: this.timer,
      isTimeUp: this.isTimeUp,
      submitResult: this.submitResult,
      warnings: this.warnings,
      supersededReason: this.supersededReason,
      heldSince: this.heldSince,
      isBusy: this.isBusy,
      error: this.error,
      isOutboxDurable: this.outbox?.isDurable ?? false,
    };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Final counts of a state (answered = non-empty response). */
function countAnswered(state: AttemptState): Pick<SubmitResult, 'answeredCount' | 'unansweredCount' | 'flaggedCount' | 'totalCount'> {
  const answeredCount = Object.values(state.answers).filter((answer) => answer.response.length > 0).length;
  const totalCount = state.form.totalCount;
  return { answeredCount, unansweredCount: Math.max(0, totalCount - answeredCount), flaggedCount: state.flaggedSlots.length, totalCount };
}
