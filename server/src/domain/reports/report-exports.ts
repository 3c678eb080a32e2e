/**
 * CSV and xlsx exports of the item analysis and the pass rates (issue 12; R17: files never carry
 * active content). Written with exceljs: CSV as UTF-8 with BOM, every field quoted; text cells that
 * a spreadsheet could read as a formula (`=`, `+`, `-`, `@`, TAB, CR first) get a leading `'`
 * (bank-tools `guardFormula`, apostrophe mode) in both formats; numbers stay numbers; rates are
 * fractions 0..1 (xlsx shows them as percentages). Item exports carry statistics, never stems or
 * option texts (the bank itself is exported only through the bank's export with a reason).
 */
import ExcelJS from 'exceljs';
import { guardFormula } from '@skillcert/bank-tools/export/formula-guard';
import type { ItemAnalysisReportView } from './get-item-analysis';
import type { PassRateReport, PassRateRow } from './compute-pass-rates';
import type { ExportFormat, PassRateDimension } from './reports.contracts';
import { levelNames } from '../scoring/scoring-access';

/** A cell value of an export. */
export type ExportCell = string | number | boolean | null;

/** One sheet: headers, rows, and which columns hold fractions (percent format in xlsx). */
export interface ExportSheet {
  name: string;
  headers: readonly string[];
  rows: ExportCell[][];
  percentColumns?: readonly number[];
}

/** An export file. */
export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** Columns of the item-analysis table (CSV and the first xlsx sheet), in order. */
export const itemAnalysisColumns = [
  '职业代码',
  '职业（工种）',
  '等级',
  '试卷',
  '题目ID',
  '版本',
  '题型',
  '鉴定点',
  '分值',
  '作答人数',
  '正确人数',
  '难度P',
  '区分度D',
  '高分组正确率',
  '低分组正确率',
  '点双列相关',
  '校正点双列相关',
  '未作答率',
  '选项（全体/高分组/低分组选择率，*为答案）',
  '标记',
  '进入审核队列',
] as const;

/** Columns of the option sheet of the xlsx. */
export const optionAnalysisColumns = ['试卷', '题目ID', '选项', '是否答案', '选择人数', '选择率', '高分组选择率', '低分组选择率'] as const;

/** Columns of the paper sheet of the xlsx. */
export const paperStatisticsColumns = [
  '职业（工种）',
  '等级',
  '试卷',
  '作答人数',
  '题数',
  '满分',
  '平均分',
  '标准差（总体）',
  '标准差（样本）',
  '中位数',
  '最低分',
  '最高分',
  'KR-20',
  '平均难度',
] as const;

/** Columns of the parallelism sheet of the xlsx. */
export const parallelismColumns = ['职业（工种）', '等级', '指标', '最小值', '最大值', '极差', '容差', '是否平行', '最小值试卷', '最大值试卷'] as const;

/** Columns of the pass-rate table. */
export const passRateColumns = ['维度', '分组', '结果数', '合格数', '不合格数', '合格率', '平均总成绩', '理论知识合格率', '操作技能合格率', '综合评审合格率', '定级评价合格率'] as const;

/** Names of the pass-rate dimensions. */
export const dimensionNames: Record<PassRateDimension, string> = { occupation: '职业', work_type: '工种', level: '等级', department: '部门', batch: '批次' };

const typeNames: Record<string, string> = { single: '单选题', multiple: '多选题', judge: '判断题' };

/** Option letter in bank order: 0 → A. */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** Guards text against formula injection; other values unchanged (null → ''). */
export function toSafeCell(value: ExportCell): string | number | boolean {
  if (value === null) return '';
  return typeof value === 'string' ? guardFormula(value, 'apostrophe') : value;
}

function scopeLabel(scope: { occupationName: string; workType: string }): string {
  return `${scope.occupationName}（${scope.workType}）`;
}

