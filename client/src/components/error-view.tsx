import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { hasDetailParts, readErrorDetails } from '../api/error-details';
import { useFormat } from '../i18n/use-format';

/**
 * Shows a failed request: a title by error code, the server's message (it names what is wrong and
 * where) and the structured details — field issues, rejected rows (row, column, reason), R6 role
 * conflicts, the R7 earliest session date, R1 shortfalls, assembly infeasibility.
 */
export function ErrorView({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const code = apiError?.code ?? 'internal';
  const message = error instanceof Error ? error.message : String(error);
  const parts = readErrorDetails(apiError?.details);
  const heading = title ?? t(`errors.${code}`, { defaultValue: t('errors.internal') });
  return (
    <div className="error-box" role="alert">
      <p className="error-title">
        <strong>{heading}</strong>
        {parts.ruleId && <span className="badge">{parts.ruleId}</span>}
      </p>
      <p className="error-message">{message}</p>
      {hasDetailParts(parts) && (
        <div className="error-details">
          {parts.issues.length > 0 && (
            <ul aria-label={t('errors.fields')}>
              {parts.issues.map((issue, index) => (
                <li key={index}>
                  <code>{issue.field}</code>: {issue.message}
                </li>
              ))}
            </ul>
          )}
          {parts.leadTime && (
            <dl className="facts">
              <dt>{t('errors.leadTime.filingDate')}</dt>
              <dd>{format.date(parts.leadTime.filingDate)}</dd>
              <dt>{t('errors.leadTime.firstSessionDate')}</dt>
              <dd>{format.date(parts.leadTime.firstSessionDate)}</dd>
              <dt>{t('errors.leadTime.workingDays')}</dt>
              <dd>
                {t('errors.leadTime.workingDaysValue', { lead: parts.leadTime.leadWorkingDays, required: parts.leadTime.requiredWorkingDays })}
              </dd>
              <dt>{t('errors.leadTime.earliestSessionDate')}</dt>
              <dd>
                <strong className="highlight">{format.date(parts.leadTime.earliestSessionDate)}</strong>
              </dd>
              <dt>{t('errors.leadTime.latestFilingDate')}</dt>
              <dd>{format.date(parts.leadTime.latestFilingDate)}</dd>
            </dl>
          )}
          {parts.conflicts.length > 0 && (
            <ul aria-label={t('errors.conflicts')}>
              {parts.conflicts.map((conflict) => (
                <li key={conflict.personId}>
                  {t('errors.conflictLine', {
                    name: conflict.personName,
                    roles: conflict.roles.map((role) => t(`batchRoles.${role}`, { defaultValue: role })).join(t('list.and')),
                  })}
                </li>
              ))}
            </ul>
          )}
          {parts.assessorShortfalls.length > 0 && (
            <ul aria-label={t('errors.assessorShortfalls')}>
              {parts.assessorShortfalls.map((entry, index) => (
                <li key={index}>
                  {t('errors.assessorShortfallLine', {
                    name: entry.personName,
                    grade: entry.grade ? t(`assessorGrades.${entry.grade}`) : t('errors.noGrade'),
                    levels: entry.uncoveredLevels.join('、'),
                  })}
                </li>
              ))}
            </ul>
          )}
          {parts.shortfalls.length > 0 && (
            <ul aria-label={t('errors.shortfalls')}>
              {parts.shortfalls.map((shortfall, index) => (
                <li key={index}>
                  <span className="badge">{shortfall.rule}</span> {shortfall.message}
                </li>
              ))}
            </ul>
          )}
          {parts.scopeFailures.map((scope, index) => (
            <div key={index}>
              <p>
                <strong>{scope.label}</strong>
              </p>
              <ul>
                {(scope.shortfalls.length > 0 ? scope.shortfalls.map((shortfall) => shortfall.message) : [scope.message]).map((line, lineIndex) => (
                  <li key={lineIndex}>{line}</li>
                ))}
              </ul>
            </div>
          ))}
          {parts.infeasibility.length > 0 && (
            <ul aria-label={t('errors.infeasibility')}>
              {parts.infeasibility.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          )}
          {parts.missing.length > 0 && (
            <ul aria-label={t('errors.missing')}>
              {parts.missing.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          )}
          {parts.rowErrors.length > 0 && <RowErrorTable rows={parts.rowErrors} />}
        </div>
      )}
    </div>
  );
}

/** Rejected rows of an import: sheet, row, column, reason; long lists scroll. */
export function RowErrorTable({ rows, caption }: { rows: { sheet?: string; row: number; column: string; reason: string }[]; caption?: string }) {
  const { t } = useTranslation();
  const hasSheet = rows.some((row) => row.sheet);
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption ?? t('errors.rowErrors', { count: rows.length })}</caption>
        <thead>
          <tr>
            {hasSheet && <th scope="col">{t('rowErrors.sheet')}</th>}
            <th scope="col">{t('rowErrors.row')}</th>
            <th scope="col">{t('rowErrors.column')}</th>
            <th scope="col">{t('rowErrors.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {hasSheet && <td>{row.sheet}</td>}
              <td className="number">{row.row}</td>
              <td>{row.column}</td>
              <td>{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
