/**
 * Pure rules of the candidate exam page (issue 7): merging the server's state with the local
 * outbox on resume, the clock, progress counts, option toggling and the keyboard map. No I/O here:
 * the controller (./exam-room-controller) and the screens call these.
 *
 * Slots are 1-based display positions; option indexes are 0-based in the order shown to the
 * candidate; times are milliseconds since the Unix epoch; durations end in `Ms`.
 */
import type { AttemptState, FormItemView, SavedAnswerView } from '@skillcert/server/contracts/exam-room';
import { chinaTimeZone } from '../../i18n/format';

/** An answer change waiting for the server's acknowledgement (outbox entry, one per attempt + slot). */
export interface PendingAnswer {
  attemptId: string;
  slot: number;
  /** Displayed option indexes, sorted; `[]` clears the answer. */
  response: number[];
  /** Client sequence number (per attempt, increasing with every change). */
  seq: number;
  /** Client clock when the change was made. */
  changedAt: number;
}

/** A flag change waiting for the server's acknowledgement (one per attempt + slot). */
export interface PendingFlag {
  attemptId: string;
  slot: number;
  isFlagged: boolean;
  changedAt: number;
}

/** The candidate's answers as the page shows them: slot → response, with the server's save time. */
export interface MergedAnswers {
  /** slot → displayed option indexes (slots without an answer are absent). */
  responses: Map<number, number[]>;
  /** slot → server save time of the stored answer (absent when never saved). */
  savedAtBySlot: Map<number, number>;
  /** Outbox entries newer than the server's answer: still to be sent. */
  pending: PendingAnswer[];
  /** Outbox entries the server already holds (same or newer seq): to be removed. */
  obsolete: PendingAnswer[];
}

/**
 * Merges the server's stored answers with the outbox after a reconnect or reload: a pending entry
 * whose `seq` is newer than the stored one wins (it was made offline or its acknowledgement was
 * lost); an entry with the same or an older seq is already superseded on the server.
 */
export function mergeAnswers(serverAnswers: AttemptState['answers'], outbox: readonly PendingAnswer[]): MergedAnswers {
  const responses = new Map<number, number[]>();
  const savedAtBySlot = new Map<number, number>();
  const storedSeqBySlot = new Map<number, number>();
  for (const [slotText, answer] of Object.entries(serverAnswers) as [string, SavedAnswerView][]) {
    const slot = Number(slotText);
    storedSeqBySlot.set(slot, answer.seq);
    savedAtBySlot.set(slot, answer.savedAt);
    if (answer.response.length > 0) responses.set(slot, [...answer.response]);
  }
  const pending: PendingAnswer[] = [];
  const obsolete: PendingAnswer[] = [];
  for (const entry of outbox) {
    if (entry.seq > (storedSeqBySlot.get(entry.slot) ?? 0)) {
      pending.push(entry);
      if (entry.response.length > 0) responses.set(entry.slot, [...entry.response]);
      else responses.delete(entry.slot);
    } else {
      obsolete.push(entry);
    }
  }
  return { responses, savedAtBySlot, pending, obsolete };
}

/**
 * Flagged slots after a resume: the server's set with every pending flag change applied on top.
 * @returns slots sorted ascending.
 */
export function mergeFlags(serverFlaggedSlots: readonly number[], pending: readonly PendingFlag[]): number[] {
  const flagged = new Set(serverFlaggedSlots);
  for (const entry of pending) {
    if (entry.isFlagged) flagged.add(entry.slot);
    else flagged.delete(entry.slot);
  }
  return [...flagged].sort((left, right) => left - right);
}

/**
 * The next client sequence number: above the server's `lastSeq`, the last number this browser
 * handed out and every seq still in the outbox, so a new change never looks older than a stored one.
 */
export function nextSequence(serverLastSeq: number, localLastSeq: number, outbox: readonly { seq: number }[]): number {
  return Math.max(serverLastSeq, localLastSeq, ...outbox.map((entry) => entry.seq)) + 1;
}

/** The timer as last told by the server, with this browser's clock offset. */
export interface ExamTimer {
  /** The attempt's status as the server sent it. */
  status: AttemptState['status'];
  /** Server deadline (epoch ms); null before the start. */
  deadlineAt: number | null;
  /** Remaining time frozen at the pause, or as of `serverNow` (ms). */
  remainingMs: number | null;
  /** `serverNow - Date.now()` when the state arrived (ms; positive when this clock is behind). */
  offsetMs: number;
  durationMs: number;
}

