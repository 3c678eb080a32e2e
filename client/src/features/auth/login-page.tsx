import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { useRefreshSession } from './use-session';

/** Sign-in for staff (username + password) and candidates (ID number + admission ticket + password). */
export function LoginPage({ mode }: { mode: 'staff' | 'candidate' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refreshSession = useRefreshSession();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    setBusy(true);
    setError(null);
    try {
      if (mode === 'staff') await api.post('/api/auth/login', form);
      else await api.post('/api/auth/candidate-login', form);
      await refreshSession();
      navigate(mode === 'candidate' ? '/exam' : '/');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('login.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card login-card">
      <h1>{mode === 'staff' ? t('login.staffTitle') : t('login.candidateTitle')}</h1>
      <form onSubmit={onSubmit}>
        {mode === 'staff' ? (
          <label>
            {t('login.username')}
            <input name="username" autoComplete="username" required />
          </label>
        ) : (
          <>
            <label>
              {t('login.idNumber')}
              <input name="idNumber" autoComplete="username" required />
            </label>
            <label>
              {t('login.admissionTicketNumber')}
              <input name="admissionTicketNumber" required />
            </label>
          </>
        )}
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={isBusy}>
          {t('login.submit')}
        </button>{' '}
        <button
          type="button"
          className="link"
          onClick={() => navigate(mode === 'staff' ? '/candidate/login' : '/login')}
        >
          {mode === 'staff' ? t('login.switchToCandidate') : t('login.switchToStaff')}
        </button>
      </form>
    </div>
  );
}
