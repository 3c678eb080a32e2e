/**
 * Command execution for the embedded store: every MongoDB command the driver and mongoose send,
 * sessions, retryable writes, transactions and cursors. A command's reads and in-memory writes
 * run synchronously (so commands never interleave); its journal record is then made durable
 * before the reply is sent.
 */
import { randomBytes } from 'node:crypto';
import { Binary, calculateObjectSize, Long, ObjectId, UUID } from 'bson';
import { cloneValue, compareValues, isPlainObject, pathValues, valueKey, type Doc } from './bson-values';
import { CommandError, ErrorCode } from './command-error';
import {
  CommittedView,
  TransactionView,
  commitOverlay,
  type CollectionView,
  type Transaction,
} from './collection-view';
import { DurableLog, encodeOp, MAX_BSON_OBJECT_SIZE, type EncodedOp, type StoreLogger } from './durable-log';
import { applyUpdate, compileFilter, projectDocs, runPipeline, sortDocs, upsertSeed } from './query-engine';
import { IndexState, StoreState, duplicateKeyError, ID_INDEX_SPEC, type IndexSpec } from './storage';

/** Highest wire version announced (MongoDB 7.0). */
export const MAX_WIRE_VERSION = 21;
/** Replica-set name the store announces so drivers allow sessions, retryable writes and transactions. */
export const REPLICA_SET_NAME = 'embedded';
const DEFAULT_BATCH_SIZE = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
const CURSOR_IDLE_TIMEOUT_MS = 10 * 60 * 1000;
const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
const TRANSACTION_LIFETIME_MS = 60 * 1000;

interface Cursor {
  id: bigint;
  ns: string;
  docs: Doc[];
  position: number;
  lastUsedMs: number;
}

interface Session {
  id: string;
  lastUsedMs: number;
  txnNumber: number;
  txn?: Transaction;
  /** Last retryable write: its txnNumber and reply (a retry gets the same reply). */
  retryable?: { txnNumber: number; reply: Promise<Doc> };
}

/** Per-connection facts the engine needs (for hello). */
export interface ConnectionInfo {
  connectionId: number;
}

interface CommandContext {
  db: string;
  session?: Session;
  txn?: Transaction;
  ops: EncodedOp[];
}

const TXN_COMMANDS = new Set([
  'find',
  'getMore',
  'killCursors',
  'insert',
  'update',
  'delete',
  'findAndModify',
  'aggregate',
  'distinct',
  'create',
  'commitTransaction',
  'abortTransaction',
]);

/** Pipeline stages that only pass along or summarise documents (no $lookup, no field writes). */
const NON_MUTATING_STAGES = new Set(['$match', '$group', '$count', '$sort', '$skip', '$limit', '$sortByCount']);

