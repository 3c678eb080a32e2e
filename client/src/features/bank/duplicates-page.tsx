import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, withQuery } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import type { BankScopeView, DuplicateItemSummary, DuplicatePair, ScopeDuplicateReport } from './bank-types';

const pageSize = 20;

/**
 * Near-duplicate review (R2: near-duplicates count as the same item): pairs side by side with
 * similarity; keep one and retire the other (merge), or mark the pair distinct.
 */
export function DuplicatesPage({ scope }: { scope: BankScopeView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [across, setAcross] = useState<'same' | 'other' | 'all'>('same');
  const [kind, setKind] = useState<'theory' | 'practical'>('theory');
  const [shown, setShown] = useState(pageSize);
  const report = useQuery({
    queryKey: ['bank', 'duplicates', scope.id, across, kind],
    queryFn: () => api.get<ScopeDuplicateReport>(withQuery(`/api/bank/scopes/${scope.id}/duplicates`, { across, kind })),
  });
  return (
    <>
      <PageHeader title={t('bank.duplicates.title')} subtitle={t('bank.duplicates.subtitle')} />
      <div className="filters card">
        <Field label={t('bank.duplicates.across')}>
          {(props) => (
            <select {...props} value={across} onChange={(event) => setAcross(event.target.value as typeof across)}>
              <option value="same">{t('bank.duplicates.acrossSame')}</option>
              <option value="other">{t('bank.duplicates.acrossOther')}</option>
              <option value="all">{t('bank.duplicates.acrossAll')}</option>
            </select>
          )}
        </Field>
        <Field label={t('bank.items.kind')}>
          {(props) => (
            <select {...props} value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
              <option value="theory">{t('itemKinds.theory')}</option>
              <option value="practical">{t('itemKinds.practical')}</option>
            </select>
          )}
        </Field>
      </div>
      <QueryState query={report} loadingLabel={t('bank.duplicates.computing')}>
        {(data) => (
          <>
            <p>
              {t('bank.duplicates.summary', {
                pairs: data.pairs.length,
                clusters: data.clusters.length,
                items: data.itemCount,
                rate: format.percent(data.duplicateRate, 1),
                excluded: data.excludedPairs,
              })}
            </p>
            {data.pairs.length === 0 ? (
              <Empty>{t('bank.duplicates.none')}</Empty>
            ) : (
              <ol className="pair-list">
                {data.pairs.slice(0, shown).map((pair) => (
                  <PairCard key={`${pair.a.id}-${pair.b.id}`} pair={pair} scopeId={scope.id} />
                ))}
              </ol>
            )}
            {shown < data.pairs.length && (
              <button type="button" className="secondary" onClick={() => setShown(shown + pageSize)}>
                {t('bank.duplicates.showMore', { count: data.pairs.length - shown })}
              </button>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}

function PairCard({ pair, scopeId }: { pair: DuplicatePair; scopeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const canEdit = useCan('editBank');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['bank', 'duplicates', scopeId] });
  const merge = useMutation({
    mutationFn: (body: { keepItemId: string; retireItemId: string }) => api.post('/api/bank/duplicates/merge', body),
    onSuccess: refresh,
  });
  const distinct = useMutation({
    mutationFn: () => api.post('/api/bank/duplicates/distinct', { itemIds: [pair.a.id, pair.b.id] }),
    onSuccess: refresh,
  });
  const isBusy = merge.isPending || distinct.isPending;
  return (
    <li className="card pair">
      <p className="pair-meta">
        <strong>{t('bank.duplicates.similarity', { value: format.percent(pair.similarity) })}</strong> · {t(`bank.duplicates.kinds.${pair.kind}`)}
        {pair.isCrossScope && ` · ${t('bank.duplicates.crossScope')}`}
        {pair.hasDifferentAnswers && <span className="status status-warn"> {t('bank.duplicates.differentAnswers')}</span>}
      </p>
      <div className="pair-sides">
        <PairSide label="A" item={pair.a} />
        <PairSide label="B" item={pair.b} />
      </div>
      {canEdit && (
        <div className="form-actions">
          <button type="button" className="secondary" disabled={isBusy} onClick={() => merge.mutate({ keepItemId: pair.a.id, retireItemId: pair.b.id })}>
            {t('bank.duplicates.keep', { side: 'A' })}
          </button>
          <button type="button" className="secondary" disabled={isBusy} onClick={() => merge.mutate({ keepItemId: pair.b.id, retireItemId: pair.a.id })}>
            {t('bank.duplicates.keep', { side: 'B' })}
          </button>
          <button type="button" className="secondary" disabled={isBusy} onClick={() => distinct.mutate()}>
            {t('bank.duplicates.markDistinct')}
          </button>
        </div>
      )}
      {(merge.isError || distinct.isError) && <ErrorView error={merge.error ?? distinct.error} />}
    </li>
  );
}

function PairSide({ label, item }: { label: string; item: DuplicateItemSummary }) {
  const { t } = useTranslation();
  return (
    <div className="pair-side">
      <p className="muted">
        <strong>{label}</strong> · <StatusBadge status={item.status} group="itemStatus" /> · v{item.version}
        {item.type && ` · ${t(`itemTypes.${item.type}`)}`} · {item.scope}
      </p>
      <p>
        <Link to={`/bank/items/${item.id}`}>{item.text}</Link>
      </p>
    </div>
  );
}
