import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../api/client';
import { fieldMessage } from '../../api/error-details';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { grantableRoles, idTypes, type UserSummary } from './admin-types';

/** Users of the organisation: filter by role and text, create staff accounts or candidates (R17). */
export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [role, setRole] = useState('');
  const [search, setSearch] = useState('');
  const users = useQuery({
    queryKey: ['admin', 'users', role, search],
    queryFn: () => api.get<{ users: UserSummary[]; total: number }>(withQuery('/api/admin/users', { role, search, limit: 200 })),
  });
  return (
    <>
      <PageHeader title={t('admin.users.title')} subtitle={t('admin.users.subtitle')} />
      <div className="two-columns">
        <section className="card" aria-labelledby="user-list-heading">
          <h2 id="user-list-heading">{t('admin.users.list')}</h2>
          <div className="filters">
            <Field label={t('admin.users.filterRole')}>
              {(props) => (
                <select {...props} value={role} onChange={(event) => setRole(event.target.value)}>
                  <option value="">{t('common.all')}</option>
                  {grantableRoles.map((value) => (
                    <option key={value} value={value}>
                      {t(`roles.${value}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('common.search')}>{(props) => <input {...props} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />}</Field>
          </div>
          <QueryState query={users}>
            {(data) =>
              data.users.length === 0 ? (
                <Empty>{t('admin.users.none')}</Empty>
              ) : (
                <div className="table-scroll">
                  <table>
                    <caption className="visually-hidden">{t('admin.users.list')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('admin.users.name')}</th>
                        <th scope="col">{t('admin.users.login')}</th>
                        <th scope="col">{t('admin.users.roles')}</th>
                        <th scope="col">{t('admin.users.createdAt')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.users.map((user) => (
                        <tr key={user.id}>
                          <td>{user.name}</td>
                          <td>{user.username ?? user.idNumber}</td>
                          <td>
                            {user.roles.map((value) => t(`roles.${value}`)).join('、')}
                            {user.assessorGrade && ` (${t(`assessorGrades.${user.assessorGrade}`)})`}
                          </td>
                          <td className="date">{format.date(user.createdAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <p className="muted">{t('common.totalCount', { count: data.total })}</p>
                </div>
              )
            }
          </QueryState>
        </section>
        <CreateUserForm />
      </div>
    </>
  );
}

function CreateUserForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<string[]>([]);
  const [created, setCreated] = useState<UserSummary | null>(null);
  const isCandidate = roles.includes('candidate');
  const isAssessor = roles.includes('assessor');
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<UserSummary>('/api/admin/users', body),
    onSuccess: async (user) => {
      setCreated(user);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  const issue = (field: string) => fieldMessage(create.error as { message?: string; details?: unknown } | null, `body.${field}`);

  function toggleRole(role: string, isChecked: boolean) {
    setRoles((current) => (isChecked ? [...current, role] : current.filter((value) => value !== role)));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const body: Record<string, unknown> = { name: value('name'), roles, password: String(form.get('password') ?? '') };
    if (isCandidate) {
      body.idType = value('idType');
      body.idNumber = value('idNumber');
      const tickets = value('admissionTicketNumbers')
        .split(/[,，\s]+/)
        .filter(Boolean);
      if (tickets.length > 0) body.admissionTicketNumbers = tickets;
    } else {
      body.username = value('username');
    }
    if (isAssessor) body.assessorGrade = value('assessorGrade');
    setCreated(null);
    create.mutate(body, {
      onSuccess: () => {
        formElement.reset();
        setRoles([]);
      },
    });
  }

  return (
    <section className="card" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">{t('admin.users.create')}</h2>
      <form onSubmit={onSubmit}>
        <Field label={t('admin.users.name')} error={issue('name')}>
          {(props) => <input {...props} name="name" required maxLength={100} />}
        </Field>
        <fieldset className="checkbox-group columns">
          <legend>{t('admin.users.roles')}</legend>
          {grantableRoles.map((role) => (
            <label key={role} className="inline">
              <input
                type="checkbox"
                name="roles"
                value={role}
                checked={roles.includes(role)}
                disabled={(role === 'candidate' && roles.length > 0 && !isCandidate) || (role !== 'candidate' && isCandidate)}
                onChange={(event) => toggleRole(role, event.target.checked)}
              />
              {t(`roles.${role}`)}
            </label>
          ))}
          {issue('roles') && <span className="field-error">{issue('roles')}</span>}
        </fieldset>
        {isAssessor && (
          <Field label={t('admin.users.assessorGrade')} hint={t('admin.users.assessorGradeHint')} error={issue('assessorGrade')}>
            {(props) => (
              <select {...props} name="assessorGrade" defaultValue="assessor">
                <option value="assessor">{t('assessorGrades.assessor')}</option>
                <option value="senior_assessor">{t('assessorGrades.senior_assessor')}</option>
              </select>
            )}
          </Field>
        )}
        {isCandidate ? (
          <>
            <Field label={t('admin.users.idType')} error={issue('idType')}>
              {(props) => (
                <select {...props} name="idType" defaultValue="resident_identity_card">
                  {idTypes.map((idType) => (
                    <option key={idType} value={idType}>
                      {t(`idTypes.${idType}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('admin.users.idNumber')} error={issue('idNumber')}>
              {(props) => <input {...props} name="idNumber" required maxLength={32} />}
            </Field>
            <Field label={t('admin.users.admissionTicketNumbers')} hint={t('admin.users.admissionTicketNumbersHint')} error={issue('admissionTicketNumbers')}>
              {(props) => <input {...props} name="admissionTicketNumbers" />}
            </Field>
          </>
        ) : (
          <Field label={t('admin.users.username')} hint={t('admin.users.usernameHint')} error={issue('username')}>
            {(props) => <input {...props} name="username" autoComplete="off" maxLength={64} />}
          </Field>
        )}
        <Field label={t('admin.users.password')} hint={t('admin.users.passwordHint')} error={issue('password')}>
          {(props) => <input {...props} name="password" type="password" autoComplete="new-password" required minLength={10} />}
        </Field>
        {create.isError && <ErrorView error={create.error} />}
        {created && (
          <p className="success" role="status">
            {t('admin.users.created', { name: created.name })}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" disabled={create.isPending || roles.length === 0}>
            {t('admin.users.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
