/**
 * Blueprint files: JSON (`{ format: 'skillcert.blueprint', version: 1, blueprint }`) and xlsx
 * (sheet `细目表` with columns code, name, weight, parent; sheet `试卷结构` with type, count,
 * pointsEach).
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Blueprint, BlueprintNode, PaperStructureEntry, TheoryItemType } from '../types';
import { BankImportError } from '../importers/bank-import-error';
import { cellText, columnLetter } from '../importers/cell-text';
import { loadWorkbook } from '../importers/import-theory-bank';
import { parseItemType } from '../importers/parse-row';
import { guardFormula, type FormulaGuard } from '../export/formula-guard';
import { assertValidBlueprint } from './validate-blueprint';

/** Format tag of blueprint JSON documents. */
export const BLUEPRINT_JSON_FORMAT = 'skillcert.blueprint';
/** Sheet names written by {@link exportBlueprintXlsx}. */
export const BLUEPRINT_SHEET = '细目表';
export const STRUCTURE_SHEET = '试卷结构';

/** Options of blueprint readers. */
export interface ReadBlueprintOptions {
  /** Validate weights, codes and structure after reading (default true). */
  validate?: boolean;
}

const nodeSchema: z.ZodType<BlueprintNode> = z.lazy(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    weight: z.number(),
    children: z.array(nodeSchema).optional(),
  }),
);
const blueprintSchema = z.object({
  nodes: z.array(nodeSchema),
  structure: z.array(z.object({ type: z.enum(['single', 'multiple', 'judge']), count: z.number(), pointsEach: z.number() })),
});
const documentSchema = z.object({ format: z.literal(BLUEPRINT_JSON_FORMAT), version: z.literal(1), blueprint: blueprintSchema });

/** Serialises a blueprint as a JSON document. */
export function exportBlueprintJson(blueprint: Blueprint): string {
  return `${JSON.stringify({ format: BLUEPRINT_JSON_FORMAT, version: 1, blueprint }, null, 2)}\n`;
}

/**
 * Parses a blueprint JSON document (or a bare `{ nodes, structure }` object) and validates it.
 * @throws BankImportError `INVALID_JSON` (not JSON / wrong shape, with paths) or
 *   `INVALID_BLUEPRINT` (see `validateBlueprint`)
 */
