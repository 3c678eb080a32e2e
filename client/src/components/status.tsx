import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorView } from './error-view';

/** A polite "loading" line for screen readers and eyes. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/**
 * Renders a query: a loading line while pending, the error view on failure, else `children(data)`.
 */
export function QueryState<T>({ query, children, loadingLabel }: { query: UseQueryResult<T>; children: (data: T) => ReactNode; loadingLabel?: string }) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.isError) return <ErrorView error={query.error} />;
  return <>{children(query.data as T)}</>;
}

/** A coloured status word (draft, approved, retired, …) with its translation. */
export function StatusBadge({ status, group }: { status: string; group: string }) {
  const { t } = useTranslation();
  return <span className={`status status-${status}`}>{t(`${group}.${status}`, { defaultValue: status })}</span>;
}

/** An empty-state sentence. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty muted">{children}</p>;
}
