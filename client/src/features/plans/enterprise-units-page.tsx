import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { PageHeader } from '../../components/page';
import { QueryState } from '../../components/status';
import { useCan } from '../auth/use-session';
import { AddEntryField } from './add-entry-field';
import { checkUnitNames, placeServerProblems, problemAt, type UnitNameProblem } from './organisation-settings-rules';
import { useEnterpriseUnits } from './plans-api';
import type { EnterpriseUnitsRequest, EnterpriseUnitsView } from './plans-types';

/** A unit row being edited; `key` keeps React's row identity while names change. */
interface UnitDraft {
  key: number;
  name: string;
}

/**
 * R9 enterprise units (GET/PUT /api/organisation/enterprise-units): names of the enterprise and its
 * subsidiaries, branches and affiliated units whose employees may apply. Rows can be added,
 * renamed and removed; blank and duplicate names (compared trimmed) are refused before anything is
 * sent, with the message at the row; server errors show at the row or list they name. Planners and
 * supervisors read the list; only administrators (the PUT route's only role, the `administer`
 * capability) edit it.
 */
export function EnterpriseUnitsPage() {
  const { t } = useTranslation();
  const units = useEnterpriseUnits();
  return (
    <>
      <PageHeader title={t('plans.enterpriseUnits.title')} subtitle={t('plans.enterpriseUnits.subtitle')} />
      <QueryState query={units}>{(data) => <EnterpriseUnitsForm units={data.enterpriseUnits} />}</QueryState>
    </>
  );
}

function EnterpriseUnitsForm({ units }: { units: readonly string[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isEditable = useCan('administer');
  const [nextKey, setNextKey] = useState(units.length);
  const [rows, setRows] = useState<UnitDraft[]>(() => units.map((name, index) => ({ key: index, name })));
  const [pending, setPending] = useState('');
  const [addProblem, setAddProblem] = useState<string | undefined>();
  const [hasTriedSave, setHasTriedSave] = useState(false);
  const save = useMutation({
    mutationFn: (request: EnterpriseUnitsRequest) => api.put<EnterpriseUnitsView>('/api/organisation/enterprise-units', request),
    onSuccess: (saved) => {
      queryClient.setQueryData(['plans', 'enterprise-units'], saved);
      setRows(saved.enterpriseUnits.map((name, index) => ({ key: nextKey + index, name })));
      setNextKey((key) => key + saved.enterpriseUnits.length);
      setHasTriedSave(false);
    },
  });
  const rowProblems = checkUnitNames(rows.map((row) => row.name));
  const hasRowProblems = rowProblems.some(Boolean) || rows.length === 0;
  const serverProblems = placeServerProblems(save.error as { code?: string; message?: string; details?: unknown } | null);
  const listServerProblem = serverProblems.find((problem) => problem.field === 'enterpriseUnits')?.message;

  function rowMessage(problem: UnitNameProblem | null): string | undefined {
    if (!problem) return undefined;
    return problem.kind === 'empty'
      ? t('plans.enterpriseUnits.problems.empty')
      : t('plans.enterpriseUnits.problems.duplicate', { number: problem.duplicateOf + 1 });
  }

  function edit(change: (current: UnitDraft[]) => UnitDraft[]) {
    setRows(change);
    if (save.isSuccess) save.reset();
  }

  function add() {
    const name = pending.trim();
    if (name === '') {
      setAddProblem(t('plans.enterpriseUnits.problems.addEmpty'));
      return;
    }
    if (rows.some((row) => row.name.trim() === name)) {
      setAddProblem(t('plans.enterpriseUnits.problems.addDuplicate', { name }));
      return;
    }
    setAddProblem(undefined);
    setPending('');
    edit((current) => [...current, { key: nextKey, name }]);
    setNextKey((key) => key + 1);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setHasTriedSave(true);
    if (hasRowProblems) return;
    save.mutate({ enterpriseUnits: rows.map((row) => row.name.trim()) });
  }

  const showRowProblems = hasTriedSave;

  return (
    <form className="card" onSubmit={onSubmit} aria-label={t('plans.enterpriseUnits.title')} noValidate>
      <p className="hint">{t('plans.enterpriseUnits.defaultHint')}</p>
      {!isEditable && <p className="muted">{t('plans.enterpriseUnits.readOnly')}</p>}
      {listServerProblem && (
        <span className="field-error" data-error-for="enterpriseUnits">
          {listServerProblem}
        </span>
      )}
      {showRowProblems && rows.length === 0 && (
        <span className="field-error" data-error-for="enterpriseUnits">
          {t('plans.enterpriseUnits.problems.none')}
        </span>
      )}
      <div className="table-scroll">
        <table>
          <caption>{t('plans.enterpriseUnits.count', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col" className="number">
                {t('plans.enterpriseUnits.number')}
              </th>
              <th scope="col">{t('plans.enterpriseUnits.name')}</th>
              {isEditable && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const message = problemAt(serverProblems, `enterpriseUnits.${index}`) ?? (showRowProblems ? rowMessage(rowProblems[index]) : undefined);
              const errorId = `enterprise-unit-${row.key}-error`;
              return (
                <tr key={row.key} data-row={index + 1}>
                  <td className="number">{index + 1}</td>
                  <td>
                    {isEditable ? (
                      <input
                        name={`enterpriseUnits.${index}`}
                        aria-label={t('plans.enterpriseUnits.nameOf', { number: index + 1 })}
                        value={row.name}
                        maxLength={200}
                        aria-invalid={message ? true : undefined}
                        aria-describedby={message ? errorId : undefined}
                        onChange={(event) => edit((current) => current.map((entry) => (entry.key === row.key ? { ...entry, name: event.target.value } : entry)))}
                      />
                    ) : (
                      row.name
                    )}
                    {message && (
                      <span id={errorId} className="field-error" data-error-for={`enterpriseUnits.${index}`}>
                        {message}
                      </span>
                    )}
                  </td>
                  {isEditable && (
                    <td>
                      <button
                        type="button"
                        className="secondary small"
                        aria-label={t('plans.enterpriseUnits.removeOf', { number: index + 1, name: row.name })}
                        onClick={() => edit((current) => current.filter((entry) => entry.key !== row.key))}
                      >
                        {t('common.remove')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {isEditable && (
        <AddEntryField label={t('plans.enterpriseUnits.newUnit')} buttonText={t('plans.enterpriseUnits.add')} error={addProblem} onAdd={add}>
          {(props) => (
            <input
              {...props}
              name="newEnterpriseUnit"
              value={pending}
              maxLength={200}
              onChange={(event) => {
                setPending(event.target.value);
                setAddProblem(undefined);
              }}
            />
          )}
        </AddEntryField>
      )}
      {showRowProblems && hasRowProblems && (
        <p className="error" role="alert">
          {t('plans.enterpriseUnits.problems.fixFirst')}
        </p>
      )}
      {save.isError && <ErrorView error={save.error} />}
      <p className="success" role="status" aria-live="polite">
        {save.isSuccess ? t('plans.enterpriseUnits.saved') : ''}
      </p>
      {isEditable && (
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('plans.enterpriseUnits.save')}
          </button>
        </div>
      )}
    </form>
  );
}
