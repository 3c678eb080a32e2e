/**
 * HTML of a 职业技能等级证书 (R15): one A4 landscape page with the fields the source requires
 * (seed 004 annex 6 art. 9) — name, ID type, ID number, occupation name, work type name, level,
 * certificate number, QR code, organisation, issue date — plus a photo box. Every field is
 * HTML-escaped; the QR code is a PNG data URL made by `qrcode`, so the page needs no network.
 *
 * Text uses the font family `Noto Sans SC`; the render pool (`server/src/render/render-pool.ts`)
 * supplies its @font-face rules, so the HTML stays small and the pool can reuse loaded fonts.
 */
import QRCode from 'qrcode';
import { AppError } from '../../errors';
import { certificateLevelNames, type CertificateLevelCode } from './certificate-number';

/** The data printed on a certificate (R15). */
export interface CertificateTemplateData {
  /** Holder's name 姓名. */
  candidateName: string;
  /** ID type 证件类型, e.g. 居民身份证. */
  idType: string;
  /** ID number 证件号码. */
  idNumber: string;
  /** Occupation name 职业名称 as filed. */
  occupationName: string;
  /** Work type name 工种名称 as filed; may be empty when the occupation has no work types. */
  workTypeName: string;
  level: CertificateLevelCode;
  /** The 22-character certificate number (R14). */
  certificateNumber: string;
  /** The URL the QR code encodes, `<base>/verify/<number>?t=<token>` (see verification-token.ts). */
  verificationUrl: string;
  /** Evaluation organisation 评价机构 name as filed. */
  organisationName: string;
  /** Issue date 发证日期 as an ISO calendar date `YYYY-MM-DD` (no time zone involved). */
  issueDate: string;
  /** Optional photo as a `data:image/png|jpeg;base64,` URL; a labelled empty box otherwise. */
  photoDataUrl?: string;
}

/** PDF options for a certificate page: A4 landscape from the CSS @page rule, backgrounds printed. */
export const certificatePdfOptions = Object.freeze({
  format: 'A4',
  landscape: true,
  printBackground: true,
  preferCSSPageSize: true,
  margin: { top: '0', right: '0', bottom: '0', left: '0' },
} as const);

/** Viewport in CSS pixels matching one A4 landscape page (297 × 210 mm at 96 px per inch). */
export const certificateViewport = Object.freeze({ width: 1123, height: 794 });

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes `& < > " '` so any text is safe inside element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (character) => htmlEscapes[character]);
}

/**
 * Formats an ISO calendar date `YYYY-MM-DD` the Chinese way, `2026-11-20` → `2026年11月20日` (R15).
 *
 * @throws AppError `validation_failed` (field issueDate) when the string is not a real calendar date.
 */
export function formatChineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    !match ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    throw new AppError('validation_failed', `Certificate field issueDate: "${isoDate}" is not a date YYYY-MM-DD`, {
      field: 'issueDate',
      value: isoDate,
    });
  }
  return `${year}年${month}月${day}日`;
}

/** The level as printed (R14 table 7, R18): `5` → `五级 / 初级工`. */
export function formatLevelLabel(level: CertificateLevelCode): string {
  const names = certificateLevelNames[level];
  if (!names) {
    throw new AppError('validation_failed', `Certificate field level: ${String(level)} is not 1-5`, {
      field: 'level',
      value: level,
    });
  }
  return `${names.grade} / ${names.title}`;
}

const requiredTextFields = [
  'candidateName',
  'idType',
  'idNumber',
  'occupationName',
  'certificateNumber',
  'verificationUrl',
  'organisationName',
] as const;

function validateData(data: CertificateTemplateData): void {
  for (const field of requiredTextFields) {
    if (typeof data[field] !== 'string' || data[field].trim() === '') {
      throw new AppError('validation_failed', `Certificate field ${field} is missing or empty`, { field });
    }
  }
  if (typeof data.workTypeName !== 'string') {
    throw new AppError('validation_failed', 'Certificate field workTypeName must be a string', {
      field: 'workTypeName',
    });
  }
  if (data.photoDataUrl !== undefined && !/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(data.photoDataUrl)) {
    throw new AppError('validation_failed', 'Certificate field photoDataUrl must be a base64 PNG or JPEG data URL', {
      field: 'photoDataUrl',
    });
  }
}

