import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';

/** The signed-in user as `GET /api/auth/me` answers it. */
export interface SessionUser {
  userId: string;
  name: string;
  roles: string[];
  organisationId: string;
  assessorGrade?: string;
}

/** Current session (null when signed out). */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<SessionUser | null> => {
      try {
        const me = await api.get<{ user: SessionUser }>('/api/auth/me');
        return me.user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
}

/** Forgets the cached session so the next read asks the server again. */
export function useRefreshSession() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['session'] });
}
