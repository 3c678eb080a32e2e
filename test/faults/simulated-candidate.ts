/**
 * A simulated exam client over a real socket.io connection that behaves as the protocol in
 * server/src/realtime/README.md asks: an outbox of answer changes (each with `seq = ++lastSeq`) that
 * leaves only on an `ok` acknowledgement, automatic reconnection (also after the server closed the
 * connection), `attempt:join` after every (re)connection, resending the outbox, and a submit that is
 * retried until acknowledged. It records what the server acknowledged and every state it resumed
 * with, so fault suites can check that nothing acknowledged was lost and the timer survived.
 */
import { io as connectSocket, type Socket } from 'socket.io-client';
import { examEvents, examNamespace, type Ack, type AnswerSaved, type AttemptJoinResult, type AttemptState, type SubmitResult } from '@skillcert/server/contracts/exam-room';

/** An acknowledged answer: the highest acknowledged seq of a slot and its response. */
export interface AcknowledgedAnswer {
  seq: number;
  response: number[];
}

/** One answer save as the client saw it (local clock, milliseconds since the epoch). */
export interface SaveOutcome {
  sentAt: number;
  receivedAt: number;
  /** `ok`, an error code, or `timeout`. */
  outcome: string;
  message?: string;
}

/** The state a (re)join returned, with the local clock at receipt. */
export interface ResumedState {
  state: AttemptState;
  receivedAt: number;
}

/** Options of {@link SimulatedCandidate}. */
export interface SimulatedCandidateOptions {
  url: string;
  cookie: string;
  /** Acknowledgement timeout per emit (default 5 000 ms); timed-out changes stay in the outbox. */
  ackTimeoutMs?: number;
}

function randomInteger(limit: number): number {
  return Math.floor(Math.random() * limit);
}

/** One candidate's client. Call `connect()`, then `change()` now and then, then `submit()`. */
export class SimulatedCandidate {
  readonly socket: Socket;
  /** Highest acknowledged seq per slot. */
  readonly acknowledged = new Map<number, AcknowledgedAnswer>();
  /** States returned by every successful join, in order. */
  readonly resumed: ResumedState[] = [];
  /** Refusals by error code (`timeout` for missing acknowledgements). */
  readonly refusals = new Map<string, number>();
  /** Error messages by code (the first few), to check they are clear. */
  readonly refusalMessages = new Map<string, string>();
  /** Every answer save's outcome, in order of receipt. */
  readonly saves: SaveOutcome[] = [];
  /** Every submit acknowledgement / `attempt:submitted` event received. */
  readonly submitResults: SubmitResult[] = [];
  state: AttemptState | null = null;
  isJoined = false;
  isSubmitted = false;
  private readonly outbox = new Map<number, AcknowledgedAnswer>();
  private seq = 0;
  private wantsSubmit = false;
  private readonly ackTimeoutMs: number;