/** The sheets of the item-analysis export: items, options, papers, parallelism. */
export function buildItemAnalysisSheets(report: ItemAnalysisReportView): ExportSheet[] {
  const items: ExportCell[][] = [];
  const options: ExportCell[][] = [];
  const papers: ExportCell[][] = [];
  const parallelism: ExportCell[][] = [];
  for (const scope of report.scopes) {
    const level = levelNames[scope.level] ?? String(scope.level);
    for (const row of scope.items) {
      const paper = scope.papers.find((candidate) => candidate.paperId === row.paperId);
      items.push([
        scope.occupationCode,
        scopeLabel(scope),
        level,
        row.paperCode,
        row.itemId,
        row.version,
        typeNames[row.type] ?? row.type,
        row.knowledgePoint,
        row.points,
        paper?.count ?? null,
        row.correctCount,
        row.difficulty,
        row.discrimination,
        row.upperCorrectRate,
        row.lowerCorrectRate,
        row.pointBiserial,
        row.correctedPointBiserial,
        row.omittedRate,
        row.options
          .map((option) => `${optionLetter(option.optionIndex)}${option.isKey ? '*' : ''}: ${option.chosenRate}/${option.upperRate}/${option.lowerRate}`)
          .join('; '),
        row.flags.map((flag) => (flag.optionIndex === undefined ? flag.code : `${flag.code}(${optionLetter(flag.optionIndex)})`)).join(', '),
        row.isQueued ? '是' : '否',
      ]);
      for (const option of row.options) {
        options.push([row.paperCode, row.itemId, optionLetter(option.optionIndex), option.isKey ? '是' : '否', option.chosenCount, option.chosenRate, option.upperRate, option.lowerRate]);
      }
    }
    for (const paper of scope.papers) {
      papers.push([
        scopeLabel(scope),
        level,
        paper.paperCode,
        paper.count,
        paper.itemCount,
        paper.maxPoints,
        paper.mean,
        paper.populationSd,
        paper.sampleSd,
        paper.median,
        paper.min,
        paper.max,
        paper.kr20,
        paper.meanDifficulty,
      ]);
    }
    const codeOf = (paperId: string | null) => scope.papers.find((paper) => paper.paperId === paperId)?.paperCode ?? null;
    const metrics = [
      ['平均分/满分', scope.parallelism.meanFraction],
      ['标准差/满分', scope.parallelism.sdFraction],
      ['KR-20', scope.parallelism.kr20],
      ['平均难度', scope.parallelism.meanDifficulty],
    ] as const;
    for (const [name, spread] of metrics) {
      parallelism.push([
        scopeLabel(scope),
        level,
        name,
        spread.min,
        spread.max,
        spread.range,
        spread.tolerance,
        spread.isWithinTolerance ? '是' : '否',
        codeOf(spread.minPaperId),
        codeOf(spread.maxPaperId),
      ]);
    }
  }
  return [
    { name: '试题分析', headers: itemAnalysisColumns, rows: items, percentColumns: [] },
    { name: '选项分析', headers: optionAnalysisColumns, rows: options, percentColumns: [5, 6, 7] },
    { name: '试卷统计', headers: paperStatisticsColumns, rows: papers, percentColumns: [13] },
    { name: '平行性', headers: parallelismColumns, rows: parallelism },
  ];
}

function passRateCells(dimension: string, label: string, row: Omit<PassRateRow, 'key' | 'label'>): ExportCell[] {
  const component = (key: string) => row.components.find((entry) => entry.key === key)?.passRate ?? null;
  return [
    dimension,
    label,
    row.resultCount,
    row.passedCount,
    row.failedCount,
    row.passRate,
    row.meanTotalScore,
    component('theory'),
    component('practical'),
    component('review'),
    component('direct_grading'),
  ];
}

/** The pass-rate sheet: one row per group and a total row `合计`. */
export function buildPassRateSheet(report: PassRateReport): ExportSheet {
  const dimension = dimensionNames[report.dimension];
  return {
    name: `合格率-${dimension}`,
    headers: passRateColumns,
    rows: [...report.rows.map((row) => passRateCells(dimension, row.label, row)), passRateCells(dimension, '合计', report.total)],
    percentColumns: [5, 7, 8, 9, 10],
  };
}

/**
 * Writes sheets as CSV (first sheet only) or xlsx (all sheets; header row bold and frozen, fractions
 * as percentages). Every text cell passes {@link toSafeCell}.
 */
export async function writeExport(sheets: readonly ExportSheet[], format: ExportFormat, baseName: string): Promise<ExportFile> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SkillCert';
  for (const sheet of format === 'csv' ? sheets.slice(0, 1) : sheets) {
    const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31));
    worksheet.addRow(sheet.headers.map((header) => toSafeCell(header)));
    for (const row of sheet.rows) worksheet.addRow(row.map(toSafeCell));
    if (format === 'xlsx') {
      worksheet.getRow(1).font = { bold: true };
      worksheet.views = [{ state: 'frozen', ySplit: 1 }];
      for (const column of sheet.percentColumns ?? []) worksheet.getColumn(column + 1).numFmt = '0.0%';
      sheet.headers.forEach((header, index) => {
        worksheet.getColumn(index + 1).width = Math.min(40, Math.max(10, header.length * 2 + 2));
      });
    }
  }
  if (format === 'csv') {
    const csv = Buffer.from(await workbook.csv.writeBuffer({ formatterOptions: { quoteColumns: true } }));
    return { fileName: `${baseName}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv]) };
  }
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${baseName}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: xlsx };
}
