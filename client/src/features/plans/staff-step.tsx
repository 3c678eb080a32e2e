import { useMutation, useQueries } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, withQuery } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { Loading } from '../../components/status';
import type { UserSummary } from '../admin/admin-types';
import { useCan } from '../auth/use-session';
import { findPickedConflicts } from './plan-rules';
import type { BatchStaffRole, BatchView } from './plans-types';
import { useStoreBatch } from './plans-api';

const batchRoles: BatchStaffRole[] = ['exam_admin', 'assessor', 'supervisor'];

/** Platform roles that may fill each batch role (server: platformRolesByBatchRole). */
const platformRoles: Record<BatchStaffRole, string[]> = { exam_admin: ['exam_admin', 'proctor'], assessor: ['assessor'], supervisor: ['supervisor'] };

/**
 * Step 2: exam administrators 考务人员, assessors 考评员 and internal quality supervisors
 * 内部质量督导员 (R6: nobody holds two of these roles in one batch; assessor grades must cover the
 * levels). Picking the same person twice is flagged at once; the server's R6 message is shown
 * when saving.
 */
export function StaffStep({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const storeBatch = useStoreBatch();
  const canListUsers = useCan('administer');
  const isEditable = batch.status === 'draft';
  const [picked, setPicked] = useState<{ userId: string; role: BatchStaffRole }[]>(
    batch.staff.filter((entry): entry is { userId: string; role: BatchStaffRole } => batchRoles.includes(entry.role as BatchStaffRole)),
  );
  const candidateQueries = useQueries({
    queries: [...new Set(Object.values(platformRoles).flat())].map((role) => ({
      queryKey: ['admin', 'users', role, ''],
      queryFn: () => api.get<{ users: UserSummary[] }>(withQuery('/api/admin/users', { role, search: '', limit: 200 })),
      enabled: canListUsers,
    })),
  });
  const users = new Map<string, UserSummary>();
  for (const query of candidateQueries) for (const user of query.data?.users ?? []) users.set(user.id, user);
  const names = new Map<string, string>([...batch.staff.filter((entry) => entry.name).map((entry) => [entry.userId, entry.name!] as const)]);
  for (const user of users.values()) names.set(user.id, user.name);
  const conflicts = findPickedConflicts(picked);

  const save = useMutation({
    mutationFn: () => api.put<BatchView>(`/api/batches/${batch.id}/staff`, { staff: picked }),
    onSuccess: async (saved) => {
      await storeBatch(saved);
      navigate(`/plans/batches/${batch.id}/wizard/rooms`);
    },
  });

  function toggle(userId: string, role: BatchStaffRole, isChecked: boolean) {
    setPicked((current) => (isChecked ? [...current, { userId, role }] : current.filter((entry) => !(entry.userId === userId && entry.role === role))));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const isLoading = canListUsers && candidateQueries.some((query) => query.isPending);
  return (
    <form className="card" onSubmit={onSubmit} aria-label={t('plans.wizard.stepNames.staff')}>
      <p className="muted">{t('plans.staff.hint')}</p>
      {isLoading && <Loading />}
      <fieldset disabled={!isEditable} className="plain">
        <div className="grid-3">
          {batchRoles.map((role) => {
            const choices = [...users.values()].filter((user) => user.isActive && user.roles.some((value) => platformRoles[role].includes(value)));
            const pickedHere = picked.filter((entry) => entry.role === role);
            const extra = pickedHere.filter((entry) => !choices.some((user) => user.id === entry.userId));
            return (
              <fieldset key={role} className="checkbox-group">
                <legend>{t(`batchRoles.${role}`)}</legend>
                {[...choices.map((user) => ({ id: user.id, label: user.name, detail: user.assessorGrade ? t(`assessorGrades.${user.assessorGrade}`) : user.username })), ...extra.map((entry) => ({ id: entry.userId, label: names.get(entry.userId) ?? entry.userId, detail: '' }))].map((option) => (
                  <label key={option.id} className="inline">
                    <input type="checkbox" checked={picked.some((entry) => entry.userId === option.id && entry.role === role)} onChange={(event) => toggle(option.id, role, event.target.checked)} />
                    {option.label} {option.detail && <span className="muted">({option.detail})</span>}
                  </label>
                ))}
                {!canListUsers && <AddById role={role} onAdd={(userId) => toggle(userId, role, true)} />}
              </fieldset>
            );
          })}
        </div>
      </fieldset>
      {conflicts.length > 0 && (
        <ul className="warning-list" aria-live="polite">
          {conflicts.map((conflict) => (
            <li key={conflict.userId}>
              <span className="badge">R6</span>{' '}
              {t('plans.staff.pickedTwice', { name: names.get(conflict.userId) ?? conflict.userId, roles: conflict.roles.map((role) => t(`batchRoles.${role}`)).join(t('list.and')) })}
            </li>
          ))}
        </ul>
      )}
      {save.isError && <ErrorView error={save.error} />}
      {isEditable && (
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('plans.wizard.saveAndNext')}
          </button>
        </div>
      )}
    </form>
  );
}

/** Without the user directory (administrators only), a planner adds a person by user id. */
function AddById({ role, onAdd }: { role: BatchStaffRole; onAdd: (userId: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  return (
    <div className="add-by-id">
      <Field label={t('plans.staff.userId', { role: t(`batchRoles.${role}`) })} hint={t('plans.staff.userIdHint')}>
        {(props) => <input {...props} value={value} pattern="[0-9a-fA-F]{24}" onChange={(event) => setValue(event.target.value.trim())} />}
      </Field>
      <button
        type="button"
        className="secondary small"
        disabled={!/^[0-9a-fA-F]{24}$/.test(value)}
        onClick={() => {
          onAdd(value);
          setValue('');
        }}
      >
        {t('common.add')}
      </button>
    </div>
  );
}
