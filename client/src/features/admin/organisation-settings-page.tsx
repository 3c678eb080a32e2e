import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldMessage } from '../../api/error-details';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import {
  certificateNumberPrefix,
  defaultJurisdictionSettings,
  jurisdictionSettingBounds as bounds,
  type CertificateCodeSettings,
  type JurisdictionSettings,
  type NumberBounds,
  type OrganisationSettingsUpdate,
  type OrganisationView,
} from './admin-types';

type NumberPath =
  | 'planLeadTimeWorkingDays'
  | 'publicationWorkingDays'
  | 'resultsSubmissionWorkingDays'
  | 'certificateDataWorkingDays';

/** min/max/step of a number input showing a setting with `limits` multiplied by `scale` (100 for percent, 1/1000 for seconds). */
function inputBounds(limits: NumberBounds, scale = 1): { min: number; max: number; step: number | 'any' } {
  return { min: limits.min * scale, max: limits.max * scale, step: limits.isInteger || scale !== 1 ? 1 : 'any' };
}

/**
 * Organisation settings: name, certificate-number code fields with a live example number (R14) and
 * jurisdiction settings with the strictest defaults beside each (R4, R7, R11-R13, R10). Every
 * number input takes the server schema's bounds ({@link jurisdictionSettingBounds}); the R11 hint
 * says a change applies to publications opened afterwards.
 */
export function OrganisationSettingsPage() {
  const { t } = useTranslation();
  const organisation = useQuery({ queryKey: ['admin', 'organisation'], queryFn: () => api.get<OrganisationView>('/api/admin/organisation') });
  return (
    <>
      <PageHeader title={t('admin.organisation.title')} subtitle={t('admin.organisation.subtitle')} />
      <QueryState query={organisation}>{(data) => <OrganisationForm organisation={data} />}</QueryState>
    </>
  );
}

