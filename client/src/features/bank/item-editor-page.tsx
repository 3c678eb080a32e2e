import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { fieldMessage } from '../../api/error-details';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Loading, StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { useLevelName, useScopeBlueprint, useScopes } from './bank-api';
import { describeScope, theoryItemTypes, type ItemContent, type ItemKind, type ItemVersionView, type ItemView, type TheoryItemType } from './bank-types';
import { ItemPreview, optionLetter } from './item-preview';

const judgeOptions = ['正确', '错误'];

/** Editable form of an item's content (both kinds; only the fields of `kind` are sent). */
interface Draft {
  kind: ItemKind;
  type: TheoryItemType;
  stem: string;
  options: string[];
  answer: number[];
  knowledgePoint: string;
  difficulty: string;
  category?: string;
  chapter?: string;
  images?: string[];
  title: string;
  task: string;
  materials: string[];
  timeLimitMinutes: number;
  criteria: { criterion: string; maxPoints: number; deductionRule: string }[];
  vetoItems: string[];
}

const emptyDraft: Draft = {
  kind: 'theory',
  type: 'single',
  stem: '',
  options: ['', '', '', ''],
  answer: [],
  knowledgePoint: '',
  difficulty: '',
  title: '',
  task: '',
  materials: [''],
  timeLimitMinutes: 60,
  criteria: [{ criterion: '', maxPoints: 10, deductionRule: '' }],
  vetoItems: [],
};

function toDraft(content: ItemContent): Draft {
  if (content.kind === 'theory') {
    return {
      ...emptyDraft,
      kind: 'theory',
      type: content.type,
      stem: content.stem,
      options: [...content.options],
      answer: [...(content.answer ?? [])],
      knowledgePoint: content.knowledgePoint ?? '',
      difficulty: content.difficulty ? String(content.difficulty) : '',
      category: content.category,
      chapter: content.chapter,
      images: content.images,
    };
  }
  return {
    ...emptyDraft,
    kind: 'practical',
    title: content.title,
    task: content.task,
    materials: content.materials.length > 0 ? [...content.materials] : [''],
    timeLimitMinutes: content.timeLimitMinutes,
    criteria: content.criteria.map((criterion) => ({ ...criterion })),
    vetoItems: [...content.vetoItems],
    knowledgePoint: content.knowledgePoint ?? '',
    difficulty: content.difficulty ? String(content.difficulty) : '',
  };
}

/** The content the API takes for `draft` (blank optional fields left out). */
export function toContent(draft: Draft): ItemContent {
  const difficulty = draft.difficulty ? Number(draft.difficulty) : undefined;
  const knowledgePoint = draft.knowledgePoint.trim() || undefined;
  if (draft.kind === 'theory') {
    return {
      kind: 'theory',
      type: draft.type,
      stem: draft.stem,
      options: draft.type === 'judge' ? judgeOptions : draft.options,
      answer: [...draft.answer].sort((a, b) => a - b),
      ...(knowledgePoint ? { knowledgePoint } : {}),
      ...(difficulty ? { difficulty } : {}),
      ...(draft.category ? { category: draft.category } : {}),
      ...(draft.chapter ? { chapter: draft.chapter } : {}),
      ...(draft.images && draft.images.length > 0 ? { images: draft.images } : {}),
    };
  }
  return {
    kind: 'practical',
    title: draft.title,
    task: draft.task,
    materials: draft.materials.map((material) => material.trim()).filter(Boolean),
    timeLimitMinutes: draft.timeLimitMinutes,
    criteria: draft.criteria,
    vetoItems: draft.vetoItems.map((veto) => veto.trim()).filter(Boolean),
    ...(knowledgePoint ? { knowledgePoint } : {}),
    ...(difficulty ? { difficulty } : {}),
  };
}

/**
 * Item editor with live preview (stem, options, answer key, knowledge point) and the review
 * workflow: submit for review, approve or return (four-eyes, R17), retire with a reason. Every save
 * appends an immutable version (R17).
 */
export function ItemEditorPage() {
  const { itemId } = useParams();
  const item = useQuery({
    queryKey: ['bank', 'item', itemId],
    queryFn: () => api.get<ItemView>(`/api/bank/items/${itemId}`),
    enabled: Boolean(itemId),
  });
  if (itemId && item.isPending) return <Loading />;
  if (itemId && item.isError) return <ErrorView error={item.error} />;
  return <ItemEditor key={itemId ?? 'new'} item={item.data} />;
}

