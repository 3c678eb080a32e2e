import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorView } from '../../components/error-view';
import { Loading } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import type { SessionUser } from '../auth/use-session';
import { formatClockTime } from './exam-model';
import type { ExamRoomController, ExamSnapshot } from './exam-room-controller';

/** While the socket connects and joins. */
export function ConnectingScreen() {
  const { t } = useTranslation();
  return (
    <div className="card exam-message">
      <Loading label={t('exam.connecting')} />
    </div>
  );
}

/** Session facts: candidate, start time, duration, late entry. */
function SessionFacts({ snapshot, user }: { snapshot: ExamSnapshot; user: SessionUser }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = snapshot.session;
  return (
    <dl className="facts exam-facts">
      <dt>{t('exam.facts.candidate')}</dt>
      <dd>{user.name}</dd>
      {session && (
        <>
          <dt>{t('exam.facts.startsAt')}</dt>
          <dd>{format.dateTime(new Date(session.startsAt))}</dd>
          <dt>{t('exam.facts.duration')}</dt>
          <dd>{t('exam.facts.minutes', { count: session.durationMinutes })}</dd>
          <dt>{t('exam.facts.lateEntryUntil')}</dt>
          <dd>{format.dateTime(new Date(session.lateEntryUntil))}</dd>
        </>
      )}
      {snapshot.totalCount > 0 && (
        <>
          <dt>{t('exam.facts.items')}</dt>
          <dd>{t('exam.facts.itemsValue', { count: snapshot.totalCount, points: snapshot.totalPoints })}</dd>
        </>
      )}
    </dl>
  );
}