  constructor(options: SimulatedCandidateOptions) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
    this.socket = connectSocket(`${options.url}${examNamespace}`, {
      transports: ['websocket'],
      forceNew: true,
      autoConnect: false,
      reconnection: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1_000,
      randomizationFactor: 0.5,
      extraHeaders: { cookie: options.cookie },
    });
    this.socket.on('connect', () => {
      this.isJoined = false;
      void this.join();
    });
    this.socket.on('disconnect', (reason) => {
      this.isJoined = false;
      // After a server-side close socket.io does not reconnect by itself; the protocol says to.
      if (reason === 'io server disconnect') setTimeout(() => this.socket.connect(), 100 + randomInteger(400));
    });
    this.socket.on(examEvents.submitted, (result: SubmitResult) => {
      this.submitResults.push(result);
      this.isSubmitted = true;
    });
  }

  /** Connects and resolves after the first successful join (and start). */
  async connect(timeoutMs = 30_000): Promise<void> {
    this.socket.connect();
    await this.waitUntilJoined(timeoutMs);
  }

  /** Resolves once joined (or submitted); rejects after `timeoutMs`. */
  async waitUntilJoined(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.isJoined && !this.isSubmitted) {
      if (Date.now() > until) {
        throw new Error(`candidate not joined within ${timeoutMs} ms (connected: ${this.socket.connected}, refusals: ${JSON.stringify(Object.fromEntries(this.refusalMessages))})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private refuse(code: string, message: string): void {
    this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
    if (!this.refusalMessages.has(code)) this.refusalMessages.set(code, message);
  }

  private request<Data>(event: string, payload: unknown): Promise<Ack<Data> | null> {
    return new Promise((resolve) => {
      this.socket.timeout(this.ackTimeoutMs).emit(event, payload, (error: Error | null, ack: Ack<Data>) => {
        if (error) {
          this.refuse('timeout', error.message);
          resolve(null);
        } else resolve(ack);
      });
    });
  }

  /** Joins (and starts) after a connection; retried while connected until it succeeds. */
  private async join(): Promise<void> {
    const connectionId = this.socket.id;
    const retry = () => {
      if (this.socket.connected && this.socket.id === connectionId && !this.isJoined) setTimeout(() => void this.join(), 300 + randomInteger(500));
    };
    const joined = await this.request<AttemptJoinResult>(examEvents.join, {});
    if (!joined?.ok || !joined.data.attempt) {
      if (joined && !joined.ok) this.refuse(`join:${joined.error.code}`, joined.error.message);
      return retry();
    }
    let state = joined.data.attempt;
    if (state.status === 'waiting') {
      const started = await this.request<AttemptState>(examEvents.start, {});
      if (!started?.ok) {
        if (started && !started.ok) this.refuse(`start:${started.error.code}`, started.error.message);
        return retry();
      }
      state = started.data;
    }
    this.state = state;
    this.seq = Math.max(this.seq, state.lastSeq);
    this.resumed.push({ state, receivedAt: Date.now() });
    if (state.status === 'submitted') {
      this.isSubmitted = true;
      return;
    }
    this.isJoined = joined.data.connection === 'active';
    if (!this.isJoined) return;
    for (const slot of this.outbox.keys()) this.send(slot);
    if (this.wantsSubmit) void this.sendSubmit();
  }

  /** Makes one random answer change (queued in the outbox) and sends it when joined. */
  change(): void {
    if (!this.state || this.isSubmitted || this.wantsSubmit) return;
    const items = this.state.form.items;
    const item = items[randomInteger(items.length)];
    const response =
      item.type === 'multiple'
        ? [...new Set([randomInteger(item.options.length), randomInteger(item.options.length)])].sort((left, right) => left - right)
        : [randomInteger(item.options.length)];
    this.seq += 1;
    this.outbox.set(item.slot, { seq: this.seq, response });
    if (this.isJoined) this.send(item.slot);
  }

  /** Resends every queued change (joined only). */
  flush(): void {
    if (!this.isJoined) return;
    for (const slot of this.outbox.keys()) this.send(slot);
  }

  /** Changes not yet acknowledged. */
  get pendingCount(): number {
    return this.outbox.size;
  }

  private send(slot: number): void {
    const entry = this.outbox.get(slot);
    if (!entry) return;
    const sentAt = Date.now();
    void this.request<AnswerSaved>(examEvents.answer, { slot, response: entry.response, seq: entry.seq }).then((ack) => {
      const receivedAt = Date.now();
      if (!ack) {
        this.saves.push({ sentAt, receivedAt, outcome: 'timeout' });
        return;
      }
      if (!ack.ok) {
        this.saves.push({ sentAt, receivedAt, outcome: ack.error.code, message: ack.error.message });
        this.refuse(ack.error.code, ack.error.message);
        return;
      }
      this.saves.push({ sentAt, receivedAt, outcome: 'ok' });
      const known = this.acknowledged.get(slot);
      if (!known || known.seq < entry.seq) this.acknowledged.set(slot, entry);
      if (this.outbox.get(slot)?.seq === entry.seq) this.outbox.delete(slot);
    });
  }

  /** Asks to submit: sent now when joined, and again after every rejoin until acknowledged. */
  async submit(): Promise<void> {
    this.wantsSubmit = true;
    if (this.isJoined) await this.sendSubmit();
  }

  private async sendSubmit(): Promise<void> {
    if (this.isSubmitted) return;
    const ack = await this.request<SubmitResult>(examEvents.submit, {});
    if (!ack) return;
    if (ack.ok) {
      this.submitResults.push(ack.data);
      this.isSubmitted = true;
    } else this.refuse(ack.error.code, ack.error.message);
  }

  /** Closes the connection for good. */
  close(): void {
    this.socket.io.reconnection(false);
    this.socket.close();
  }
}