export function parseBlueprintJson(text: string, options: ReadBlueprintOptions = {}): Blueprint {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BankImportError('INVALID_JSON', `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const isDocument = typeof data === 'object' && data !== null && 'format' in data;
  const parsed = isDocument ? documentSchema.safeParse(data) : blueprintSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((issue) => `${issue.path.map(String).join('.') || '(document)'}: ${issue.message}`);
    throw new BankImportError('INVALID_JSON', `not a blueprint: ${problems.join('; ')}`, { issues: parsed.error.issues });
  }
  const blueprint = 'blueprint' in parsed.data ? parsed.data.blueprint : parsed.data;
  if (options.validate !== false) assertValidBlueprint(blueprint);
  return blueprint;
}

/**
 * Writes a blueprint to xlsx: `细目表` (code, name, weight, parent; one row per node, parents
 * first) and `试卷结构` (type, count, pointsEach). Text cells are string cells in Text format
 * (R17 formula guard; `apostrophe` also prefixes formula-like names).
 * @returns xlsx bytes
 */
export async function exportBlueprintXlsx(blueprint: Blueprint, formulaGuard: FormulaGuard = 'text'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const nodesSheet = workbook.addWorksheet(BLUEPRINT_SHEET);
  nodesSheet.columns = [{ width: 12 }, { width: 40 }, { width: 10 }, { width: 12 }];
  nodesSheet.addRow(['code', 'name', 'weight', 'parent']);
  const writeNodes = (nodes: readonly BlueprintNode[], parent: string) => {
    for (const node of nodes) {
      const row = nodesSheet.addRow([guardFormula(node.code, formulaGuard), guardFormula(node.name, formulaGuard), node.weight, guardFormula(parent, formulaGuard)]);
      for (const column of [1, 2, 4]) row.getCell(column).numFmt = '@';
      writeNodes(node.children ?? [], node.code);
    }
  };
  writeNodes(blueprint.nodes, '');
  const structureSheet = workbook.addWorksheet(STRUCTURE_SHEET);
  structureSheet.addRow(['type', 'count', 'pointsEach']);
  for (const entry of blueprint.structure) structureSheet.addRow([entry.type, entry.count, entry.pointsEach]);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

const NODE_HEADERS: Record<string, 'code' | 'name' | 'weight' | 'parent'> = {
  code: 'code', 代码: 'code', 编码: 'code', 编号: 'code', 鉴定点代码: 'code',
  name: 'name', 名称: 'name', 鉴定点名称: 'name', 鉴定点: 'name',
  weight: 'weight', 权重: 'weight', 比重: 'weight',
  parent: 'parent', 上级: 'parent', 父级: 'parent', 上级代码: 'parent', 父节点: 'parent',
};
const STRUCTURE_HEADERS: Record<string, 'type' | 'count' | 'pointsEach'> = {
  type: 'type', 题型: 'type', 试题类型: 'type',
  count: 'count', 题量: 'count', 数量: 'count',
  pointseach: 'pointsEach', points: 'pointsEach', 分值: 'pointsEach', 每题分值: 'pointsEach',
};

function findColumns<T extends string>(worksheet: ExcelJS.Worksheet, names: Record<string, T>, required: T[]) {
  for (let rowNumber = 1; rowNumber <= Math.min(worksheet.rowCount, 20); rowNumber += 1) {
    const columns = new Map<T, number>();
    worksheet.getRow(rowNumber).eachCell((cell, column) => {
      const key = cellText(cell.value).text.normalize('NFKC').replace(/[\s()（）]/gu, '').toLowerCase();
      const field = Object.hasOwn(names, key) ? names[key] : undefined;
      if (field && !columns.has(field)) columns.set(field, column);
    });
    if (required.every((field) => columns.has(field))) return { headerRow: rowNumber, columns };
  }
  return undefined;
}

function parseWeight(text: string): number | undefined {
  const trimmed = text.trim().normalize('NFKC');
  const isPercent = trimmed.endsWith('%');
  const value = Number(isPercent ? trimmed.slice(0, -1) : trimmed);
  if (trimmed === '' || !Number.isFinite(value)) return undefined;
  return isPercent ? value / 100 : value;
}

/**
 * Reads a blueprint from xlsx bytes or a path: the first sheet with columns code, name, weight
 * (and parent; also 代码/名称/权重/上级) and an optional sheet with type, count, pointsEach.
 * Weights may be fractions or percentages (`25%`). Parents may come before or after children.
 * @throws BankImportError `NOT_XLSX`, `FILE_UNREADABLE`, or `INVALID_BLUEPRINT` listing every row
 *   problem as `sheet!row column: reason` (and validation issues unless `validate: false`)
 */
export async function importBlueprintXlsx(file: Buffer | string, options: ReadBlueprintOptions = {}): Promise<Blueprint> {
  let buffer: Buffer;
  const fileName = typeof file === 'string' ? file : 'blueprint.xlsx';
  if (typeof file === 'string') {
    try {
      buffer = await readFile(file);
    } catch (error) {
      throw new BankImportError('FILE_UNREADABLE', `${file}: cannot read the file (${error instanceof Error ? error.message : String(error)})`);
    }
  } else {
    buffer = file;
  }
  const workbook = await loadWorkbook(buffer, fileName);
  const problems: string[] = [];
  let nodesFound: { worksheet: ExcelJS.Worksheet; headerRow: number; columns: Map<'code' | 'name' | 'weight' | 'parent', number> } | undefined;
  let structureFound: { worksheet: ExcelJS.Worksheet; headerRow: number; columns: Map<'type' | 'count' | 'pointsEach', number> } | undefined;
  for (const worksheet of workbook.worksheets) {
    const nodeColumns = nodesFound ? undefined : findColumns(worksheet, NODE_HEADERS, ['code', 'name', 'weight']);
    if (nodeColumns) {
      nodesFound = { worksheet, ...nodeColumns };
      continue;
    }
    const structureColumns = structureFound ? undefined : findColumns(worksheet, STRUCTURE_HEADERS, ['type', 'count', 'pointsEach']);
    if (structureColumns) structureFound = { worksheet, ...structureColumns };
  }
  if (!nodesFound) throw new BankImportError('INVALID_BLUEPRINT', `${fileName}: no sheet has the columns code, name, weight (and parent)`);

  interface Row {
    rowNumber: number;
    node: BlueprintNode;
    parent: string;
  }
  const rows: Row[] = [];
  const { worksheet, headerRow, columns } = nodesFound;
  const where = (rowNumber: number, field: string) => `${worksheet.name}!${rowNumber} ${columnLetter(columns.get(field as 'code')!)} (${field})`;
  for (let rowNumber = headerRow + 1; rowNumber <= worksheet.rowCount; rowNumber += 1) {
    const row = worksheet.getRow(rowNumber);
    const text = (field: 'code' | 'name' | 'weight' | 'parent') => {
      const column = columns.get(field);
      return column ? cellText(row.getCell(column).value).text.trim() : '';
    };
    const [code, name, weightText, parent] = [text('code'), text('name'), text('weight'), text('parent')];
    if (code === '' && name === '' && weightText === '' && parent === '') continue;
    if (code === '') problems.push(`${where(rowNumber, 'code')}: code is empty`);
    const weight = parseWeight(weightText);
    if (weight === undefined) problems.push(`${where(rowNumber, 'weight')}: weight ${JSON.stringify(weightText)} is not a number`);
    rows.push({ rowNumber, node: { code, name, weight: weight ?? Number.NaN }, parent });
  }

  const byCode = new Map<string, Row>();
  for (const row of rows) {
    if (row.node.code === '') continue;
    const first = byCode.get(row.node.code);
    if (first) problems.push(`${where(row.rowNumber, 'code')}: code ${row.node.code} repeats row ${first.rowNumber}`);
    else byCode.set(row.node.code, row);
  }
  const roots: BlueprintNode[] = [];
  for (const row of rows) {
    if (row.node.code === '' || byCode.get(row.node.code) !== row) continue;
    if (row.parent === '') {
      roots.push(row.node);
      continue;
    }
    const parentRow = byCode.get(row.parent);
    if (!parentRow) {
      problems.push(`${where(row.rowNumber, 'parent')}: parent ${row.parent} is not a code of this sheet`);
      continue;
    }
    let ancestor: Row | undefined = parentRow;
    let isCycle = false;
    for (let steps = 0; ancestor && steps <= rows.length; steps += 1) {
      if (ancestor === row) {
        isCycle = true;
        break;
      }
      ancestor = ancestor.parent === '' ? undefined : byCode.get(ancestor.parent);
    }
    if (isCycle) {
      problems.push(`${where(row.rowNumber, 'parent')}: parent ${row.parent} makes a cycle`);
      continue;
    }
    parentRow.node.children = [...(parentRow.node.children ?? []), row.node];
  }

  const structure: PaperStructureEntry[] = [];
  if (structureFound) {
    const { worksheet: sheet, headerRow: structureHeader, columns: structureColumns } = structureFound;
    for (let rowNumber = structureHeader + 1; rowNumber <= sheet.rowCount; rowNumber += 1) {
      const row = sheet.getRow(rowNumber);
      const text = (field: 'type' | 'count' | 'pointsEach') => cellText(row.getCell(structureColumns.get(field)!).value).text.trim();
      const [typeText, countText, pointsText] = [text('type'), text('count'), text('pointsEach')];
      if (typeText === '' && countText === '' && pointsText === '') continue;
      const type = (['single', 'multiple', 'judge'] as const).find((name) => name === typeText) ?? parseItemType(typeText);
      if (!type) problems.push(`${sheet.name}!${rowNumber} ${columnLetter(structureColumns.get('type')!)} (type): unknown item type ${JSON.stringify(typeText)}`);
      structure.push({ type: (type ?? typeText) as TheoryItemType, count: Number(countText), pointsEach: Number(pointsText) });
    }
  }
  if (problems.length > 0) {
    throw new BankImportError('INVALID_BLUEPRINT', `${fileName}: ${problems.length} problem(s):\n${problems.join('\n')}`, { problems });
  }
  const blueprint: Blueprint = { nodes: roots, structure };
  if (options.validate !== false) assertValidBlueprint(blueprint);
  return blueprint;
}