function OrganisationForm({ organisation }: { organisation: OrganisationView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [name, setName] = useState(organisation.name);
  const [code, setCode] = useState<CertificateCodeSettings>(organisation.settings.certificateCode);
  const [jurisdiction, setJurisdiction] = useState<JurisdictionSettings>(organisation.settings.jurisdiction);
  useEffect(() => {
    setName(organisation.name);
    setCode(organisation.settings.certificateCode);
    setJurisdiction(organisation.settings.jurisdiction);
  }, [organisation]);

  const save = useMutation({
    mutationFn: () =>
      api.patch<OrganisationSettingsUpdate>('/api/admin/organisation/settings', {
        name,
        certificateCode: code,
        jurisdiction,
      }),
    onSuccess: (saved) => queryClient.setQueryData(['admin', 'organisation'], saved.organisation),
  });
  const error = save.error as { message?: string; details?: unknown } | null;
  const issue = (field: string) => fieldMessage(error, `body.${field}`);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const year = new Date().getFullYear() % 100;
  const example = `${certificateNumberPrefix(code)}${String(year).padStart(2, '0')}4000001`;
  const setCodeField = <K extends keyof CertificateCodeSettings>(key: K, value: CertificateCodeSettings[K]) => setCode((current) => ({ ...current, [key]: value }));
  const dayFields: NumberPath[] = ['planLeadTimeWorkingDays', 'publicationWorkingDays', 'resultsSubmissionWorkingDays', 'certificateDataWorkingDays'];
  const defaultHint = (value: string | number) => t('admin.organisation.defaultValue', { value });
  /** "Default 5 · range 1–365", plus for R11 that a change applies to publications opened afterwards. */
  const dayHint = (key: NumberPath) =>
    [defaultHint(defaultJurisdictionSettings[key]), t('admin.organisation.range', { min: bounds[key].min, max: bounds[key].max })]
      .concat(key === 'publicationWorkingDays' ? [t('admin.organisation.publicationAppliesLater')] : [])
      .join(' · ');

  return (
    <form onSubmit={onSubmit} className="stack">
      <section className="card">
        <h2>{t('admin.organisation.general')}</h2>
        <Field label={t('admin.organisation.name')} error={issue('name')}>
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />}
        </Field>
        <p className="muted">{t('admin.organisation.updatedAt', { date: format.dateTime(organisation.updatedAt) })}</p>
      </section>

      <section className="card">
        <h2>
          {t('admin.organisation.certificateCode')} <span className="badge">R14</span>
        </h2>
        <div className="grid-3">
          <Field label={t('admin.organisation.organisationClass')} error={issue('certificateCode.organisationClass')}>
            {(props) => (
              <select {...props} value={code.organisationClass} onChange={(event) => setCodeField('organisationClass', event.target.value as 'Y' | 'S')}>
                <option value="Y">{t('admin.organisation.classY')}</option>
                <option value="S">{t('admin.organisation.classS')}</option>
              </select>
            )}
          </Field>
          <Field label={t('admin.organisation.organisationCode')} hint={t('admin.organisation.organisationCodeHint')} error={issue('certificateCode.organisationCode')}>
            {(props) => <input {...props} value={code.organisationCode} inputMode="numeric" pattern="\d{4}" maxLength={4} onChange={(event) => setCodeField('organisationCode', event.target.value)} />}
          </Field>
          <Field label={t('admin.organisation.provinceCode')} hint={t('admin.organisation.provinceCodeHint')} error={issue('certificateCode.provinceCode')}>
            {(props) => <input {...props} value={code.provinceCode} inputMode="numeric" pattern="\d{2}" maxLength={2} onChange={(event) => setCodeField('provinceCode', event.target.value)} />}
          </Field>
          <Field label={t('admin.organisation.cityCode')} hint={t('admin.organisation.cityCodeHint')} error={issue('certificateCode.cityCode')}>
            {(props) => <input {...props} value={code.cityCode} inputMode="numeric" pattern="\d{2}" maxLength={2} onChange={(event) => setCodeField('cityCode', event.target.value)} />}
          </Field>
          <Field label={t('admin.organisation.ownershipType')} error={issue('certificateCode.ownershipType')}>
            {(props) => (
              <select {...props} value={code.ownershipType} onChange={(event) => setCodeField('ownershipType', Number(event.target.value) as 1 | 2 | 3)}>
                <option value={1}>{t('admin.organisation.ownership1')}</option>
                <option value={2}>{t('admin.organisation.ownership2')}</option>
                <option value={3}>{t('admin.organisation.ownership3')}</option>
              </select>
            )}
          </Field>
          <Field label={t('admin.organisation.siteSequence')} error={issue('certificateCode.siteSequence')}>
            {(props) => <input {...props} value={code.siteSequence} inputMode="numeric" pattern="\d{3}" maxLength={3} onChange={(event) => setCodeField('siteSequence', event.target.value)} />}
          </Field>
        </div>
        <p>
          {t('admin.organisation.exampleNumber')}: <code className="certificate-number">{example}</code>{' '}
          <span className="muted">({t('admin.organisation.exampleExplanation', { year: String(year).padStart(2, '0') })})</span>
        </p>
      </section>

      <section className="card">
        <h2>{t('admin.organisation.jurisdiction')}</h2>
        <p className="muted">{t('admin.organisation.jurisdictionHint')}</p>
        <div className="grid-3">
          {dayFields.map((key) => (
            <Field key={key} label={t(`admin.organisation.fields.${key}`)} hint={dayHint(key)} error={issue(`jurisdiction.${key}`)}>
              {(props) => (
                <input
                  {...props}
                  name={key}
                  type="number"
                  required
                  {...inputBounds(bounds[key])}
                  value={jurisdiction[key]}
                  onChange={(event) => setJurisdiction((current) => ({ ...current, [key]: Number(event.target.value) }))}
                />
              )}
            </Field>
          ))}
          <Field
            label={t('admin.organisation.fields.minimumPracticalWeight')}
            hint={defaultHint(format.percent(defaultJurisdictionSettings.minimumPracticalWeight))}
            error={issue('jurisdiction.minimumPracticalWeight')}
          >
            {(props) => (
              <input
                {...props}
                name="minimumPracticalWeight"
                type="number"
                required
                {...inputBounds(bounds.minimumPracticalWeight, 100)}
                value={Math.round(jurisdiction.minimumPracticalWeight * 100)}
                onChange={(event) => setJurisdiction((current) => ({ ...current, minimumPracticalWeight: Number(event.target.value) / 100 }))}
              />
            )}
          </Field>
          <Field
            label={t('admin.organisation.fields.practicalScoreDifferenceThreshold')}
            hint={defaultHint(format.percent(defaultJurisdictionSettings.practicalScoreDifferenceThreshold))}
            error={issue('jurisdiction.practicalScoreDifferenceThreshold')}
          >
            {(props) => (
              <input
                {...props}
                name="practicalScoreDifferenceThreshold"
                type="number"
                required
                {...inputBounds(bounds.practicalScoreDifferenceThreshold, 100)}
                value={Math.round(jurisdiction.practicalScoreDifferenceThreshold * 100)}
                onChange={(event) => setJurisdiction((current) => ({ ...current, practicalScoreDifferenceThreshold: Number(event.target.value) / 100 }))}
              />
            )}
          </Field>
          {(['theory', 'practical', 'review'] as const).map((part) => (
            <Field key={part} label={t(`admin.organisation.fields.passMark.${part}`)} hint={defaultHint(defaultJurisdictionSettings.passMarks[part])} error={issue(`jurisdiction.passMarks.${part}`)}>
              {(props) => (
                <input
                  {...props}
                  name={`passMarks.${part}`}
                  type="number"
                  required
                  {...inputBounds(bounds.passMarks[part])}
                  value={jurisdiction.passMarks[part]}
                  onChange={(event) => setJurisdiction((current) => ({ ...current, passMarks: { ...current.passMarks, [part]: Number(event.target.value) } }))}
                />
              )}
            </Field>
          ))}
          <Field
            label={t('admin.organisation.fields.focusLossAlertCount')}
            hint={defaultHint(defaultJurisdictionSettings.proctoring.focusLossAlertCount)}
            error={issue('jurisdiction.proctoring.focusLossAlertCount')}
          >
            {(props) => (
              <input
                {...props}
                name="focusLossAlertCount"
                type="number"
                required
                {...inputBounds(bounds.proctoring.focusLossAlertCount)}
                value={jurisdiction.proctoring.focusLossAlertCount}
                onChange={(event) => setJurisdiction((current) => ({ ...current, proctoring: { ...current.proctoring, focusLossAlertCount: Number(event.target.value) } }))}
              />
            )}
          </Field>
          <Field
            label={t('admin.organisation.fields.offlineAfterSeconds')}
            hint={defaultHint(defaultJurisdictionSettings.proctoring.offlineAfterMs / 1000)}
            error={issue('jurisdiction.proctoring.offlineAfterMs')}
          >
            {(props) => (
              <input
                {...props}
                name="offlineAfterSeconds"
                type="number"
                required
                {...inputBounds(bounds.proctoring.offlineAfterMs, 1 / 1000)}
                value={jurisdiction.proctoring.offlineAfterMs / 1000}
                onChange={(event) => setJurisdiction((current) => ({ ...current, proctoring: { ...current.proctoring, offlineAfterMs: Number(event.target.value) * 1000 } }))}
              />
            )}
          </Field>
        </div>
      </section>

      {save.isError && <ErrorView error={save.error} />}
      {save.isSuccess && (
        <div className="success" role="status">
          <p>{t('admin.organisation.savedChanges', { count: save.data.changes.length })}</p>
          {save.data.changes.length > 0 && (
            <ul className="compact">
              {save.data.changes.map((change) => (
                <li key={change.field}>
                  <code>{change.field}</code>: {JSON.stringify(change.from)} → {JSON.stringify(change.to)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
