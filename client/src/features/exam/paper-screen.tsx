import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog';
import type { SessionUser } from '../auth/use-session';
import { chooseOption, countProgress, formatClockTime, formatDuration, optionLabel, remainingMsAt, resolveExamKey, type ExamTimer } from './exam-model';
import type { ExamRoomController, ExamSnapshot, SaveStatus } from './exam-room-controller';

/** Remaining time under which the timer turns red (ms). */
const lowTimeMs = 5 * 60_000;

/**
 * The paper: toolbar (timer, progress, connection, larger text, fullscreen, submit), the current
 * question with its options in the candidate's order, the number grid, and the paused, time-up,
 * warning and submit overlays. Keyboard map: see resolveExamKey (documented on the instructions).
 */
export function PaperScreen({
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
  const [isSubmitOpen, setSubmitOpen] = useState(false);
  const headingReference = useRef<HTMLHeadingElement>(null);
  const items = snapshot.items;
  const index = Math.max(0, items.findIndex((item) => item.slot === snapshot.position));
  const item = items[index];
  const progress = countProgress(items, snapshot.responses, snapshot.flaggedSlots);
  const isLocked = snapshot.phase !== 'in_progress' || snapshot.isTimeUp;

  // Keyboard map on the whole page (not inside dialogs or form fields).
  const latest = useRef({ snapshot, index });
  latest.current = { snapshot, index };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.closest('input, textarea, select, [contenteditable="true"]') !== null)) return;
      const { snapshot: current, index: currentIndex } = latest.current;
      const currentItem = current.items[currentIndex];
      if (!currentItem) return;
      const action = resolveExamKey(event, currentItem.options.length);
      if (!action) return;
      event.preventDefault();
      const go = (nextIndex: number) => {
        const next = current.items[Math.min(current.items.length - 1, Math.max(0, nextIndex))];
        if (next) controller.goTo(next.slot);
      };
      switch (action.kind) {
        case 'previous':
          return go(currentIndex - 1);
        case 'next':
          return go(currentIndex + 1);
        case 'first':
          return go(0);
        case 'last':
          return go(current.items.length - 1);
        case 'flag':
          return controller.toggleFlag(currentItem.slot);
        case 'choose':
          return controller.setResponse(currentItem.slot, chooseOption(currentItem.type, current.responses.get(currentItem.slot) ?? [], action.index));
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [controller]);

  if (!item) return null;
  const response = snapshot.responses.get(item.slot) ?? [];
  const isFlagged = snapshot.flaggedSlots.includes(item.slot);
  const saveState = snapshot.saveStates.get(item.slot) ?? { status: 'none' as SaveStatus, savedAt: null };
  const isMultiple = item.type === 'multiple';

  const goToFromGrid = (slot: number) => {
    controller.goTo(slot);
    requestAnimationFrame(() => headingReference.current?.focus());
  };

  return (
    <div className="exam-paper-layout">
      <div className="exam-toolbar" role="region" aria-label={t('exam.toolbar.label')}>
        <span className="exam-candidate">{user.name}</span>
        {snapshot.timer && <TimerDisplay timer={snapshot.timer} isTimeUp={snapshot.isTimeUp} />}
        <span className="exam-progress" aria-live="off">
          {t('exam.toolbar.progress', { answered: progress.answeredCount, total: progress.totalCount })}
        </span>
        <ConnectionBadge snapshot={snapshot} />
        <span className="exam-toolbar-actions">
          <button type="button" className="secondary" aria-pressed={isLargeText} onClick={onToggleLargeText}>
            {t('exam.toolbar.largeText')}
          </button>
          <FullscreenButton />
          <button type="button" className="exam-submit" disabled={isLocked} onClick={() => setSubmitOpen(true)}>
            {t('exam.toolbar.submit')}
          </button>
        </span>
      </div>

      <div className="exam-paper">
        <section className="card exam-question" aria-labelledby="exam-question-heading">
          <div className="exam-question-header">
            <h2 id="exam-question-heading" ref={headingReference} tabIndex={-1}>
              {t('exam.paper.number', { number: item.number, total: items.length })}
              <span className="badge">{t(`itemTypes.${item.type}`)}</span>
              <span className="exam-points">{t('exam.paper.points', { points: item.points })}</span>
              {isFlagged && <span className="exam-flag-badge">{t('exam.paper.flagged')}</span>}
            </h2>
            <SaveIndicator status={saveState.status} savedAt={saveState.savedAt} />
          </div>
          <p className="exam-stem" id="exam-stem">
            {item.stem}
          </p>
          {item.images
            ?.filter((source) => /^(data:image\/|https?:|\/)/.test(source))
            .map((source, imageIndex) => <img key={source} className="exam-figure" src={source} alt={t('exam.paper.figure', { number: imageIndex + 1 })} />)}
          <p className="hint">{isMultiple ? t('exam.paper.chooseMany') : t('exam.paper.chooseOne')}</p>
          <div className="exam-options" role={isMultiple ? 'group' : 'radiogroup'} aria-labelledby="exam-stem">
            {item.options.map((text, optionIndex) => {
              const isChosen = response.includes(optionIndex);
              return (
                <button
                  key={optionIndex}
                  type="button"
                  role={isMultiple ? 'checkbox' : 'radio'}
                  aria-checked={isChosen}
                  className={`exam-option${isChosen ? ' chosen' : ''}`}
                  disabled={isLocked}
                  data-option={optionIndex}
                  onClick={() => controller.setResponse(item.slot, chooseOption(item.type, response, optionIndex))}
                >
                  <span className="exam-option-letter" aria-hidden="true">
                    {optionLabel(optionIndex)}
                  </span>
                  <span className="exam-option-text">{text}</span>
                </button>
              );
            })}
          </div>
          <div className="exam-question-actions">
            <button type="button" className="secondary" disabled={index === 0} onClick={() => controller.goTo(items[index - 1].slot)}>
              {t('exam.paper.previous')}
            </button>
            <button type="button" className={`secondary exam-flag-button${isFlagged ? ' active' : ''}`} aria-pressed={isFlagged} disabled={isLocked} onClick={() => controller.toggleFlag(item.slot)}>
              {isFlagged ? t('exam.paper.unflag') : t('exam.paper.flag')}
            </button>
            <button type="button" className="secondary" disabled={isLocked || response.length === 0} onClick={() => controller.setResponse(item.slot, [])}>
              {t('exam.paper.clear')}
            </button>
            <button type="button" className="secondary" disabled={index === items.length - 1} onClick={() => controller.goTo(items[index + 1].slot)}>
              {t('exam.paper.next')}
            </button>
          </div>
        </section>

        <NumberGrid snapshot={snapshot} onGoTo={goToFromGrid} />
      </div>

      {snapshot.phase === 'paused' && !snapshot.isTimeUp && (
        <div className="exam-overlay" role="alertdialog" aria-modal="true" aria-labelledby="exam-paused-title">
          <div className="card">
            <h2 id="exam-paused-title">{t('exam.paused.title')}</h2>
            <p>{t('exam.paused.body')}</p>
          </div>
        </div>
      )}
      {snapshot.isTimeUp && (
        <div className="exam-overlay" role="alertdialog" aria-modal="true" aria-labelledby="exam-time-up-title">
          <div className="card">
            <h2 id="exam-time-up-title">{t('exam.timeUp.title')}</h2>
            <p>{t('exam.timeUp.body')}</p>
          </div>
        </div>
      )}
      <SubmitDialog snapshot={snapshot} controller={controller} isOpen={isSubmitOpen && !isLocked} onClose={() => setSubmitOpen(false)} />
      <WarningDialog snapshot={snapshot} controller={controller} />
    </div>
  );
}