const stylesheet = `
@page { size: A4 landscape; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: 'Noto Sans SC', sans-serif; color: #1f1f1f; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.certificate { position: relative; width: 297mm; height: 210mm; padding: 12mm; overflow: hidden; background: #fffdf6; }
.frame { height: 100%; border: 2.5mm double #a8803a; padding: 9mm 14mm; display: flex; flex-direction: column; }
.title { text-align: center; font-size: 30pt; font-weight: 700; letter-spacing: 0.4em; color: #8a1c1c; margin: 0 0 2mm; }
.subtitle { text-align: center; font-size: 11pt; letter-spacing: 0.2em; color: #6b5a3a; margin: 0 0 7mm; }
.content { flex: 1; display: flex; gap: 12mm; }
.side { width: 52mm; display: flex; flex-direction: column; align-items: center; gap: 8mm; }
.photo { width: 35mm; height: 45mm; border: 0.4mm solid #9a8a6a; display: flex; align-items: center; justify-content: center; color: #9a8a6a; font-size: 11pt; background: #fff; }
.photo img { width: 100%; height: 100%; object-fit: cover; }
.qr { width: 38mm; height: 38mm; background: #fff; }
.qr img { width: 100%; height: 100%; image-rendering: pixelated; display: block; }
.qr-caption { font-size: 8pt; color: #6b5a3a; text-align: center; margin-top: -6mm; }
table.fields { flex: 1; border-collapse: collapse; font-size: 14pt; align-self: flex-start; }
table.fields th { text-align: justify; text-align-last: justify; width: 34mm; font-weight: 700; padding: 2.6mm 6mm 2.6mm 0; vertical-align: top; white-space: nowrap; }
table.fields td { padding: 2.6mm 0; border-bottom: 0.3mm solid #d8ccb0; }
.number { font-family: 'Noto Sans SC', monospace; letter-spacing: 0.05em; }
.footer { display: flex; justify-content: flex-end; align-items: flex-end; gap: 10mm; font-size: 13pt; margin-top: 4mm; }
.seal { text-align: center; }
.seal-label { font-size: 10pt; color: #6b5a3a; }
`;

/**
 * Builds the complete HTML document of one certificate (R15): A4 landscape, every field escaped,
 * the level both as number and name (`五级 / 初级工`), the issue date as `2026年11月20日`, and a QR
 * code (error correction M) of `verificationUrl` as a PNG data URL.
 *
 * @throws AppError `validation_failed` naming the field when a required field is empty, the issue
 *   date is not `YYYY-MM-DD`, the level is not 1-5 or the photo is not a PNG/JPEG data URL.
 */
export async function buildCertificateHtml(data: CertificateTemplateData): Promise<string> {
  validateData(data);
  const levelLabel = formatLevelLabel(data.level);
  const issueDate = formatChineseDate(data.issueDate);
  const qrDataUrl = await QRCode.toDataURL(data.verificationUrl, {
    errorCorrectionLevel: 'M',
    margin: 2,
    scale: 8,
  });
  const photo = data.photoDataUrl
    ? `<img src="${escapeHtml(data.photoDataUrl)}" alt="照片">`
    : '照片';
  const row = (label: string, value: string, className = '') =>
    `<tr><th>${escapeHtml(label)}</th><td${className ? ` class="${className}"` : ''}>${escapeHtml(value)}</td></tr>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>职业技能等级证书 ${escapeHtml(data.certificateNumber)}</title>
<style>${stylesheet}</style>
</head>
<body>
<main class="certificate">
<div class="frame">
<h1 class="title">职业技能等级证书</h1>
<p class="subtitle">Vocational Skill Level Certificate</p>
<div class="content">
<div class="side">
<div class="photo">${photo}</div>
<div class="qr"><img src="${qrDataUrl}" alt="证书查询二维码"></div>
<div class="qr-caption">扫码查询证书真伪</div>
</div>
<table class="fields">
<tbody>
${row('姓名', data.candidateName)}
${row('证件类型', data.idType)}
${row('证件号码', data.idNumber, 'number')}
${row('职业名称', data.occupationName)}
${row('工种名称', data.workTypeName)}
${row('职业技能等级', `${levelLabel}（${data.level}）`)}
${row('证书编号', data.certificateNumber, 'number')}
${row('评价机构', data.organisationName)}
${row('发证日期', issueDate)}
</tbody>
</table>
</div>
<div class="footer">
<div class="seal"><div>${escapeHtml(data.organisationName)}</div><div class="seal-label">（评价机构印章）</div></div>
</div>
</div>
</main>
</body>
</html>
`;
}
