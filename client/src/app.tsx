import { type ComponentType, lazy, type ReactNode, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { api } from './api/client';
import { ErrorBoundary } from './components/error-boundary';
import { ErrorView } from './components/error-view';
import { Loading } from './components/status';
import { hasCapability, visibleAreas, type Capability } from './features/auth/access';
import { LoginPage } from './features/auth/login-page';
import { useRefreshSession, useSession, type SessionUser } from './features/auth/use-session';
import { toggleLanguage } from './i18n';

// Areas load on demand (one chunk each) so the sign-in page stays small.
const HomePage = lazy(() => import('./features/home/home-page').then((module) => ({ default: module.HomePage })));
const AdminArea = lazy(() => import('./features/admin/admin-area').then((module) => ({ default: module.AdminArea })));
const BankArea = lazy(() => import('./features/bank/bank-area').then((module) => ({ default: module.BankArea })));
const PlansArea = lazy(() => import('./features/plans/plans-area').then((module) => ({ default: module.PlansArea })));
const ReportsArea = lazy(() => import('./features/reports/reports-area').then((module) => ({ default: module.ReportsArea })));
const ExamArea = lazy(() => import('./features/exam/exam-area').then((module) => ({ default: module.ExamArea })));
const ProctorArea = lazy(() => import('./features/proctor/proctor-area').then((module) => ({ default: module.ProctorArea })));
const ScoringArea = lazy(() => import('./features/scoring/scoring-area').then((module) => ({ default: module.ScoringArea })));
const ResultsArea = lazy(() => import('./features/results/results-area').then((module) => ({ default: module.ResultsArea })));
const CertificatesArea = lazy(() => import('./features/certificates/certificates-area').then((module) => ({ default: module.CertificatesArea })));
const VerifyPage = lazy(() => import('./features/verify/verify-page').then((module) => ({ default: module.VerifyPage })));

/**
 * The areas behind one capability each: a signed-in user holding `capability` opens the lazily
 * loaded `Area` under `path`; others are sent to sign-in or refused ({@link RequireCapability}).
 * The home page, reports, exam, proctor and the public verification page have their own rules and
 * stay explicit in the route table.
 */
const guardedAreas: readonly { path: string; capability: Capability; Area: ComponentType }[] = [
  { path: '/admin/*', capability: 'administer', Area: AdminArea },
  { path: '/bank/*', capability: 'readBank', Area: BankArea },
  { path: '/plans/*', capability: 'readPlans', Area: PlansArea },
  { path: '/scoring/*', capability: 'readScoreCards', Area: ScoringArea },
  { path: '/results/*', capability: 'readPublication', Area: ResultsArea },
  { path: '/certificates/*', capability: 'readCertificates', Area: CertificatesArea },
];

/** Opens `children` only for a signed-in user holding `capability`; otherwise sign-in or a refusal. */
function RequireCapability({ user, capability, children }: { user: SessionUser | null; capability: Capability; children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!hasCapability(user.roles, capability)) {
    return <ErrorView error={new Error(t('shell.forbiddenMessage'))} title={t('errors.forbidden')} />;
  }
  return <>{children}</>;
}

/**
 * Application shell: skip link, header with role-aware navigation (only the areas the user's roles
 * may open), language toggle (zh-CN default, English) and sign-out, and the route table with one
 * lazily loaded chunk per area. The candidate exam page and the proctor console mount their routes
 * here too (features/exam, features/proctor).
 */
export function App() {
  const { t } = useTranslation();
  const session = useSession();
  const refreshSession = useRefreshSession();
  const user = session.data ?? null;
  const areas = user ? visibleAreas(user.roles) : [];
  const location = useLocation();
  const previousPath = useRef(location.pathname);
  // After client-side navigation, focus moves to the main region so keyboard and screen-reader
  // users start at the new screen rather than on the link they used.
  useEffect(() => {
    if (previousPath.current === location.pathname) return;
    previousPath.current = location.pathname;
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);
  useEffect(() => {
    const area = location.pathname.split('/')[1];
    const areaName = ['admin', 'bank', 'plans', 'proctor', 'scoring', 'results', 'certificates', 'reports'].includes(area) ? t(`shell.areas.${area}`) : '';
    document.title = areaName ? `${areaName} · ${t('appName')}` : t('appName');
  }, [location.pathname, t]);

  async function logout() {
    await api.post('/api/auth/logout').catch(() => undefined);
    await refreshSession();
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          {t('appName')}
        </Link>
        {user && (
          <nav className="main-nav" aria-label={t('shell.mainNavigation')}>
            <NavLink to="/" end>
              {t('shell.home')}
            </NavLink>
            {areas.map((area) => (
              <NavLink key={area} to={`/${area}`}>
                {t(`shell.areas.${area}`)}
              </NavLink>
            ))}
          </nav>
        )}
        <div className="header-tools">
          {user && (
            <span className="who" title={user.organisationName}>
              {user.name}
            </span>
          )}
          <button type="button" className="link" onClick={toggleLanguage} lang={t('languageCode')} aria-label={t('shell.switchLanguage')}>
            {t('language')}
          </button>
          {user && (
            <button type="button" className="link" onClick={logout}>
              {t('home.logout')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {session.isPending ? (
          <Loading />
        ) : session.isError ? (
          <ErrorView error={session.error} />
        ) : (
          <ErrorBoundary resetKey={location.pathname} title={t('shell.screenFailed')}>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/login" element={<LoginPage mode="staff" />} />
                <Route path="/candidate/login" element={<LoginPage mode="candidate" />} />
                <Route path="/" element={user ? <HomePage user={user} /> : <Navigate to="/login" replace />} />
                {guardedAreas.map(({ path, capability, Area }) => (
                  <Route
                    key={path}
                    path={path}
                    element={
                      <RequireCapability user={user} capability={capability}>
                        <Area />
                      </RequireCapability>
                    }
                  />
                ))}
                {/* Certificate verification is public (R15): no sign-in needed. */}
                <Route path="/verify" element={<VerifyPage />} />
                <Route path="/reports/*" element={user ? <ReportsArea /> : <Navigate to="/login" replace />} />
                <Route path="/exam" element={user ? <ExamArea /> : <Navigate to="/candidate/login" replace state={{ from: '/exam' }} />} />
                <Route path="/proctor/*" element={user ? <ProctorArea /> : <Navigate to="/login" replace state={{ from: '/proctor' }} />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </Suspense>
          </ErrorBoundary>
        )}
      </main>
    </>
  );
}
