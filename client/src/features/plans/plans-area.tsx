import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { StatusBadge, QueryState } from '../../components/status';
import { SubNav } from '../../components/page';
import { useCan } from '../auth/use-session';
import { AdmissionTicketsPage } from './admission-tickets-page';
import { AnnouncementPage } from './announcement-page';
import { BatchesPage } from './batches-page';
import { BatchWizard, NewBatchPage } from './batch-wizard';
import { CalendarPage } from './calendar-page';
import { CalendarSettingsPage } from './calendar-settings-page';
import { DeadlinesPage } from './deadlines-page';
import { EnterpriseUnitsPage } from './enterprise-units-page';
import { useBatch } from './plans-api';
import { RosterPage } from './roster-page';

/**
 * Evaluation plans 评价计划: batches (wizard), announcements, roster, admission tickets, calendar,
 * the organisation calendar setting (R7, R11-R13) and the enterprise units (R9).
 */
export function PlansArea() {
  const { t } = useTranslation();
  const canPlan = useCan('planBatches');
  return (
    <>
      <SubNav
        label={t('shell.areas.plans')}
        links={[
          { to: '/plans', label: t('plans.nav.batches'), end: true },
          ...(canPlan ? [{ to: '/plans/batches/new', label: t('plans.nav.newBatch') }] : []),
          { to: '/plans/calendar', label: t('plans.nav.calendar') },
          { to: '/plans/calendar-settings', label: t('plans.nav.calendarSettings') },
          { to: '/plans/enterprise-units', label: t('plans.nav.enterpriseUnits') },
        ]}
      />
      <Routes>
        <Route index element={<BatchesPage />} />
        <Route path="calendar" element={<CalendarPage />} />
        <Route path="calendar-settings" element={<CalendarSettingsPage />} />
        <Route path="enterprise-units" element={<EnterpriseUnitsPage />} />
        <Route path="batches/new" element={<NewBatchPage />} />
        <Route path="batches/:batchId/*" element={<BatchArea />} />
      </Routes>
    </>
  );
}

/** One batch: title, status and tabs (wizard, announcement, roster, tickets, deadlines). */
function BatchArea() {
  const { t } = useTranslation();
  const { batchId = '' } = useParams();
  const batch = useBatch(batchId);
  const base = `/plans/batches/${batchId}`;
  return (
    <QueryState query={batch}>
      {(data) => (
        <>
          <p className="breadcrumb">
            <span className="muted">{data.code}</span> {data.name} <StatusBadge status={data.status} group="batchStatus" />
          </p>
          <SubNav
            label={t('plans.batchTabs')}
            links={[
              { to: `${base}/wizard`, label: t('plans.nav.wizard') },
              { to: `${base}/announcement`, label: t('plans.nav.announcement') },
              { to: `${base}/roster`, label: t('plans.nav.roster') },
              { to: `${base}/tickets`, label: t('plans.nav.tickets') },
              { to: `${base}/deadlines`, label: t('plans.nav.deadlines') },
            ]}
          />
          <Routes>
            <Route index element={<Navigate to="wizard" replace />} />
            <Route path="wizard/*" element={<BatchWizard batch={data} />} />
            <Route path="announcement" element={<AnnouncementPage batch={data} />} />
            <Route path="roster" element={<RosterPage batch={data} />} />
            <Route path="tickets" element={<AdmissionTicketsPage batch={data} />} />
            <Route path="deadlines" element={<DeadlinesPage batch={data} />} />
          </Routes>
        </>
      )}
    </QueryState>
  );
}
