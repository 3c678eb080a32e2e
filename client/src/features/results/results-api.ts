/** Query hooks of the results and publication screens (TanStack Query keys under `['results', …]`). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { ObjectionView, PublicationView } from './results-types';

/** GET /api/batches/:batchId/publication; null while the publication is not opened (404). */
export function usePublication(batchId: string | undefined) {
  return useQuery({
    queryKey: ['results', 'publication', batchId],
    queryFn: async () => {
      try {
        return await api.get<PublicationView>(`/api/batches/${batchId}/publication`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404 && /publication/i.test(error.message)) return null;
        throw error;
      }
    },
    enabled: Boolean(batchId),
  });
}

/** GET /api/batches/:batchId/publication/objections (staff: all; a candidate: their own). */
export function useObjections(batchId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['results', 'objections', batchId],
    queryFn: () => api.get<{ objections: ObjectionView[] }>(`/api/batches/${batchId}/publication/objections`),
    enabled: Boolean(batchId) && enabled,
  });
}

/** Refreshes the publication, objections and scoring queries after a change. */
export function useRefreshResults() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['results'] });
    await queryClient.invalidateQueries({ queryKey: ['scoring'] });
    await queryClient.invalidateQueries({ queryKey: ['staff-batches'] });
  };
}
