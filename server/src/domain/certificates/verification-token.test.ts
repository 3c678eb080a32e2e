import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import {
  buildVerificationUrl,
  isVerificationTokenValid,
  signVerificationToken,
  verificationTokenLength,
} from './verification-token';

const key = randomBytes(32);
const subject = { certificateNumber: 'Y000144001005205000001', issueVersion: 1 };

describe('signVerificationToken / isVerificationTokenValid', () => {
  it('R15: accepts the token signed for the same number and issue version', () => {
    const token = signVerificationToken(subject, key);
    expect(token).toHaveLength(verificationTokenLength);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(isVerificationTokenValid(subject, token, key)).toBe(true);
    expect(signVerificationToken(subject, key)).toBe(token);
  });

  it('R15: rejects a token with any single character altered', () => {
    const token = signVerificationToken(subject, key);
    for (let index = 0; index < token.length; index += 1) {
      const replacement = token[index] === 'A' ? 'B' : 'A';
      const altered = token.slice(0, index) + replacement + token.slice(index + 1);
      expect(isVerificationTokenValid(subject, altered, key), `position ${index}`).toBe(false);
    }
  });

  it('R15: rejects a token for another certificate number', () => {
    const token = signVerificationToken(subject, key);
    expect(isVerificationTokenValid({ ...subject, certificateNumber: 'Y000144001005205000002' }, token, key)).toBe(false);
  });

  it('R15: a reissue (next issue version) invalidates the old certificate\'s token', () => {
    const oldToken = signVerificationToken(subject, key);
    const reissued = { ...subject, issueVersion: 2 };
    expect(isVerificationTokenValid(reissued, oldToken, key)).toBe(false);
    expect(isVerificationTokenValid(reissued, signVerificationToken(reissued, key), key)).toBe(true);
  });

  it('R15: rejects a forged token signed with another key', () => {
    const forged = signVerificationToken(subject, randomBytes(32));
    expect(isVerificationTokenValid(subject, forged, key)).toBe(false);
  });

  it('R15: the right token checked with a wrong key fails', () => {
    const token = signVerificationToken(subject, key);
    expect(isVerificationTokenValid(subject, token, randomBytes(32))).toBe(false);
  });

  it('R15: rejects malformed tokens without throwing', () => {
    for (const token of ['', 'abc', '*'.repeat(verificationTokenLength), `${signVerificationToken(subject, key)}=`]) {
      expect(isVerificationTokenValid(subject, token, key)).toBe(false);
    }
    expect(isVerificationTokenValid(subject, undefined as unknown as string, key)).toBe(false);
  });

  it('refuses keys shorter than 32 bytes as a configuration error', () => {
    expect(() => signVerificationToken(subject, 'short')).toThrow(AppError);
    try {
      signVerificationToken(subject, randomBytes(16));
    } catch (error) {
      expect((error as AppError).code).toBe('configuration_invalid');
    }
  });

  it('rejects an issue version below 1', () => {
    expect(() => signVerificationToken({ ...subject, issueVersion: 0 }, key)).toThrow(/issueVersion/);
  });
});

describe('buildVerificationUrl', () => {
  it('R15: builds <base>/verify/<number>?t=<token> whose token verifies', () => {
    const url = buildVerificationUrl('https://cert.example.cn/', subject, key);
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe('https://cert.example.cn/verify/Y000144001005205000001');
    expect(isVerificationTokenValid(subject, parsed.searchParams.get('t') ?? '', key)).toBe(true);
  });

  it('rejects a base URL that is not absolute http(s)', () => {
    expect(() => buildVerificationUrl('/relative', subject, key)).toThrow(/baseUrl/);
    expect(() => buildVerificationUrl('ftp://cert.example.cn', subject, key)).toThrow(/http/);
  });
});
