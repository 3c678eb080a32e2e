/** Query hooks of the bank screens (TanStack Query keys under `['bank', …]`). */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { BankScopeView, Level, ScopeBlueprintView } from './bank-types';

/** GET /api/bank/scopes. */
export function useScopes() {
  return useQuery({ queryKey: ['bank', 'scopes'], queryFn: () => api.get<{ scopes: BankScopeView[] }>('/api/bank/scopes') });
}

/** GET /api/bank/scopes/:scopeId (with blueprint and counts). */
export function useScope(scopeId: string | undefined) {
  return useQuery({
    queryKey: ['bank', 'scope', scopeId],
    queryFn: () => api.get<BankScopeView>(`/api/bank/scopes/${scopeId}`),
    enabled: Boolean(scopeId),
  });
}

/** GET /api/bank/scopes/:scopeId/blueprint (leaves with item counts). */
export function useScopeBlueprint(scopeId: string | undefined) {
  return useQuery({
    queryKey: ['bank', 'blueprint', scopeId],
    queryFn: () => api.get<ScopeBlueprintView>(`/api/bank/scopes/${scopeId}/blueprint`),
    enabled: Boolean(scopeId),
  });
}

/** Translated level name, e.g. 4 → `四级/中级工`. */
export function useLevelName() {
  const { t } = useTranslation();
  return (level: Level | number) => t(`levels.${level}`);
}
