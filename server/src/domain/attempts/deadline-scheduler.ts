/**
 * Auto-submit at the deadline, even when the candidate is gone (R10, server-authoritative timer).
 * On start every in-progress attempt is scheduled from the database (so a restart loses nothing);
 * `attempt.started`/`resumed`/`extended` events of this process re-arm timers, `paused`/`submitted`
 * disarm them, and a periodic sweep submits whatever is overdue (attempts changed by another
 * process, timers lost). `submitAttemptAtDeadline` is a conditional update, so several processes
 * sweeping the same database submit each attempt once. Each sweep also appends audit entries that
 * a stopped process left in attempts' outbox (attempt-audit-outbox.ts).
 */
import type { Logger } from '../../logger';
import { domainEvents, type DomainEventBus } from '../events';
import { AttemptModel } from './attempt.model';
import { reconcilePendingAttemptAudits } from './attempt-audit-outbox';
import { submitAttemptAtDeadline } from './submit-attempt';

/** Default period of the overdue sweep, in milliseconds. */
export const defaultSweepIntervalMs = 5_000;
/** Longest single timer (setTimeout's limit is ~24.8 days); longer waits re-arm. */
const maximumTimerMs = 2 ** 31 - 1;
/** Attempts submitted per sweep round at most (the next round continues). */
const sweepBatchSize = 500;

/** A running scheduler. */
export interface DeadlineScheduler {
  /** Stops timers, the sweep and the event subscriptions. */
  stop(): void;
  /** Submits every overdue in-progress attempt now; resolves with how many this call submitted. */
  sweep(): Promise<number>;
  /** Attempts with an armed timer. */
  readonly scheduledCount: number;
}

/**
 * Starts the deadline scheduler of this process.
 * @param options.sweepIntervalMs period of the overdue sweep (default 5 000 ms).
 * @param options.bus events to follow (the process bus by default).
 */
export async function startDeadlineScheduler(options: { logger: Logger; sweepIntervalMs?: number; bus?: DomainEventBus }): Promise<DeadlineScheduler> {
  const bus = options.bus ?? domainEvents;
  const logger = options.logger.child({ component: 'deadline-scheduler' });
  const timers = new Map<string, NodeJS.Timeout>();
  let isStopped = false;
  let sweeping: Promise<number> | null = null;

  const disarm = (attemptId: string) => {
    const timer = timers.get(attemptId);
    if (timer) clearTimeout(timer);
    timers.delete(attemptId);
  };

  const submitNow = async (attemptId: string): Promise<boolean> => {
    try {
      return (await submitAttemptAtDeadline({ attemptId })) !== null;
    } catch (error) {
      logger.error({ err: error, attemptId }, 'auto-submit at the deadline failed; the sweep retries');
      return false;
    }
  };

  const arm = (attemptId: string, deadlineAtMs: number) => {
    if (isStopped) return;
    disarm(attemptId);
    const delayMs = Math.max(0, deadlineAtMs - Date.now());
    const timer = setTimeout(
      () => {
        timers.delete(attemptId);
        if (isStopped) return;
        if (delayMs >= maximumTimerMs) arm(attemptId, deadlineAtMs);
        else void submitNow(attemptId);
      },
      Math.min(delayMs, maximumTimerMs),
    );
    timer.unref();
    timers.set(attemptId, timer);
  };

  const sweep = (): Promise<number> => {
    sweeping ??= (async () => {
      let submitted = 0;
      try {
        for (;;) {
          const overdue = await AttemptModel.find({ status: 'in_progress', deadlineAt: { $lte: new Date() } }, { _id: 1 })
            .limit(sweepBatchSize)
            .lean();
          if (overdue.length === 0 || isStopped) break;
          let submittedThisRound = 0;
          for (const attempt of overdue) {
            if (isStopped) break;
            if (await submitNow(String(attempt._id))) submittedThisRound += 1;
          }
          submitted += submittedThisRound;
          if (overdue.length < sweepBatchSize || submittedThisRound === 0) break;
        }
      } catch (error) {
        logger.error({ err: error }, 'deadline sweep failed');
      }
      try {
        const appended = await reconcilePendingAttemptAudits();
        if (appended > 0) logger.warn({ appended }, 'audit entries left behind by a stopped process were appended');
      } catch (error) {
        logger.error({ err: error }, 'audit outbox reconciliation failed; the next sweep retries');
      } finally {
        sweeping = null;
      }
      if (submitted > 0) logger.info({ submitted }, 'deadline sweep submitted overdue attempts');
      return submitted;
    })();
    return sweeping;
  };

  const unsubscribes = [
    bus.on('attempt.started', (event) => arm(event.attemptId, event.deadlineAt)),
    bus.on('attempt.resumed', (event) => arm(event.attemptId, event.deadlineAt)),
    bus.on('attempt.extended', (event) => {
      if (event.status === 'in_progress') arm(event.attemptId, event.deadlineAt);
    }),
    bus.on('attempt.paused', (event) => disarm(event.attemptId)),
    bus.on('attempt.submitted', (event) => disarm(event.attemptId)),
  ];

  const running = await AttemptModel.find({ status: 'in_progress' }, { _id: 1, deadlineAt: 1 }).lean();
  for (const attempt of running) if (attempt.deadlineAt) arm(String(attempt._id), new Date(attempt.deadlineAt).getTime());
  logger.info({ scheduled: timers.size }, 'deadline scheduler started');
  void sweep();

  const interval = setInterval(() => void sweep(), options.sweepIntervalMs ?? defaultSweepIntervalMs);
  interval.unref();

  return {
    stop() {
      isStopped = true;
      clearInterval(interval);
      for (const unsubscribe of unsubscribes) unsubscribe();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
    sweep,
    get scheduledCount() {
      return timers.size;
    },
  };
}
