/**
 * The public verification page `/verify/:number` (R15): a small self-contained HTML document (no
 * script, no external resources) stating the verification status and the masked certificate data.
 */
import { escapeHtml, formatChineseDate } from './certificate-template';
import type { CertificateVerificationView } from './verify-certificate';

const statusTitles: Record<CertificateVerificationView['status'], string> = {
  valid: '证书有效',
  revoked: '证书已撤销',
  replaced: '证书已补发（此版本已作废）',
  not_verifiable: '无法验证',
};

const statusColours: Record<CertificateVerificationView['status'], string> = {
  valid: '#1b6e3a',
  revoked: '#a11a1a',
  replaced: '#a86200',
  not_verifiable: '#555555',
};

/** Content-Security-Policy of the page: inline styles only, nothing else loads. */
export const verificationPageContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function safeChineseDate(isoDate: string | undefined): string {
  if (!isoDate) return '';
  try {
    return formatChineseDate(isoDate);
  } catch {
    return isoDate;
  }
}

/** The complete HTML document of the verification page for `view` (R15). Every text is escaped. */
export function buildVerificationPageHtml(view: CertificateVerificationView): string {
  const certificate = view.certificate;
  const row = (label: string, value: string) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
  const table = certificate
    ? `<table><tbody>
${row('证书编号', certificate.number)}
${row('姓名', certificate.maskedName)}
${row('证件类型', certificate.idTypeName)}
${row('证件号码', certificate.maskedIdNumber)}
${row('职业', `${certificate.occupationName}（${certificate.occupationCode}）`)}
${row('工种', certificate.workTypeName || '—')}
${row('职业技能等级', certificate.levelName)}
${row('评价机构', certificate.organisationName)}
${row('发证日期', safeChineseDate(certificate.issueDate))}
${row('版本', `第 ${certificate.issueVersion} 版（现行第 ${certificate.currentIssueVersion} 版）`)}
</tbody></table>`
    : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>职业技能等级证书查询 - ${escapeHtml(statusTitles[view.status])}</title>
<style>
body { font-family: 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; margin: 0; background: #f6f3ec; color: #1f1f1f; }
main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.25rem; margin: 0 0 1rem; }
.status { border-left: 0.4rem solid ${statusColours[view.status]}; background: #fff; padding: 0.8rem 1rem; margin: 0 0 1rem; }
.status strong { color: ${statusColours[view.status]}; font-size: 1.2rem; display: block; }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: left; padding: 0.5rem 0.75rem; border-bottom: 1px solid #e4dccb; vertical-align: top; }
th { width: 7.5rem; color: #6b5a3a; font-weight: 600; white-space: nowrap; }
.note { color: #6b5a3a; font-size: 0.85rem; margin-top: 1rem; }
</style>
</head>
<body>
<main>
<h1>职业技能等级证书查询</h1>
<div class="status" data-status="${escapeHtml(view.status)}"><strong>${escapeHtml(statusTitles[view.status])}</strong>${escapeHtml(view.message)}</div>
${table}
<p class="note">为保护个人信息，姓名与证件号码已部分隐去。请以证书原件上的二维码或编号查询。</p>
</main>
</body>
</html>
`;
}
