import { describe, expect, it } from 'vitest';
import { buildVerificationPageHtml } from './verification-page';

describe('buildVerificationPageHtml', () => {
  it('R15: states the status and escapes every field', () => {
    const html = buildVerificationPageHtml({
      status: 'valid',
      message: '证书有效',
      certificate: {
        number: 'Y000044032001264000001',
        maskedName: '<b>张*</b>',
        idTypeName: '居民身份证',
        maskedIdNumber: '4401**********123X',
        occupationCode: '6-31-01-03',
        occupationName: '电工',
        workTypeName: '维修电工',
        level: 4,
        levelName: '四级/中级工',
        organisationName: '测试企业',
        issueDate: '2026-11-20',
        issueVersion: 1,
        currentIssueVersion: 1,
      },
    });
    expect(html).toContain('data-status="valid"');
    expect(html).toContain('&lt;b&gt;张*&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('2026年11月20日');
    expect(html).not.toMatch(/<script|<link|src=/);
  });

  it('R15: shows no certificate data when the code is not verifiable', () => {
    const html = buildVerificationPageHtml({ status: 'not_verifiable', message: '无法验证' });
    expect(html).toContain('无法验证');
    expect(html).not.toContain('<table>');
  });
});
