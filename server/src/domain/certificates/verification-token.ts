/**
 * Verification token for the certificate QR code (R15): the QR code on a 职业技能等级证书 encodes
 * `<baseUrl>/verify/<certificateNumber>?t=<token>`, where the token is an HMAC-SHA256 over the
 * certificate number and its issue version. A reissue 补发 bumps the issue version, so the QR code
 * of the withdrawn certificate no longer verifies (R15: "the old one withdrawn").
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors';

/** Minimum key length in bytes: shorter keys are refused (HMAC-SHA256 wants >= 32 bytes of secret). */
export const minVerificationKeyBytes = 32;

/** Token length in characters: base64url of the 32-byte HMAC-SHA256, no padding. */
export const verificationTokenLength = 43;

/** Domain-separation prefix so the key cannot be abused to sign other SkillCert messages. */
const tokenPurpose = 'skillcert.certificate-verification.v1';

/** What a verification token binds (R15). */
export interface VerificationSubject {
  /** The 22-character certificate number (R14). */
  certificateNumber: string;
  /** Issue version of the certificate, 1 for the first issue, +1 on every reissue (R15). */
  issueVersion: number;
}

function toKeyBuffer(key: Buffer | string): Buffer {
  const buffer = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (buffer.length < minVerificationKeyBytes) {
    throw new AppError(
      'configuration_invalid',
      `Certificate verification key is ${buffer.length} bytes; at least ${minVerificationKeyBytes} bytes are required`,
    );
  }
  return buffer;
}

function validateSubject(subject: VerificationSubject): void {
  if (typeof subject.certificateNumber !== 'string' || subject.certificateNumber.length === 0) {
    throw new AppError('validation_failed', 'Verification token: certificateNumber must be a non-empty string', {
      field: 'certificateNumber',
    });
  }
  if (!Number.isInteger(subject.issueVersion) || subject.issueVersion < 1) {
    throw new AppError('validation_failed', 'Verification token: issueVersion must be an integer >= 1', {
      field: 'issueVersion',
      value: subject.issueVersion,
    });
  }
}

function computeMac(subject: VerificationSubject, key: Buffer): Buffer {
  return createHmac('sha256', key)
    .update(`${tokenPurpose}\n${subject.certificateNumber}\n${subject.issueVersion}`, 'utf8')
    .digest();
}

/**
 * Signs a certificate number and issue version: returns the 43-character base64url token (R15).
 *
 * @param key secret of at least 32 bytes (a string is taken as UTF-8).
 * @throws AppError `configuration_invalid` when the key is shorter than 32 bytes;
 *   `validation_failed` when the number is empty or the issue version is not an integer >= 1.
 */
export function signVerificationToken(subject: VerificationSubject, key: Buffer | string): string {
  validateSubject(subject);
  return computeMac(subject, toKeyBuffer(key)).toString('base64url');
}

/**
 * True when `token` was signed with `key` for exactly this certificate number and issue version
 * (R15). Compares in constant time; a malformed, altered, forged or outdated (pre-reissue) token
 * returns false rather than throwing.
 *
 * @throws AppError `configuration_invalid` when the key is shorter than 32 bytes.
 */
export function isVerificationTokenValid(
  subject: VerificationSubject,
  token: string,
  key: Buffer | string,
): boolean {
  const keyBuffer = toKeyBuffer(key);
  if (typeof token !== 'string' || token.length !== verificationTokenLength || !/^[A-Za-z0-9_-]+$/.test(token)) {
    return false;
  }
  try {
    validateSubject(subject);
  } catch {
    return false;
  }
  const presented = Buffer.from(token, 'base64url');
  const expected = computeMac(subject, keyBuffer);
  // Re-encoding rejects non-canonical base64url spellings of the same bytes (the last character's
  // spare bits), so the token string itself is unique.
  if (presented.length !== expected.length || presented.toString('base64url') !== token) return false;
  return timingSafeEqual(presented, expected);
}

/**
 * The URL a certificate's QR code encodes (R15): `<baseUrl>/verify/<number>?t=<token>`, with the
 * number URL-encoded and any trailing slash of `baseUrl` dropped. `baseUrl` is the public origin
 * (plus optional path prefix), e.g. `https://cert.example.cn`.
 *
 * @throws AppError as {@link signVerificationToken}; `validation_failed` when baseUrl is not an
 *   absolute http(s) URL.
 */
export function buildVerificationUrl(
  baseUrl: string,
  subject: VerificationSubject,
  key: Buffer | string,
): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new AppError('validation_failed', `Verification URL: baseUrl "${baseUrl}" is not an absolute URL`, {
      field: 'baseUrl',
    });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AppError('validation_failed', `Verification URL: baseUrl must be http(s), got ${parsed.protocol}`, {
      field: 'baseUrl',
    });
  }
  const token = signVerificationToken(subject, key);
  const prefix = baseUrl.replace(/\/+$/, '');
  return `${prefix}/verify/${encodeURIComponent(subject.certificateNumber)}?t=${token}`;
}
