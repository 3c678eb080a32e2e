/**
 * Public verification of a certificate's QR code (R15): valid, revoked, replaced by a reissue, or
 * not verifiable (unknown number, forged or altered token). No login; personal data masked.
 */
import { hkdfSync } from 'node:crypto';
import type { Config } from '../../config';
import { describeIdType, maskIdNumber, maskPersonName } from '../publication/mask-personal-data';
import { certificateLevelNames, isValidCertificateNumber, type CertificateLevelCode } from './certificate-number';
import { CertificateModel, type CertificateRecord } from './certificate.model';
import { buildVerificationUrl, isVerificationTokenValid } from './verification-token';

/**
 * The HMAC key of verification tokens (R15), derived with HKDF-SHA256 from the configured
 * CERTIFICATE_SIGNING_KEY (the PEM text), so that key is never used directly for two purposes.
 * 32 bytes.
 */
export function deriveVerificationKey(config: Pick<Config, 'certificateSigningKey'>): Buffer {
  return Buffer.from(hkdfSync('sha256', config.certificateSigningKey, 'skillcert', 'certificate-verification-token.v1', 32));
}

/** The URL the QR code of `certificate`'s current version encodes (R15). */
export function certificateVerificationUrl(baseUrl: string, certificate: Pick<CertificateRecord, 'number' | 'issueVersion'>, key: Buffer): string {
  return buildVerificationUrl(baseUrl, { certificateNumber: certificate.number, issueVersion: certificate.issueVersion }, key);
}

/** Verification status (R15). */
export type VerificationStatus = 'valid' | 'revoked' | 'replaced' | 'not_verifiable';

/** What the public sees (R15). */
export interface CertificateVerificationView {
  status: VerificationStatus;
  /** One line in Chinese for the page. */
  message: string;
  /** Absent when not verifiable (nothing about an unknown number or a forged token is revealed). */
  certificate?: {
    number: string;
    /** e.g. `张*丰`. */
    maskedName: string;
    idTypeName: string;
    /** e.g. `4401**********123X`. */
    maskedIdNumber: string;
    occupationCode: string;
    occupationName: string;
    workTypeName: string;
    level: number;
    levelName: string;
    organisationName: string;
    /** Issue date of the version the QR code belongs to. */
    issueDate: string;
    /** The version the QR code belongs to, and the current one. */
    issueVersion: number;
    currentIssueVersion: number;
    /** Revoked: when. Replaced: when the scanned version was withdrawn. */
    revokedOn?: string;
    withdrawnOn?: string;
  };
}

const notVerifiable: CertificateVerificationView = {
  status: 'not_verifiable',
  message: '无法验证：证书编号或校验码不正确，请核对证书原件或联系发证机构。',
};

function chinaDate(instant: Date | undefined): string | undefined {
  return instant ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(instant)) : undefined;
}

/**
 * Verifies certificate number `number` with the token `token` of its QR code (R15). The token is
 * checked against every issue version the certificate has had: the current version of an issued
 * certificate is `valid`; an earlier version is `replaced` (withdrawn by a reissue); any version of
 * a revoked certificate is `revoked`; an unknown or malformed number, or a token that matches no
 * version (forged, altered, signed with another key), is `not_verifiable` with no details. Never
 * throws for bad input.
 */
export async function verifyCertificate(options: { number: string; token: string | undefined; key: Buffer }): Promise<CertificateVerificationView> {
  const number = String(options.number ?? '');
  if (!isValidCertificateNumber(number) || typeof options.token !== 'string') return notVerifiable;
  const certificate = await CertificateModel.findOne({ number }).lean<CertificateRecord>();
  if (!certificate) return notVerifiable;
  const version = [...certificate.versions]
    .sort((a, b) => b.issueVersion - a.issueVersion)
    .find((candidate) => isVerificationTokenValid({ certificateNumber: number, issueVersion: candidate.issueVersion }, options.token!, options.key));
  if (!version) return notVerifiable;
  const level = certificate.level as CertificateLevelCode;
  const names = certificateLevelNames[level];
  const details: NonNullable<CertificateVerificationView['certificate']> = {
    number,
    maskedName: maskPersonName(version.holder.candidateName),
    idTypeName: describeIdType(version.holder.idType),
    maskedIdNumber: maskIdNumber(version.holder.idNumber),
    occupationCode: certificate.occupationCode,
    occupationName: certificate.occupationName,
    workTypeName: certificate.workTypeName,
    level,
    levelName: names ? `${names.grade}/${names.title}` : String(level),
    organisationName: certificate.organisationName,
    issueDate: version.issueDate,
    issueVersion: version.issueVersion,
    currentIssueVersion: certificate.issueVersion,
  };
  if (certificate.status === 'revoked') {
    const revokedOn = chinaDate(certificate.revokedAt);
    return {
      status: 'revoked',
      message: `该证书已于 ${revokedOn ?? ''} 被发证机构撤销，不再有效。`,
      certificate: { ...details, ...(revokedOn ? { revokedOn } : {}) },
    };
  }
  if (version.issueVersion !== certificate.issueVersion) {
    const withdrawnOn = chinaDate(version.withdrawnAt);
    return {
      status: 'replaced',
      message: `该证书已补发/换发（第 ${certificate.issueVersion} 版），您扫描的第 ${version.issueVersion} 版已于 ${withdrawnOn ?? ''} 收回作废。`,
      certificate: { ...details, ...(withdrawnOn ? { withdrawnOn } : {}) },
    };
  }
  return { status: 'valid', message: '证书有效：信息与发证机构记录一致。', certificate: details };
}