/** Clock offset of this browser against the server: `serverNow - clientNowMs` (ms). */
export function computeClockOffsetMs(serverNow: number, clientNowMs: number): number {
  return serverNow - clientNowMs;
}

/**
 * Remaining time in ms at the client time `clientNowMs`: counts down to the server's deadline
 * corrected by the clock offset while in progress, frozen while paused, the full duration while
 * waiting, 0 once submitted; never negative.
 */
export function remainingMsAt(timer: ExamTimer, clientNowMs: number): number {
  switch (timer.status) {
    case 'in_progress':
      return timer.deadlineAt === null ? 0 : Math.max(0, timer.deadlineAt - (clientNowMs + timer.offsetMs));
    case 'paused':
      return Math.max(0, timer.remainingMs ?? 0);
    case 'waiting':
      return timer.durationMs;
    default:
      return 0;
  }
}

/** A duration as `hh:mm:ss` (hours not capped), rounded up to the whole second so 0 shows only at the end. */
export function formatDuration(durationMs: number): string {
  const totalSeconds = Math.max(0, Math.ceil(durationMs / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return [hours, minutes, seconds].map((part) => String(part).padStart(2, '0')).join(':');
}

/** Time of day `hh:mm:ss` (24-hour) in China time of an epoch-ms instant. */
export function formatClockTime(atMs: number): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: chinaTimeZone }).format(new Date(atMs));
}

/**
 * The response after the candidate chooses option `index`: single and judge items take exactly
 * that option; multiple-choice items toggle it (sorted, distinct).
 */
export function chooseOption(type: FormItemView['type'], response: readonly number[], index: number): number[] {
  if (type !== 'multiple') return [index];
  const chosen = new Set(response);
  if (chosen.has(index)) chosen.delete(index);
  else chosen.add(index);
  return [...chosen].sort((left, right) => left - right);
}

/** True when two responses hold the same option indexes. */
export function isSameResponse(left: readonly number[] | undefined, right: readonly number[] | undefined): boolean {
  const a = left ?? [];
  const b = right ?? [];
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Counts for the toolbar and the submit confirmation. */
export interface ExamProgress {
  totalCount: number;
  answeredCount: number;
  unansweredCount: number;
  flaggedCount: number;
}

/** Answered (non-empty response), unanswered and flagged counts over the form's slots. */
export function countProgress(items: readonly Pick<FormItemView, 'slot'>[], responses: ReadonlyMap<number, readonly number[]>, flaggedSlots: readonly number[]): ExamProgress {
  const answeredCount = items.filter((item) => (responses.get(item.slot)?.length ?? 0) > 0).length;
  const slots = new Set(items.map((item) => item.slot));
  return {
    totalCount: items.length,
    answeredCount,
    unansweredCount: items.length - answeredCount,
    flaggedCount: flaggedSlots.filter((slot) => slots.has(slot)).length,
  };
}

/** What a key press on the paper does. */
export type ExamKeyAction =
  | { kind: 'previous' }
  | { kind: 'next' }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'choose'; index: number }
  | { kind: 'flag' };

/** The parts of a keyboard event the key map reads. */
export interface ExamKeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

const optionLetters = 'ABCDEFGH';

/** Letter shown before option `index` (A-H, then the number). */
export function optionLabel(index: number): string {
  return index < optionLetters.length ? optionLetters[index] : String(index + 1);
}

/**
 * The exam keyboard map (documented on the instructions page): ←/↑/PageUp/K previous item,
 * →/↓/PageDown/J next item, Home/End first/last, 1-8 or A-H choose (toggle for multiple choice)
 * the option of that position when the item has it, F flag for review (F wins over the sixth
 * letter: the sixth option is chosen with 6). Keys with Ctrl, Alt or Meta are left to the browser.
 * @returns null when the key does nothing on the paper.
 */
export function resolveExamKey(input: ExamKeyInput, optionCount: number): ExamKeyAction | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  const key = input.key;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'k':
    case 'K':
      return { kind: 'previous' };
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case 'j':
    case 'J':
      return { kind: 'next' };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    case 'f':
    case 'F':
      return { kind: 'flag' };
    default:
      break;
  }
  let index = -1;
  if (/^[1-8]$/.test(key)) index = Number(key) - 1;
  else if (/^[a-hA-H]$/.test(key)) index = optionLetters.indexOf(key.toUpperCase());
  return index >= 0 && index < optionCount ? { kind: 'choose', index } : null;
}
