import './exam.css';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { ErrorView } from '../../components/error-view';
import { Loading } from '../../components/status';
import { useSession, type SessionUser } from '../auth/use-session';
import { ExamRoomController } from './exam-room-controller';
import { ConnectingScreen, DoneScreen, FailedScreen, HeldScreen, InstructionsScreen, SignedOutScreen, SupersededScreen, WaitingRoomScreen } from './exam-screens';
import { PaperScreen } from './paper-screen';
import { useLargeText } from './use-large-text';

/**
 * The candidate's exam (route `/exam`, issue 7): waiting room → instructions and confirmation →
 * paper → done, plus the held (second device), superseded and paused states. Signed-out visitors go
 * to the candidate sign-in and come back here; staff get a refusal.
 */
export function ExamArea() {
  const { t } = useTranslation();
  const session = useSession();
  const user = session.data ?? null;
  if (session.isPending) return <Loading />;
  if (!user) return <Navigate to="/candidate/login" replace state={{ from: '/exam' }} />;
  if (!user.roles.includes('candidate')) return <ErrorView error={new Error(t('exam.candidatesOnly'))} title={t('errors.forbidden')} />;
  return <ExamRoom user={user} />;
}

/** Owns the controller (one socket per mounted exam page) and reports browser events as telemetry. */
function ExamRoom({ user }: { user: SessionUser }) {
  const [controller, setController] = useState<ExamRoomController | null>(null);
  useEffect(() => {
    const created = new ExamRoomController();
    setController(created);
    void created.start();
    return () => created.stop();
  }, []);
  useTelemetry(controller);
  if (!controller) return <Loading />;
  return <ExamScreens controller={controller} user={user} />;
}

/** Blur, visibility, fullscreen exit, copy, paste and context menu go to the proctor; none is blocked. */
function useTelemetry(controller: ExamRoomController | null): void {
  useEffect(() => {
    if (!controller) return;
    const onBlur = () => controller.reportTelemetry('focus_lost');
    const onFocus = () => controller.reportTelemetry('focus_regained');
    const onVisibility = () => controller.reportTelemetry(document.visibilityState === 'hidden' ? 'visibility_hidden' : 'visibility_visible');
    const onFullscreen = () => {
      if (!document.fullscreenElement) controller.reportTelemetry('fullscreen_exit');
    };
    const onCopy = () => controller.reportTelemetry('copy');
    const onPaste = () => controller.reportTelemetry('paste');
    const onContextMenu = () => controller.reportTelemetry('context_menu');
    window.addEventListener('blur', onBlur);
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisibility);
    document.addEventListener('fullscreenchange', onFullscreen);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    document.addEventListener('contextmenu', onContextMenu);
    return () => {
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('fullscreenchange', onFullscreen);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('contextmenu', onContextMenu);
    };
  }, [controller]);
}

function ExamScreens({ controller, user }: { controller: ExamRoomController; user: SessionUser }) {
  const snapshot = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const [isLargeText, toggleLargeText] = useLargeText();
  let screen;
  switch (snapshot.phase) {
    case 'connecting':
      screen = <ConnectingScreen />;
      break;
    case 'no_attempt':
      screen = <WaitingRoomScreen snapshot={snapshot} user={user} />;
      break;
    case 'waiting':
      screen = <InstructionsScreen snapshot={snapshot} controller={controller} user={user} isLargeText={isLargeText} onToggleLargeText={toggleLargeText} />;
      break;
    case 'in_progress':
    case 'paused':
      screen = <PaperScreen snapshot={snapshot} controller={controller} user={user} isLargeText={isLargeText} onToggleLargeText={toggleLargeText} />;
      break;
    case 'submitted':
    case 'voided':
      screen = <DoneScreen snapshot={snapshot} user={user} />;
      break;
    case 'held':
      screen = <HeldScreen snapshot={snapshot} />;
      break;
    case 'superseded':
      screen = <SupersededScreen snapshot={snapshot} />;
      break;
    case 'signed_out':
      screen = <SignedOutScreen />;
      break;
    default:
      screen = <FailedScreen snapshot={snapshot} />;
  }
  return (
    <div className={`exam${isLargeText ? ' exam-large' : ''}`} data-phase={snapshot.phase}>
      {screen}
    </div>
  );
}
