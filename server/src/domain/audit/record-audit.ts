/**
 * Appends one entry to the hash-chained audit log (R10, R17). Every mutating use case of the
 * project calls it.
 */
import { Types, type ClientSession } from 'mongoose';
import { AppError } from '../../errors';
import { AuditEntryModel } from './audit-entry.model';
import { computeAuditHash, computePayloadDigest, genesisHash } from './audit-hash';
import { toCanonicalJson } from './canonical-json';

/** Who acts. An identity `Actor` fits; use {@link systemActor} / {@link anonymousActor} otherwise. */
export interface AuditActor {
  userId: string | null;
  organisationId: string | null;
  name: string;
  roles: readonly string[];
}

/** One auditable event. */
export interface RecordAuditInput {
  actor: AuditActor;
  /** Dotted verb: `<entity>.<past participle>` or `auth.<event>`, e.g. `user.created`, `auth.login_failed`. */
  action: string;
  target: { kind: string; id?: string | null; label?: string };
  /** Facts of the event (JSON-serialisable; never passwords, tokens or other secrets). */
  payload?: unknown;
  /** Organisation the entry belongs to; defaults to `actor.organisationId`. */
  organisationId?: string | null;
}

/** What `recordAudit` returns. */
export interface RecordedAudit {
  id: string;
  seq: number;
  hash: string;
  at: Date;
}

/** The platform itself acting (seeding, scheduled jobs). */
export function systemActor(organisationId: string | null = null): AuditActor {
  return { userId: null, organisationId, name: 'system', roles: [] };
}

/** A caller not (yet) identified, e.g. a failed login for `name`. */
export function anonymousActor(name: string, organisationId: string | null = null): AuditActor {
  return { userId: null, organisationId, name, roles: [] };
}

const maximumAttempts = 100;
let queueTail: Promise<unknown> = Promise.resolve();

/** Runs tasks of this process one after the other (fewer seq collisions, no fork inside one process). */
function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const run = queueTail.then(task, task);
  queueTail = run.catch(() => undefined);
  return run;
}

/** Duplicate seq (another writer claimed it) or a write conflict with a pending transaction. */
function isSequenceConflict(error: unknown): boolean {
  const candidate = error as { code?: unknown; message?: unknown } | null;
  return (
    candidate?.code === 11000 ||
    candidate?.code === 112 ||
    (typeof candidate?.message === 'string' && candidate.message.includes('E11000'))
  );
}

async function appendOnce(input: RecordAuditInput, session: ClientSession | undefined): Promise<RecordedAudit> {
  const last = await AuditEntryModel.findOne({}, { seq: 1, hash: 1 })
    .sort({ seq: -1 })
    .session(session ?? null)
    .lean();
  const seq = (last?.seq ?? 0) + 1;
  const previousHash = last?.hash ?? genesisHash;
  const payloadJson = toCanonicalJson(input.payload ?? null);
  const payloadDigest = computePayloadDigest(payloadJson);
  const organisationId = input.organisationId !== undefined ? input.organisationId : input.actor.organisationId;
  const actor = { userId: input.actor.userId, name: input.actor.name, roles: [...input.actor.roles] };
  const target = {
    kind: input.target.kind,
    id: input.target.id ?? null,
    ...(input.target.label !== undefined ? { label: input.target.label } : {}),
  };
  const at = new Date();
  const hash = computeAuditHash({ seq, organisationId, actor, action: input.action, target, at, payloadDigest, previousHash });
  const _id = new Types.ObjectId();
  await AuditEntryModel.collection.insertOne(
    {
      _id,
      seq,
      organisationId: organisationId ? new Types.ObjectId(organisationId) : null,
      actor,
      action: input.action,
      target,
      at,
      payloadJson,
      payloadDigest,
      previousHash,
      hash,
    },
    session ? { session } : {},
  );
  return { id: _id.toHexString(), seq, hash, at };
}

/**
 * Appends an audit entry: seq = last seq + 1, previousHash = last hash, hash over the canonical
 * record (R10, R17). Safe under concurrency: plain writes of one process are queued, and the unique
 * index on `seq` turns any other race (other processes, transactions) into a retry, so the chain
 * never forks.
 *
 * With `session` (a transaction), the entry commits or aborts with the caller's writes; a seq race
 * then throws the duplicate-key / write-conflict error labelled `TransientTransactionError`, so
 * `connection.transaction()` / `session.withTransaction()` retry the whole transaction. Keep
 * audited transactions short: plain appends wait for them.
 *
 * @throws AppError `conflict` when no seq could be claimed after 100 attempts.
 */
export async function recordAudit(input: RecordAuditInput, session?: ClientSession): Promise<RecordedAudit> {
  await AuditEntryModel.init();
  if (session) {
    // Not queued: a transaction may append several entries while a queued plain write waits for
    // that same transaction to commit; queueing them would deadlock until the transaction times out.
    try {
      return await appendOnce(input, session);
    } catch (error) {
      if (isSequenceConflict(error)) {
        (error as { addErrorLabel?: (label: string) => void }).addErrorLabel?.('TransientTransactionError');
      }
      throw error;
    }
  }
  return enqueue(async () => {
    for (let attempt = 1; attempt <= maximumAttempts; attempt += 1) {
      try {
        return await appendOnce(input, undefined);
      } catch (error) {
        if (!isSequenceConflict(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * Math.min(50, attempt * 5))));
      }
    }
    throw new AppError('conflict', `Could not append audit entry "${input.action}": sequence contention persisted`);
  });
}
