import './proctor.css';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { ErrorView } from '../../components/error-view';
import { Loading } from '../../components/status';
import { useSession } from '../auth/use-session';
import { RoomConsolePage } from './room-console-page';
import { RoomsPage } from './rooms-page';

/** Roles of the `/proctor` namespace and the /api/proctoring console routes. */
export const proctorConsoleRoles = ['exam_admin', 'proctor', 'supervisor'] as const;

/**
 * The proctor console 监考台 (route `/proctor`, issue 8, R10): the rooms the user may watch, then one
 * room's live grid, incident feed, candidate details with timeline and actions, void requests and
 * the room record. Proctors of the room act; exam administrators and supervisors of the batch
 * observe (supervisors confirm voids).
 */
export function ProctorArea() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) return <Loading />;
  const roles = session.data?.roles ?? [];
  if (!session.data) return <Navigate to="/login" replace state={{ from: '/proctor' }} />;
  if (!roles.some((role) => (proctorConsoleRoles as readonly string[]).includes(role))) {
    return <ErrorView error={new Error(t('proctor.forbidden'))} title={t('errors.forbidden')} />;
  }
  return (
    <Routes>
      <Route index element={<RoomsPage />} />
      <Route path="rooms/:batchId/:roomId/:sessionId" element={<RoomConsolePage />} />
      <Route path="*" element={<Navigate to="/proctor" replace />} />
    </Routes>
  );
}
