/**
 * Durability for the embedded store: an append-only journal of committed operations with
 * group commit, periodic snapshots that let old journal files be deleted, replay on start,
 * and a lock file so two processes never open the same data directory.
 *
 * Files in `dataDir`:
 *   LOCK                          pid of the owning process
 *   journal.<startSeq>.log        framed records with sequence numbers startSeq, startSeq+1, …
 *   snapshot.<seq>.bin            full state as of record <seq> (written as .tmp, then renamed)
 *
 * Frame: u32le payload length, u32le crc32(payload), payload.
 * Journal payload: BSON {s: seq, n: opCount}, then per op a BSON meta document and, for
 * inserts/updates, the document's BSON (BSON documents are self-delimiting). Updates that a
 * field-level patch can express are journaled as one meta document
 * `{o: 'p', ns, id, s: [{p: [field, …], v}], x: [[field, …]]}` instead (document-patch.ts).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync, existsSync, ftruncateSync } from 'node:fs';
import { open, type FileHandle, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { Binary, calculateObjectSize, deserialize, serialize, type Document } from 'bson';
import { isCanonical, valueKey, type Doc } from './bson-values';
import { diffDocuments } from './document-patch';
import { CommandError, ErrorCode } from './command-error';
import { CollectionState, IndexState, StoreState, type IndexSpec, type StoreOp } from './storage';

/** Deserialization options shared by the wire protocol and the journal. */
export const DESERIALIZE_OPTIONS = { promoteValues: true, promoteBuffers: false, bsonRegExp: false } as const;
/** Serialization options: keys with dots/dollars are legal in stored documents. */
export const SERIALIZE_OPTIONS = { checkKeys: false, ignoreUndefined: false } as const;

/** Largest document MongoDB accepts (16 MiB). */
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;

