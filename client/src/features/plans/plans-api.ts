/** Query hooks of the plan screens (TanStack Query keys under `['plans', …]`). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BatchView, EnterpriseUnitsView, OrganisationCalendarView } from './plans-types';

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

/** GET /api/organisation/calendar: the calendar setting and the covered range (R7, R11-R13). */
export function useOrganisationCalendar() {
  return useQuery({ queryKey: ['plans', 'calendar'], queryFn: () => api.get<OrganisationCalendarView>('/api/organisation/calendar') });
}

/** GET /api/organisation/enterprise-units: the enterprise and its subsidiaries (R9). */
export function useEnterpriseUnits() {
  return useQuery({ queryKey: ['plans', 'enterprise-units'], queryFn: () => api.get<EnterpriseUnitsView>('/api/organisation/enterprise-units') });
}