/** Remaining time from the server deadline corrected by the clock offset; frozen while paused. */
function TimerDisplay({ timer, isTimeUp }: { timer: ExamTimer; isTimeUp: boolean }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const interval = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(interval);
  }, []);
  const remainingMs = isTimeUp ? 0 : remainingMsAt(timer, now);
  const text = formatDuration(remainingMs);
  return (
    <span className={`exam-timer${remainingMs <= lowTimeMs ? ' low' : ''}${timer.status === 'paused' ? ' paused' : ''}`} role="timer" aria-label={t('exam.toolbar.remaining', { time: text })}>
      <span className="exam-timer-label" aria-hidden="true">
        {timer.status === 'paused' ? t('exam.toolbar.pausedLabel') : t('exam.toolbar.remainingLabel')}
      </span>
      <span className="exam-timer-value" aria-hidden="true">
        {text}
      </span>
    </span>
  );
}

/** Online / offline with the number of answers waiting to be saved. */
function ConnectionBadge({ snapshot }: { snapshot: ExamSnapshot }) {
  const { t } = useTranslation();
  const isOnline = snapshot.isConnected;
  return (
    <span className={`exam-connection ${isOnline ? 'online' : 'offline'}`} role="status" aria-live="polite">
      {isOnline ? t('exam.toolbar.online') : t('exam.toolbar.offline')}
      {snapshot.pendingCount > 0 && <span className="exam-pending"> · {t('exam.toolbar.pending', { count: snapshot.pendingCount })}</span>}
    </span>
  );
}