/** Logger shape accepted by the store. */
export interface StoreLogger {
  /** Routine events (e.g. a transaction aborted by a write conflict, which the driver retries). */
  debug?(message: string, details?: unknown): void;
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

/** An operation ready for the journal: the op (with its normalised document) and its bytes. */
export interface EncodedOp {
  op: StoreOp;
  bytes: Buffer[];
}

/**
 * Encodes an op for the journal. Documents are serialised once; the in-memory copy is the
 * document itself when it is already in canonical form, else its deserialised BSON, so memory
 * holds exactly what a replay would rebuild. The caller must not mutate the document later.
 * Throws CommandError 10334 for documents over 16 MiB.
 */
export function encodeOp(op: StoreOp): EncodedOp {
  if (op.o === 'i' || op.o === 'u') {
    const docBytes = Buffer.from(serialize(op.d, SERIALIZE_OPTIONS));
    if (docBytes.length > MAX_BSON_OBJECT_SIZE) {
      throw new CommandError(ErrorCode.BSONObjectTooLarge, `object to insert too large. size in bytes: ${docBytes.length}, max size: ${MAX_BSON_OBJECT_SIZE}`);
    }
    const normalized = isCanonical(op.d) ? op.d : (deserialize(docBytes, DESERIALIZE_OPTIONS) as Doc);
    const meta = Buffer.from(serialize({ o: op.o, ns: op.ns }, SERIALIZE_OPTIONS));
    return { op: { o: op.o, ns: op.ns, d: normalized }, bytes: [meta, docBytes] };
  }
  return { op, bytes: [Buffer.from(serialize(op as unknown as Document, SERIALIZE_OPTIONS))] };
}

/**
 * Encodes an update of one document for the journal: a field-level patch (op `p`) when the change
 * can be expressed as one and every changed value is already in canonical form, else the whole
 * new document (op `u`, via {@link encodeOp}). Either way the in-memory op is `u` with the new
 * document, so memory and a replay hold equal documents. `before` must be the stored version the
 * update was applied to (documents are immutable; the caller must not mutate either later).
 * Throws CommandError 10334 for documents over 16 MiB.
 */
export function encodeUpdate(ns: string, before: Doc, after: Doc): EncodedOp {
  const patch = valueKey(before._id) === valueKey(after._id) ? diffDocuments(before, after) : null;
  if (!patch || !patch.set.every(({ value }) => isCanonical(value))) return encodeOp({ o: 'u', ns, d: after });
  const size = calculateObjectSize(after, SERIALIZE_OPTIONS);
  if (size > MAX_BSON_OBJECT_SIZE) {
    throw new CommandError(ErrorCode.BSONObjectTooLarge, `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`);
  }
  const record = { o: 'p', ns, id: after._id, s: patch.set.map(({ path, value }) => ({ p: path, v: value })), x: patch.unset };
  return { op: { o: 'u', ns, d: after }, bytes: [Buffer.from(serialize(record, SERIALIZE_OPTIONS))] };
}

function readBson(buf: Buffer, offset: number): { doc: Doc; end: number } {
  const len = buf.readInt32LE(offset);
  if (len < 5 || offset + len > buf.length) throw new Error(`bad BSON length ${len} at payload offset ${offset}`);
  return { doc: deserialize(buf.subarray(offset, offset + len), DESERIALIZE_OPTIONS) as Doc, end: offset + len };
}

function decodeRecord(payload: Buffer): { seq: number; ops: StoreOp[] } {
  const head = readBson(payload, 0);
  const seq = Number(head.doc.s);
  const n = Number(head.doc.n);
  let offset = head.end;
  const ops: StoreOp[] = [];
  for (let i = 0; i < n; i++) {
    const meta = readBson(payload, offset);
    offset = meta.end;
    if (meta.doc.o === 'i' || meta.doc.o === 'u') {
      const d = readBson(payload, offset);
      offset = d.end;
      ops.push({ o: meta.doc.o, ns: String(meta.doc.ns), d: d.doc });
    } else {
      ops.push(meta.doc as unknown as StoreOp);
    }
  }
  if (offset !== payload.length) throw new Error('trailing bytes in record payload');
  return { seq, ops };
}

/**
 * Frames one record: u32le length of the rest, u32le crc32 over the rest, then u64le batch start
 * (the sequence number of the first record of the group-commit write this record belongs to;
 * 0 in snapshots) and the payload.
 */
export function frame(payloadParts: Buffer[], batchStart = 0): Buffer {
  const payloadLength = payloadParts.reduce((n, p) => n + p.length, 0);
  const out = Buffer.allocUnsafe(16 + payloadLength);
  out.writeUInt32LE(8 + payloadLength, 0);
  out.writeBigUInt64LE(BigInt(batchStart), 8);
  let offset = 16;
  for (const part of payloadParts) {
    part.copy(out, offset);
    offset += part.length;
  }
  out.writeUInt32LE(crc32(out.subarray(8)), 4);
  return out;
}

const MAX_RECORD_BYTES = 1024 * 1024 * 1024;

/** Result of scanning framed records in a buffer. */
export interface FrameScan {
  /** Offset just past the last valid record. */
  goodEnd: number;
  /** Set when the buffer ends with damaged records that are a torn tail. */
  tornAt?: number;
}

/**
 * Walks the frames of a journal or snapshot buffer, calling `onPayload` for each valid one.
 * At the first damaged frame it looks for any intact frame further on. None: the damage is a
 * torn tail (returned in `tornAt`). One whose batch start is at or before `firstBadSeq()`
 * belongs to the same never-acknowledged group-commit write: also a torn tail. Otherwise the
 * damaged record had been durable: throws a corruption error naming the file and byte.
 */
export function scanFrames(
  buf: Buffer,
  file: string,
  onPayload: (payload: Buffer, offset: number, batchStart: number) => void,
  firstBadSeq: () => number = () => 0,
): FrameScan {
  let offset = 0;
  while (offset < buf.length) {
    const status = frameAt(buf, offset);
    if (status.ok) {
      onPayload(buf.subarray(offset + 16, offset + 8 + status.length!), offset, status.batchStart!);
      offset += 8 + status.length!;
      continue;
    }
    for (let probe = offset + 1; probe + 16 <= buf.length; probe++) {
      const later = frameAt(buf, probe);
      if (later.ok && (later.batchStart === 0 || later.batchStart! > firstBadSeq())) {
        throw new Error(`embedded store: corrupt journal record in ${file} at byte ${offset} (later records at byte ${probe} are intact)`);
      }
    }
    return { goodEnd: offset, tornAt: offset };
  }
  return { goodEnd: offset };
}

function frameAt(buf: Buffer, offset: number): { ok: boolean; length?: number; batchStart?: number } {
  if (offset + 16 > buf.length) return { ok: false };
  const length = buf.readUInt32LE(offset);
  if (length < 8 || length > MAX_RECORD_BYTES || offset + 8 + length > buf.length) return { ok: false };
  const sum = buf.readUInt32LE(offset + 4);
  if (crc32(buf.subarray(offset + 8, offset + 8 + length)) !== sum) return { ok: false };
  return { ok: true, length, batchStart: Number(buf.readBigUInt64LE(offset + 8)) };
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const openDirs = new Set<string>();

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data directory lock; throws if another live process (or this one) holds it. */
function acquireLock(dir: string): string {
  const lockPath = join(dir, 'LOCK');
  if (openDirs.has(dir)) throw new Error(`embedded store: data directory ${dir} is already open in this process`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeFileSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      fsyncSync(fd);
      closeSync(fd);
      openDirs.add(dir);
      return lockPath;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: number | undefined;
      try {
        holder = Number(JSON.parse(readFileSync(lockPath, 'utf8')).pid);
      } catch {
        holder = undefined;
      }
      if (holder !== undefined && Number.isInteger(holder) && holder !== process.pid && isProcessAlive(holder)) {
        throw new Error(`embedded store: data directory ${dir} is locked by running process ${holder}`);
      }
      try {
        unlinkSync(lockPath); // stale lock of a dead process
      } catch {
        /* raced with another opener; retry */
      }
    }
  }
  throw new Error(`embedded store: could not take the lock on ${dir}`);
}

interface QueueItem {
  kind: 'record' | 'rotate';
  parts?: Buffer[];
  seq?: number;
  startSeq?: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Options of {@link DurableLog.open}. */
export interface DurableLogOptions {
  dataDir: string;
  logger: StoreLogger;
  /** Journal size after which a snapshot is written and old journal files removed (bytes). */
  compactAfterBytes?: number;
}

/** Counters for monitoring and benchmarks. */
export interface DurableLogStats {
  lastSeq: number;
  fsyncCount: number;
  recordsWritten: number;
  journalBytes: number;
  /** Journal bytes appended since the store opened (framing included; not reset by compaction). */
  bytesAppended: number;
  snapshotsWritten: number;
}

/**
 * The journal + snapshot manager. `append` resolves only after the record is on disk
 * (fdatasync); records arriving while a sync is in flight are written and synced together.
 */
export class DurableLog {
  private handle!: FileHandle;
  private journalBytes = 0;
  private lastSeq = 0;
  private queue: QueueItem[] = [];
  private isDraining = false;
  private isCompacting = false;
  private compaction?: Promise<void>;
  private failure?: Error;
  private isClosed = false;
  private readonly compactAfterBytes: number;
  readonly stats: DurableLogStats = { lastSeq: 0, fsyncCount: 0, recordsWritten: 0, journalBytes: 0, bytesAppended: 0, snapshotsWritten: 0 };

