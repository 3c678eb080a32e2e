import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan, useSession } from '../auth/use-session';
import { buildTemplateSections, totalDirectGrading } from './score-sheet';
import { useDirectGrading, useRefreshScoring, useResultSummary } from './scoring-api';
import {
  directGradingRaters,
  directGradingSectionMaxPoints,
  type DirectGradingRater,
  type DirectGradingRatings,
  type DirectGradingSection,
  type DirectGradingView,
} from './scoring-types';

/** Registrations of a grading batch with a link to each candidate's direct-grading form (R5, R19). */
export function DirectGradingListPage({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const summary = useResultSummary(batchId);
  return (
    <>
      <PageHeader title={t('scoring.directGrading.listTitle')} subtitle={t('scoring.directGrading.listSubtitle')} />
      <section className="card">
        <QueryState query={summary}>
          {(data) =>
            data.batch.mode !== 'grading' ? (
              <Empty>{t('scoring.directGrading.notGradingBatch')}</Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('scoring.card.ticket')}</th>
                    <th scope="col">{t('scoring.card.candidate')}</th>
                    <th scope="col">{t('scoring.card.level')}</th>
                    <th scope="col" className="number">
                      {t('scoring.resultComponents.direct_grading')}
                    </th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.registrationId}>
                      <td>{row.admissionTicketNumber}</td>
                      <td>{row.candidateName}</td>
                      <td>{row.levelName}</td>
                      <td className="number">{row.scores.direct_grading === null ? '—' : format.number(row.scores.direct_grading, 2)}</td>
                      <td>
                        <Link to={`/scoring/direct-grading/${row.registrationId}`}>{t('scoring.directGrading.openForm')}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </section>
    </>
  );
}

/**
 * The direct-grading form 定级评价表 of one candidate (R5, R19): raters × sections with weight rows
 * of 100%, criteria with maximum points, each rater's scores with the rater's signature, weighted
 * totals computed live while typing, levels 2 and 1's on-site review and lower-level certificate,
 * and the signatures of the assessor and the internal quality supervisor (table 3).
 */
export function DirectGradingPage() {
  const { t } = useTranslation();
  const { registrationId = '' } = useParams();
  const view = useDirectGrading(registrationId);
  const canEnterForm = useCan('prepareScoring');
  return (
    <>
      <PageHeader title={t('scoring.directGrading.title')} subtitle={t('scoring.directGrading.subtitle')} />
      <QueryState query={view}>
        {(data) =>
          data === null ? (
            canEnterForm ? (
              <FormEditor registrationId={registrationId} initial={buildTemplateSections()} />
            ) : (
              <Empty>{t('scoring.directGrading.noForm')}</Empty>
            )
          ) : (
            <DirectGradingDetails view={data} />
          )
        }
      </QueryState>
    </>
  );
}

function DirectGradingDetails({ view }: { view: DirectGradingView }) {
  const { t } = useTranslation();
  const canEnterForm = useCan('prepareScoring');
  const canRate = useCan('rateDirectGrading');
  const isSigned = Boolean(view.assessorSignature || view.supervisorSignature);
  return (
    <>
      <p className="breadcrumb">
        {view.candidateName} · {t(`levels.${view.level}`)} · <Link to={`/scoring/batches/${view.batchId}/direct-grading`}>{t('scoring.directGrading.backToList')}</Link>
      </p>
      {canRate && !isSigned ? <RatingsForm view={view} /> : <RatingsTable view={view} ratings={view.ratings} />}
      {canEnterForm && !isSigned && (
        <details className="card">
          <summary>{t('scoring.directGrading.editForm')}</summary>
          <FormEditor registrationId={view.registrationId} initial={view.form.sections} />
        </details>
      )}
      {view.level <= 2 && canEnterForm && !isSigned && <OnSiteReviewForm view={view} />}
      <SignaturesCard view={view} />
    </>
  );
}

/** Criteria × raters with the recorded (or drafted) scores, weighted points and section totals. */
function RatingsTable({ view, ratings, draftRater }: { view: DirectGradingView; ratings: DirectGradingRatings; draftRater?: DirectGradingRater }) {
  const { t } = useTranslation();
  const format = useFormat();
  const totals = useMemo(() => totalDirectGrading(view.form.sections, ratings), [view.form.sections, ratings]);
  return (
    <section className="card" aria-labelledby="ratings-heading">
      <h2 id="ratings-heading">
        {t('scoring.directGrading.ratingsTitle')} <span className="badge">R5</span>
      </h2>
      {view.form.sections.map((section, sectionIndex) => {
        const sectionTotal = totals.sections[sectionIndex];
        const raters = directGradingRaters.filter((rater) => (section.weightsPercent[rater] ?? 0) > 0);
        return (
          <div key={section.key} className="table-scroll">
            <table className="dg-table">
              <caption>
                {t(`scoring.directGrading.sections.${section.key}`)} · {t('scoring.directGrading.sectionPoints', { points: directGradingSectionMaxPoints[section.key] })} ·{' '}
                {t('scoring.directGrading.weightedSection', { points: format.number(sectionTotal.weightedPoints, 2) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('scoring.directGrading.code')}</th>
                  <th scope="col">{t('scoring.directGrading.criterionName')}</th>
                  <th scope="col" className="number">
                    {t('scoring.sheet.max')}
                  </th>
                  {raters.map((rater) => (
                    <th key={rater} scope="col" className="number">
                      {t(`scoring.raters.${rater}`)} {section.weightsPercent[rater]}%{rater === draftRater && ` ${t('scoring.directGrading.draft')}`}
                    </th>
                  ))}
                  <th scope="col" className="number">
                    {t('scoring.directGrading.weighted')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {section.criteria.map((criterion) => (
                  <tr key={criterion.code}>
                    <td>{criterion.code}</td>
                    <td>
                      {criterion.competency && <span className="muted">{criterion.competency} · </span>}
                      {criterion.name}
                    </td>
                    <td className="number">{criterion.maxPoints}</td>
                    {raters.map((rater) => {
                      const score = ratings[criterion.code]?.[rater];
                      return (
                        <td key={rater} className="number">
                          {score === undefined ? '—' : format.number(score, 2)}
                        </td>
                      );
                    })}
                    <td className="number">{format.number(totals.weightedByCriterion[criterion.code] ?? 0, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
      <p className="live-total" aria-live="polite">
        <span>
          {t('scoring.directGrading.total')} <span className="figure">{format.number(totals.totalPoints, 2)} / 100</span>
        </span>
        <span>
          {totals.isComplete ? t('scoring.directGrading.complete') : t('scoring.directGrading.incomplete')}
          {view.result && (
            <>
              {' · '}
              <strong className={view.result.outcome === 'passed' ? 'pass' : view.result.outcome === 'failed' ? 'fail' : undefined}>
                {t(`scoring.directGrading.outcomes.${view.result.outcome}`)}
              </strong>{' '}
              {t('scoring.directGrading.passMark', { points: view.result.passMark })}
            </>
          )}
        </span>
      </p>
    </section>
  );
}

/** One rater's scores of every criterion they weigh in, with the rater's name as signed (R5). */
function RatingsForm({ view }: { view: DirectGradingView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useRefreshScoring();
  const weighingRaters = directGradingRaters.filter((rater) => view.form.sections.some((section) => (section.weightsPercent[rater] ?? 0) > 0));
  const [rater, setRater] = useState<DirectGradingRater>(weighingRaters.find((candidate) => !view.raterSignatures[candidate]) ?? weighingRaters[0] ?? 'team_leader');
  const [raterName, setRaterName] = useState('');
  const [scores, setScores] = useState<Record<string, string>>({});
  const criteria = view.form.sections.filter((section) => (section.weightsPercent[rater] ?? 0) > 0).flatMap((section) => section.criteria);
  const draftRatings = useMemo(() => {
    const merged: DirectGradingRatings = {};
    for (const [code, byRater] of Object.entries(view.ratings)) merged[code] = { ...byRater };
    for (const criterion of criteria) {
      const text = scores[criterion.code];
      if (text === undefined || text.trim() === '') continue;
      const value = Number(text);
      if (Number.isFinite(value)) merged[criterion.code] = { ...merged[criterion.code], [rater]: value };
    }
    return merged;
  }, [view.ratings, criteria, scores, rater]);
  const save = useMutation({
    mutationFn: () =>
      api.post<DirectGradingView>(`/api/scoring/registrations/${view.registrationId}/direct-grading/ratings`, {
        rater,
        raterName: raterName.trim(),
        scores: Object.fromEntries(criteria.map((criterion) => [criterion.code, Number(scores[criterion.code])])),
      }),
    onSuccess: async (next) => {
      queryClient.setQueryData(['scoring', 'direct-grading', view.registrationId], next);
      setScores({});
      setRaterName('');
      await refresh();
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  function chooseRater(next: DirectGradingRater) {
    setRater(next);
    setScores({});
  }
  return (
    <>
      <RatingsTable view={view} ratings={draftRatings} draftRater={rater} />
      <form className="card" onSubmit={onSubmit} aria-labelledby="rater-heading">
        <h2 id="rater-heading">{t('scoring.directGrading.enterRatings')}</h2>
        <div className="grid-3">
          <Field label={t('scoring.directGrading.rater')}>
            {(props) => (
              <select {...props} name="rater" value={rater} onChange={(event) => chooseRater(event.target.value as DirectGradingRater)}>
                {weighingRaters.map((candidate) => (
                  <option key={candidate} value={candidate}>
                    {t(`scoring.raters.${candidate}`)}
                    {view.raterSignatures[candidate] ? ` ✓ ${view.raterSignatures[candidate]!.raterName}` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('scoring.directGrading.raterName')} hint={t('scoring.directGrading.raterNameHint')}>
            {(props) => <input {...props} name="raterName" required maxLength={100} value={raterName} onChange={(event) => setRaterName(event.target.value)} />}
          </Field>
        </div>
        <div className="grid-4">
          {criteria.map((criterion) => (
            <Field key={criterion.code} label={`${criterion.code} ${criterion.name}（≤ ${criterion.maxPoints}）`}>
              {(props) => (
                <input
                  {...props}
                  className="score"
                  name={`score-${criterion.code}`}
                  type="number"
                  min={0}
                  max={criterion.maxPoints}
                  step="any"
                  required
                  value={scores[criterion.code] ?? ''}
                  onChange={(event) => setScores((current) => ({ ...current, [criterion.code]: event.target.value }))}
                />
              )}
            </Field>
          ))}
        </div>
        {save.isError && <ErrorView error={save.error} />}
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('scoring.directGrading.saveRatings')}
          </button>
        </div>
      </form>
    </>
  );
}

/** Editor of the form: weight rows per section (summing to 100%) and criteria (R5). */
function FormEditor({ registrationId, initial }: { registrationId: string; initial: DirectGradingSection[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useRefreshScoring();
  const [sections, setSections] = useState<DirectGradingSection[]>(() => initial.map((section) => ({ ...section, weightsPercent: { ...section.weightsPercent }, criteria: section.criteria.map((criterion) => ({ ...criterion })) })));
  const totals = totalDirectGrading(sections, {});
  const save = useMutation({
    mutationFn: () => api.put<DirectGradingView>(`/api/scoring/registrations/${registrationId}/direct-grading`, { sections }),
    onSuccess: async (next) => {
      queryClient.setQueryData(['scoring', 'direct-grading', registrationId], next);
      await refresh();
    },
  });
  function updateSection(index: number, change: (section: DirectGradingSection) => DirectGradingSection) {
    setSections((current) => current.map((section, position) => (position === index ? change(section) : section)));
  }
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="form-editor-heading">
      <h2 id="form-editor-heading">
        {t('scoring.directGrading.formTitle')} <span className="badge">R5</span>
      </h2>
      <p className="muted">{t('scoring.directGrading.formHint')}</p>
      {sections.map((section, sectionIndex) => (
        <fieldset key={section.key}>
          <legend>
            {t(`scoring.directGrading.sections.${section.key}`)} · {t('scoring.directGrading.sectionPoints', { points: directGradingSectionMaxPoints[section.key] })}
          </legend>
          <div className="grid-4">
            {directGradingRaters.map((rater) => (
              <Field key={rater} label={t('scoring.directGrading.weightOf', { rater: t(`scoring.raters.${rater}`) })}>
                {(props) => (
                  <input
                    {...props}
                    className="weight"
                    name={`weight-${section.key}-${rater}`}
                    type="number"
                    min={0}
                    max={100}
                    step="any"
                    value={section.weightsPercent[rater] ?? 0}
                    onChange={(event) => updateSection(sectionIndex, (current) => ({ ...current, weightsPercent: { ...current.weightsPercent, [rater]: Number(event.target.value) } }))}
                  />
                )}
              </Field>
            ))}
          </div>
          <p className={totals.sections[sectionIndex].weightSumPercent === 100 ? 'muted' : 'error'}>
            {t('scoring.directGrading.weightSum', { sum: totals.sections[sectionIndex].weightSumPercent })} ·{' '}
            {t('scoring.directGrading.criteriaPoints', { points: totals.sections[sectionIndex].maxPoints, expected: directGradingSectionMaxPoints[section.key] })}
          </p>
          <table className="dg-table">
            <thead>
              <tr>
                <th scope="col">{t('scoring.directGrading.code')}</th>
                <th scope="col">{t('scoring.directGrading.criterionName')}</th>
                <th scope="col">{t('scoring.sheet.max')}</th>
                {section.key === 'occupational_abilities' && <th scope="col">{t('scoring.directGrading.competency')}</th>}
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {section.criteria.map((criterion, criterionIndex) => {
                const change = (patch: Partial<typeof criterion>) =>
                  updateSection(sectionIndex, (current) => ({ ...current, criteria: current.criteria.map((row, position) => (position === criterionIndex ? { ...row, ...patch } : row)) }));
                const label = (what: string) => `${criterion.code || criterionIndex + 1} ${what}`;
                return (
                  <tr key={criterionIndex}>
                    <td>
                      <input aria-label={label(t('scoring.directGrading.code'))} className="score" value={criterion.code} required maxLength={20} onChange={(event) => change({ code: event.target.value })} />
                    </td>
                    <td className="criterion-name">
                      <input aria-label={label(t('scoring.directGrading.criterionName'))} value={criterion.name} required maxLength={200} onChange={(event) => change({ name: event.target.value })} />
                    </td>
                    <td>
                      <input
                        aria-label={label(t('scoring.sheet.max'))}
                        className="score"
                        type="number"
                        min={0}
                        step="any"
                        value={criterion.maxPoints}
                        onChange={(event) => change({ maxPoints: Number(event.target.value) })}
                      />
                    </td>
                    {section.key === 'occupational_abilities' && (
                      <td>
                        <input aria-label={label(t('scoring.directGrading.competency'))} value={criterion.competency ?? ''} required maxLength={200} onChange={(event) => change({ competency: event.target.value })} />
                      </td>
                    )}
                    <td>
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() => updateSection(sectionIndex, (current) => ({ ...current, criteria: current.criteria.filter((_, position) => position !== criterionIndex) }))}
                      >
                        {t('common.remove')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button
            type="button"
            className="secondary small"
            onClick={() =>
              updateSection(sectionIndex, (current) => ({
                ...current,
                criteria: [...current.criteria, { code: '', name: '', maxPoints: 0, ...(current.key === 'occupational_abilities' ? { competency: '' } : {}) }],
              }))
            }
          >
            {t('scoring.directGrading.addCriterion')}
          </button>
        </fieldset>
      ))}
      {save.isError && <ErrorView error={save.error} />}
      {save.isSuccess && (
        <p className="success" role="status">
          {t('common.saved')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {t('scoring.directGrading.saveForm')}
        </button>
      </div>
    </form>
  );
}

/** Levels 2 and 1: the on-site review or defence and the next-lower certificate (R5). */
function OnSiteReviewForm({ view }: { view: DirectGradingView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<DirectGradingView>(`/api/scoring/registrations/${view.registrationId}/direct-grading/review`, body),
    onSuccess: (next) => queryClient.setQueryData(['scoring', 'direct-grading', view.registrationId], next),
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const certificateNumber = String(form.get('lowerLevelCertificateNumber') ?? '').trim();
    const note = String(form.get('note') ?? '').trim();
    save.mutate({
      isOnSiteReviewPassed: form.get('isOnSiteReviewPassed') === 'on',
      hasLowerLevelCertificate: form.get('hasLowerLevelCertificate') === 'on',
      ...(certificateNumber ? { lowerLevelCertificateNumber: certificateNumber } : {}),
      ...(note ? { note } : {}),
    });
  }
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="on-site-heading">
      <h2 id="on-site-heading">
        {t('scoring.directGrading.onSiteTitle')} <span className="badge">R5</span>
      </h2>
      <label className="inline">
        <input type="checkbox" name="isOnSiteReviewPassed" defaultChecked={view.onSiteReview?.isPassed ?? false} />
        {t('scoring.directGrading.onSitePassed')}
      </label>
      <label className="inline">
        <input type="checkbox" name="hasLowerLevelCertificate" defaultChecked={view.lowerLevelCertificate?.hasCertificate ?? false} />
        {t('scoring.directGrading.hasLowerCertificate')}
      </label>
      <div className="grid-2">
        <Field label={t('scoring.directGrading.lowerCertificateNumber')} hint="R14">
          {(props) => <input {...props} name="lowerLevelCertificateNumber" maxLength={22} defaultValue={view.lowerLevelCertificate?.certificateNumber ?? ''} />}
        </Field>
        <Field label={t('scoring.directGrading.note')}>{(props) => <input {...props} name="note" maxLength={1000} defaultValue={view.onSiteReview?.note ?? ''} />}</Field>
      </div>
      {save.isError && <ErrorView error={save.error} />}
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

/** Table 3: raters' signatures, the assessor's and the supervisor's, and who is still missing (R5). */
function SignaturesCard({ view }: { view: DirectGradingView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const session = useSession();
  const canSign = useCan('signDirectGrading');
  const roles = session.data?.roles ?? [];
  const sign = useMutation({
    mutationFn: (role: 'assessor' | 'internal_quality_supervisor') => api.post<DirectGradingView>(`/api/scoring/registrations/${view.registrationId}/direct-grading/signatures`, { role }),
    onSuccess: (next) => queryClient.setQueryData(['scoring', 'direct-grading', view.registrationId], next),
  });
  return (
    <section className="card" aria-labelledby="signatures-heading">
      <h2 id="signatures-heading">
        {t('scoring.directGrading.signaturesTitle')} <span className="badge">R5</span>
      </h2>
      <ul className="signature-list">
        {directGradingRaters.map((rater) => {
          const signature = view.raterSignatures[rater];
          return signature ? (
            <li key={rater}>
              ✓ {t(`scoring.raters.${rater}`)}: {signature.raterName} · {format.dateTime(signature.signedAt)}
            </li>
          ) : null;
        })}
        {view.assessorSignature && (
          <li>
            ✓ {t('scoring.signatories.assessor')}: {view.assessorSignature.name} · {format.dateTime(view.assessorSignature.signedAt)}
          </li>
        )}
        {view.supervisorSignature && (
          <li>
            ✓ {t('scoring.signatories.internal_quality_supervisor')}: {view.supervisorSignature.name} · {format.dateTime(view.supervisorSignature.signedAt)}
          </li>
        )}
      </ul>
      {view.missingSignatures.length > 0 && (
        <p className="error">{t('scoring.directGrading.missingSignatures', { list: view.missingSignatures.map((signatory) => t(`scoring.signatories.${signatory}`)).join('、') })}</p>
      )}
      {canSign && (
        <div className="form-actions">
          {roles.includes('assessor') && !view.assessorSignature && (
            <button type="button" disabled={sign.isPending} onClick={() => sign.mutate('assessor')}>
              {t('scoring.directGrading.signAsAssessor')}
            </button>
          )}
          {roles.includes('supervisor') && !view.supervisorSignature && (
            <button type="button" disabled={sign.isPending} onClick={() => sign.mutate('internal_quality_supervisor')}>
              {t('scoring.directGrading.signAsSupervisor')}
            </button>
          )}
        </div>
      )}
      {sign.isError && <ErrorView error={sign.error} />}
    </section>
  );
}
