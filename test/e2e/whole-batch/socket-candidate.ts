/**
 * Candidates who sit the theory exam as socket.io clients of `/exam` (the protocol of
 * server/src/realtime/README.md): sign in over HTTP, join and wait for the session to open, start,
 * answer paced under the rate limit with increasing seqs, drop and resume, submit.
 */
import supertest from 'supertest';
import type { AttemptJoinResult, AttemptState, FormItemView, SubmitResult } from '@skillcert/server/contracts/exam-room';
import { connectCandidate, type CandidateClient } from '../../realtime/exam-test-kit';
import type { AnswerKey } from './answer-key';

/** A candidate's credentials as the admission tickets were issued. */
export interface CandidateCredentials {
  name: string;
  idNumber: string;
  admissionTicketNumber: string;
  password: string;
}

/** Pause between two answer saves of one socket, ms (keeps each socket near 20 saves/s, README). */
const answerPacingMs = 45;

/**
 * Signs the candidate in through `POST /api/auth/candidate-login` (ID number + ticket + password)
 * and returns the `Cookie` header value of the session.
 * @throws Error with the server's answer when the login is refused.
 */
export async function signInCandidateOverHttp(baseUrl: string, candidate: CandidateCredentials): Promise<string> {
  const response = await supertest(baseUrl)
    .post('/api/auth/candidate-login')
    .send({ idNumber: candidate.idNumber, admissionTicketNumber: candidate.admissionTicketNumber, password: candidate.password });
  if (response.status !== 200) throw new Error(`candidate login of ${candidate.name}: ${response.status} ${JSON.stringify(response.body)}`);
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const session = cookies.map((cookie) => cookie.split(';')[0]).find((cookie) => cookie.startsWith('skillcert_session='));
  if (!session) throw new Error(`candidate login of ${candidate.name}: no session cookie`);
  return session;
}

/** Joins the attempt; before the session opens, waits for `session:opened` and joins again. */
export async function joinAttempt(client: CandidateClient, options: { waitForOpenMs?: number } = {}): Promise<AttemptJoinResult> {
  const opened = client.next('session:opened', options.waitForOpenMs ?? 120_000);
  opened.catch(() => undefined);
  const first = await client.call<AttemptJoinResult>('attempt:join', {});
  if (first.connection !== 'none') return first;
  await opened;
  return client.call<AttemptJoinResult>('attempt:join', {});
}

/** How a simulated candidate answers a question: the correct response or a wrong one. */
export type AnswerChooser = (item: FormItemView, key: AnswerKey) => number[];

/**
 * A chooser answering `accuracy` (0..1) of the questions correctly, deterministically by slot:
 * slot s is answered wrongly when (s * 37) mod 100 >= accuracy * 100.
 */
export function answerWithAccuracy(accuracy: number): AnswerChooser {
  return (item, key) => {
    const isCorrect = (item.slot * 37) % 100 < accuracy * 100;
    return (isCorrect ? key.correctResponse(item) : null) ?? key.wrongResponse(item);
  };
}

/**
 * Saves answers of `items` one at a time (acknowledged, durable) with seqs from `firstSeq` upward.
 * @returns the responses sent, by slot, and the last seq used
 * @throws Error when a save is refused
 */
export async function answerItems(
  client: CandidateClient,
  items: readonly FormItemView[],
  options: { key: AnswerKey; choose: AnswerChooser; firstSeq: number },
): Promise<{ sent: Map<number, number[]>; lastSeq: number }> {
  const sent = new Map<number, number[]>();
  let seq = options.firstSeq;
  for (const item of items) {
    const response = options.choose(item, options.key);
    await client.call('attempt:answer', { slot: item.slot, response, seq });
    sent.set(item.slot, response);
    seq += 1;
    await new Promise((resolve) => setTimeout(resolve, answerPacingMs));
  }
  return { sent, lastSeq: seq - 1 };
}

/** Starts the attempt (after joining) and returns the state with the form. */
export async function startAttempt(client: CandidateClient): Promise<AttemptState> {
  return client.call<AttemptState>('attempt:start', {});
}

/** Submits and returns the stored counts. */
export function submitAttempt(client: CandidateClient): Promise<SubmitResult> {
  return client.call<SubmitResult>('attempt:submit', {});
}

/** Connects a candidate socket with its session cookie. */
export function connectSocketCandidate(baseUrl: string, cookie: string): Promise<CandidateClient> {
  return connectCandidate(baseUrl, cookie, { timeoutMs: 20_000 });
}
