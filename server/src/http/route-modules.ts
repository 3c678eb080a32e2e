/**
 * Every context's routes, in mounting order. A new context adds its `register…Routes` here.
 */
import { registerArchiveRoutes } from '../domain/archive/archive.routes';
import { registerAttemptRoutes } from '../domain/attempts/attempts.routes';
import { registerAuditRoutes } from '../domain/audit/audit.routes';
import { registerBankRoutes } from '../domain/bank/bank.routes';
import { registerCertificateRoutes } from '../domain/certificates/certificates.routes';
import { registerHealthRoutes } from '../domain/health/health.routes';
import { registerIdentityRoutes } from '../domain/identity/identity.routes';
import { registerPapersRoutes } from '../domain/papers/papers.routes';
import { registerPlanRoutes } from '../domain/plans/plans.routes';
import { registerProctoringRoutes } from '../domain/proctoring/proctoring.routes';
import { registerPublicationRoutes } from '../domain/publication/publication.routes';
import { registerReportRoutes } from '../domain/reports/reports.routes';
import { registerScoringRoutes } from '../domain/scoring/scoring.routes';
import type { RouteModule } from './context';

/** Route modules mounted by `createApp`. */
export const routeModules: readonly RouteModule[] = [registerHealthRoutes, registerIdentityRoutes, registerAuditRoutes, registerAttemptRoutes, registerBankRoutes, registerPapersRoutes, registerPlanRoutes, registerScoringRoutes, registerPublicationRoutes, registerCertificateRoutes, registerArchiveRoutes, registerReportRoutes, registerProctoringRoutes];