const IGNORED_FIELDS = new Set([
  '$db',
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  '$clusterTime',
  '$readPreference',
  'readConcern',
  'writeConcern',
  'comment',
  'maxTimeMS',
  '$audit',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

/** The command executor behind the wire protocol. */
export class StoreEngine {
  readonly state = new StoreState();
  log!: DurableLog;
  private readonly cursors = new Map<bigint, Cursor>();
  private readonly sessions = new Map<string, Session>();
  private readonly activeTransactions = new Set<Transaction>();
  private nextCursorId = BigInt('0x' + randomBytes(6).toString('hex')) + 1n;
  private readonly electionId = new ObjectId('7fffffff0000000000000001');
  private readonly startedAt = new Date();
  private sweepTimer?: NodeJS.Timeout;
  private ttlTimer?: NodeJS.Timeout;
  /** `host:port` announced in hello; set once the server listens. */
  address = '127.0.0.1:0';

  constructor(private readonly logger: StoreLogger) {}

  /**
   * Opens the durable log (replaying it into memory) and starts the idle/lifetime sweeper and
   * the TTL monitor (every `ttlMonitorIntervalMs`, default 60 s, like mongod).
   */
  async open(dataDir: string, compactAfterBytes?: number, ttlMonitorIntervalMs = 60_000): Promise<void> {
    this.log = await DurableLog.open({ dataDir, logger: this.logger, compactAfterBytes }, this.state);
    this.sweepTimer = setInterval(() => this.sweep(), 1000);
    this.sweepTimer.unref();
    this.ttlTimer = setInterval(() => {
      this.expireDocuments().catch((error: Error) => this.logger.error('embedded store: TTL deletion failed', { error: error.message }));
    }, ttlMonitorIntervalMs);
    this.ttlTimer.unref();
  }

  /** Deletes documents whose TTL index date lies more than expireAfterSeconds in the past. */
  async expireDocuments(nowMs = Date.now()): Promise<number> {
    if (this.log.failed) return 0;
    const ops: EncodedOp[] = [];
    let deleted = 0;
    for (const db of this.state.databases.values()) {
      for (const coll of db.collections.values()) {
        for (const index of coll.indexes) {
          const ttl = index.spec.expireAfterSeconds;
          if (typeof ttl !== 'number' || !Number.isFinite(ttl) || index.fields.length !== 1) continue;
          const cutoff = nowMs - ttl * 1000;
          const view = new CommittedView(this.state, coll.ns, ops);
          for (const doc of [...coll.docs.values()]) {
            if (index.partial && !index.partial.test(doc)) continue;
            const dates = pathValues(doc, index.fields[0]).filter((v): v is Date => v instanceof Date);
            if (dates.length === 0) continue;
            if (Math.min(...dates.map((d) => d.getTime())) < cutoff) {
              view.remove(doc);
              deleted++;
            }
          }
        }
      }
    }
    if (ops.length > 0) await this.log.append(ops);
    return deleted;
  }

  /** Aborts open transactions, waits for the journal and releases the data directory. */
  async close(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.ttlTimer) clearInterval(this.ttlTimer);
    for (const txn of this.activeTransactions) txn.state = 'aborted';
    this.activeTransactions.clear();
    await this.log.close();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, cursor] of this.cursors) if (now - cursor.lastUsedMs > CURSOR_IDLE_TIMEOUT_MS) this.cursors.delete(id);
    for (const txn of this.activeTransactions) {
      if (now - txn.startedAtMs > TRANSACTION_LIFETIME_MS) this.abortTransaction(txn, 'exceeded the transaction lifetime limit');
    }
    for (const [id, session] of this.sessions) {
      if (now - session.lastUsedMs > SESSION_IDLE_TIMEOUT_MS) {
        if (session.txn?.state === 'active') this.abortTransaction(session.txn, 'session expired');
        this.sessions.delete(id);
      }
    }
  }

  private abortTransaction(txn: Transaction, reason: string): void {
    if (txn.state !== 'active') return;
    txn.state = 'aborted';
    this.activeTransactions.delete(txn);
    this.logger.debug?.('embedded store: transaction aborted', { sessionId: txn.sessionId, txnNumber: txn.txnNumber, reason });
  }

  /**
   * Runs one command document (OP_MSG body with document sequences merged in) against `$db`.
   * Always resolves with a reply document; failures become `{ ok: 0, code, errmsg }`.
   */
  async execute(command: Doc, connection: ConnectionInfo): Promise<Doc> {
    const name = Object.keys(command)[0];
    const db = typeof command.$db === 'string' ? command.$db : 'admin';
    try {
      if (this.log.failed) throw new CommandError(ErrorCode.InternalError, this.log.failed.message);
      const session = this.sessionFor(command);
      const txnNumber = command.txnNumber === undefined ? undefined : Number(command.txnNumber);
      if (session && txnNumber !== undefined && command.autocommit === false) {
        return await this.executeInTransaction(name, command, db, session, txnNumber, connection);
      }
      if (session && txnNumber !== undefined && isWriteCommand(name)) {
        if (session.retryable && session.retryable.txnNumber === txnNumber) return await session.retryable.reply;
        if (txnNumber < session.txnNumber) {
          throw new CommandError(225, `Retryable write with txnNumber ${txnNumber} is prohibited on session ${session.id} because a newer retryable write with txnNumber ${session.txnNumber} has already started on this session.`);
        }
        if (session.txn?.state === 'active') this.abortTransaction(session.txn, 'superseded by a newer txnNumber');
        session.txnNumber = txnNumber;
        const reply = this.run(name, command, { db, session, ops: [] }, connection);
        session.retryable = { txnNumber, reply };
        return await reply;
      }
      return await this.run(name, command, { db, session, ops: [] }, connection);
    } catch (error) {
      return errorReply(error, this.logger, name);
    }
  }

  private async executeInTransaction(
    name: string,
    command: Doc,
    db: string,
    session: Session,
    txnNumber: number,
    connection: ConnectionInfo,
  ): Promise<Doc> {
    if (command.startTransaction === true) {
      const isUsed = txnNumber === session.txnNumber && (session.txn?.txnNumber === txnNumber || session.retryable?.txnNumber === txnNumber);
      if (txnNumber < session.txnNumber || isUsed) {
        throw new CommandError(225, `Cannot start transaction ${txnNumber} on session ${session.id} because a newer transaction ${session.txnNumber} has already started.`);
      }
      if (session.txn?.state === 'active') this.abortTransaction(session.txn, 'a newer transaction started');
      session.txnNumber = txnNumber;
      session.txn = {
        txnNumber,
        startedAtMs: Date.now(),
        sessionId: session.id,
        writes: new Map(),
        created: new Set(),
        state: 'active',
      };
      this.activeTransactions.add(session.txn);
    }
    const txn = session.txn;
    if (!txn || session.txnNumber !== txnNumber || txn.txnNumber !== txnNumber) {
      throw noSuchTransaction(txnNumber);
    }
    if (name === 'commitTransaction') return this.commitTransaction(txn);
    if (name === 'abortTransaction') {
      if (txn.state !== 'active') throw noSuchTransaction(txnNumber);
      this.abortTransaction(txn, 'abortTransaction');
      return { ok: 1 };
    }
    if (txn.state === 'committed') {
      throw new CommandError(ErrorCode.TransactionCommitted, `Transaction ${txnNumber} has been committed.`);
    }
    if (txn.state !== 'active') throw noSuchTransaction(txnNumber);
    if (!TXN_COMMANDS.has(name)) {
      throw new CommandError(ErrorCode.OperationNotSupportedInTransaction, `Cannot run '${name}' in a multi-document transaction.`);
    }
    try {
      const reply = await this.run(name, command, { db, session, txn, ops: [] }, connection);
      if (Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0) this.abortTransaction(txn, 'write error');
      return reply;
    } catch (error) {
      this.abortTransaction(txn, 'command error');
      throw error;
    }
  }

  private async commitTransaction(txn: Transaction): Promise<Doc> {
    if (txn.state === 'committed') return { ok: 1 };
    if (txn.state !== 'active') throw noSuchTransaction(txn.txnNumber);
    let ops: EncodedOp[];
    try {
      ops = commitOverlay(this.state, txn);
    } catch (error) {
      this.abortTransaction(txn, 'write conflict at commit');
      throw error;
    }
    txn.state = 'committed';
    this.activeTransactions.delete(txn);
    if (ops.length > 0) await this.log.append(ops);
    return { ok: 1 };
  }

  private sessionFor(command: Doc): Session | undefined {
    const lsid = command.lsid as Doc | undefined;
    if (!lsid || !(lsid.id instanceof Binary)) return undefined;
    const id = Buffer.from(lsid.id.buffer).toString('hex');
    let session = this.sessions.get(id);
    if (!session) this.sessions.set(id, (session = { id, lastUsedMs: Date.now(), txnNumber: -1 }));
    session.lastUsedMs = Date.now();
    return session;
  }

  private view(ctx: CommandContext, coll: string): CollectionView {
    const ns = `${ctx.db}.${coll}`;
    if (ctx.txn) return new TransactionView(this.state, ns, ctx.txn, this.activeTransactions);
    return new CommittedView(this.state, ns, ctx.ops);
  }

  private committedView(ctx: CommandContext, coll: string): CommittedView {
    return new CommittedView(this.state, `${ctx.db}.${coll}`, ctx.ops);
  }

  private async run(name: string, command: Doc, ctx: CommandContext, connection: ConnectionInfo): Promise<Doc> {
    const reply = this.dispatch(name, command, ctx, connection);
    if (ctx.ops.length > 0) await this.log.append(ctx.ops);
    return reply;
  }

  private dispatch(name: string, cmd: Doc, ctx: CommandContext, connection: ConnectionInfo): Doc {
    checkCollation(cmd.collation);
    switch (name) {
      case 'hello':
      case 'isMaster':
      case 'ismaster':
        return this.hello(name, connection);
      case 'ping':
        return { ok: 1 };
      case 'buildInfo':
      case 'buildinfo':
        return {
          version: '7.0.0',
          gitVersion: 'embedded',
          versionArray: [7, 0, 0, 0],
          bits: 64,
          maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
          storageEngines: ['embedded'],
          javascriptEngine: 'none',
          ok: 1,
        };
      case 'getParameter':
        return this.getParameter(cmd);
      case 'getLog':
        return { totalLinesWritten: 0, log: [], ok: 1 };
      case 'serverStatus':
        return {
          host: this.address,
          version: '7.0.0',
          process: 'embedded',
          pid: Long.fromNumber(process.pid),
          uptime: (Date.now() - this.startedAt.getTime()) / 1000,
          localTime: new Date(),
          connections: { current: 0 },
          ok: 1,
        };
      case 'hostInfo':
        return { system: { hostname: this.address }, ok: 1 };
      case 'whatsmyuri':
        return { you: '127.0.0.1', ok: 1 };
      case 'connectionStatus':
        return { authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 };
      case 'getCmdLineOpts':
        return { argv: ['embedded'], parsed: {}, ok: 1 };
      case 'getLastError':
      case 'getlasterror':
        return { n: 0, err: null, ok: 1 };
      case 'endSessions':
      case 'killSessions':
        return this.endSessions(cmd[name]);
      case 'killAllSessions':
      case 'killAllSessionsByPattern':
        for (const s of this.sessions.values()) if (s.txn?.state === 'active') this.abortTransaction(s.txn, 'killAllSessions');
        this.sessions.clear();
        return { ok: 1 };
      case 'refreshSessions':
      case 'startSession':
        return { ok: 1 };
      case 'commitTransaction':
      case 'abortTransaction':
        throw new CommandError(ErrorCode.NoSuchTransaction, 'Given transaction number does not match any in-progress transactions. (no transaction fields given)', {}, ['TransientTransactionError']);
      case 'find':
        return this.find(cmd, ctx);
      case 'getMore':
        return this.getMore(cmd);
      case 'killCursors':
        return this.killCursors(cmd);
      case 'insert':
        return this.insert(cmd, ctx);
      case 'update':
        return this.update(cmd, ctx);
      case 'delete':
        return this.delete(cmd, ctx);
      case 'findAndModify':
      case 'findandmodify':
        return this.findAndModify(cmd, ctx, name);
      case 'aggregate':
        return this.aggregate(cmd, ctx);
      case 'count':
        return this.count(cmd, ctx);
      case 'distinct':
        return this.distinct(cmd, ctx);
      case 'createIndexes':
        return this.createIndexes(cmd, ctx);
      case 'listIndexes':
        return this.listIndexes(cmd, ctx);
      case 'dropIndexes':
      case 'deleteIndexes':
        return this.dropIndexes(cmd, ctx, name);
      case 'listCollections':
        return this.listCollections(cmd, ctx);
      case 'listDatabases':
        return this.listDatabases(cmd);
      case 'create':
        return this.create(cmd, ctx);
      case 'drop':
        return this.drop(cmd, ctx);
      case 'dropDatabase':
        return this.dropDatabase(ctx);
      case 'renameCollection':
        return this.renameCollection(cmd, ctx);
      case 'dbStats':
        return this.dbStats(ctx);
      case 'collStats':
        return this.collStats(cmd, ctx);
      case 'explain':
        throw new CommandError(ErrorCode.NotImplemented, 'explain is not implemented by the embedded store');
      default:
        throw new CommandError(ErrorCode.CommandNotFound, `no such command: '${name}'`);
    }
  }

  private hello(name: string, connection: ConnectionInfo): Doc {
    const reply: Doc = {
      helloOk: true,
      isWritablePrimary: true,
      secondary: false,
      setName: REPLICA_SET_NAME,
      setVersion: 1,
      hosts: [this.address],
      primary: this.address,
      me: this.address,
      electionId: this.electionId,
      lastWrite: {
        opTime: { ts: Long.fromNumber(0), t: Long.fromNumber(1) },
        lastWriteDate: new Date(),
      },
      maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      connectionId: connection.connectionId,
      minWireVersion: 0,
      maxWireVersion: MAX_WIRE_VERSION,
      readOnly: false,
      ok: 1,
    };
    if (name !== 'hello') reply.ismaster = true;
    return reply;
  }

  private getParameter(cmd: Doc): Doc {
    const reply: Doc = { ok: 1 };
    if (cmd.featureCompatibilityVersion !== undefined || cmd.getParameter === '*') {
      reply.featureCompatibilityVersion = { version: '7.0' };
    }
    if (cmd.transactionLifetimeLimitSeconds !== undefined || cmd.getParameter === '*') {
      reply.transactionLifetimeLimitSeconds = TRANSACTION_LIFETIME_MS / 1000;
    }
    return reply;
  }

  private endSessions(ids: unknown): Doc {
    if (Array.isArray(ids)) {
      for (const lsid of ids) {
        if (!isPlainObject(lsid) || !(lsid.id instanceof Binary)) continue;
        const key = Buffer.from(lsid.id.buffer).toString('hex');
        const session = this.sessions.get(key);
        if (session?.txn?.state === 'active') this.abortTransaction(session.txn, 'endSessions');
        this.sessions.delete(key);
      }
    }
    return { ok: 1 };
  }

  // ---- cursors -------------------------------------------------------------------------

  private cursorReply(ns: string, docs: Doc[], batchSize: number | undefined, isSingleBatch: boolean): Doc {
    const cursor: Cursor = { id: 0n, ns, docs, position: 0, lastUsedMs: Date.now() };
    const firstBatch = takeBatch(cursor, batchSize ?? DEFAULT_BATCH_SIZE);
    let id = 0n;
    if (!isSingleBatch && cursor.position < docs.length) {
      id = this.nextCursorId++;
      cursor.id = id;
      this.cursors.set(id, cursor);
    }
    return { cursor: { firstBatch, id: Long.fromBigInt(id), ns }, ok: 1 };
  }

  private getMore(cmd: Doc): Doc {
    const id = toBigInt(cmd.getMore);
    const cursor = this.cursors.get(id);
    if (!cursor) throw new CommandError(ErrorCode.CursorNotFound, `cursor id ${id} not found`);
    const batchSize = cmd.batchSize === undefined ? Number.MAX_SAFE_INTEGER : Number(cmd.batchSize);
    cursor.lastUsedMs = Date.now();
    const nextBatch = takeBatch(cursor, batchSize > 0 ? batchSize : Number.MAX_SAFE_INTEGER);
    let replyId = id;
    if (cursor.position >= cursor.docs.length) {
      this.cursors.delete(id);
      replyId = 0n;
    }
    return { cursor: { nextBatch, id: Long.fromBigInt(replyId), ns: cursor.ns }, ok: 1 };
  }

  private killCursors(cmd: Doc): Doc {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of (cmd.cursors as unknown[]) ?? []) {
      const id = toBigInt(raw);
      if (this.cursors.delete(id)) killed.push(Long.fromBigInt(id));
      else notFound.push(Long.fromBigInt(id));
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  // ---- reads ---------------------------------------------------------------------------

  private find(cmd: Doc, ctx: CommandContext): Doc {
    const coll = collectionName(cmd.find, 'find');
    for (const option of ['tailable', 'awaitData', 'returnKey', 'showRecordId', 'min', 'max']) {
      if (cmd[option] !== undefined && cmd[option] !== false) {
        throw new CommandError(ErrorCode.NotImplemented, `find option '${option}' is not implemented by the embedded store`);
      }
    }
    const view = this.view(ctx, coll);
    const filter = compileFilter(cmd.filter, cmd.let as Doc | undefined);
    const skip = cmd.skip === undefined ? 0 : Number(cmd.skip);
    let limit = cmd.limit === undefined ? 0 : Number(cmd.limit);
    let isSingleBatch = cmd.singleBatch === true;
    if (limit < 0) {
      limit = -limit;
      isSingleBatch = true;
    }
    if (skip < 0) throw new CommandError(ErrorCode.BadValue, 'skip value must be non-negative');
    const hasSort = isPlainObject(cmd.sort) && Object.keys(cmd.sort).length > 0;
    let docs = view.scan(filter, !hasSort && limit > 0 ? skip + limit : undefined);
    if (hasSort) docs = sortDocs(docs, cmd.sort);
    if (skip > 0 || limit > 0) docs = docs.slice(skip, limit > 0 ? skip + limit : undefined);
    docs = projectDocs(docs, filter.filter, cmd.projection);
    let batchSize = cmd.batchSize === undefined ? undefined : Number(cmd.batchSize);
    if (limit > 0 && (batchSize === undefined || batchSize >= limit)) batchSize = limit;
    // The cursor closes by itself once every document was returned (docs are already limited).
    return this.cursorReply(view.ns, docs, batchSize, isSingleBatch);
  }

  private aggregate(cmd: Doc, ctx: CommandContext): Doc {
    if (cmd.explain) throw new CommandError(ErrorCode.NotImplemented, 'explain is not implemented by the embedded store');
    if (!Array.isArray(cmd.pipeline)) throw new CommandError(ErrorCode.TypeMismatch, "'pipeline' option must be specified as an array");
    if (!isPlainObject(cmd.cursor)) throw new CommandError(ErrorCode.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
    const pipeline = cmd.pipeline as Doc[];
    let input: Doc[];
    let rest = pipeline;
    let ns: string;
    if (cmd.aggregate === 1 || cmd.aggregate === 1.0) {
      const first = pipeline[0];
      if (!first || !('$documents' in first)) {
        throw new CommandError(ErrorCode.NotImplemented, 'collection-less aggregate is only implemented with a leading $documents stage');
      }
      input = [];
      ns = `${ctx.db}.$cmd.aggregate`;
    } else {
      const coll = collectionName(cmd.aggregate, 'aggregate');
      const view = this.view(ctx, coll);
      ns = view.ns;
      const first = pipeline[0];
      if (first && isPlainObject(first) && '$match' in first) {
        input = view.scan(compileFilter(first.$match, cmd.let as Doc | undefined));
        rest = pipeline.slice(1);
      } else {
        input = view.all();
      }
    }
    for (const stage of rest) {
      const stageName = isPlainObject(stage) ? Object.keys(stage)[0] : '';
      if (stageName === '$out' || stageName === '$merge') {
        throw new CommandError(ErrorCode.NotImplemented, `aggregation stage ${stageName} is not implemented by the embedded store`);
      }
    }
    let output: Doc[];
    if (rest.length === 0) {
      output = input;
    } else if (rest.every((stage) => isPlainObject(stage) && NON_MUTATING_STAGES.has(Object.keys(stage)[0]))) {
      // These stages never modify documents, so stored documents need no defensive copy.
      output = runPipeline(input, rest, { variables: cmd.let as Doc | undefined });
    } else {
      const cache = new Map<string, Doc[]>();
      output = runPipeline(input.map(cloneValue), rest, {
        variables: cmd.let as Doc | undefined,
        resolver: (name) => {
          let docs = cache.get(name);
          if (!docs) cache.set(name, (docs = this.view(ctx, name).all().map(cloneValue)));
          return docs;
        },
      });
    }
    const batchSize = (cmd.cursor as Doc).batchSize;
    return this.cursorReply(ns, output, batchSize === undefined ? undefined : Number(batchSize), false);
  }

  private count(cmd: Doc, ctx: CommandContext): Doc {
    const view = this.view(ctx, collectionName(cmd.count, 'count'));
    const docs = view.scan(compileFilter(cmd.query));
    const skip = cmd.skip === undefined ? 0 : Math.max(0, Number(cmd.skip));
    const limit = cmd.limit === undefined ? 0 : Math.abs(Number(cmd.limit));
    let n = Math.max(0, docs.length - skip);
    if (limit > 0) n = Math.min(n, limit);
    return { n, ok: 1 };
  }

  private distinct(cmd: Doc, ctx: CommandContext): Doc {
    const view = this.view(ctx, collectionName(cmd.distinct, 'distinct'));
    if (typeof cmd.key !== 'string') throw new CommandError(ErrorCode.TypeMismatch, "'key' must be a string");
    const seen = new Map<string, unknown>();
    for (const doc of view.scan(compileFilter(cmd.query))) {
      for (const v of pathValues(doc, cmd.key)) {
        if (v === undefined) continue;
        const k = valueKey(v);
        if (!seen.has(k)) seen.set(k, v);
      }
    }
    const values = [...seen.values()].sort(compareValues);
    return { values, ok: 1 };
  }

  // ---- writes --------------------------------------------------------------------------

  private insert(cmd: Doc, ctx: CommandContext): Doc {
    const view = this.view(ctx, collectionName(cmd.insert, 'insert'));
    const documents = cmd.documents;
    if (!Array.isArray(documents)) throw new CommandError(ErrorCode.TypeMismatch, "'documents' must be an array");
    const isOrdered = cmd.ordered !== false;
    const writeErrors: Doc[] = [];
    let n = 0;
    for (let i = 0; i < documents.length; i++) {
      try {
        view.insert(prepareInsert(documents[i]));
        n++;
      } catch (error) {
        writeErrors.push(writeError(i, error));
        if (isOrdered) break;
      }
    }
    const reply: Doc = { n, ok: 1 };
    if (writeErrors.length > 0) reply.writeErrors = writeErrors;
    return reply;
  }

  private update(cmd: Doc, ctx: CommandContext): Doc {
    const view = this.view(ctx, collectionName(cmd.update, 'update'));
    const updates = cmd.updates;
    if (!Array.isArray(updates)) throw new CommandError(ErrorCode.TypeMismatch, "'updates' must be an array");
    const isOrdered = cmd.ordered !== false;
    const writeErrors: Doc[] = [];
    const upserted: Doc[] = [];
    let n = 0;
    let nModified = 0;
    for (let i = 0; i < updates.length; i++) {
      try {
        const r = this.updateOne(view, updates[i] as Doc, cmd.let as Doc | undefined);
        n += r.n;
        nModified += r.nModified;
        if (r.upsertedId !== undefined) upserted.push({ index: i, _id: r.upsertedId });
      } catch (error) {
        writeErrors.push(writeError(i, error));
        if (isOrdered) break;
      }
    }
    const reply: Doc = { n, nModified, ok: 1 };
    if (upserted.length > 0) reply.upserted = upserted;
    if (writeErrors.length > 0) reply.writeErrors = writeErrors;
    return reply;
  }

  private updateOne(view: CollectionView, statement: Doc, variables?: Doc): { n: number; nModified: number; upsertedId?: unknown } {
    if (!isPlainObject(statement)) throw new CommandError(ErrorCode.TypeMismatch, 'update statement must be an object');
    checkCollation(statement.collation);
    const u = statement.u;
    const isMulti = statement.multi === true;
    const isReplacement = isPlainObject(u) && Object.keys(u).length > 0 && !Object.keys(u)[0].startsWith('$');
    if (isMulti && isReplacement) throw new CommandError(ErrorCode.FailedToParse, 'multi update is not supported for replacement-style update');
    const arrayFilters = statement.arrayFilters as Doc[] | undefined;
    const vars = { ...(variables ?? {}), ...((statement.c as Doc | undefined) ?? {}) };
    const filter = compileFilter(statement.q, vars);
    let matches: Doc[];
    if (statement.sort !== undefined && !isMulti) {
      matches = sortDocs(view.scan(filter), statement.sort).slice(0, 1);
    } else {
      matches = view.scan(filter, isMulti ? undefined : 1);
    }
    let nModified = 0;
    for (const doc of matches) {
      const { doc: next, isChanged } = applyUpdate(doc, u, { arrayFilters, filter: filter.filter, variables: vars });
      if (isChanged) {
        view.replace(doc, next);
        nModified++;
      }
    }
    if (matches.length > 0 || statement.upsert !== true) return { n: matches.length, nModified };
    const inserted = this.buildUpsert(filter.filter, u, arrayFilters, vars);
    const stored = view.insert(inserted);
    return { n: 1, nModified: 0, upsertedId: stored._id };
  }

  private buildUpsert(filter: Doc, u: unknown, arrayFilters: Doc[] | undefined, variables?: Doc): Doc {
    const seed = upsertSeed(filter);
    let doc: Doc;
    if (isPlainObject(u) && (Object.keys(u).length === 0 || !Object.keys(u)[0].startsWith('$'))) {
      doc = {};
      if (seed._id !== undefined) doc._id = seed._id;
      for (const [k, v] of Object.entries(u)) doc[k] = cloneValue(v);
    } else {
      doc = applyUpdate(seed, u, { arrayFilters, filter, isInsert: true, variables }).doc;
    }
    return prepareInsert(doc);
  }

  private delete(cmd: Doc, ctx: CommandContext): Doc {
    const view = this.view(ctx, collectionName(cmd.delete, 'delete'));
    const deletes = cmd.deletes;
    if (!Array.isArray(deletes)) throw new CommandError(ErrorCode.TypeMismatch, "'deletes' must be an array");
    const isOrdered = cmd.ordered !== false;
    const writeErrors: Doc[] = [];
    let n = 0;
    for (let i = 0; i < deletes.length; i++) {
      try {
        const statement = deletes[i] as Doc;
        checkCollation(statement.collation);
        const limit = Number(statement.limit ?? 0);
        if (limit !== 0 && limit !== 1) throw new CommandError(ErrorCode.BadValue, `The limit field in delete objects must be 0 or 1. Got ${limit}`);
        const filter = compileFilter(statement.q, cmd.let as Doc | undefined);
        const matches = view.scan(filter, limit === 1 ? 1 : undefined);
        for (const doc of matches) view.remove(doc);
        n += matches.length;
      } catch (error) {
        writeErrors.push(writeError(i, error));
        if (isOrdered) break;
      }
    }
    const reply: Doc = { n, ok: 1 };
    if (writeErrors.length > 0) reply.writeErrors = writeErrors;
    return reply;
  }

  private findAndModify(cmd: Doc, ctx: CommandContext, name: string): Doc {
    const view = this.view(ctx, collectionName(cmd[name], 'findAndModify'));
    const isRemove = cmd.remove === true;
    if (isRemove && cmd.update !== undefined) throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both an update and remove=true');
    if (!isRemove && cmd.update === undefined) throw new CommandError(ErrorCode.FailedToParse, 'Either an update or remove=true must be specified');
    if (isRemove && cmd.upsert === true) throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both upsert=true and remove=true');
    const variables = cmd.let as Doc | undefined;
    const filter = compileFilter(cmd.query, variables);
    const hasSort = isPlainObject(cmd.sort) && Object.keys(cmd.sort).length > 0;
    const matches = hasSort ? sortDocs(view.scan(filter), cmd.sort).slice(0, 1) : view.scan(filter, 1);
    const doc = matches[0];
    const project = (d: Doc | null): Doc | null => (d && cmd.fields ? projectDocs([d], filter.filter, cmd.fields)[0] ?? null : d);
    if (isRemove) {
      if (doc) view.remove(doc);
      return { lastErrorObject: { n: doc ? 1 : 0 }, value: project(doc ?? null), ok: 1 };
    }
    const arrayFilters = cmd.arrayFilters as Doc[] | undefined;
    if (doc) {
      const { doc: next, isChanged } = applyUpdate(doc, cmd.update, { arrayFilters, filter: filter.filter, variables });
      const stored = isChanged ? view.replace(doc, next) : doc;
      return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(cmd.new === true ? stored : doc), ok: 1 };
    }
    if (cmd.upsert === true) {
      const stored = view.insert(this.buildUpsert(filter.filter, cmd.update, arrayFilters, variables));
      return {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: stored._id },
        value: cmd.new === true ? project(stored) : null,
        ok: 1,
      };
    }
    return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  }

  // ---- catalog -------------------------------------------------------------------------

  private createIndexes(cmd: Doc, ctx: CommandContext): Doc {
    const view = this.committedView(ctx, collectionName(cmd.createIndexes, 'createIndexes'));
    const specs = cmd.indexes;
    if (!Array.isArray(specs) || specs.length === 0) throw new CommandError(ErrorCode.BadValue, "Must specify at least one index to create");
    const isCreated = view.ensure();
    const coll = this.state.getCollection(view.ns)!;
    const before = coll.indexes.length + 1;
    let note: string | undefined;
    for (const raw of specs) {
      const spec = normalizeIndexSpec(raw);
      if (spec.name === '_id_' || (Object.keys(spec.key).length === 1 && spec.key._id === 1 && !spec.unique && !spec.partialFilterExpression && !spec.sparse)) {
        note = 'all indexes already exist';
        continue;
      }
      const sameName = coll.findIndex(spec.name);
      const sameKey = coll.indexes.find((i) => valueKey(i.spec.key) === valueKey(spec.key) && valueKey(i.spec.partialFilterExpression ?? null) === valueKey(spec.partialFilterExpression ?? null));
      if (sameName) {
        if (valueKey(sameName.spec.key) !== valueKey(spec.key)) {
          throw new CommandError(ErrorCode.IndexKeySpecsConflict, `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`);
        }
        if (indexOptionsKey(sameName.spec) !== indexOptionsKey(spec)) {
          throw new CommandError(ErrorCode.IndexOptionsConflict, `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`);
        }
        note = 'all indexes already exist';
        continue;
      }
      if (sameKey) {
        throw new CommandError(ErrorCode.IndexOptionsConflict, `Index already exists with a different name: ${sameKey.name}`);
      }
      const probe = new IndexState(spec);
      if (!probe.isMapped && spec.unique) {
        throw new CommandError(ErrorCode.NotImplemented, `unique ${JSON.stringify(spec.key)} indexes are not implemented by the embedded store`);
      }
      if (probe.isMapped) {
        for (const [idKey, doc] of coll.docs) {
          for (const { key, values } of probe.keysOf(doc)) {
            const ids = probe.entries.get(key);
            if (spec.unique && ids && [...ids].some((x) => x !== idKey)) throw duplicateKeyError(view.ns, probe, probe.keyValue(values));
          }
          probe.add(idKey, doc);
        }
      }
      ctx.ops.push(...encodeAndApply(this.state, { o: 'ci', ns: view.ns, spec }));
    }
    const reply: Doc = { createdCollectionAutomatically: isCreated, numIndexesBefore: before, numIndexesAfter: coll.indexes.length + 1, ok: 1 };
    if (note && reply.numIndexesAfter === before) reply.note = note;
    return reply;
  }

  private listIndexes(cmd: Doc, ctx: CommandContext): Doc {
    const coll = collectionName(cmd.listIndexes, 'listIndexes');
    const state = this.state.getCollection(`${ctx.db}.${coll}`);
    if (!state) throw new CommandError(ErrorCode.NamespaceNotFound, `ns does not exist: ${ctx.db}.${coll}`);
    const batchSize = isPlainObject(cmd.cursor) && cmd.cursor.batchSize !== undefined ? Number(cmd.cursor.batchSize) : undefined;
    return this.cursorReply(`${ctx.db}.${coll}`, state.indexSpecs().map((s) => ({ ...s })), batchSize, false);
  }

  private dropIndexes(cmd: Doc, ctx: CommandContext, name: string): Doc {
    const coll = collectionName(cmd[name], name);
    const ns = `${ctx.db}.${coll}`;
    const state = this.state.getCollection(ns);
    if (!state) throw new CommandError(ErrorCode.NamespaceNotFound, `ns not found ${ns}`);
    const nIndexesWas = state.indexes.length + 1;
    const target = cmd.index;
    let names: string[];
    if (target === '*') names = state.indexes.map((i) => i.name);
    else if (typeof target === 'string') names = [target];
    else if (Array.isArray(target)) names = target.map(String);
    else if (isPlainObject(target)) {
      const found = state.indexes.find((i) => valueKey(i.spec.key) === valueKey(target));
      if (!found) {
        if (valueKey(target) === valueKey({ _id: 1 })) throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
        throw new CommandError(ErrorCode.IndexNotFound, `can't find index with key: ${JSON.stringify(target)}`);
      }
      names = [found.name];
    } else throw new CommandError(ErrorCode.TypeMismatch, "'index' must be a string, array or object");
    for (const n of names) {
      if (n === '_id_') throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
      if (!state.findIndex(n)) throw new CommandError(ErrorCode.IndexNotFound, `index not found with name [${n}]`);
    }
    for (const n of names) ctx.ops.push(...encodeAndApply(this.state, { o: 'di', ns, name: n }));
    return { nIndexesWas, ok: 1 };
  }

  private listCollections(cmd: Doc, ctx: CommandContext): Doc {
    const database = this.state.databases.get(ctx.db);
    let entries: Doc[] = [];
    for (const coll of database?.collections.values() ?? []) {
      entries.push({
        name: coll.name,
        type: 'collection',
        options: coll.options,
        info: { readOnly: false, uuid: coll.uuid },
        idIndex: ID_INDEX_SPEC,
      });
    }
    if (isPlainObject(cmd.filter) && Object.keys(cmd.filter).length > 0) {
      const filter = compileFilter(cmd.filter);
      entries = entries.filter((e) => filter.test(e));
    }
    if (cmd.nameOnly === true) entries = entries.map((e) => ({ name: e.name, type: e.type }));
    const batchSize = isPlainObject(cmd.cursor) && cmd.cursor.batchSize !== undefined ? Number(cmd.cursor.batchSize) : undefined;
    return this.cursorReply(`${ctx.db}.$cmd.listCollections`, entries, batchSize, false);
  }

  private listDatabases(cmd: Doc): Doc {
    let databases: Doc[] = [];
    let totalSize = 0;
    for (const db of this.state.databases.values()) {
      let size = 0;
      for (const coll of db.collections.values()) for (const d of coll.docs.values()) size += calculateObjectSize(d);
      totalSize += size;
      databases.push({ name: db.name, sizeOnDisk: size, empty: size === 0 });
    }
    if (isPlainObject(cmd.filter) && Object.keys(cmd.filter).length > 0) {
      const filter = compileFilter(cmd.filter);
      databases = databases.filter((d) => filter.test(d));
    }
    if (cmd.nameOnly === true) return { databases: databases.map((d) => ({ name: d.name })), ok: 1 };
    return { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1024 / 1024), ok: 1 };
  }

  private create(cmd: Doc, ctx: CommandContext): Doc {
    const coll = collectionName(cmd.create, 'create');
    const options: Doc = {};
    for (const [k, v] of Object.entries(cmd)) {
      if (k === 'create' || IGNORED_FIELDS.has(k)) continue;
      if (k === 'idIndex' || k === 'autoIndexId') continue;
      if (k === 'validationLevel' || k === 'validationAction') {
        options[k] = v;
        continue;
      }
      if (k === 'capped' && v === false) continue;
      throw new CommandError(ErrorCode.NotImplemented, `create option '${k}' is not implemented by the embedded store`);
    }
    const ns = `${ctx.db}.${coll}`;
    const existing = this.state.getCollection(ns);
    if (existing) {
      if (valueKey(existing.options) === valueKey(options)) return { ok: 1 };
      throw new CommandError(ErrorCode.NamespaceExists, `Collection ${ns} already exists.`);
    }
    ctx.ops.push(...encodeAndApply(this.state, { o: 'cc', ns, opts: options, uuid: new UUID() }));
    return { ok: 1 };
  }

  private drop(cmd: Doc, ctx: CommandContext): Doc {
    const coll = collectionName(cmd.drop, 'drop');
    const ns = `${ctx.db}.${coll}`;
    const state = this.state.getCollection(ns);
    if (!state) return { ok: 1 };
    const nIndexesWas = state.indexes.length + 1;
    ctx.ops.push(...encodeAndApply(this.state, { o: 'dc', ns }));
    return { nIndexesWas, ns, ok: 1 };
  }

  private dropDatabase(ctx: CommandContext): Doc {
    if (this.state.databases.has(ctx.db)) ctx.ops.push(...encodeAndApply(this.state, { o: 'dd', db: ctx.db }));
    return { dropped: ctx.db, ok: 1 };
  }

  private renameCollection(cmd: Doc, ctx: CommandContext): Doc {
    if (ctx.db !== 'admin') throw new CommandError(13, 'renameCollection may only be run against the admin database.');
    const from = String(cmd.renameCollection);
    const to = String(cmd.to);
    if (!this.state.getCollection(from)) throw new CommandError(ErrorCode.NamespaceNotFound, `Source collection ${from} does not exist`);
    if (from === to) throw new CommandError(ErrorCode.IllegalOperation, "Can't rename a collection to itself");
    if (this.state.getCollection(to) && cmd.dropTarget !== true) throw new CommandError(ErrorCode.NamespaceExists, 'target namespace exists');
    ctx.ops.push(...encodeAndApply(this.state, { o: 'rc', from, to }));
    return { ok: 1 };
  }

  private dbStats(ctx: CommandContext): Doc {
    const db = this.state.databases.get(ctx.db);
    let objects = 0;
    let dataSize = 0;
    let indexes = 0;
    for (const coll of db?.collections.values() ?? []) {
      objects += coll.docs.size;
      indexes += coll.indexes.length + 1;
      for (const d of coll.docs.values()) dataSize += calculateObjectSize(d);
    }
    return { db: ctx.db, collections: db?.collections.size ?? 0, views: 0, objects, dataSize, storageSize: dataSize, indexes, ok: 1 };
  }

  private collStats(cmd: Doc, ctx: CommandContext): Doc {
    const ns = `${ctx.db}.${collectionName(cmd.collStats, 'collStats')}`;
    const coll = this.state.getCollection(ns);
    if (!coll) throw new CommandError(ErrorCode.NamespaceNotFound, `Collection [${ns}] not found.`);
    let size = 0;
    for (const d of coll.docs.values()) size += calculateObjectSize(d);
    return { ns, count: coll.docs.size, size, storageSize: size, nindexes: coll.indexes.length + 1, ok: 1 };
  }
}

