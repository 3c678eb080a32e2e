/** Query hooks of the scoring screens (TanStack Query keys under `['scoring', …]`). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, withQuery } from '../../api/client';
import type { CardComponent, DirectGradingView, ResultSummary, ScoreCardView } from './scoring-types';

/** GET /api/scoring/batches/:batchId/score-cards (as the viewer may see them, R6). */
export function useScoreCards(batchId: string | undefined, component?: CardComponent) {
  return useQuery({
    queryKey: ['scoring', 'cards', batchId, component ?? 'all'],
    queryFn: () => api.get<{ cards: ScoreCardView[] }>(withQuery(`/api/scoring/batches/${batchId}/score-cards`, { component })),
    enabled: Boolean(batchId),
  });
}

/** GET /api/scoring/score-cards/:cardId. */
export function useScoreCard(cardId: string | undefined) {
  return useQuery({
    queryKey: ['scoring', 'card', cardId],
    queryFn: () => api.get<ScoreCardView>(`/api/scoring/score-cards/${cardId}`),
    enabled: Boolean(cardId),
  });
}

/** GET /api/scoring/batches/:batchId/results (the result summary 评价结果汇总表). */
export function useResultSummary(batchId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['scoring', 'summary', batchId],
    queryFn: () => api.get<ResultSummary>(`/api/scoring/batches/${batchId}/results`),
    enabled: Boolean(batchId) && enabled,
  });
}

/** GET /api/scoring/registrations/:registrationId/direct-grading; null before the form is saved (404). */
export function useDirectGrading(registrationId: string | undefined) {
  return useQuery({
    queryKey: ['scoring', 'direct-grading', registrationId],
    queryFn: async () => {
      try {
        return await api.get<DirectGradingView>(`/api/scoring/registrations/${registrationId}/direct-grading`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404 && /direct.grading|form/i.test(error.message)) return null;
        throw error;
      }
    },
    enabled: Boolean(registrationId),
  });
}

/** Refreshes every scoring query after a change. */
export function useRefreshScoring() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['scoring'] });
}
