import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import type { BatchView } from './plans-types';
import { useStoreBatch } from './plans-api';

interface RoomDraft {
  id?: string;
  name: string;
  seats: number;
  workstations: number;
  proctorIds: string[];
}

/**
 * Step 3: rooms with seats, workstations (R21: >= 10 per work type for the practical assessment)
 * and proctors, who must be exam administrators of the batch (R6).
 */
export function RoomsStep({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const storeBatch = useStoreBatch();
  const isEditable = batch.status === 'draft';
  const [rooms, setRooms] = useState<RoomDraft[]>(
    batch.rooms.length > 0 ? batch.rooms.map((room) => ({ ...room })) : [{ name: '', seats: 30, workstations: 10, proctorIds: [] }],
  );
  const examAdministrators = batch.staff.filter((entry) => entry.role === 'exam_admin');
  const save = useMutation({
    mutationFn: () => api.put<BatchView>(`/api/batches/${batch.id}/rooms`, { rooms: rooms.map((room) => ({ ...(room.id ? { id: room.id } : {}), name: room.name.trim(), seats: room.seats, workstations: room.workstations, proctorIds: room.proctorIds })) }),
    onSuccess: async (saved) => {
      await storeBatch(saved);
      navigate(`/plans/batches/${batch.id}/wizard/sessions`);
    },
  });
  const update = (index: number, patch: Partial<RoomDraft>) => setRooms((current) => current.map((room, position) => (position === index ? { ...room, ...patch } : room)));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="card" onSubmit={onSubmit} aria-label={t('plans.wizard.stepNames.rooms')}>
      <p className="muted">{t('plans.rooms.hint')}</p>
      <fieldset disabled={!isEditable} className="plain">
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('plans.rooms.name')}</th>
                <th scope="col">{t('plans.rooms.seats')}</th>
                <th scope="col">{t('plans.rooms.workstations')}</th>
                <th scope="col">{t('plans.rooms.proctors')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rooms.map((room, index) => (
                <tr key={room.id ?? `new-${index}`}>
                  <td>
                    <input aria-label={t('plans.rooms.nameOf', { number: index + 1 })} value={room.name} required maxLength={100} onChange={(event) => update(index, { name: event.target.value })} />
                  </td>
                  <td>
                    <input aria-label={t('plans.rooms.seats')} className="narrow" type="number" min={0} max={2000} value={room.seats} onChange={(event) => update(index, { seats: Number(event.target.value) })} />
                  </td>
                  <td>
                    <input aria-label={t('plans.rooms.workstations')} className="narrow" type="number" min={0} max={2000} value={room.workstations} onChange={(event) => update(index, { workstations: Number(event.target.value) })} />
                  </td>
                  <td>
                    {examAdministrators.length === 0 ? (
                      <span className="muted">{t('plans.rooms.noExamAdministrators')}</span>
                    ) : (
                      examAdministrators.map((entry) => (
                        <label key={entry.userId} className="inline">
                          <input
                            type="checkbox"
                            checked={room.proctorIds.includes(entry.userId)}
                            onChange={(event) =>
                              update(index, { proctorIds: event.target.checked ? [...room.proctorIds, entry.userId] : room.proctorIds.filter((id) => id !== entry.userId) })
                            }
                          />
                          {entry.name ?? entry.userId}
                        </label>
                      ))
                    )}
                  </td>
                  <td>
                    <button type="button" className="secondary small" onClick={() => setRooms(rooms.filter((_room, position) => position !== index))} aria-label={t('plans.rooms.remove', { number: index + 1 })}>
                      −
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button type="button" className="secondary" onClick={() => setRooms([...rooms, { name: '', seats: 30, workstations: 10, proctorIds: [] }])}>
          {t('plans.rooms.add')}
        </button>
      </fieldset>
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
