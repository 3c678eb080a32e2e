/**
 * Print-ready HTML of a paper 试卷 (A4): the teacher copy 教师用卷 with answer keys, points and, for
 * practical tasks, the scoring criteria and veto items; the candidate copy 考生用卷 without keys or
 * criteria (R3, R17). Rendered to PDF by the render pool.
 */
import type { PracticalItem, TheoryItem, TheoryItemType } from '@skillcert/bank-tools/types';
import type { PaperContent } from './load-paper-content';

/** Which copy to print. */
export type PaperCopy = 'teacher' | 'candidate';

const levelNames: Record<number, string> = { 5: '五级/初级工', 4: '四级/中级工', 3: '三级/高级工', 2: '二级/技师', 1: '一级/高级技师' };
const typeNames: Record<TheoryItemType, string> = { judge: '判断题', single: '单项选择题', multiple: '多项选择题' };
const sectionNumbers = ['一', '二', '三', '四', '五', '六'];

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function letter(index: number): string {
  return String.fromCharCode(65 + index);
}

function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}

function theoryItemHtml(number: number, item: TheoryItem, points: number, copy: PaperCopy, images: Map<string, string>): string {
  const pictures = (item.images ?? [])
    .map((id) => images.get(id))
    .filter((source): source is string => Boolean(source))
    .map((source) => `<img class="picture" src="${escapeHtml(source)}" alt="">`)
    .join('');
  const key =
    copy === 'teacher'
      ? `<div class="key">答案：${item.type === 'judge' ? (item.answer[0] === 0 ? '√（正确）' : '×（错误）') : item.answer.map(letter).join('')}\u3000（${formatPoints(points)} 分）</div>`
      : '';
  if (item.type === 'judge') {
    return `<div class="item"><div class="stem">${number}. ${escapeHtml(item.stem)}\u3000（\u3000\u3000）</div>${pictures}${key}</div>`;
  }
  const options = item.options.map((option, index) => `<div class="option">${letter(index)}. ${escapeHtml(option)}</div>`).join('');
  return `<div class="item"><div class="stem">${number}. ${escapeHtml(item.stem)}（\u3000\u3000）</div>${pictures}<div class="options">${options}</div>${key}</div>`;
}

function practicalItemHtml(number: number, item: PracticalItem, points: number, copy: PaperCopy): string {
  const materials = item.materials.length > 0 ? `<div class="label">材料与工具</div><ul>${item.materials.map((material) => `<li>${escapeHtml(material)}</li>`).join('')}</ul>` : '';
  const vetoes = item.vetoItems.length > 0 ? `<div class="label">否决项（出现任一项，本题不得分）</div><ul>${item.vetoItems.map((veto) => `<li>${escapeHtml(veto)}</li>`).join('')}</ul>` : '';
  const criteria =
    copy === 'teacher'
      ? `<table class="criteria"><thead><tr><th>评分项</th><th>配分</th><th>扣分标准</th></tr></thead><tbody>${item.criteria
          .map((criterion) => `<tr><td>${escapeHtml(criterion.criterion)}</td><td class="number">${formatPoints(criterion.maxPoints)}</td><td>${escapeHtml(criterion.deductionRule)}</td></tr>`)
          .join('')}</tbody></table>`
      : '';
  return `<div class="task"><h3>试题 ${number}：${escapeHtml(item.title)}（${formatPoints(points)} 分，限时 ${item.timeLimitMinutes} 分钟）</h3><div class="text">${escapeHtml(item.task)}</div>${materials}${vetoes}${criteria}</div>`;
}

/**
 * Builds the HTML document of one copy of the paper.
 * @param organisationName printed in the header
 */
export function buildPaperHtml(content: PaperContent, copy: PaperCopy, organisationName: string): string {
  const { paper, scope } = content;
  const title = `${escapeHtml(scope.occupationName)}（${escapeHtml(scope.workType)}）${levelNames[scope.level] ?? `${scope.level}级`} ${paper.kind === 'theory' ? '理论知识试卷' : '操作技能试卷'}`;
  const copyName = copy === 'teacher' ? '教师用卷（含答案，严禁外传）' : '考生用卷';
  const candidateFields =
    copy === 'candidate' ? '<div class="fields"><span>姓名：________________</span><span>准考证号：________________</span><span>得分：________</span></div>' : '';
  let body = '';
  if (paper.kind === 'theory') {
    const order: TheoryItemType[] = [];
    for (const entry of content.slots) {
      const type = entry.slot.type as TheoryItemType;
      if (!order.includes(type)) order.push(type);
    }
    let number = 0;
    body = order
      .map((type, sectionIndex) => {
        const entries = content.slots.filter((entry) => entry.slot.type === type);
        const sectionPoints = entries.reduce((sum, entry) => sum + entry.slot.points, 0);
        const each = entries[0]?.slot.points ?? 0;
        const items = entries
          .map((entry) => {
            number += 1;
            return theoryItemHtml(number, entry.content as TheoryItem, entry.slot.points, copy, content.images);
          })
          .join('');
        return `<section><h2>${sectionNumbers[sectionIndex] ?? sectionIndex + 1}、${typeNames[type]}（共 ${entries.length} 题，每题 ${formatPoints(each)} 分，共 ${formatPoints(sectionPoints)} 分）</h2>${items}</section>`;
      })
      .join('');
  } else {
    body = content.slots.map((entry) => practicalItemHtml(entry.number, entry.content as PracticalItem, entry.slot.points, copy)).join('');
  }
  const timeLine = paper.totalTimeMinutes ? `\u3000总时限：${paper.totalTimeMinutes} 分钟` : '';
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(paper.code)} ${copyName}</title><style>
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
body { font-size: 10.5pt; line-height: 1.55; color: #111; }
header { text-align: center; border-bottom: 1.5pt solid #111; padding-bottom: 3mm; margin-bottom: 4mm; }
header .organisation { font-size: 10pt; }
header h1 { font-size: 15pt; margin: 1mm 0; }
header .meta { font-size: 9.5pt; }
header .copy { font-weight: 700; color: ${copy === 'teacher' ? '#a00' : '#111'}; }
.fields { display: flex; justify-content: space-between; margin-top: 3mm; font-size: 10pt; }
h2 { font-size: 11.5pt; margin: 4mm 0 2mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
.item { break-inside: avoid; margin: 0 0 2.5mm; }
.options { display: grid; grid-template-columns: 1fr 1fr; column-gap: 6mm; padding-left: 5mm; }
.option { break-inside: avoid; }
.key { color: #a00; font-weight: 700; padding-left: 5mm; }
.picture { max-width: 70mm; max-height: 45mm; display: block; margin: 1mm 0 1mm 5mm; }
.task { break-inside: avoid-page; margin-bottom: 5mm; }
.label { font-weight: 700; margin-top: 1.5mm; }
ul { margin: 0.5mm 0 0 0; padding-left: 7mm; }
table.criteria { border-collapse: collapse; width: 100%; margin-top: 2mm; font-size: 9.5pt; }
table.criteria th, table.criteria td { border: 0.75pt solid #444; padding: 1mm 1.5mm; vertical-align: top; }
table.criteria td.number { text-align: center; width: 12mm; }
</style></head><body><header><div class="organisation">${escapeHtml(organisationName)}</div><h1>${title}</h1><div class="meta">试卷编号：${escapeHtml(paper.code)}\u3000题量：${paper.slots.length}\u3000满分：${formatPoints(paper.totalPoints)} 分${timeLine}\u3000<span class="copy">${copyName}</span></div>${candidateFields}</header>${body}</body></html>`;
}
