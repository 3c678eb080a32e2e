import '../scoring/scoring-i18n';
import './certificates-i18n';
import '../scoring/scoring.css';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { SubNav } from '../../components/page';
import { useCan } from '../auth/use-session';
import { BatchPickerPage } from '../results/batch-picker-page';
import { ArchivePage } from './archive-page';
import { BatchCertificatesPage } from './batch-certificates-page';
import { ExportPage } from './export-page';

/** Batch statuses from which certificates may exist (after the publication closed, R15). */
const certificateStatuses = ['published', 'closed', 'archived'];

/**
 * Certificates 职业技能等级证书 (R13-R16): issue for a batch, batch render with live progress, the
 * ledger (print, destroy, reissue, revoke with reasons), the HR export for the guidance body, batch
 * archives with retention and destruction, and the public verification page.
 */
export function CertificatesArea() {
  const { t } = useTranslation();
  const canKeep = useCan('keepCertificates');
  const canArchive = useCan('buildArchives');
  return (
    <>
      <SubNav
        label={t('certificates.title')}
        links={[
          { to: '/certificates', label: t('certificates.nav.batches'), end: true },
          ...(canKeep ? [{ to: '/certificates/export', label: t('certificates.nav.export') }] : []),
          ...(canArchive ? [{ to: '/certificates/archives', label: t('certificates.nav.archives') }] : []),
          { to: '/verify', label: t('certificates.nav.verify') },
        ]}
      />
      <Routes>
        <Route index element={<CertificateBatchesPage />} />
        <Route path="batches/:batchId" element={<BatchRoute />} />
        <Route path="export" element={canKeep ? <ExportPage /> : <Navigate to="/certificates" replace />} />
        <Route path="archives" element={canArchive ? <ArchivePage /> : <Navigate to="/certificates" replace />} />
        <Route path="*" element={<Navigate to="/certificates" replace />} />
      </Routes>
    </>
  );
}

function BatchRoute() {
  const { batchId = '' } = useParams();
  return <BatchCertificatesPage batchId={batchId} />;
}

function CertificateBatchesPage() {
  const { t } = useTranslation();
  return (
    <BatchPickerPage
      title={t('certificates.batches.title')}
      subtitle={t('certificates.batches.subtitle')}
      empty={t('certificates.batches.none')}
      statuses={certificateStatuses}
      linkTo={(batchId) => `/certificates/batches/${batchId}`}
    />
  );
}