/** Save state of the current question. */
function SaveIndicator({ status, savedAt }: { status: SaveStatus; savedAt: number | null }) {
  const { t } = useTranslation();
  const text =
    status === 'saving'
      ? t('exam.save.saving')
      : status === 'retrying'
        ? t('exam.save.retrying')
        : status === 'rejected'
          ? t('exam.save.rejected')
          : status === 'saved' && savedAt !== null
            ? t('exam.save.savedAt', { time: formatClockTime(savedAt) })
            : t('exam.save.none');
  return (
    <span className={`exam-save exam-save-${status}`} role="status" aria-live="polite" data-save-status={status}>
      {text}
    </span>
  );
}

/** Answer sheet: one button per slot, grouped by item type, coloured by answered/flagged/current/save state. */
function NumberGrid({ snapshot, onGoTo }: { snapshot: ExamSnapshot; onGoTo: (slot: number) => void }) {
  const { t } = useTranslation();
  const groups: { type: string; slots: typeof snapshot.items }[] = [];
  for (const item of snapshot.items) {
    const last = groups[groups.length - 1];
    if (last && last.type === item.type) last.slots.push(item);
    else groups.push({ type: item.type, slots: [item] });
  }
  return (
    <nav className="card exam-grid" aria-label={t('exam.grid.label')}>
      <h2>{t('exam.grid.title')}</h2>
      {groups.map((group, groupIndex) => (
        <div key={groupIndex} className="exam-grid-group">
          <h3>{t(`itemTypes.${group.type}`)}</h3>
          <ol className="exam-grid-cells">
            {group.slots.map((item) => {
              const isAnswered = (snapshot.responses.get(item.slot)?.length ?? 0) > 0;
              const isFlagged = snapshot.flaggedSlots.includes(item.slot);
              const isCurrent = item.slot === snapshot.position;
              const save = snapshot.saveStates.get(item.slot)?.status ?? 'none';
              const isUnsaved = save === 'saving' || save === 'retrying' || save === 'rejected';
              const states = [isAnswered ? t('exam.grid.answered') : t('exam.grid.unanswered'), isFlagged && t('exam.grid.flagged'), isUnsaved && t(`exam.save.${save}`)].filter(Boolean);
              return (
                <li key={item.slot}>
                  <button
                    type="button"
                    className={`exam-cell${isAnswered ? ' answered' : ''}${isFlagged ? ' flagged' : ''}${isCurrent ? ' current' : ''}${isUnsaved ? ` unsaved ${save}` : ''}`}
                    aria-current={isCurrent ? 'step' : undefined}
                    aria-label={t('exam.grid.cell', { number: item.number, states: states.join(t('exam.grid.separator')) })}
                    data-slot={item.slot}
                    onClick={() => onGoTo(item.slot)}
                  >
                    {item.number}
                  </button>
                </li>
              );
            })}
          </ol>
        </div>
      ))}
      <ul className="exam-grid-legend" aria-label={t('exam.grid.legend')}>
        <li>
          <span className="exam-cell-sample answered" aria-hidden="true" /> {t('exam.grid.answered')}
        </li>
        <li>
          <span className="exam-cell-sample" aria-hidden="true" /> {t('exam.grid.unanswered')}
        </li>
        <li>
          <span className="exam-cell-sample flagged" aria-hidden="true" /> {t('exam.grid.flagged')}
        </li>
        <li>
          <span className="exam-cell-sample current" aria-hidden="true" /> {t('exam.grid.current')}
        </li>
        <li>
          <span className="exam-cell-sample unsaved" aria-hidden="true" /> {t('exam.grid.unsaved')}
        </li>
      </ul>
    </nav>
  );
}

