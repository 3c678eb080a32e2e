import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useBatchFeedback, useCanReport, useMyFeedbackTargets } from './reports-api';
import type { FeedbackKind, FeedbackTarget, SubmitFeedbackRequest, SubmittedFeedbackView } from './reports-types';

/**
 * R20 feedback: every signed-in user rates the batches they may speak about (candidates their own
 * batches as participants; staff as staff; admin and HR also for a department); organisers read the
 * batch's feedback (anonymous).
 */
export function FeedbackPage() {
  const { t } = useTranslation();
  const canRead = useCanReport('readOutcomes');
  const targets = useMyFeedbackTargets();
  const [batchId, setBatchId] = useState('');
  return (
    <>
      <PageHeader title={t('reports.feedback.title')} subtitle={t('reports.feedback.subtitle')} />
      <QueryState query={targets}>
        {(data) => {
          if (data.batches.length === 0) return <Empty>{t('reports.feedback.none')}</Empty>;
          const current = data.batches.find((batch) => batch.batchId === batchId) ?? data.batches[0];
          return (
            <div className="stack">
              <div className="filters card">
                <Field label={t('reports.common.batch')}>
                  {(props) => (
                    <select {...props} value={current.batchId} onChange={(event) => setBatchId(event.target.value)}>
                      {data.batches.map((batch) => (
                        <option key={batch.batchId} value={batch.batchId}>
                          {batch.batchCode} {batch.batchName}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              <FeedbackForm key={current.batchId} target={current} />
              {canRead && <FeedbackList batchId={current.batchId} />}
            </div>
          );
        }}
      </QueryState>
    </>
  );
}

function FeedbackForm({ target }: { target: FeedbackTarget }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<FeedbackKind>(target.kinds[0]);
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  const [department, setDepartment] = useState('');
  const submit = useMutation({
    mutationFn: () =>
      api.post<SubmittedFeedbackView>(`/api/reports/batches/${target.batchId}/feedback`, {
        kind,
        rating,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(kind === 'department' ? { department: department.trim() } : {}),
      } satisfies SubmitFeedbackRequest),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['reports'] });
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit.mutate();
  }
  return (
    <section className="card" aria-labelledby="give-feedback-heading">
      <h2 id="give-feedback-heading">
        {t('reports.feedback.give')} <span className="badge">R20</span>
      </h2>
      {target.given.length > 0 && (
        <p className="muted">
          {t('reports.feedback.given')}：
          {target.given.map((entry) => `${t(`reports.feedback.kinds.${entry.kind}`)}${entry.department ? `（${entry.department}）` : ''} ${entry.rating}/5`).join('；')}
        </p>
      )}
      <form onSubmit={onSubmit} className="stack">
        {target.kinds.length > 1 && (
          <Field label={t('reports.feedback.kind')}>
            {(props) => (
              <select {...props} value={kind} onChange={(event) => setKind(event.target.value as FeedbackKind)}>
                {target.kinds.map((entry) => (
                  <option key={entry} value={entry}>
                    {t(`reports.feedback.kinds.${entry}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {kind === 'department' && (
          <Field label={t('reports.feedback.department')}>{(props) => <input {...props} required maxLength={100} value={department} onChange={(event) => setDepartment(event.target.value)} />}</Field>
        )}
        <fieldset>
          <legend>{t('reports.feedback.rating')}</legend>
          <p className="hint">{t('reports.feedback.ratingHint')}</p>
          <div className="checkbox-group" style={{ display: 'flex', gap: '1.25rem' }}>
            {[1, 2, 3, 4, 5].map((value) => (
              <label key={value}>
                <input type="radio" name="rating" value={value} checked={rating === value} onChange={() => setRating(value)} /> {value}
              </label>
            ))}
          </div>
        </fieldset>
        <Field label={t('reports.feedback.comment')}>{(props) => <textarea {...props} rows={3} maxLength={2000} value={comment} onChange={(event) => setComment(event.target.value)} />}</Field>
        <div className="form-actions">
          <button type="submit" disabled={submit.isPending}>
            {t('reports.feedback.submit')}
          </button>
        </div>
        {submit.isError && <ErrorView error={submit.error} />}
        {submit.data && (
          <p className="success" role="status">
            {submit.data.isReplacement ? t('reports.feedback.replaced') : t('reports.feedback.submitted')}
          </p>
        )}
      </form>
    </section>
  );
}

function FeedbackList({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const feedback = useBatchFeedback(batchId);
  return (
    <section className="card" aria-labelledby="feedback-list-heading">
      <h2 id="feedback-list-heading">{t('reports.feedback.list')}</h2>
      <QueryState query={feedback}>
        {(data) =>
          data.feedback.length === 0 ? (
            <Empty>{t('reports.feedback.noEntries')}</Empty>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.feedback.kind')}</th>
                    <th scope="col">{t('reports.feedback.rating')}</th>
                    <th scope="col">{t('reports.feedback.comment')}</th>
                    <th scope="col">{t('reports.feedback.submittedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.feedback.map((entry) => (
                    <tr key={entry.id}>
                      <td>
                        {t(`reports.feedback.kinds.${entry.kind}`)}
                        {entry.department ? `（${entry.department}）` : ''}
                      </td>
                      <td>{entry.rating}/5</td>
                      <td className="preserve-lines">{entry.comment ?? '—'}</td>
                      <td>{format.dateTime(entry.submittedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
