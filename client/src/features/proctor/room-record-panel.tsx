import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '@skillcert/proctoring/protocol';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { useFormat } from '../../i18n/use-format';
import { roomRecordPdfUrl, useGenerateRoomRecord, useRoomRecord } from './proctor-api';

/** The room record 考场记录表 (R10, R16): generate it from the events (with room conditions) and open the PDF. */
export function RoomRecordPanel({ room, canGenerate }: { room: RoomInfo; canGenerate: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const params = { batchId: room.batchId, sessionId: room.sessionId, roomId: room.roomId };
  const record = useRoomRecord(params);
  const generate = useGenerateRoomRecord();
  const [conditions, setConditions] = useState('');
  const stored = record.data ?? null;
  function submit(event: FormEvent) {
    event.preventDefault();
    generate.mutate({ ...params, ...(conditions.trim() ? { conditions: conditions.trim() } : {}) });
  }
  return (
    <section className="card" aria-labelledby="room-record-heading">
      <h2 id="room-record-heading">{t('proctor.record.title')}</h2>
      {stored ? (
        <p>
          {t('proctor.record.generated', { version: stored.version, at: format.dateTime(stored.generatedAt) })}{' '}
          <a href={roomRecordPdfUrl(params)} target="_blank" rel="noreferrer">
            {t('proctor.record.download')}
          </a>
        </p>
      ) : (
        <p className="muted">{t('proctor.record.none')}</p>
      )}
      {canGenerate && (
        <form onSubmit={submit}>
          <Field label={t('proctor.record.conditions')} hint={t('proctor.record.conditionsHint')}>
            {(props) => <textarea {...props} rows={3} maxLength={2000} value={conditions} onChange={(event) => setConditions(event.target.value)} />}
          </Field>
          <button type="submit" disabled={generate.isPending}>
            {stored ? t('proctor.record.regenerate') : t('proctor.record.generate')}
          </button>
        </form>
      )}
      {generate.isError && <ErrorView error={generate.error} />}
    </section>
  );
}