  private constructor(
    readonly dataDir: string,
    private readonly lockPath: string,
    private readonly state: StoreState,
    private readonly logger: StoreLogger,
    compactAfterBytes: number,
  ) {
    this.compactAfterBytes = compactAfterBytes;
  }

  /**
   * Locks `dataDir`, loads the newest snapshot, replays the journal into `state` and opens the
   * journal for appending. Throws on a lock held by a live process, a corrupt snapshot or a
   * corrupt record followed by intact ones; a torn last record is dropped with a warning.
   */
  static async open(options: DurableLogOptions, state: StoreState): Promise<DurableLog> {
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    const lockPath = acquireLock(dir);
    try {
      const log = new DurableLog(dir, lockPath, state, options.logger, options.compactAfterBytes ?? 64 * 1024 * 1024);
      await log.recover();
      return log;
    } catch (error) {
      openDirs.delete(dir);
      try {
        unlinkSync(lockPath);
      } catch {
        /* ignore */
      }
      throw error;
    }
  }

  /** Set when a write or fsync failed; the store refuses further commands. */
  get failed(): Error | undefined {
    return this.failure;
  }

  private async recover(): Promise<void> {
    const files = readdirSync(this.dataDir);
    for (const f of files) if (f.endsWith('.tmp')) unlinkSync(join(this.dataDir, f));
    const snapshots = files
      .map((f) => /^snapshot\.(\d+)\.bin$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ file: m[0], seq: Number(m[1]) }))
      .sort((a, b) => b.seq - a.seq);
    let snapshotSeq = 0;
    if (snapshots.length > 0) {
      snapshotSeq = this.loadSnapshot(join(this.dataDir, snapshots[0].file), snapshots[0].seq);
    }
    this.lastSeq = snapshotSeq;
    const journals = files
      .map((f) => /^journal\.(\d+)\.log$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ file: m[0], start: Number(m[1]) }))
      .sort((a, b) => a.start - b.start);
    let replayed = 0;
    let lastFile: { file: string; start: number; goodEnd: number } | undefined;
    for (let i = 0; i < journals.length; i++) {
      const j = journals[i];
      const isLast = i === journals.length - 1;
      const path = join(this.dataDir, j.file);
      const buf = readFileSync(path);
      const scan = scanFrames(buf, j.file, (payload, offset) => {
        let record: { seq: number; ops: StoreOp[] };
        try {
          record = decodeRecord(payload);
        } catch (error) {
          throw new Error(`embedded store: undecodable journal record in ${j.file} at byte ${offset}: ${(error as Error).message}`);
        }
        if (record.seq <= snapshotSeq) return;
        if (record.seq !== this.lastSeq + 1) {
          throw new Error(`embedded store: journal gap in ${j.file} at byte ${offset}: expected record ${this.lastSeq + 1}, found ${record.seq}`);
        }
        for (const op of record.ops) this.state.applyOp(op);
        this.lastSeq = record.seq;
        replayed++;
      }, () => this.lastSeq + 1);
      if (scan.tornAt !== undefined) {
        if (!isLast) throw new Error(`embedded store: damaged record in ${j.file} at byte ${scan.tornAt} (not the newest journal file)`);
        this.logger.warn('embedded store: dropping torn last journal record', { file: j.file, offset: scan.tornAt, droppedBytes: buf.length - scan.goodEnd });
        const fd = openSync(path, 'r+');
        try {
          ftruncateSync(fd, scan.goodEnd);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
      }
      if (isLast) lastFile = { ...j, goodEnd: scan.goodEnd };
    }
    if (lastFile && lastFile.start > this.lastSeq + 1) {
      throw new Error(`embedded store: journal gap: ${lastFile.file} starts at record ${lastFile.start} but state ends at ${this.lastSeq}`);
    }
    if (lastFile) {
      this.handle = await open(join(this.dataDir, lastFile.file), 'a');
      this.journalBytes = lastFile.goodEnd;
    } else {
      await this.createJournal(this.lastSeq + 1);
    }
    this.stats.lastSeq = this.lastSeq;
    this.stats.journalBytes = this.journalBytes;
    this.logger.info('embedded store: recovered', { dataDir: this.dataDir, snapshotSeq, replayedRecords: replayed, lastSeq: this.lastSeq });
    if (this.journalBytes > this.compactAfterBytes) this.startCompaction();
  }

  private async createJournal(startSeq: number): Promise<void> {
    const name = `journal.${String(startSeq).padStart(16, '0')}.log`;
    const handle = await open(join(this.dataDir, name), 'a');
    await handle.datasync();
    fsyncDir(this.dataDir);
    const previous = this.handle as FileHandle | undefined;
    this.handle = handle;
    this.journalBytes = 0;
    if (previous) await previous.close();
  }

  private loadSnapshot(path: string, seq: number): number {
    const buf = readFileSync(path);
    let header: Doc | undefined;
    let isComplete = false;
    let current: CollectionState | undefined;
    const pendingIndexes: Array<{ coll: CollectionState; specs: IndexSpec[] }> = [];
    const scan = scanFrames(buf, path, (payload) => {
      const first = readBson(payload, 0);
      const meta = first.doc;
      switch (meta.t) {
        case 'snapshot':
          header = meta;
          break;
        case 'coll': {
          const ns = String(meta.ns);
          this.state.applyOp({ o: 'cc', ns, opts: (meta.opts as Doc) ?? {}, uuid: meta.uuid as Binary });
          current = this.state.getCollection(ns)!;
          pendingIndexes.push({ coll: current, specs: (meta.indexes as IndexSpec[]) ?? [] });
          break;
        }
        case 'docs': {
          if (!current || current.ns !== meta.ns) throw new Error(`snapshot docs for ${String(meta.ns)} outside its collection`);
          let offset = first.end;
          while (offset < payload.length) {
            const d = readBson(payload, offset);
            offset = d.end;
            current.insertDoc(d.doc);
          }
          break;
        }
        case 'end':
          isComplete = Number(meta.seq) === seq;
          break;
        default:
          throw new Error(`unknown snapshot record ${String(meta.t)}`);
      }
    });
    if (!header || Number(header.seq) !== seq || !isComplete || scan.tornAt !== undefined) {
      throw new Error(`embedded store: snapshot ${path} is incomplete or corrupt; refusing to start`);
    }
    for (const { coll, specs } of pendingIndexes) {
      for (const spec of specs) {
        const index = new IndexState(spec);
        for (const [idKey, doc] of coll.docs) index.add(idKey, doc);
        coll.indexes.push(index);
      }
    }
    return seq;
  }

  /**
   * Appends one record holding `ops` (applied to memory by the caller already) and resolves
   * once it is durable. Rejects if the journal has failed.
   */
  append(ops: EncodedOp[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.isClosed) return Promise.reject(new Error('embedded store: journal is closed'));
    const seq = ++this.lastSeq;
    this.stats.lastSeq = seq;
    const parts: Buffer[] = [Buffer.from(serialize({ s: seq, n: ops.length }))];
    for (const e of ops) parts.push(...e.bytes);
    const promise = new Promise<void>((resolveItem, rejectItem) => {
      this.queue.push({ kind: 'record', parts, seq, resolve: resolveItem, reject: rejectItem });
    });
    const recordBytes = 16 + parts.reduce((n, p) => n + p.length, 0);
    this.journalBytes += recordBytes;
    this.stats.bytesAppended += recordBytes;
    this.stats.journalBytes = this.journalBytes;
    this.kick();
    if (this.journalBytes > this.compactAfterBytes && !this.isCompacting) this.startCompaction();
    return promise;
  }

  private kick(): void {
    if (!this.isDraining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.isDraining = true;
    try {
      while (this.queue.length > 0) {
        const batch: QueueItem[] = [];
        while (this.queue.length > 0 && this.queue[0].kind === 'record') batch.push(this.queue.shift()!);
        if (batch.length > 0) {
          try {
            const batchStart = batch[0].seq!;
            const frames = batch.map((b) => frame(b.parts!, batchStart));
            const data = frames.length === 1 ? frames[0] : Buffer.concat(frames);
            let written = 0;
            while (written < data.length) {
              const { bytesWritten } = await this.handle.write(data, written, data.length - written);
              written += bytesWritten;
            }
            await this.handle.datasync();
            this.stats.fsyncCount++;
            this.stats.recordsWritten += batch.length;
          } catch (error) {
            this.fail(error as Error, batch);
            return;
          }
          for (const item of batch) item.resolve();
        }
        const next = this.queue[0];
        if (next && next.kind === 'rotate') {
          this.queue.shift();
          try {
            await this.createJournal(next.startSeq!);
          } catch (error) {
            this.fail(error as Error, [next]);
            return;
          }
          next.resolve();
        }
      }
    } finally {
      this.isDraining = false;
    }
  }

  private fail(error: Error, batch: QueueItem[]): void {
    const failure = new Error(`embedded store: journal write failed, refusing further writes: ${error.message}`);
    this.failure = failure;
    this.logger.error(failure.message, { error });
    for (const item of [...batch, ...this.queue.splice(0)]) item.reject(failure);
  }

  /** Writes a snapshot now (also runs automatically past `compactAfterBytes`). */
  compactNow(): Promise<void> {
    if (!this.isCompacting) this.startCompaction();
    return this.compaction ?? Promise.resolve();
  }

  private startCompaction(): void {
    this.isCompacting = true;
    const seq = this.lastSeq;
    // Capture references synchronously: documents are immutable, so this is a consistent
    // picture of the state as of record `seq` even while later writes proceed.
    const captured: Array<{ coll: CollectionState; specs: IndexSpec[]; docs: Doc[] }> = [];
    for (const db of this.state.databases.values()) {
      for (const coll of db.collections.values()) {
        captured.push({ coll, specs: coll.indexes.map((i) => i.spec), docs: Array.from(coll.docs.values()) });
      }
    }
    const ns = captured.map((c) => ({ ns: c.coll.ns, opts: c.coll.options, uuid: c.coll.uuid }));
    const rotated = new Promise<void>((resolveItem, rejectItem) => {
      this.queue.push({ kind: 'rotate', startSeq: seq + 1, resolve: resolveItem, reject: rejectItem });
    });
    this.journalBytes = 0;
    this.kick();
    this.compaction = (async () => {
      const tmp = join(this.dataDir, `snapshot.${String(seq).padStart(16, '0')}.tmp`);
      const final = join(this.dataDir, `snapshot.${String(seq).padStart(16, '0')}.bin`);
      const handle = await open(tmp, 'w');
      try {
        const write = async (parts: Buffer[]): Promise<void> => {
          await handle.write(frame(parts));
        };
        await write([Buffer.from(serialize({ t: 'snapshot', v: 1, seq }))]);
        for (let c = 0; c < captured.length; c++) {
          const { specs, docs } = captured[c];
          await write([Buffer.from(serialize({ t: 'coll', ns: ns[c].ns, opts: ns[c].opts, uuid: ns[c].uuid, indexes: specs }, SERIALIZE_OPTIONS))]);
          let chunk: Buffer[] = [];
          let chunkBytes = 0;
          const flush = async (): Promise<void> => {
            if (chunk.length === 0) return;
            await write([Buffer.from(serialize({ t: 'docs', ns: ns[c].ns })), ...chunk]);
            chunk = [];
            chunkBytes = 0;
            await new Promise((r) => setImmediate(r));
          };
          for (const doc of docs) {
            const bytes = Buffer.from(serialize(doc, SERIALIZE_OPTIONS));
            chunk.push(bytes);
            chunkBytes += bytes.length;
            if (chunkBytes > 1024 * 1024 || chunk.length >= 2000) await flush();
          }
          await flush();
        }
        await write([Buffer.from(serialize({ t: 'end', seq }))]);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      renameSync(tmp, final);
      fsyncDir(this.dataDir);
      await rotated;
      for (const f of readdirSync(this.dataDir)) {
        const j = /^journal\.(\d+)\.log$/.exec(f);
        const s = /^snapshot\.(\d+)\.bin$/.exec(f);
        if ((j && Number(j[1]) <= seq) || (s && Number(s[1]) < seq)) await unlink(join(this.dataDir, f));
      }
      fsyncDir(this.dataDir);
      this.stats.snapshotsWritten++;
      this.logger.info('embedded store: snapshot written', { seq, collections: captured.length });
    })()
      .catch((error: Error) => {
        this.logger.error('embedded store: snapshot failed (journal kept, will retry later)', { error: error.message });
      })
      .finally(() => {
        this.isCompacting = false;
      });
  }

  /** Waits for queued records and a running snapshot, closes the journal and releases the lock. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    while (this.isDraining || this.queue.length > 0) await new Promise((r) => setTimeout(r, 2));
    if (this.compaction) await this.compaction;
    while (this.isDraining || this.queue.length > 0) await new Promise((r) => setTimeout(r, 2));
    await this.handle.close();
    openDirs.delete(this.dataDir);
    if (existsSync(this.lockPath)) unlinkSync(this.lockPath);
  }
}
