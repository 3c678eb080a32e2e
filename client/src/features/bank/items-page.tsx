import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, withQuery } from '../../api/client';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { useLevelName, useScopeBlueprint, useScopes } from './bank-api';
import { describeScope, itemStatuses, theoryItemTypes, type ItemView } from './bank-types';

const pageSize = 50;

/** First line of an item for lists: the stem (theory) or the title (practical). */
export function itemHeadline(item: Pick<ItemView, 'content'>): string {
  return item.content.kind === 'theory' ? item.content.stem : item.content.title;
}

/** Items with filters (scope, kind, type, status, knowledge point, text) kept in the address. */
export function ItemsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const levelName = useLevelName();
  const canEdit = useCan('editBank');
  const [parameters, setParameters] = useSearchParams();
  const filters = {
    scopeId: parameters.get('scopeId') ?? '',
    kind: parameters.get('kind') ?? '',
    type: parameters.get('type') ?? '',
    status: parameters.get('status') ?? '',
    knowledgePoint: parameters.get('knowledgePoint') ?? '',
    search: parameters.get('search') ?? '',
  };
  const offset = Number(parameters.get('offset') ?? 0);
  const [searchText, setSearchText] = useState(filters.search);
  const scopes = useScopes();
  const blueprint = useScopeBlueprint(filters.scopeId || undefined);
  const items = useQuery({
    queryKey: ['bank', 'items', filters, offset],
    queryFn: () => api.get<{ items: ItemView[]; total: number }>(withQuery('/api/bank/items', { ...filters, limit: pageSize, offset })),
    placeholderData: keepPreviousData,
  });

  function setFilter(name: keyof typeof filters, value: string) {
    const next = new URLSearchParams(parameters);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name === 'scopeId') next.delete('knowledgePoint');
    if (name === 'kind' && value === 'practical') next.delete('type');
    next.delete('offset');
    setParameters(next, { replace: true });
  }

  function goTo(nextOffset: number) {
    const next = new URLSearchParams(parameters);
    next.set('offset', String(nextOffset));
    setParameters(next);
  }

  return (
    <>
      <PageHeader
        title={t('bank.items.title')}
        subtitle={t('bank.items.subtitle')}
        actions={
          canEdit && (
            <Link className="button" to={withQuery('/bank/items/new', { scopeId: filters.scopeId })}>
              {t('bank.items.new')}
            </Link>
          )
        }
      />
      <form
        className="filters card"
        role="search"
        aria-label={t('bank.items.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          setFilter('search', searchText.trim());
        }}
      >
        <Field label={t('bank.items.scope')}>
          {(props) => (
            <select {...props} value={filters.scopeId} onChange={(event) => setFilter('scopeId', event.target.value)}>
              <option value="">{t('common.all')}</option>
              {scopes.data?.scopes.map((scope) => (
                <option key={scope.id} value={scope.id}>
                  {describeScope(scope, levelName)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('bank.items.kind')}>
          {(props) => (
            <select {...props} value={filters.kind} onChange={(event) => setFilter('kind', event.target.value)}>
              <option value="">{t('common.all')}</option>
              <option value="theory">{t('itemKinds.theory')}</option>
              <option value="practical">{t('itemKinds.practical')}</option>
            </select>
          )}
        </Field>
        <Field label={t('bank.items.type')}>
          {(props) => (
            <select {...props} value={filters.type} onChange={(event) => setFilter('type', event.target.value)} disabled={filters.kind === 'practical'}>
              <option value="">{t('common.all')}</option>
              {theoryItemTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`itemTypes.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('bank.items.status')}>
          {(props) => (
            <select {...props} value={filters.status} onChange={(event) => setFilter('status', event.target.value)}>
              <option value="">{t('common.all')}</option>
              {itemStatuses.map((status) => (
                <option key={status} value={status}>
                  {t(`itemStatus.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('bank.items.knowledgePoint')}>
          {(props) =>
            blueprint.data && blueprint.data.leaves.length > 0 ? (
              <select {...props} value={filters.knowledgePoint} onChange={(event) => setFilter('knowledgePoint', event.target.value)}>
                <option value="">{t('common.all')}</option>
                {blueprint.data.leaves.map((leaf) => (
                  <option key={leaf.code} value={leaf.code}>
                    {leaf.code} {leaf.name} ({leaf.itemCount})
                  </option>
                ))}
              </select>
            ) : (
              <input {...props} value={filters.knowledgePoint} onChange={(event) => setFilter('knowledgePoint', event.target.value.trim())} />
            )
          }
        </Field>
        <Field label={t('common.search')}>
          {(props) => <input {...props} type="search" value={searchText} onChange={(event) => setSearchText(event.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="secondary">
            {t('common.search')}
          </button>
        </div>
      </form>
      <section className="card" aria-live="polite">
        <QueryState query={items}>
          {(data) =>
            data.items.length === 0 ? (
              <Empty>{t('bank.items.none')}</Empty>
            ) : (
              <>
                <div className="table-scroll">
                  <table>
                    <caption>{t('bank.items.count', { count: data.total, from: offset + 1, to: offset + data.items.length })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('bank.items.stem')}</th>
                        <th scope="col">{t('bank.items.type')}</th>
                        <th scope="col">{t('bank.items.knowledgePoint')}</th>
                        <th scope="col">{t('bank.items.status')}</th>
                        <th scope="col">{t('bank.items.version')}</th>
                        <th scope="col">{t('bank.items.updatedAt')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.items.map((item) => (
                        <tr key={item.id}>
                          <td className="clip">
                            <Link to={`/bank/items/${item.id}`}>{itemHeadline(item)}</Link>
                          </td>
                          <td>{item.type ? t(`itemTypes.${item.type}`) : t('itemKinds.practical')}</td>
                          <td>{item.knowledgePoint ?? '—'}</td>
                          <td>
                            <StatusBadge status={item.status} group="itemStatus" />
                          </td>
                          <td className="number">{item.version}</td>
                          <td className="date">{format.date(item.updatedAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <nav className="pager" aria-label={t('common.pages')}>
                  <button type="button" className="secondary" disabled={offset === 0} onClick={() => goTo(Math.max(0, offset - pageSize))}>
                    {t('common.previous')}
                  </button>
                  <button type="button" className="secondary" disabled={offset + pageSize >= data.total} onClick={() => goTo(offset + pageSize)}>
                    {t('common.next')}
                  </button>
                </nav>
              </>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
