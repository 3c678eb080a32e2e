import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { fieldMessage } from '../../api/error-details';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { useCan } from '../auth/use-session';
import { useScopes } from '../bank/bank-api';
import { FilingStep } from './filing-step';
import { checkWeights, type WeightPercents } from './plan-rules';
import type { BatchView } from './plans-types';
import { useStoreBatch } from './plans-api';
import { RoomsStep } from './rooms-step';
import { SessionsStep } from './sessions-step';
import { StaffStep } from './staff-step';

/** Wizard steps in order: staff before rooms (proctors are the batch's exam administrators), rooms before sessions. */
export const wizardSteps = ['basics', 'staff', 'rooms', 'sessions', 'filing'] as const;

/** A new batch: the basics step, then the wizard of the created batch. */
export function NewBatchPage() {
  const { t } = useTranslation();
  const canPlan = useCan('planBatches');
  if (!canPlan) return <Navigate to="/plans" replace />;
  return (
    <>
      <PageHeader title={t('plans.wizard.newTitle')} subtitle={t('plans.wizard.subtitle')} />
      <Stepper batchId={null} />
      <BasicsStep batch={null} />
    </>
  );
}

/** The batch wizard: basics (scopes, mode, weights), staff (R6), rooms, sessions, filing (R7). */
export function BatchWizard({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('plans.wizard.title')} subtitle={batch.status === 'draft' ? t('plans.wizard.subtitle') : t('plans.wizard.readOnly')} />
      {batch.warnings.length > 0 && (
        <ul className="warning-list" aria-label={t('plans.wizard.warnings')}>
          {batch.warnings.map((warning, index) => (
            <li key={index}>
              <span className="badge">{warning.ruleId}</span> {warning.message}
            </li>
          ))}
        </ul>
      )}
      <Stepper batchId={batch.id} />
      <Routes>
        <Route index element={<Navigate to="basics" replace />} />
        <Route path="basics" element={<BasicsStep batch={batch} />} />
        <Route path="staff" element={<StaffStep batch={batch} />} />
        <Route path="rooms" element={<RoomsStep batch={batch} />} />
        <Route path="sessions" element={<SessionsStep batch={batch} />} />
        <Route path="filing" element={<FilingStep batch={batch} />} />
      </Routes>
    </>
  );
}

