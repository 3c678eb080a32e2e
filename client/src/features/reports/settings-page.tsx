import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { QueryState } from '../../components/status';
import { useCanReport, useReportSettings } from './reports-api';
import type { ReportSettings } from './reports-types';

type ThresholdKey = keyof ReportSettings['itemAnalysis'];
type ToleranceKey = keyof ReportSettings['parallelism'];

const thresholdKeys: ThresholdKey[] = ['minDifficulty', 'maxDifficulty', 'minDiscrimination', 'groupFraction', 'minimumCandidateCount'];
const toleranceKeys: ToleranceKey[] = ['maxMeanRange', 'maxSdRange', 'maxKr20Range', 'maxDifficultyRange'];

/** Item-analysis thresholds and parallelism tolerances; admins change them. */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useReportSettings();
  return (
    <>
      <PageHeader title={t('reports.settings.title')} subtitle={t('reports.settings.subtitle')} />
      <QueryState query={settings}>{(data) => <SettingsForm settings={data} />}</QueryState>
    </>
  );
}

function SettingsForm({ settings }: { settings: ReportSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canChange = useCanReport('changeSettings');
  const [draft, setDraft] = useState(settings);
  const save = useMutation({
    mutationFn: () => api.put<ReportSettings>('/api/reports/settings', draft),
    onSuccess: (saved) => queryClient.setQueryData(['reports', 'settings'], saved),
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  const numberInput = (value: number, onChange: (value: number) => void, step: string) => (props: object) => (
    <input {...props} type="number" step={step} value={value} disabled={!canChange} onChange={(event) => onChange(Number(event.target.value))} />
  );
  return (
    <form className="card stack" onSubmit={onSubmit}>
      <div className="grid-3">
        {thresholdKeys.map((key) => (
          <Field key={key} label={t(`reports.settings.${key}`)}>
            {numberInput(draft.itemAnalysis[key], (value) => setDraft({ ...draft, itemAnalysis: { ...draft.itemAnalysis, [key]: value } }), key === 'minimumCandidateCount' ? '1' : '0.01')}
          </Field>
        ))}
        {toleranceKeys.map((key) => (
          <Field key={key} label={t(`reports.settings.${key}`)}>
            {numberInput(draft.parallelism[key], (value) => setDraft({ ...draft, parallelism: { ...draft.parallelism, [key]: value } }), '0.01')}
          </Field>
        ))}
      </div>
      {canChange && (
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('reports.settings.save')}
          </button>
        </div>
      )}
      {save.isError && <ErrorView error={save.error} />}
      {save.isSuccess && (
        <p className="success" role="status">
          {t('reports.settings.saved')}
        </p>
      )}
    </form>
  );
}
