import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldMessage } from '../../api/error-details';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { QueryState, StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import type { AnnouncementPage as Page, AnnouncementView, BatchView } from './plans-types';
import { useStoreBatch } from './plans-api';

/** The planner's fields of an announcement (the rest comes from the batch). */
interface AnnouncementFields {
  title: string;
  introduction: string;
  opensOn: string;
  closesOn: string;
  places: { name: string; address: string }[];
  materials: string;
  contacts: { name: string; department: string; phone: string; email: string }[];
  process: string;
  notes: string;
}

function fieldsOf(page: Page | undefined, batch: BatchView): AnnouncementFields {
  return {
    title: page?.title ?? `${batch.name}评价公告`,
    introduction: page?.introduction ?? '',
    opensOn: page?.applicationPeriod?.opensOn ?? '',
    closesOn: page?.applicationPeriod?.closesOn ?? '',
    places: page?.places.length ? page.places.map((place) => ({ ...place })) : [{ name: '', address: '' }],
    materials: page?.materials.join('\n') ?? '',
    contacts: page?.contacts.length
      ? page.contacts.map((contact) => ({ name: contact.name, department: contact.department ?? '', phone: contact.phone ?? '', email: contact.email ?? '' }))
      : [{ name: '', department: '', phone: '', email: '' }],
    process: page?.process.join('\n') ?? '',
    notes: page?.notes ?? '',
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The request body for `fields` (empty optional parts left out). */
function toBody(fields: AnnouncementFields): Record<string, unknown> {
  return {
    title: fields.title.trim(),
    ...(fields.introduction.trim() ? { introduction: fields.introduction.trim() } : {}),
    ...(fields.opensOn && fields.closesOn ? { applicationPeriod: { opensOn: fields.opensOn, closesOn: fields.closesOn } } : {}),
    places: fields.places.filter((place) => place.name.trim() && place.address.trim()).map((place) => ({ name: place.name.trim(), address: place.address.trim() })),
    materials: lines(fields.materials),
    contacts: fields.contacts
      .filter((contact) => contact.name.trim())
      .map((contact) => ({
        name: contact.name.trim(),
        ...(contact.department.trim() ? { department: contact.department.trim() } : {}),
        ...(contact.phone.trim() ? { phone: contact.phone.trim() } : {}),
        ...(contact.email.trim() ? { email: contact.email.trim() } : {}),
      })),
    process: lines(fields.process),
    ...(fields.notes.trim() ? { notes: fields.notes.trim() } : {}),
  };
}

/**
 * Announcement editor 评价公告 (R8: process, methods, eligibility, materials, time and place, so
 * every employee knows): the planner's fields beside the live page; publish freezes and archives it.
 */
export function AnnouncementPage({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  const announcement = useQuery({
    queryKey: ['plans', 'announcement', batch.announcementId],
    queryFn: () => api.get<AnnouncementView>(`/api/announcements/${batch.announcementId}`),
    enabled: Boolean(batch.announcementId),
  });
  return (
    <>
      <PageHeader title={t('plans.announcement.title')} subtitle={t('plans.announcement.subtitle')} />
      {batch.announcementId ? (
        <QueryState query={announcement}>{(data) => <AnnouncementEditor batch={batch} announcement={data} />}</QueryState>
      ) : (
        <AnnouncementEditor batch={batch} announcement={null} />
      )}
    </>
  );
}

function AnnouncementEditor({ batch, announcement }: { batch: BatchView; announcement: AnnouncementView | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const storeBatch = useStoreBatch();
  const canPlan = useCan('planBatches');
  const isEditable = canPlan && announcement?.status !== 'published';
  const [fields, setFields] = useState<AnnouncementFields>(fieldsOf(announcement?.page, batch));
  const save = useMutation({
    mutationFn: () =>
      announcement ? api.patch<AnnouncementView>(`/api/announcements/${announcement.id}`, toBody(fields)) : api.post<AnnouncementView>(`/api/batches/${batch.id}/announcement`, toBody(fields)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['plans', 'announcement', saved.id], saved);
      if (!announcement) await storeBatch({ ...batch, announcementId: saved.id });
    },
  });
  const publish = useMutation({
    mutationFn: () => api.post<AnnouncementView>(`/api/announcements/${announcement!.id}/publish`),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['plans', 'announcement', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['plans', 'batch', batch.id] });
    },
  });
  const issue = (field: string) => fieldMessage(save.error as { message?: string; details?: unknown } | null, `body.${field}`);
  const update = (patch: Partial<AnnouncementFields>) => setFields((current) => ({ ...current, ...patch }));
  const page = save.data?.page ?? announcement?.page;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <div className="two-columns">
      <form className="card" onSubmit={onSubmit} aria-label={t('plans.announcement.fields')}>
        {announcement && (
          <p>
            <StatusBadge status={announcement.status} group="announcementStatus" />{' '}
            {announcement.publishedAt && t('plans.announcement.publishedAt', { date: format.dateTime(announcement.publishedAt) })}
          </p>
        )}
        <fieldset disabled={!isEditable} className="plain">
          <Field label={t('plans.announcement.titleField')} error={issue('title')}>
            {(props) => <input {...props} value={fields.title} onChange={(event) => update({ title: event.target.value })} required maxLength={200} />}
          </Field>
          <Field label={t('plans.announcement.introduction')} error={issue('introduction')}>
            {(props) => <textarea {...props} rows={3} value={fields.introduction} onChange={(event) => update({ introduction: event.target.value })} />}
          </Field>
          <div className="grid-2">
            <Field label={t('plans.announcement.opensOn')} error={issue('applicationPeriod.opensOn')}>
              {(props) => <input {...props} type="date" value={fields.opensOn} onChange={(event) => update({ opensOn: event.target.value })} />}
            </Field>
            <Field label={t('plans.announcement.closesOn')} error={issue('applicationPeriod.closesOn')}>
              {(props) => <input {...props} type="date" value={fields.closesOn} onChange={(event) => update({ closesOn: event.target.value })} />}
            </Field>
          </div>
          <fieldset>
            <legend>{t('plans.announcement.places')}</legend>
            {fields.places.map((place, index) => (
              <div key={index} className="grid-2">
                <input
                  aria-label={t('plans.announcement.placeName', { number: index + 1 })}
                  placeholder={t('plans.announcement.placeNamePlaceholder')}
                  value={place.name}
                  onChange={(event) => update({ places: fields.places.map((entry, position) => (position === index ? { ...entry, name: event.target.value } : entry)) })}
                />
                <input
                  aria-label={t('plans.announcement.placeAddress', { number: index + 1 })}
                  placeholder={t('plans.announcement.placeAddressPlaceholder')}
                  value={place.address}
                  onChange={(event) => update({ places: fields.places.map((entry, position) => (position === index ? { ...entry, address: event.target.value } : entry)) })}
                />
              </div>
            ))}
            <button type="button" className="secondary small" onClick={() => update({ places: [...fields.places, { name: '', address: '' }] })}>
              {t('plans.announcement.addPlace')}
            </button>
          </fieldset>
          <Field label={t('plans.announcement.materials')} hint={t('bank.editor.onePerLine')} error={issue('materials')}>
            {(props) => <textarea {...props} rows={3} value={fields.materials} onChange={(event) => update({ materials: event.target.value })} />}
          </Field>
          <fieldset>
            <legend>{t('plans.announcement.contacts')}</legend>
            {fields.contacts.map((contact, index) => (
              <div key={index} className="grid-4">
                {(['name', 'department', 'phone', 'email'] as const).map((part) => (
                  <input
                    key={part}
                    aria-label={t(`plans.announcement.contact.${part}`, { number: index + 1 })}
                    placeholder={t(`plans.announcement.contactPlaceholder.${part}`)}
                    value={contact[part]}
                    onChange={(event) => update({ contacts: fields.contacts.map((entry, position) => (position === index ? { ...entry, [part]: event.target.value } : entry)) })}
                  />
                ))}
              </div>
            ))}
            <button type="button" className="secondary small" onClick={() => update({ contacts: [...fields.contacts, { name: '', department: '', phone: '', email: '' }] })}>
              {t('plans.announcement.addContact')}
            </button>
          </fieldset>
          <Field label={t('plans.announcement.process')} hint={t('plans.announcement.processHint')} error={issue('process')}>
            {(props) => <textarea {...props} rows={4} value={fields.process} onChange={(event) => update({ process: event.target.value })} />}
          </Field>
          <Field label={t('plans.announcement.notes')} error={issue('notes')}>
            {(props) => <textarea {...props} rows={2} value={fields.notes} onChange={(event) => update({ notes: event.target.value })} />}
          </Field>
        </fieldset>
        {save.isError && <ErrorView error={save.error} />}
        {publish.isError && <ErrorView error={publish.error} />}
        {isEditable && (
          <div className="form-actions">
            <button type="submit" disabled={save.isPending}>
              {announcement ? t('common.save') : t('plans.announcement.create')}
            </button>
            {announcement && (
              <button type="button" className="secondary" disabled={publish.isPending || save.isPending} onClick={() => publish.mutate()}>
                {t('plans.announcement.publish')}
              </button>
            )}
          </div>
        )}
        {announcement && (
          <p>
            <a href={`/api/announcements/${announcement.id}/pdf`}>{t('plans.announcement.pdf')}</a>
            {announcement.contentHash && (
              <>
                {' · '}
                <code className="hash">{announcement.contentHash.slice(0, 16)}</code>
              </>
            )}
          </p>
        )}
      </form>
      <section className="card announcement-preview" aria-labelledby="announcement-preview-heading">
        <h2 id="announcement-preview-heading" className="visually-hidden">
          {t('plans.announcement.preview')}
        </h2>
        {page ? <AnnouncementPreview page={page} /> : <p className="muted">{t('plans.announcement.previewAfterSave')}</p>}
      </section>
    </div>
  );
}

/** The announcement page as employees read it. */
function AnnouncementPreview({ page }: { page: Page }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <article>
      <h3 className="announcement-title">{page.title}</h3>
      <p className="muted">
        {page.organisationName} · {page.batchCode}
      </p>
      {page.introduction && <p className="preserve-lines">{page.introduction}</p>}
      <h4>{t('plans.announcement.offerings')}</h4>
      <ul>
        {page.offerings.map((offering) => (
          <li key={offering.scopeId}>
            <strong>
              {offering.occupationName}（{offering.occupationCode}）{offering.workType} {offering.levelName}
            </strong>
            ：{offering.method.description}
            {offering.eligibility.length > 0 && (
              <ul>
                {offering.eligibility.map((path) => (
                  <li key={path.pathId}>{path.description}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {page.generalConditions.length > 0 && (
        <>
          <h4>{t('plans.announcement.generalConditions')}</h4>
          <ul>
            {page.generalConditions.map((condition, index) => (
              <li key={index}>{condition}</li>
            ))}
          </ul>
        </>
      )}
      {page.schedule.length > 0 && (
        <>
          <h4>{t('plans.announcement.schedule')}</h4>
          <table>
            <tbody>
              {page.schedule.map((entry, index) => (
                <tr key={index}>
                  <td>{format.date(entry.date)}</td>
                  <td>
                    {entry.startTime}–{entry.endTime}
                  </td>
                  <td>{entry.kindName}</td>
                  <td>
                    {entry.workType} {t(`levels.${entry.level}`)}
                  </td>
                  <td>{entry.roomName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {page.applicationPeriod && (
        <p>
          {t('plans.announcement.applicationPeriod', { opens: format.date(page.applicationPeriod.opensOn), closes: format.date(page.applicationPeriod.closesOn) })}
        </p>
      )}
      {page.places.length > 0 && (
        <p>
          {t('plans.announcement.places')}：{page.places.map((place) => `${place.name}（${place.address}）`).join('；')}
        </p>
      )}
      {page.materials.length > 0 && (
        <>
          <h4>{t('plans.announcement.materials')}</h4>
          <ol>
            {page.materials.map((material, index) => (
              <li key={index}>{material}</li>
            ))}
          </ol>
        </>
      )}
      <h4>{t('plans.announcement.process')}</h4>
      <ol>
        {page.process.map((step, index) => (
          <li key={index}>{step}</li>
        ))}
      </ol>
      {page.contacts.length > 0 && (
        <p>
          {t('plans.announcement.contacts')}：
          {page.contacts.map((contact) => [contact.name, contact.department, contact.phone, contact.email].filter(Boolean).join(' ')).join('；')}
        </p>
      )}
      {page.notes && <p className="preserve-lines">{page.notes}</p>}
    </article>
  );
}
