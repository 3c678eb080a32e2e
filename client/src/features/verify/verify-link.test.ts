import { describe, expect, it } from 'vitest';
import { parseVerificationLink, verificationPagePath } from './verify-link';

describe('parseVerificationLink', () => {
  it('R15: reads number and token from a QR code URL of any origin', () => {
    expect(parseVerificationLink(' https://cert.example.cn/verify/Y0000440320012640000001?t=abc-_123 ')).toEqual({ number: 'Y0000440320012640000001', token: 'abc-_123' });
  });

  it('accepts the number and token typed apart', () => {
    expect(parseVerificationLink('Y0000440320012640000001 abc')).toEqual({ number: 'Y0000440320012640000001', token: 'abc' });
  });

  it('answers null for a URL without token or text that is neither form', () => {
    expect(parseVerificationLink('https://cert.example.cn/verify/Y0000440320012640000001')).toBeNull();
    expect(parseVerificationLink('not a link')).toBeNull();
    expect(parseVerificationLink('')).toBeNull();
  });
});

describe('verificationPagePath', () => {
  it('builds the same-origin public page path with the token encoded', () => {
    expect(verificationPagePath({ number: 'Y0000440320012640000001', token: 'a+b' })).toBe('/verify/Y0000440320012640000001?t=a%2Bb');
  });
});
