/**
 * HTML of an announcement 评价公告 (R8): A4 portrait pages stating the occupations and levels
 * offered, eligibility per level (R9), methods (R4, R19), schedule and places, places available,
 * application period and materials, process and contacts. Every text is HTML-escaped; the font
 * (Noto Sans SC) is supplied by the render pool.
 */
import { escapeHtml, formatChineseDate } from '../../domain/certificates/certificate-template';
import type { AnnouncementPage } from '../../domain/plans/plans.contracts';

/** PDF options of an announcement: A4 portrait with margins from the CSS @page rule. */
export const announcementPdfOptions = Object.freeze({ format: 'A4', printBackground: true, preferCSSPageSize: true } as const);

const stylesheet = `
@page { size: A4 portrait; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans SC', sans-serif; color: #1f1f1f; font-size: 10.5pt; line-height: 1.6; margin: 0; }
h1 { text-align: center; font-size: 18pt; margin: 0 0 2mm; }
.issuer { text-align: center; color: #555; margin: 0 0 6mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-left: 1.2mm solid #8a1c1c; padding-left: 2mm; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; page-break-inside: auto; }
th, td { border: 0.3mm solid #999; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #f2ede4; font-weight: 700; }
tr { page-break-inside: avoid; }
ul, ol { margin: 1mm 0 2mm; padding-left: 6mm; }
.level { font-weight: 700; margin: 2mm 0 0; }
.footer { margin-top: 10mm; text-align: right; }
.hash { margin-top: 4mm; font-size: 7.5pt; color: #777; word-break: break-all; }
`;

function list(items: readonly string[], ordered = false): string {
  if (items.length === 0) return '<p>无</p>';
  const tag = ordered ? 'ol' : 'ul';
  return `<${tag}>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</${tag}>`;
}

function percent(weight: number): string {
  return `${Math.round(weight * 1000) / 10}%`;
}

/**
 * The complete HTML document of an announcement page.
 * @param options.publishedOn the publication date `YYYY-MM-DD` printed at the foot (draft: "草稿").
 * @param options.contentHash printed in small type under the foot once published (R16 archive).
 */
export function buildAnnouncementHtml(page: AnnouncementPage, options: { publishedOn?: string; contentHash?: string } = {}): string {
  const offerings = page.offerings
    .map(
      (offering) =>
        `<tr><td>${escapeHtml(offering.occupationCode)}</td><td>${escapeHtml(offering.occupationName)}</td><td>${escapeHtml(offering.workType)}</td>` +
        `<td>${escapeHtml(offering.levelName)}</td><td>${escapeHtml(offering.method.modeName)}</td></tr>`,
    )
    .join('');
  const eligibility = page.offerings
    .map(
      (offering) =>
        `<p class="level">${escapeHtml(`${offering.occupationName}（${offering.workType}）${offering.levelName}`)}，具备下列条件之一：</p>` +
        list(offering.eligibility.map((path) => path.description)),
    )
    .join('');
  const methods = page.offerings
    .map(
      (offering) =>
        `<tr><td>${escapeHtml(`${offering.occupationName}（${offering.workType}）${offering.levelName}`)}</td>` +
        `<td>${escapeHtml(offering.method.modeName)}</td>` +
        `<td>${offering.method.components.map((component) => `${escapeHtml(component.name)} ${percent(component.weight)}`).join('；')}</td>` +
        `<td>${escapeHtml(offering.method.description)}</td></tr>`,
    )
    .join('');
  const schedule = page.schedule
    .map(
      (entry) =>
        `<tr><td>${escapeHtml(formatChineseDate(entry.date))}</td><td>${escapeHtml(`${entry.startTime}–${entry.endTime}`)}</td>` +
        `<td>${escapeHtml(`${entry.occupationName}（${entry.workType}）`)}</td><td>${escapeHtml(entry.kindName)}</td><td>${escapeHtml(entry.roomName)}</td></tr>`,
    )
    .join('');
  const places = page.places.map((place) => `<tr><td>${escapeHtml(place.name)}</td><td>${escapeHtml(place.address)}</td></tr>`).join('');
  const available = page.placesAvailable
    .map((entry) => `<tr><td>${escapeHtml(`${entry.occupationName}（${entry.workType}）`)}</td><td>${escapeHtml(String(entry.level))}级</td><td>${entry.count}</td></tr>`)
    .join('');
  const contacts = page.contacts
    .map(
      (contact) =>
        `<tr><td>${escapeHtml(contact.name)}</td><td>${escapeHtml(contact.department ?? '')}</td><td>${escapeHtml(contact.phone ?? '')}</td><td>${escapeHtml(contact.email ?? '')}</td></tr>`,
    )
    .join('');
  const period = page.applicationPeriod
    ? `<p>报名时间：${escapeHtml(formatChineseDate(page.applicationPeriod.opensOn))}至${escapeHtml(formatChineseDate(page.applicationPeriod.closesOn))}</p>`
    : '';
  const foot = options.publishedOn ? formatChineseDate(options.publishedOn) : '草稿（未发布）';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title><style>${stylesheet}</style></head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<p class="issuer">${escapeHtml(page.organisationName)} · 批次 ${escapeHtml(page.batchCode)} ${escapeHtml(page.batchName)}</p>
${page.introduction ? `<p>${escapeHtml(page.introduction)}</p>` : ''}
<h2>一、评价职业（工种）及等级</h2>
<table><thead><tr><th>职业编码</th><th>职业名称</th><th>工种</th><th>等级</th><th>评价方式</th></tr></thead><tbody>${offerings}</tbody></table>
<h2>二、申报条件</h2>
${list(page.generalConditions)}
${eligibility}
<h2>三、评价方式</h2>
<table><thead><tr><th>职业（工种）等级</th><th>方式</th><th>组成及权重</th><th>说明</th></tr></thead><tbody>${methods}</tbody></table>
<h2>四、评价时间与地点</h2>
<table><thead><tr><th>日期</th><th>时间</th><th>职业（工种）</th><th>科目</th><th>考场</th></tr></thead><tbody>${schedule}</tbody></table>
${places ? `<table><thead><tr><th>地点</th><th>地址</th></tr></thead><tbody>${places}</tbody></table>` : ''}
<h2>五、名额</h2>
<table><thead><tr><th>职业（工种）</th><th>等级</th><th>名额</th></tr></thead><tbody>${available}</tbody></table>
<h2>六、报名时间及所需材料</h2>
${period}
${list(page.materials)}
<h2>七、评价流程</h2>
${list(page.process, true)}
<h2>八、联系方式</h2>
${contacts ? `<table><thead><tr><th>联系人</th><th>部门</th><th>电话</th><th>邮箱</th></tr></thead><tbody>${contacts}</tbody></table>` : '<p>无</p>'}
${page.notes ? `<h2>九、其他事项</h2><p>${escapeHtml(page.notes)}</p>` : ''}
<div class="footer"><p>${escapeHtml(page.organisationName)}</p><p>${escapeHtml(foot)}</p></div>
${options.contentHash ? `<p class="hash">存档摘要 SHA-256：${escapeHtml(options.contentHash)}</p>` : ''}
</body>
</html>`;
}
