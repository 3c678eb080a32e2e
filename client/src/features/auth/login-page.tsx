import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { useRefreshSession } from './use-session';

/** Sign-in for staff (username + password) and candidates (ID number + admission ticket + password). */
export function LoginPage({ mode }: { mode: 'staff' | 'candidate' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const refreshSession = useRefreshSession();
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    setBusy(true);
    setError(null);
    try {
      if (mode === 'staff') await api.post('/api/auth/login', form);
      else await api.post('/api/auth/candidate-login', form);
      await refreshSession();
      // Candidates go to their exam page (features/exam); staff back to where they were asked to sign in.
      navigate(mode === 'candidate' ? '/exam' : from && from.startsWith('/') ? from : '/', { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card login-card">
      <h1>{mode === 'staff' ? t('login.staffTitle') : t('login.candidateTitle')}</h1>
      <form onSubmit={onSubmit}>
        {mode === 'staff' ? (
          <Field label={t('login.username')}>{(props) => <input {...props} name="username" autoComplete="username" required />}</Field>
        ) : (
          <>
            <Field label={t('login.idNumber')}>{(props) => <input {...props} name="idNumber" autoComplete="username" required />}</Field>
            <Field label={t('login.admissionTicketNumber')}>{(props) => <input {...props} name="admissionTicketNumber" required />}</Field>
          </>
        )}
        <Field label={t('login.password')}>
          {(props) => <input {...props} name="password" type="password" autoComplete="current-password" required />}
        </Field>
        {error ? <ErrorView error={error} title={t('login.failed')} /> : null}
        <div className="form-actions">
          <button type="submit" disabled={isBusy}>
            {t('login.submit')}
          </button>
          <button type="button" className="link" onClick={() => navigate(mode === 'staff' ? '/candidate/login' : '/login')}>
            {mode === 'staff' ? t('login.switchToCandidate') : t('login.switchToStaff')}
          </button>
        </div>
      </form>
    </div>
  );
}
