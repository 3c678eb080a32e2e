import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { SubNav } from '../../components/page';
import { AuditPage } from './audit-page';
import { OrganisationSettingsPage } from './organisation-settings-page';
import { UsersPage } from './users-page';

/** Administration (admin role): organisation settings, users, audit chain. */
export function AdminArea() {
  const { t } = useTranslation();
  return (
    <>
      <SubNav
        label={t('shell.areas.admin')}
        links={[
          { to: '/admin/organisation', label: t('admin.nav.organisation') },
          { to: '/admin/users', label: t('admin.nav.users') },
          { to: '/admin/audit', label: t('admin.nav.audit') },
        ]}
      />
      <Routes>
        <Route index element={<Navigate to="organisation" replace />} />
        <Route path="organisation" element={<OrganisationSettingsPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="audit" element={<AuditPage />} />
      </Routes>
    </>
  );
}