function Stepper({ batchId }: { batchId: string | null }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('plans.wizard.steps')}>
      <ol className="stepper">
        {wizardSteps.map((step, index) => (
          <li key={step}>
            {batchId ? (
              <NavLink to={`/plans/batches/${batchId}/wizard/${step}`} aria-current="step">
                {index + 1}. {t(`plans.wizard.stepNames.${step}`)}
              </NavLink>
            ) : (
              <span className={index === 0 ? 'active' : 'muted'} aria-current={index === 0 ? 'step' : undefined}>
                {index + 1}. {t(`plans.wizard.stepNames.${step}`)}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Default component weights (percent) of a scope: practical share at least 50% (R4, Shenzhen). */
function defaultWeights(level: number, mode: 'grading' | 'promotion'): WeightPercents {
  return mode === 'promotion' && level <= 2 ? { theory: 30, practical: 50, review: 20 } : { theory: 40, practical: 60 };
}

interface ScopeChoice {
  scopeId: string;
  level: number;
  weights: WeightPercents;
}

/** Step 1: code, name, mode (R19) and the scopes with their component weights (R4). */
function BasicsStep({ batch }: { batch: BatchView | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const storeBatch = useStoreBatch();
  const scopes = useScopes();
  const isEditable = batch === null || batch.status === 'draft';
  const [mode, setMode] = useState<'grading' | 'promotion'>(batch?.mode ?? 'promotion');
  const [choices, setChoices] = useState<ScopeChoice[]>(
    batch?.scopes.map((scope) => ({
      scopeId: scope.scopeId,
      level: scope.level,
      weights: {
        theory: Math.round(scope.weights.theory * 100),
        practical: Math.round(scope.weights.practical * 100),
        ...(scope.weights.review !== undefined ? { review: Math.round(scope.weights.review * 100) } : {}),
      },
    })) ?? [],
  );
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => (batch ? api.patch<BatchView>(`/api/batches/${batch.id}`, body) : api.post<BatchView>('/api/batches', body)),
    onSuccess: async (saved) => {
      await storeBatch(saved);
      navigate(`/plans/batches/${saved.id}/wizard/staff`);
    },
  });
  const issue = (field: string) => fieldMessage(save.error as { message?: string; details?: unknown } | null, `body.${field}`);

  function toggleScope(scopeId: string, level: number, isChecked: boolean) {
    setChoices((current) => (isChecked ? [...current, { scopeId, level, weights: defaultWeights(level, mode) }] : current.filter((choice) => choice.scopeId !== scopeId)));
  }

  function setWeight(scopeId: string, part: keyof WeightPercents, value: number) {
    setChoices((current) => current.map((choice) => (choice.scopeId === scopeId ? { ...choice, weights: { ...choice.weights, [part]: value } } : choice)));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      code: String(form.get('code') ?? '').trim(),
      name: String(form.get('name') ?? '').trim(),
      mode,
      scopes: choices.map((choice) => ({
        scopeId: choice.scopeId,
        weights: {
          theory: choice.weights.theory / 100,
          practical: choice.weights.practical / 100,
          ...(choice.weights.review !== undefined && mode === 'promotion' && choice.level <= 2 ? { review: choice.weights.review / 100 } : {}),
        },
      })),
    });
  }

  return (
    <form className="card" onSubmit={onSubmit} aria-label={t('plans.wizard.stepNames.basics')}>
      <fieldset disabled={!isEditable} className="plain">
        <div className="grid-2">
          <Field label={t('plans.batch.code')} hint={t('plans.batch.codeHint')} error={issue('code')}>
            {(props) => <input {...props} name="code" defaultValue={batch?.code} required maxLength={64} />}
          </Field>
          <Field label={t('plans.batch.name')} error={issue('name')}>
            {(props) => <input {...props} name="name" defaultValue={batch?.name} required maxLength={200} />}
          </Field>
        </div>
        <fieldset>
          <legend>{t('plans.batch.mode')}</legend>
          {(['promotion', 'grading'] as const).map((value) => (
            <label key={value} className="inline">
              <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
              {t(`plans.modes.${value}`)} <span className="muted">— {t(`plans.modeHints.${value}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('plans.batch.scopes')}</legend>
          {scopes.isError && <ErrorView error={scopes.error} />}
          {scopes.data?.scopes.length === 0 && <p className="muted">{t('plans.wizard.noScopes')}</p>}
          <div className="scope-choices">
            {scopes.data?.scopes.map((scope) => {
              const choice = choices.find((entry) => entry.scopeId === scope.id);
              const problems = choice ? checkWeights(choice.weights, 0) : [];
              const hasReview = mode === 'promotion' && scope.level <= 2;
              return (
                <div key={scope.id} className={`scope-choice ${choice ? 'chosen' : ''}`}>
                  <label className="inline">
                    <input type="checkbox" checked={Boolean(choice)} onChange={(event) => toggleScope(scope.id, scope.level, event.target.checked)} />
                    <strong>
                      {scope.occupationName} · {scope.workType} · {t(`levels.${scope.level}`)}
                    </strong>
                    <span className="muted">{scope.occupationCode}</span>
                  </label>
                  {choice && (
                    <div className="weights" role="group" aria-label={t('plans.wizard.weightsOf', { workType: scope.workType })}>
                      {(['theory', 'practical', ...(hasReview ? (['review'] as const) : [])] as const).map((part) => (
                        <label key={part} className="inline">
                          {t(`plans.components.${part}`)}
                          <input
                            type="number"
                            min={0}
                            max={100}
                            value={choice.weights[part] ?? 0}
                            onChange={(event) => setWeight(scope.id, part, Number(event.target.value))}
                            className="narrow"
                          />
                          %
                        </label>
                      ))}
                      {problems.includes('sum') && <span className="field-error">{t('plans.wizard.weightSum')}</span>}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
          {issue('scopes') && <span className="field-error">{issue('scopes')}</span>}
        </fieldset>
      </fieldset>
      {save.isError && <ErrorView error={save.error} />}
      {isEditable && (
        <div className="form-actions">
          <button type="submit" disabled={save.isPending || choices.length === 0}>
            {batch ? t('plans.wizard.saveAndNext') : t('plans.wizard.createAndNext')}
          </button>
        </div>
      )}
    </form>
  );
}
