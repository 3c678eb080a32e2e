import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { SubNav } from '../../components/page';
import { Loading, QueryState } from '../../components/status';
import { useCan } from '../auth/use-session';
import { useLevelName, useScope } from './bank-api';
import { describeScope } from './bank-types';
import { BlueprintPage } from './blueprint-page';
import { DuplicatesPage } from './duplicates-page';
import { ImportPage } from './import-page';
import { ItemEditorPage } from './item-editor-page';
import { ItemsPage } from './items-page';
import { ScopesPage } from './scopes-page';

// The chart screens carry recharts; they load on first visit.
const ReadinessPage = lazy(() => import('./readiness-page').then((module) => ({ default: module.ReadinessPage })));
const PaperLibraryPage = lazy(() => import('./paper-library-page').then((module) => ({ default: module.PaperLibraryPage })));

/** The bank 题库 area: scopes, items and review, import, blueprint, duplicates, readiness, papers. */
export function BankArea() {
  const { t } = useTranslation();
  return (
    <>
      <SubNav
        label={t('shell.areas.bank')}
        links={[
          { to: '/bank', label: t('bank.nav.scopes'), end: true },
          { to: '/bank/items', label: t('bank.nav.items') },
        ]}
      />
      <Routes>
        <Route index element={<ScopesPage />} />
        <Route path="items" element={<ItemsPage />} />
        <Route path="items/new" element={<ItemEditorPage />} />
        <Route path="items/:itemId" element={<ItemEditorPage />} />
        <Route path="scopes/:scopeId/*" element={<ScopeArea />} />
      </Routes>
    </>
  );
}

/** One scope: its title and tabs. */
function ScopeArea() {
  const { t } = useTranslation();
  const { scopeId = '' } = useParams();
  const scope = useScope(scopeId);
  const levelName = useLevelName();
  const canMaintain = useCan('maintainBank');
  const base = `/bank/scopes/${scopeId}`;
  const links = [
    { to: `${base}/readiness`, label: t('bank.nav.readiness') },
    { to: `/bank/items?scopeId=${scopeId}`, label: t('bank.nav.items') },
    ...(canMaintain ? [{ to: `${base}/import`, label: t('bank.nav.import') }] : []),
    { to: `${base}/blueprint`, label: t('bank.nav.blueprint') },
    ...(canMaintain ? [{ to: `${base}/duplicates`, label: t('bank.nav.duplicates') }] : []),
    { to: `${base}/papers`, label: t('bank.nav.papers') },
  ];
  return (
    <QueryState query={scope}>
      {(data) => (
        <>
          <p className="breadcrumb">
            <span className="muted">{data.occupationCode}</span> {describeScope(data, levelName)}
          </p>
          <SubNav label={t('bank.scopeTabs')} links={links} />
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route index element={<Navigate to="readiness" replace />} />
              <Route path="readiness" element={<ReadinessPage scope={data} />} />
              <Route path="import" element={<ImportPage scope={data} />} />
              <Route path="blueprint" element={<BlueprintPage scope={data} />} />
              <Route path="duplicates" element={<DuplicatesPage scope={data} />} />
              <Route path="papers" element={<PaperLibraryPage scope={data} />} />
            </Routes>
          </Suspense>
        </>
      )}
    </QueryState>
  );
}