function encodeAndApply(state: StoreState, op: Parameters<StoreState['applyOp']>[0]): EncodedOp[] {
  const encoded = encodeOp(op);
  state.applyOp(encoded.op);
  return [encoded];
}

function isWriteCommand(name: string): boolean {
  return name === 'insert' || name === 'update' || name === 'delete' || name === 'findAndModify' || name === 'findandmodify';
}

function noSuchTransaction(txnNumber: number): CommandError {
  return new CommandError(
    ErrorCode.NoSuchTransaction,
    `Transaction with { txnNumber: ${txnNumber} } has been aborted.`,
    {},
    ['TransientTransactionError'],
  );
}

function checkCollation(collation: unknown): void {
  if (collation === undefined || collation === null) return;
  if (isPlainObject(collation) && (collation.locale === 'simple' || Object.keys(collation).length === 0)) return;
  throw new CommandError(ErrorCode.NotImplemented, 'collation other than simple is not implemented by the embedded store');
}

function collectionName(value: unknown, command: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new CommandError(ErrorCode.InvalidNamespace, `collection name for '${command}' must be a non-empty string`);
  }
  if (value.includes('$') || value.includes('\0')) throw new CommandError(ErrorCode.InvalidNamespace, `Invalid collection name: ${value}`);
  return value;
}

