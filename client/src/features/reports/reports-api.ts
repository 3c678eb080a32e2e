/** Query hooks of the reports screens (TanStack Query keys under `['reports', …]`). */
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import { useSession } from '../auth/use-session';
import { canReport, type ReportCapability } from './reports-access';
import type {
  FeedbackEntry,
  FeedbackTarget,
  IndicatorReport,
  ItemAnalysisReport,
  PassRateDimension,
  PassRateReport,
  ReportBatch,
  ReportSettings,
  ReviewQueue,
} from './reports-types';

/** True when the signed-in user may use `capability`. */
export function useCanReport(capability: ReportCapability): boolean {
  const session = useSession();
  return canReport(session.data?.roles ?? [], capability);
}

/** GET /api/reports/batches (newest first). */
export function useReportBatches(enabled = true) {
  return useQuery({ queryKey: ['reports', 'batches'], queryFn: () => api.get<{ batches: ReportBatch[] }>('/api/reports/batches'), enabled });
}

/** GET item analysis (bank roles) or paper statistics (others) of a batch; null when never run. */
export function useBatchAnalysis(batchId: string | undefined, withItems: boolean) {
  return useQuery({
    queryKey: ['reports', 'analysis', batchId, withItems],
    queryFn: async () => {
      try {
        return await api.get<ItemAnalysisReport>(`/api/reports/batches/${batchId}/${withItems ? 'item-analysis' : 'paper-statistics'}`);
      } catch (error) {
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
    },
    enabled: Boolean(batchId),
  });
}

/** GET /api/reports/pass-rates. */
export function usePassRates(query: { dimension: PassRateDimension; batchId?: string; from?: string; to?: string; includeComputed?: boolean }) {
  return useQuery({ queryKey: ['reports', 'pass-rates', query], queryFn: () => api.get<PassRateReport>(withQuery('/api/reports/pass-rates', query)) });
}

/** GET /api/reports/indicators. */
export function useIndicators(query: { from?: string; to?: string }) {
  return useQuery({ queryKey: ['reports', 'indicators', query], queryFn: () => api.get<IndicatorReport>(withQuery('/api/reports/indicators', query)) });
}

/** GET /api/reports/batches/:batchId/feedback. */
export function useBatchFeedback(batchId: string | undefined) {
  return useQuery({
    queryKey: ['reports', 'feedback', batchId],
    queryFn: () => api.get<{ feedback: FeedbackEntry[] }>(`/api/reports/batches/${batchId}/feedback`),
    enabled: Boolean(batchId),
  });
}

/** GET /api/reports/my/feedback. */
export function useMyFeedbackTargets() {
  return useQuery({ queryKey: ['reports', 'my-feedback'], queryFn: () => api.get<{ batches: FeedbackTarget[] }>('/api/reports/my/feedback') });
}

/** GET /api/reports/review-queue. */
export function useReviewQueue() {
  return useQuery({ queryKey: ['reports', 'review-queue'], queryFn: () => api.get<ReviewQueue>('/api/reports/review-queue') });
}

/** GET /api/reports/settings. */
export function useReportSettings(enabled = true) {
  return useQuery({ queryKey: ['reports', 'settings'], queryFn: () => api.get<ReportSettings>('/api/reports/settings'), enabled });
}
