/** Query hooks of the plan screens (TanStack Query keys under `['plans', …]`). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BatchView } from './plans-types';

/** GET /api/batches/:batchId. */
export function useBatch(batchId: string | undefined) {
  return useQuery({
    queryKey: ['plans', 'batch', batchId],
    queryFn: () => api.get<BatchView>(`/api/batches/${batchId}`),
    enabled: Boolean(batchId),
  });
}

/** GET /api/batches (newest first). */
export function useBatches() {
  return useQuery({ queryKey: ['plans', 'batches'], queryFn: () => api.get<{ batches: BatchView[]; total: number }>('/api/batches?limit=200') });
}

/** Stores a batch answer in the cache and refreshes the lists. */
export function useStoreBatch() {
  const queryClient = useQueryClient();
  return async (batch: BatchView) => {
    queryClient.setQueryData(['plans', 'batch', batch.id], batch);
    await queryClient.invalidateQueries({ queryKey: ['plans', 'batches'] });
    await queryClient.invalidateQueries({ queryKey: ['plans', 'deadlines', batch.id] });
  };
}
