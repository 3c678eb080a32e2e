import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../auth/use-session';

/** Landing page after sign-in: who you are and your roles. */
export function HomePage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h1>{t('home.welcome', { name: user.name })}</h1>
      <p>
        {t('home.roles')}: {user.roles.map((role) => t(`roles.${role}`)).join('、')}
      </p>
    </section>
  );
}
