import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { fieldMessage } from '../../api/error-details';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { useLevelName, useScopes } from './bank-api';
import type { BankScopeView } from './bank-types';

/** Bank scopes (occupation, work type, level) with item counts against R1; create one. */
export function ScopesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const scopes = useScopes();
  const levelName = useLevelName();
  const canEdit = useCan('editBank');
  return (
    <>
      <PageHeader title={t('bank.scopes.title')} subtitle={t('bank.scopes.subtitle')} />
      <div className={canEdit ? 'two-columns wide-left' : ''}>
        <section className="card" aria-labelledby="scope-list-heading">
          <h2 id="scope-list-heading">{t('bank.scopes.list')}</h2>
          <QueryState query={scopes}>
            {(data) =>
              data.scopes.length === 0 ? (
                <Empty>{t('bank.scopes.none')}</Empty>
              ) : (
                <div className="table-scroll">
                  <table>
                    <caption className="visually-hidden">{t('bank.scopes.list')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('bank.scopes.occupation')}</th>
                        <th scope="col">{t('bank.scopes.workType')}</th>
                        <th scope="col">{t('bank.scopes.level')}</th>
                        <th scope="col">{t('bank.scopes.theoryApproved')}</th>
                        <th scope="col">{t('bank.scopes.theoryPending')}</th>
                        <th scope="col">{t('bank.scopes.practicalApproved')}</th>
                        <th scope="col">{t('bank.scopes.blueprint')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.scopes.map((scope) => (
                        <ScopeRow key={scope.id} scope={scope} levelName={levelName} format={format} />
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          </QueryState>
        </section>
        {canEdit && <CreateScopeForm />}
      </div>
    </>
  );
}

function ScopeRow({ scope, levelName, format }: { scope: BankScopeView; levelName: (level: number) => string; format: ReturnType<typeof useFormat> }) {
  const { t } = useTranslation();
  const theory = scope.itemCounts?.theory;
  const practical = scope.itemCounts?.practical;
  return (
    <tr>
      <td>
        <Link to={`/bank/scopes/${scope.id}`}>
          {scope.occupationName} <span className="muted">{scope.occupationCode}</span>
        </Link>
      </td>
      <td>{scope.workType}</td>
      <td>{levelName(scope.level)}</td>
      <td className="number">{format.number(theory?.approved ?? 0)} / 500</td>
      <td className="number">{format.number((theory?.draft ?? 0) + (theory?.in_review ?? 0))}</td>
      <td className="number">{format.number(practical?.approved ?? 0)} / 50</td>
      <td>{scope.hasBlueprint ? t('common.yes') : t('common.no')}</td>
    </tr>
  );
}

function CreateScopeForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<BankScopeView>('/api/bank/scopes', body),
    onSuccess: async (scope) => {
      await queryClient.invalidateQueries({ queryKey: ['bank', 'scopes'] });
      navigate(`/bank/scopes/${scope.id}/import`);
    },
  });
  const issue = (field: string) => fieldMessage(create.error as { message?: string; details?: unknown } | null, `body.${field}`);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const tasks = String(form.get('practicalTasksPerPaper') ?? '').trim();
    create.mutate({
      occupationCode: String(form.get('occupationCode') ?? '').trim(),
      occupationName: String(form.get('occupationName') ?? '').trim(),
      workType: String(form.get('workType') ?? '').trim(),
      level: Number(form.get('level')),
      ...(tasks ? { practicalTasksPerPaper: Number(tasks) } : {}),
    });
  }
  return (
    <section className="card" aria-labelledby="create-scope-heading">
      <h2 id="create-scope-heading">{t('bank.scopes.create')}</h2>
      <form onSubmit={onSubmit}>
        <Field label={t('bank.scopes.occupationCode')} hint={t('bank.scopes.occupationCodeHint')} error={issue('occupationCode')}>
          {(props) => <input {...props} name="occupationCode" required pattern="\d-\d{2}-\d{2}-\d{2}" placeholder="6-31-01-03" />}
        </Field>
        <Field label={t('bank.scopes.occupationName')} error={issue('occupationName')}>
          {(props) => <input {...props} name="occupationName" required maxLength={100} />}
        </Field>
        <Field label={t('bank.scopes.workType')} error={issue('workType')}>
          {(props) => <input {...props} name="workType" required maxLength={100} />}
        </Field>
        <Field label={t('bank.scopes.level')} error={issue('level')}>
          {(props) => (
            <select {...props} name="level" defaultValue="4">
              {[5, 4, 3, 2, 1].map((level) => (
                <option key={level} value={level}>
                  {t(`levels.${level}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('bank.scopes.practicalTasksPerPaper')} hint={t('bank.scopes.practicalTasksPerPaperHint')} error={issue('practicalTasksPerPaper')}>
          {(props) => <input {...props} name="practicalTasksPerPaper" type="number" min={1} max={50} />}
        </Field>
        {create.isError && <ErrorView error={create.error} />}
        <div className="form-actions">
          <button type="submit" disabled={create.isPending}>
            {t('bank.scopes.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
