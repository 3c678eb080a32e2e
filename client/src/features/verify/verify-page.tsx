import './verify-i18n';
import '../scoring/scoring.css';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import type { CertificateVerificationView } from '../certificates/certificates-types';
import { parseVerificationLink, verificationPagePath, type VerificationLink } from './verify-link';

/**
 * Certificate verification 证书查验 (R15), open without sign-in: paste the URL of a certificate's QR
 * code (or type number and token) to see whether it is valid, revoked or replaced, with the holder's
 * name and ID number masked; links to the public page the QR code opens.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [text, setText] = useState('');
  const [link, setLink] = useState<VerificationLink | null>(null);
  const verify = useMutation({
    mutationFn: (target: VerificationLink) => api.get<CertificateVerificationView>(`/api/verify/${encodeURIComponent(target.number)}?t=${encodeURIComponent(target.token)}`),
  });
  const [isUnreadable, setIsUnreadable] = useState(false);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseVerificationLink(text);
    setLink(parsed);
    setIsUnreadable(parsed === null);
    verify.reset();
    if (parsed) verify.mutate(parsed);
  }
  const view = verify.data;
  return (
    <>
      <PageHeader title={t('verify.title')} subtitle={t('verify.subtitle')} />
      <form className="card" onSubmit={onSubmit}>
        <Field label={t('verify.link')} hint={t('verify.linkHint')} error={isUnreadable ? t('verify.unreadable') : undefined}>
          {(props) => <input {...props} name="verificationLink" required value={text} onChange={(event) => setText(event.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={verify.isPending}>
            {t('verify.submit')}
          </button>
        </div>
        {verify.isError && <ErrorView error={verify.error} />}
      </form>
      {view && link && (
        <section className={`card verify-result ${view.status === 'valid' ? 'verdict-ok' : 'verdict-bad'}`} aria-live="polite">
          <h2>
            <StatusBadge status={view.status} group="verify.status" /> {view.message}
          </h2>
          {view.certificate && (
            <dl className="facts">
              <dt>{t('verify.number')}</dt>
              <dd>
                <code>{view.certificate.number}</code>
              </dd>
              <dt>{t('verify.name')}</dt>
              <dd>{view.certificate.maskedName}</dd>
              <dt>{view.certificate.idTypeName}</dt>
              <dd>
                <code>{view.certificate.maskedIdNumber}</code>
              </dd>
              <dt>{t('verify.occupation')}</dt>
              <dd>
                {view.certificate.occupationName}（{view.certificate.workTypeName}） {view.certificate.occupationCode}
              </dd>
              <dt>{t('verify.level')}</dt>
              <dd>{view.certificate.levelName}</dd>
              <dt>{t('verify.organisation')}</dt>
              <dd>{view.certificate.organisationName}</dd>
              <dt>{t('verify.issueDate')}</dt>
              <dd>
                {format.date(view.certificate.issueDate)} · {t('verify.version', { version: view.certificate.issueVersion, current: view.certificate.currentIssueVersion })}
              </dd>
              {view.certificate.revokedOn && (
                <>
                  <dt>{t('verify.revokedOn')}</dt>
                  <dd>{format.date(view.certificate.revokedOn)}</dd>
                </>
              )}
              {view.certificate.withdrawnOn && (
                <>
                  <dt>{t('verify.withdrawnOn')}</dt>
                  <dd>{format.date(view.certificate.withdrawnOn)}</dd>
                </>
              )}
            </dl>
          )}
          <p>
            <a href={verificationPagePath(link)} target="_blank" rel="noreferrer">
              {t('verify.publicPage')}
            </a>
          </p>
        </section>
      )}
    </>
  );
}