/** Confirmation before handing in: unanswered and flagged counts (and unsaved changes). */
function SubmitDialog({ snapshot, controller, isOpen, onClose }: { snapshot: ExamSnapshot; controller: ExamRoomController; isOpen: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const progress = countProgress(snapshot.items, snapshot.responses, snapshot.flaggedSlots);
  const flaggedNumbers = snapshot.items.filter((item) => snapshot.flaggedSlots.includes(item.slot)).map((item) => item.number);
  return (
    <Dialog title={t('exam.submit.title')} isOpen={isOpen} onClose={onClose}>
      <div className="exam-submit-dialog">
        <dl className="exam-submit-counts">
          <div>
            <dt>{t('exam.submit.total')}</dt>
            <dd data-count="total">{progress.totalCount}</dd>
          </div>
          <div>
            <dt>{t('exam.submit.answered')}</dt>
            <dd data-count="answered">{progress.answeredCount}</dd>
          </div>
          <div className={progress.unansweredCount > 0 ? 'attention' : ''}>
            <dt>{t('exam.submit.unanswered')}</dt>
            <dd data-count="unanswered">{progress.unansweredCount}</dd>
          </div>
          <div className={progress.flaggedCount > 0 ? 'attention' : ''}>
            <dt>{t('exam.submit.flagged')}</dt>
            <dd data-count="flagged">{progress.flaggedCount}</dd>
          </div>
        </dl>
        {progress.unansweredCount > 0 && <p className="exam-submit-warning">{t('exam.submit.unansweredWarning', { count: progress.unansweredCount })}</p>}
        {flaggedNumbers.length > 0 && <p className="exam-submit-warning">{t('exam.submit.flaggedWarning', { numbers: flaggedNumbers.join('、') })}</p>}
        {snapshot.pendingCount > 0 && <p className="muted">{t('exam.submit.pending', { count: snapshot.pendingCount })}</p>}
        <p>{t('exam.submit.final')}</p>
        {snapshot.error && (
          <p className="error" role="alert">
            {snapshot.error.code === 'unsaved'
              ? t('exam.submit.unsavedError')
              : t('exam.submit.failed', { title: t(`errors.${snapshot.error.code}`, { defaultValue: t('errors.internal') }), message: snapshot.error.message })}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('exam.submit.back')}
          </button>
          <button type="button" className="exam-submit-confirm" disabled={snapshot.isBusy} onClick={() => void controller.submit()}>
            {snapshot.isBusy ? t('exam.submit.submitting') : t('exam.submit.confirm')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/** The oldest proctor warning not yet dismissed, shown prominently. */
function WarningDialog({ snapshot, controller }: { snapshot: ExamSnapshot; controller: ExamRoomController }) {
  const { t } = useTranslation();
  const warning = snapshot.warnings[0];
  return (
    <Dialog title={t('exam.warning.title')} isOpen={warning !== undefined} onClose={() => controller.dismissWarning()}>
      {warning && (
        <div className="exam-warning" role="alert">
          <p className="exam-warning-message">{warning.message}</p>
          <p className="muted">{t('exam.warning.at', { time: formatClockTime(warning.at) })}</p>
          <div className="form-actions">
            <button type="button" onClick={() => controller.dismissWarning()}>
              {t('exam.warning.acknowledge')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** Enters or leaves fullscreen (leaving is reported as telemetry by the exam page). */
function FullscreenButton() {
  const { t } = useTranslation();
  const [isFullscreen, setFullscreen] = useState(() => typeof document !== 'undefined' && document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  if (typeof document === 'undefined' || !document.fullscreenEnabled) return null;
  const toggle = () => {
    const request = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    void request.catch(() => undefined);
  };
  return (
    <button type="button" className="secondary" aria-pressed={isFullscreen} onClick={toggle}>
      {isFullscreen ? t('exam.toolbar.exitFullscreen') : t('exam.toolbar.fullscreen')}
    </button>
  );
}
