import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import {
  buildCertificateHtml,
  escapeHtml,
  formatChineseDate,
  formatLevelLabel,
  type CertificateTemplateData,
} from './certificate-template';

const data: CertificateTemplateData = {
  candidateName: '欧阳娜娜',
  idType: '居民身份证',
  idNumber: '44070319900101123X',
  occupationName: '电工',
  workTypeName: '维修电工',
  level: 4,
  certificateNumber: 'Y000144071005264000001',
  verificationUrl: 'https://cert.example.cn/verify/Y000144071005264000001?t=abc',
  organisationName: '江门市示例电力有限公司',
  issueDate: '2026-11-20',
};

describe('buildCertificateHtml', () => {
  it('R15: shows name, ID type and number, occupation, work type, level, number, organisation and issue date', async () => {
    const html = await buildCertificateHtml(data);
    for (const text of ['欧阳娜娜', '居民身份证', '44070319900101123X', '电工', '维修电工', '四级 / 中级工（4）',
      'Y000144071005264000001', '江门市示例电力有限公司', '2026年11月20日', '照片']) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="证书查询二维码">/);
    expect(html).toContain('size: A4 landscape');
  });

  it('R15: escapes every field so markup in data stays text', async () => {
    const hostile = '<script>alert("x")</script>&\'';
    const html = await buildCertificateHtml({
      ...data,
      candidateName: hostile,
      idType: hostile,
      idNumber: hostile,
      occupationName: hostile,
      workTypeName: hostile,
      organisationName: hostile,
      certificateNumber: hostile,
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });

  it('rejects a missing required field, naming it', async () => {
    await expect(buildCertificateHtml({ ...data, candidateName: ' ' })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { field: 'candidateName' },
    });
    await expect(buildCertificateHtml({ ...data, photoDataUrl: 'javascript:alert(1)' })).rejects.toMatchObject({
      details: { field: 'photoDataUrl' },
    });
  });

  it('R15: prints a given photo as an image instead of the placeholder', async () => {
    const photoDataUrl = 'data:image/png;base64,iVBORw0KGgo=';
    const html = await buildCertificateHtml({ ...data, photoDataUrl });
    expect(html).toContain(`<img src="${photoDataUrl}" alt="照片">`);
  });
});

describe('formatChineseDate', () => {
  it('R15: writes 2026-11-20 as 2026年11月20日 and 2027-01-05 as 2027年1月5日', () => {
    expect(formatChineseDate('2026-11-20')).toBe('2026年11月20日');
    expect(formatChineseDate('2027-01-05')).toBe('2027年1月5日');
  });

  it('rejects impossible dates with validation_failed on issueDate', () => {
    for (const value of ['2026-02-30', '2026-13-01', '20261120', '']) {
      expect(() => formatChineseDate(value)).toThrow(AppError);
    }
  });
});

describe('formatLevelLabel', () => {
  it('R14/R18: names levels 5 初级工 … 1 高级技师', () => {
    expect(formatLevelLabel(5)).toBe('五级 / 初级工');
    expect(formatLevelLabel(3)).toBe('三级 / 高级工');
    expect(formatLevelLabel(1)).toBe('一级 / 高级技师');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