/** Exam rules and the keyboard shortcuts (the paper's key map, see resolveExamKey). */
export function ExamInstructions() {
  const { t } = useTranslation();
  const shortcuts: [string, string][] = [
    ['← ↑ PageUp K', t('exam.keys.previous')],
    ['→ ↓ PageDown J', t('exam.keys.next')],
    ['Home / End', t('exam.keys.firstLast')],
    ['1–8 / A–H', t('exam.keys.choose')],
    ['F', t('exam.keys.flag')],
  ];
  return (
    <section aria-labelledby="exam-rules-heading" className="exam-instructions">
      <h2 id="exam-rules-heading">{t('exam.instructions.title')}</h2>
      <ol>
        <li>{t('exam.instructions.rule1')}</li>
        <li>{t('exam.instructions.rule2')}</li>
        <li>{t('exam.instructions.rule3')}</li>
        <li>{t('exam.instructions.rule4')}</li>
        <li>{t('exam.instructions.rule5')}</li>
      </ol>
      <h3>{t('exam.keys.title')}</h3>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">{t('exam.keys.key')}</th>
            <th scope="col">{t('exam.keys.action')}</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map(([keys, action]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Waiting room: the session is not open yet; the page moves on by itself when it opens. */
export function WaitingRoomScreen({ snapshot, user }: { snapshot: ExamSnapshot; user: SessionUser }) {
  const { t } = useTranslation();
  return (
    <div className="exam-narrow">
      <div className="card">
        <h1>{t('exam.waitingRoom.title')}</h1>
        <SessionFacts snapshot={snapshot} user={user} />
        <p className="exam-status-line" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> {t('exam.waitingRoom.notOpen')}
        </p>
      </div>
      <div className="card">
        <ExamInstructions />
      </div>
    </div>
  );
}

/** Instructions and confirmation before the paper is shown. */
export function InstructionsScreen({
  snapshot,
  controller,
  user,
  isLargeText,
  onToggleLargeText,
}: {
  snapshot: ExamSnapshot;
  controller: ExamRoomController;
  user: SessionUser;
  isLargeText: boolean;
  onToggleLargeText: () => void;
}) {
  const { t } = useTranslation();
  const [hasConfirmed, setConfirmed] = useState(false);
  const confirmId = useId();
  return (
    <div className="exam-narrow">
      <div className="card">
        <div className="page-header">
          <h1>{t('exam.start.title')}</h1>
          <button type="button" className="secondary" aria-pressed={isLargeText} onClick={onToggleLargeText}>
            {t('exam.toolbar.largeText')}
          </button>
        </div>
        <SessionFacts snapshot={snapshot} user={user} />
        <ExamInstructions />
        <p className="exam-confirm">
          <input id={confirmId} type="checkbox" checked={hasConfirmed} onChange={(event) => setConfirmed(event.target.checked)} />
          <label htmlFor={confirmId}>{t('exam.start.confirm')}</label>
        </p>
        {snapshot.error && <ErrorView error={new Error(snapshot.error.message)} title={t(`errors.${snapshot.error.code}`, { defaultValue: t('errors.internal') })} />}
        <div className="form-actions">
          <button type="button" className="exam-start" disabled={!hasConfirmed || snapshot.isBusy || !snapshot.isConnected} onClick={() => void controller.startAttempt()}>
            {t('exam.start.button')}
          </button>
          {!snapshot.isConnected && <span className="error">{t('exam.toolbar.offline')}</span>}
        </div>
      </div>
    </div>
  );
}

/** A second login waits for the proctor's approval of this device. */
export function HeldScreen({ snapshot }: { snapshot: ExamSnapshot }) {
  const { t } = useTranslation();
  return (
    <div className="card exam-message exam-held" role="alert">
      <h1>{t('exam.held.title')}</h1>
      <p>{t('exam.held.body')}</p>
      <p className="exam-status-line">
        <span className="spinner" aria-hidden="true" /> {t('exam.held.waiting')}
        {snapshot.heldSince !== null && <span className="muted"> · {t('exam.held.since', { time: formatClockTime(snapshot.heldSince) })}</span>}
      </p>
    </div>
  );
}

/** This connection was replaced: the exam continues on another device or tab. */
export function SupersededScreen({ snapshot }: { snapshot: ExamSnapshot }) {
  const { t } = useTranslation();
  const isSameLogin = snapshot.supersededReason === 'replaced_by_same_login';
  return (
    <div className="card exam-message exam-superseded" role="alert">
      <h1>{t('exam.superseded.title')}</h1>
      <p>{isSameLogin ? t('exam.superseded.sameLogin') : t('exam.superseded.otherDevice')}</p>
      <p>{t('exam.superseded.answersKept')}</p>
      {isSameLogin && (
        <button type="button" className="secondary" onClick={() => window.location.reload()}>
          {t('exam.superseded.continueHere')}
        </button>
      )}
    </div>
  );
}

/** The paper was handed in (by the candidate, the deadline or the proctor) or voided. */
export function DoneScreen({ snapshot, user }: { snapshot: ExamSnapshot; user: SessionUser }) {
  const { t } = useTranslation();
  const format = useFormat();
  const result = snapshot.submitResult;
  if (snapshot.phase === 'voided') {
    return (
      <div className="card exam-message" role="status">
        <h1>{t('exam.done.voidedTitle')}</h1>
        <p>{t('exam.done.voided')}</p>
      </div>
    );
  }
  return (
    <div className="card exam-message exam-done" role="status">
      <h1>{t('exam.done.title')}</h1>
      {result && (
        <>
          <p className="exam-done-reason">{t(`exam.done.reasons.${result.submitReason}`)}</p>
          <dl className="facts exam-facts">
            <dt>{t('exam.facts.candidate')}</dt>
            <dd>{user.name}</dd>
            <dt>{t('exam.done.submittedAt')}</dt>
            <dd>{format.dateTime(new Date(result.submittedAt))}</dd>
            <dt>{t('exam.done.answered')}</dt>
            <dd data-count="answered">{t('exam.done.answeredValue', { answered: result.answeredCount, total: result.totalCount })}</dd>
            <dt>{t('exam.done.unanswered')}</dt>
            <dd data-count="unanswered">{result.unansweredCount}</dd>
            <dt>{t('exam.done.flagged')}</dt>
            <dd data-count="flagged">{result.flaggedCount}</dd>
          </dl>
        </>
      )}
      <p className="muted">{t('exam.done.closeHint')}</p>
    </div>
  );
}

/** The sign-in expired: sign in again and come back. */
export function SignedOutScreen() {
  const { t } = useTranslation();
  return (
    <div className="card exam-message" role="alert">
      <h1>{t('exam.signedOut.title')}</h1>
      <p>{t('exam.signedOut.body')}</p>
      <Link className="button" to="/candidate/login" state={{ from: '/exam' }}>
        {t('exam.signedOut.signIn')}
      </Link>
    </div>
  );
}

/** No exam for this admission ticket, or the server refused the connection. */
export function FailedScreen({ snapshot }: { snapshot: ExamSnapshot }) {
  const { t } = useTranslation();
  return (
    <div className="exam-narrow">
      <h1>{t('exam.failed.title')}</h1>
      <ErrorView error={new Error(snapshot.error?.message ?? t('errors.internal'))} title={t(`errors.${snapshot.error?.code ?? 'internal'}`, { defaultValue: t('errors.internal') })} />
    </div>
  );
}