function ItemEditor({ item }: { item?: ItemView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const levelName = useLevelName();
  const [parameters] = useSearchParams();
  const canEdit = useCan('editBank');
  const isEditable = canEdit && item?.status !== 'retired';
  const [scopeId, setScopeId] = useState(item?.scopeId ?? parameters.get('scopeId') ?? '');
  const [draft, setDraft] = useState<Draft>(item ? toDraft(item.content) : emptyDraft);
  useEffect(() => {
    if (item) setDraft(toDraft(item.content));
  }, [item]);
  const scopes = useScopes();
  const blueprint = useScopeBlueprint(scopeId || undefined);
  const leaves = blueprint.data?.leaves ?? [];
  const leafName = leaves.find((leaf) => leaf.code === draft.knowledgePoint)?.name;
  const content = useMemo(() => toContent(draft), [draft]);

  const save = useMutation({
    mutationFn: () =>
      item
        ? api.put<ItemView>(`/api/bank/items/${item.id}`, { content, expectedVersion: item.version })
        : api.post<ItemView>('/api/bank/items', { scopeId, content }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['bank', 'item', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['bank', 'items'] });
      await queryClient.invalidateQueries({ queryKey: ['bank', 'versions', saved.id] });
      if (!item) navigate(`/bank/items/${saved.id}`, { replace: true });
    },
  });
  const issue = (field: string) => fieldMessage(save.error as { message?: string; details?: unknown } | null, `body.content.${field}`);
  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  function setType(type: TheoryItemType) {
    setDraft((current) => ({
      ...current,
      type,
      options: type === 'judge' ? [...judgeOptions] : current.type === 'judge' ? ['', '', '', ''] : current.options,
      answer: type === 'multiple' ? current.answer : current.answer.slice(0, 1),
    }));
  }

  function toggleAnswer(index: number, isChecked: boolean) {
    setDraft((current) => {
      if (current.type !== 'multiple') return { ...current, answer: [index] };
      const answer = isChecked ? [...current.answer, index] : current.answer.filter((value) => value !== index);
      return { ...current, answer };
    });
  }

  function removeOption(index: number) {
    setDraft((current) => ({
      ...current,
      options: current.options.filter((_option, position) => position !== index),
      answer: current.answer.filter((value) => value !== index).map((value) => (value > index ? value - 1 : value)),
    }));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const title = item ? t('bank.editor.editTitle') : t('bank.editor.newTitle');
  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          item && (
            <>
              <StatusBadge status={item.status} group="itemStatus" /> {t('bank.editor.versionLabel', { version: item.version })}
              {item.reviewNote && ` · ${t('bank.editor.reviewNote')}: ${item.reviewNote}`}
              {item.retiredReason && ` · ${t('bank.editor.retiredReason')}: ${item.retiredReason}`}
            </>
          )
        }
      />
      <div className="two-columns">
        <form className="card" onSubmit={onSubmit} aria-label={title}>
          <fieldset disabled={!isEditable} className="plain">
            <Field label={t('bank.items.scope')}>
              {(props) => (
                <select {...props} value={scopeId} onChange={(event) => setScopeId(event.target.value)} required disabled={Boolean(item)}>
                  <option value="">{t('common.choose')}</option>
                  {scopes.data?.scopes.map((scope) => (
                    <option key={scope.id} value={scope.id}>
                      {describeScope(scope, levelName)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="grid-2">
              <Field label={t('bank.items.kind')}>
                {(props) => (
                  <select {...props} value={draft.kind} onChange={(event) => update({ kind: event.target.value as ItemKind })} disabled={Boolean(item)}>
                    <option value="theory">{t('itemKinds.theory')}</option>
                    <option value="practical">{t('itemKinds.practical')}</option>
                  </select>
                )}
              </Field>
              {draft.kind === 'theory' && (
                <Field label={t('bank.items.type')}>
                  {(props) => (
                    <select {...props} value={draft.type} onChange={(event) => setType(event.target.value as TheoryItemType)}>
                      {theoryItemTypes.map((type) => (
                        <option key={type} value={type}>
                          {t(`itemTypes.${type}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
            </div>
            {draft.kind === 'theory' ? (
              <>
                <Field label={t('bank.editor.stem')} error={issue('stem')}>
                  {(props) => <textarea {...props} rows={4} value={draft.stem} onChange={(event) => update({ stem: event.target.value })} required />}
                </Field>
                <fieldset>
                  <legend>{t('bank.editor.optionsAndAnswer')}</legend>
                  {draft.options.map((option, index) => (
                    <div key={index} className="option-row">
                      <input
                        type={draft.type === 'multiple' ? 'checkbox' : 'radio'}
                        name="answer"
                        checked={draft.answer.includes(index)}
                        onChange={(event) => toggleAnswer(index, event.target.checked)}
                        aria-label={t('bank.editor.markCorrect', { letter: optionLetter(index) })}
                      />
                      <span className="option-letter" aria-hidden="true">
                        {optionLetter(index)}
                      </span>
                      <input
                        value={option}
                        readOnly={draft.type === 'judge'}
                        aria-label={t('bank.editor.optionText', { letter: optionLetter(index) })}
                        onChange={(event) => update({ options: draft.options.map((value, position) => (position === index ? event.target.value : value)) })}
                      />
                      {draft.type !== 'judge' && draft.options.length > 2 && (
                        <button type="button" className="secondary small" onClick={() => removeOption(index)} aria-label={t('bank.editor.removeOption', { letter: optionLetter(index) })}>
                          −
                        </button>
                      )}
                    </div>
                  ))}
                  {draft.type !== 'judge' && draft.options.length < 26 && (
                    <button type="button" className="secondary small" onClick={() => update({ options: [...draft.options, ''] })}>
                      {t('bank.editor.addOption')}
                    </button>
                  )}
                  {(issue('options') || issue('answer')) && <span className="field-error">{issue('options') ?? issue('answer')}</span>}
                </fieldset>
              </>
            ) : (
              <>
                <Field label={t('bank.editor.title')} error={issue('title')}>
                  {(props) => <input {...props} value={draft.title} onChange={(event) => update({ title: event.target.value })} required />}
                </Field>
                <Field label={t('bank.editor.task')} error={issue('task')}>
                  {(props) => <textarea {...props} rows={4} value={draft.task} onChange={(event) => update({ task: event.target.value })} required />}
                </Field>
                <Field label={t('bank.editor.timeLimit')} error={issue('timeLimitMinutes')}>
                  {(props) => (
                    <input {...props} type="number" min={1} value={draft.timeLimitMinutes} onChange={(event) => update({ timeLimitMinutes: Number(event.target.value) })} />
                  )}
                </Field>
                <Field label={t('bank.editor.materials')} hint={t('bank.editor.onePerLine')}>
                  {(props) => (
                    <textarea {...props} rows={3} value={draft.materials.join('\n')} onChange={(event) => update({ materials: event.target.value.split('\n') })} />
                  )}
                </Field>
                <fieldset>
                  <legend>{t('bank.editor.criteria')}</legend>
                  {draft.criteria.map((criterion, index) => (
                    <div key={index} className="criterion-row">
                      <input
                        aria-label={t('bank.editor.criterionNumbered', { number: index + 1 })}
                        placeholder={t('bank.editor.criterion')}
                        value={criterion.criterion}
                        onChange={(event) => update({ criteria: draft.criteria.map((entry, position) => (position === index ? { ...entry, criterion: event.target.value } : entry)) })}
                      />
                      <input
                        aria-label={t('bank.editor.maxPointsNumbered', { number: index + 1 })}
                        type="number"
                        min={0}
                        value={criterion.maxPoints}
                        onChange={(event) => update({ criteria: draft.criteria.map((entry, position) => (position === index ? { ...entry, maxPoints: Number(event.target.value) } : entry)) })}
                      />
                      <input
                        aria-label={t('bank.editor.deductionRuleNumbered', { number: index + 1 })}
                        placeholder={t('bank.editor.deductionRule')}
                        value={criterion.deductionRule}
                        onChange={(event) => update({ criteria: draft.criteria.map((entry, position) => (position === index ? { ...entry, deductionRule: event.target.value } : entry)) })}
                      />
                      {draft.criteria.length > 1 && (
                        <button type="button" className="secondary small" onClick={() => update({ criteria: draft.criteria.filter((_entry, position) => position !== index) })} aria-label={t('common.remove')}>
                          −
                        </button>
                      )}
                    </div>
                  ))}
                  <button type="button" className="secondary small" onClick={() => update({ criteria: [...draft.criteria, { criterion: '', maxPoints: 10, deductionRule: '' }] })}>
                    {t('bank.editor.addCriterion')}
                  </button>
                  {issue('criteria') && <span className="field-error">{issue('criteria')}</span>}
                </fieldset>
                <Field label={t('bank.editor.vetoItems')} hint={t('bank.editor.onePerLine')}>
                  {(props) => <textarea {...props} rows={2} value={draft.vetoItems.join('\n')} onChange={(event) => update({ vetoItems: event.target.value.split('\n') })} />}
                </Field>
              </>
            )}
            <div className="grid-2">
              <Field label={t('bank.items.knowledgePoint')} error={issue('knowledgePoint')}>
                {(props) =>
                  leaves.length > 0 ? (
                    <select {...props} value={draft.knowledgePoint} onChange={(event) => update({ knowledgePoint: event.target.value })}>
                      <option value="">{t('common.none')}</option>
                      {leaves.map((leaf) => (
                        <option key={leaf.code} value={leaf.code}>
                          {leaf.code} {leaf.name}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input {...props} value={draft.knowledgePoint} onChange={(event) => update({ knowledgePoint: event.target.value })} />
                  )
                }
              </Field>
              <Field label={t('bank.editor.difficulty')} hint={t('bank.editor.difficultyHint')} error={issue('difficulty')}>
                {(props) => (
                  <select {...props} value={draft.difficulty} onChange={(event) => update({ difficulty: event.target.value })}>
                    <option value="">{t('common.none')}</option>
                    {[1, 2, 3, 4, 5].map((value) => (
                      <option key={value} value={value}>
                        {value}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </fieldset>
          {save.isError && <ErrorView error={save.error} />}
          {save.isSuccess && (
            <p className="success" role="status">
              {t('bank.editor.saved', { version: save.data.version })}
            </p>
          )}
          {isEditable && (
            <div className="form-actions">
              <button type="submit" disabled={save.isPending || !scopeId}>
                {item ? t('bank.editor.saveVersion') : t('bank.editor.create')}
              </button>
            </div>
          )}
        </form>
        <div className="stack">
          <section className="card" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t('bank.editor.preview')}</h2>
            <ItemPreview content={content} knowledgePointName={leafName} />
          </section>
          {item && <ReviewPanel item={item} />}
          {item && <VersionList itemId={item.id} />}
        </div>
      </div>
    </>
  );
}

/** Review workflow actions allowed for the item's status and the user's roles. */
function ReviewPanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canEdit = useCan('editBank');
  const canReview = useCan('reviewBank');
  const canMaintain = useCan('maintainBank');
  const [note, setNote] = useState('');
  const transition = useMutation({
    mutationFn: ({ step, body }: { step: 'submit' | 'approve' | 'reject' | 'retire'; body: Record<string, string> }) =>
      api.post<ItemView>(`/api/bank/items/${item.id}/${step}`, body),
    onSuccess: async (saved) => {
      setNote('');
      queryClient.setQueryData(['bank', 'item', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['bank', 'items'] });
    },
  });
  const noteBody = (): Record<string, string> => (note.trim() ? { note: note.trim() } : {});
  const actions = [
    canEdit && item.status === 'draft' && { key: 'submit', label: t('bank.review.submit'), run: () => transition.mutate({ step: 'submit', body: noteBody() }) },
    canReview && item.status === 'in_review' && { key: 'approve', label: t('bank.review.approve'), run: () => transition.mutate({ step: 'approve', body: noteBody() }) },
    canReview &&
      item.status === 'in_review' && { key: 'reject', label: t('bank.review.reject'), needsNote: true, run: () => transition.mutate({ step: 'reject', body: { note: note.trim() } }) },
    canMaintain &&
      item.status !== 'retired' && { key: 'retire', label: t('bank.review.retire'), needsNote: true, danger: true, run: () => transition.mutate({ step: 'retire', body: { reason: note.trim() } }) },
  ].filter(Boolean) as { key: string; label: string; needsNote?: boolean; danger?: boolean; run: () => void }[];
  if (actions.length === 0) return null;
  return (
    <section className="card" aria-labelledby="review-heading">
      <h2 id="review-heading">{t('bank.review.title')}</h2>
      <p className="muted">{t('bank.review.hint')}</p>
      <Field label={t('bank.review.note')} hint={t('bank.review.noteHint')}>
        {(props) => <textarea {...props} rows={2} value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} />}
      </Field>
      {transition.isError && <ErrorView error={transition.error} />}
      <div className="form-actions">
        {actions.map((action) => (
          <button
            key={action.key}
            type="button"
            className={action.danger ? 'danger' : action.key === 'reject' ? 'secondary' : undefined}
            disabled={transition.isPending || (action.needsNote === true && note.trim() === '')}
            onClick={action.run}
          >
            {action.label}
          </button>
        ))}
      </div>
    </section>
  );
}

/** Version history with content hashes (bank roles). */
function VersionList({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canMaintain = useCan('maintainBank');
  const versions = useQuery({
    queryKey: ['bank', 'versions', itemId],
    queryFn: () => api.get<{ versions: ItemVersionView[] }>(`/api/bank/items/${itemId}/versions`),
    enabled: canMaintain,
  });
  if (!canMaintain || !versions.data) return null;
  return (
    <section className="card" aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t('bank.editor.versions')}</h2>
      <ul className="compact">
        {versions.data.versions.map((version) => (
          <li key={version.version}>
            v{version.version} · {format.dateTime(version.createdAt)} · <code className="hash">{version.contentHash.slice(0, 12)}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
