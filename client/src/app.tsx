import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes } from 'react-router-dom';
import { api } from './api/client';
import { LoginPage } from './features/auth/login-page';
import { useRefreshSession, useSession } from './features/auth/use-session';
import { HomePage } from './features/home/home-page';
import { toggleLanguage } from './i18n';

/** Application shell: header with language toggle and sign-out, and the route table. */
export function App() {
  const { t } = useTranslation();
  const session = useSession();
  const refreshSession = useRefreshSession();
  const user = session.data ?? null;

  async function logout() {
    await api.post('/api/auth/logout');
    await refreshSession();
  }

  return (
    <>
      <header className="app-header">
        <Link to="/">{t('appName')}</Link>
        <nav>
          <button type="button" className="link" onClick={toggleLanguage}>
            {t('language')}
          </button>
          {user && (
            <button type="button" className="link" onClick={logout}>
              {t('home.logout')}
            </button>
          )}
        </nav>
      </header>
      <main>
        {session.isLoading ? null : (
          <Routes>
            <Route path="/login" element={<LoginPage mode="staff" />} />
            <Route path="/candidate/login" element={<LoginPage mode="candidate" />} />
            <Route path="/" element={user ? <HomePage user={user} /> : <Navigate to="/login" replace />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        )}
      </main>
    </>
  );
}