function toBigInt(value: unknown): bigint {
  if (value instanceof Long) return value.toBigInt();
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  throw new CommandError(ErrorCode.TypeMismatch, 'cursor id must be a 64-bit integer');
}

function takeBatch(cursor: Cursor, maxCount: number): Doc[] {
  const batch: Doc[] = [];
  let bytes = 0;
  while (cursor.position < cursor.docs.length && batch.length < maxCount) {
    const doc = cursor.docs[cursor.position];
    const size = calculateObjectSize(doc);
    if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    batch.push(doc);
    bytes += size;
    cursor.position++;
  }
  return batch;
}

/** Adds a generated ObjectId when `_id` is missing and moves `_id` first; rejects array/regex ids. */
function prepareInsert(raw: unknown): Doc {
  if (!isPlainObject(raw)) throw new CommandError(ErrorCode.TypeMismatch, 'document to insert must be an object');
  const id = raw._id === undefined ? new ObjectId() : raw._id;
  if (Array.isArray(id)) throw new CommandError(53, "The '_id' value cannot be of type array");
  if (id instanceof RegExp) throw new CommandError(53, "The '_id' value cannot be of type regex");
  for (const k of Object.keys(raw)) {
    if (k.startsWith('$')) throw new CommandError(ErrorCode.BadValue, `Document can't have $ prefixed field names: ${k}`);
  }
  const doc: Doc = { _id: id };
  for (const [k, v] of Object.entries(raw)) if (k !== '_id') doc[k] = v;
  return doc;
}

function normalizeIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw) || !isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new CommandError(ErrorCode.BadValue, "Index spec must have a non-empty 'key' object");
  }
  const key: Doc = {};
  for (const [field, dir] of Object.entries(raw.key)) {
    if (typeof dir === 'number' && dir !== 0 && Number.isFinite(dir)) key[field] = dir > 0 ? 1 : -1;
    else if (typeof dir === 'string' && ['text', '2dsphere', '2d', 'hashed'].includes(dir)) key[field] = dir;
    else throw new CommandError(67, `Values in the index key pattern can only be numbers or strings; bad value for ${field}`);
  }
  checkCollation(raw.collation);
  const name = typeof raw.name === 'string' ? raw.name : Object.entries(key).map(([f, d]) => `${f}_${String(d)}`).join('_');
  const spec: IndexSpec = { v: 2, key, name };
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'key' || k === 'name' || k === 'v' || k === 'ns' || k === 'background' || k === 'collation') continue;
    if (k === 'unique' || k === 'sparse') {
      if (v === true) spec[k] = true;
      continue;
    }
    if (k === 'partialFilterExpression') {
      if (!isPlainObject(v)) throw new CommandError(ErrorCode.TypeMismatch, 'partialFilterExpression must be an object');
      compileFilter(v);
      spec.partialFilterExpression = v;
      continue;
    }
    if (k === 'expireAfterSeconds') {
      spec.expireAfterSeconds = Number(v);
      continue;
    }
    spec[k] = v;
  }
  return spec;
}

function indexOptionsKey(spec: IndexSpec): string {
  return valueKey({
    unique: spec.unique === true,
    sparse: spec.sparse === true,
    partial: spec.partialFilterExpression ?? null,
    ttl: spec.expireAfterSeconds ?? null,
  });
}

/**
 * A statement's failure as a write error. Errors carrying labels (WriteConflict in a
 * transaction) fail the whole command instead, as mongod does, so drivers can retry.
 */
function writeError(index: number, error: unknown): Doc {
  if (error instanceof CommandError && error.errorLabels.length > 0) throw error;
  const e = error instanceof CommandError ? error : new CommandError(ErrorCode.InternalError, String((error as Error)?.message ?? error));
  return { index, code: e.code, errmsg: e.message, ...e.extra };
}

function errorReply(error: unknown, logger: StoreLogger, name: string): Doc {
  if (error instanceof CommandError) return error.toReply();
  logger.error('embedded store: command failed unexpectedly', { command: name, error: (error as Error)?.stack ?? String(error) });
  return new CommandError(ErrorCode.InternalError, `embedded store internal error in '${name}': ${(error as Error)?.message ?? String(error)}`).toReply();
}

