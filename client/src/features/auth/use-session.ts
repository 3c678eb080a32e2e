import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { hasCapability, type Capability } from './access';

/** The signed-in user as `GET /api/auth/me` answers it. */
export interface SessionUser {
  userId: string;
  organisationId: string;
  organisationName: string;
  name: string;
  roles: string[];
  assessorGrade?: 'assessor' | 'senior_assessor';
  username?: string;
  idNumber?: string;
  sessionExpiresAt: string;
}

/** Current session (null when signed out). */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<SessionUser | null> => {
      try {
        return await api.get<SessionUser>('/api/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Forgets the cached session so the next read asks the server again. */
export function useRefreshSession() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['session'] });
}

/** True when the signed-in user holds a role granting `capability` (false while signed out). */
export function useCan(capability: Capability): boolean {
  const session = useSession();
  return hasCapability(session.data?.roles ?? [], capability);
}
