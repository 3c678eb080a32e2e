/**
 * Roster 评价员工名册 import (R7 plan roster, R9 eligibility input, R13/R15 ID numbers): an xlsx
 * with one candidate per row becomes applications, or row errors naming row, column and reason.
 * All or nothing: {@link assertImportable} refuses the whole file when any row is bad.
 *
 * Columns (header row found among the first 10 rows; header text matched after removing spaces,
 * `*` and bracketed notes such as `（必填）`):
 * 姓名 name · 证件类型 ID type (blank = 居民身份证) · 证件号码 ID number · 工作单位 employer ·
 * 部门 department · 入职日期 hire date · 本职业年限 years in occupation · 现有证书等级 / 现有证书编号 /
 * 现有证书发证日期 current certificate level / number / issue date (all blank = none) ·
 * 学历 education (may be blank) · 是否派遣 dispatched (是/否) · optional 出生日期 birth date (needed
 * for ID types without one) · optional 申报等级 applied level.
 *
 * Each cell is validated with a zod schema; ID numbers with {@link checkIdNumber}. ID numbers stored
 * as numbers are refused: an 18-digit number does not fit a spreadsheet number without losing digits.
 */
import ExcelJS from 'exceljs';
import { assertZipExpansionWithinLimit } from '@skillcert/bank-tools/importers/zip-expansion-limit';
import { isBankImportError } from '@skillcert/bank-tools/importers/bank-import-error';
import { z } from 'zod';
import type { Level } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';
import { type CalendarDate, isCalendarDate } from '../calendar/calendar-date';
import {
  type CandidateProfile,
  type EducationLevel,
  educationLabels,
  type HeldCertificate,
  parseEducationLevel,
} from './eligibility';
import { checkIdNumber, type IdType, idTypeLabels, parseIdType } from './id-number';

/** Fields of a roster row. */
export type RosterField =
  | 'name'
  | 'idType'
  | 'idNumber'
  | 'employer'
  | 'department'
  | 'hireDate'
  | 'yearsInOccupation'
  | 'certificateLevel'
  | 'certificateNumber'
  | 'certificateIssueDate'
  | 'education'
  | 'isDispatched'
  | 'birthDate'
  | 'appliedLevel';

interface ColumnSpec {
  headers: readonly string[];
  required: boolean;
}

/** Accepted header texts per field (normalised: no spaces, no `*`, no bracketed notes). */
export const rosterColumns: Readonly<Record<RosterField, ColumnSpec>> = Object.freeze({
  name: { headers: ['姓名', 'name'], required: true },
  idType: { headers: ['证件类型', 'idtype'], required: true },
  idNumber: { headers: ['证件号码', '身份证号码', '身份证号', 'idnumber'], required: true },
  employer: { headers: ['工作单位', '单位名称', 'employer'], required: true },
  department: { headers: ['部门', '所在部门', 'department'], required: true },
  hireDate: { headers: ['入职日期', '入职时间', 'hiredate'], required: true },
  yearsInOccupation: { headers: ['本职业年限', '从事本职业年限', '本职业工作年限', 'yearsinoccupation'], required: true },
  certificateLevel: { headers: ['现有证书等级', 'certificatelevel'], required: true },
  certificateNumber: { headers: ['现有证书编号', 'certificatenumber'], required: true },
  certificateIssueDate: { headers: ['现有证书发证日期', 'certificateissuedate'], required: true },
  education: { headers: ['学历', 'education'], required: true },
  isDispatched: { headers: ['是否派遣', '是否劳务派遣', 'dispatched', 'isdispatched'], required: true },
  birthDate: { headers: ['出生日期', 'birthdate'], required: false },
  appliedLevel: { headers: ['申报等级', 'appliedlevel'], required: false },
});

/** The current certificate of a candidate as the roster states it. */
export interface RosterCertificate extends HeldCertificate {
  number?: string;
}

/** One candidate's application from a roster row. */
export interface RosterApplication {
  /** 1-based spreadsheet row. */
  row: number;
  name: string;
  idType: IdType;
  /** Normalised (trimmed, upper case). */
  idNumber: string;
  birthDate?: CalendarDate;
  sex?: 'male' | 'female';
  employer: string;
  department: string;
  hireDate: CalendarDate;
  yearsInOccupation: number;
  currentCertificate?: RosterCertificate;
  education?: EducationLevel;
  isDispatched: boolean;
  /** From 申报等级, else the `level` option, else undefined. */
  appliedLevel?: Level;
}

/** One problem of one row. `column` is letter and header, e.g. `C (证件号码)`. */
export interface RosterRowError {
  row: number;
  field: RosterField;
  column: string;
  columnLetter: string;
  header: string;
  reason: string;
}

/** Result of {@link parseRoster}. Invariant: every data row yields an application or >= 1 error. */
export interface RosterImportResult {
  file: string;
  sheet: string;
  headerRow: number;
  /** Column letter and header per recognised field, e.g. `{ idNumber: 'C (证件号码)' }`. */
  columns: Partial<Record<RosterField, string>>;
  /** Non-blank data rows. */
  dataRows: number;
  applications: RosterApplication[];
  rowErrors: RosterRowError[];
}

/** Options of {@link parseRoster}. */
export interface RosterImportOptions {
  /** File name for messages. */
  file?: string;
  /** Sheet to read; default the first sheet with a roster header. */
  sheetName?: string;
  /** Dates (birth, hire, certificate) after this day are refused. */
  today: CalendarDate;
  /** Applied level when the roster has no 申报等级 column (or the cell is blank). */
  level?: Level;
}

type CellInput = string | number | boolean | Date | undefined;

function normaliseCell(value: ExcelJS.CellValue): CellInput {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return normaliseCell(value.richText.map((part) => part.text).join(''));
    if ('formula' in value || 'sharedFormula' in value) return normaliseCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in value) return normaliseCell((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

function normaliseHeader(text: string): string {
  return text
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊:：]/g, '')
    .toLowerCase();
}

// ---- cell schemas (zod) -------------------------------------------------------------------------

const cellInput = z.custom<CellInput>(() => true);

function describeCell(value: CellInput): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString().slice(0, 10);
  return JSON.stringify(value);
}

const requiredText = (what: string) =>
  cellInput.transform((value, ctx) => {
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: `${what} is required` });
      return z.NEVER;
    }
    if (value instanceof Date) {
      ctx.addIssue({ code: 'custom', message: `${what} must be text, got the date ${describeCell(value)}` });
      return z.NEVER;
    }
    return String(value).trim();
  });

const optionalText = cellInput.transform((value) => (value === undefined ? undefined : value instanceof Date ? describeCell(value) : String(value).trim()));

const excelEpochMs = Date.UTC(1899, 11, 30);

/** `YYYY-MM-DD` text for a date cell (Date, Excel serial number, or text like 2020/3/1, 2020年3月1日, 20200301). */
function dateText(value: Exclude<CellInput, undefined>): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value > 2958465) return undefined;
    return new Date(excelEpochMs + Math.floor(value) * 86_400_000).toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const separated = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const match = separated ?? compact;
  if (!match) return undefined;
  return `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
}

const dateCell = (what: string, today: CalendarDate, required: boolean) =>
  cellInput.transform((value, ctx): CalendarDate | undefined => {
    if (value === undefined) {
      if (required) ctx.addIssue({ code: 'custom', message: `${what} is required` });
      return required ? z.NEVER : undefined;
    }
    const iso = dateText(value);
    if (iso === undefined || !isCalendarDate(iso)) {
      ctx.addIssue({ code: 'custom', message: `${what} ${describeCell(value)} is not a real date (use YYYY-MM-DD)` });
      return z.NEVER;
    }
    if (iso > today) {
      ctx.addIssue({ code: 'custom', message: `${what} ${iso} is in the future (today is ${today})` });
      return z.NEVER;
    }
    return iso;
  });

const levelAliases: ReadonlyMap<string, Level> = (() => {
  const map = new Map<string, Level>();
  const chineseDigits = ['一', '二', '三', '四', '五'];
  const names: Record<Level, string[]> = {
    5: ['初级工', '初级'],
    4: ['中级工', '中级'],
    3: ['高级工', '高级'],
    2: ['技师'],
    1: ['高级技师'],
  };
  for (const level of [1, 2, 3, 4, 5] as Level[]) {
    const digit = chineseDigits[level - 1];
    for (const form of [`${level}`, `${level}级`, `L${level}`, `${digit}级`]) map.set(form.toLowerCase(), level);
    for (const name of names[level]) {
      map.set(name, level);
      map.set(`${digit}级/${name}`, level);
      map.set(`${level}级/${name}`, level);
      map.set(`${digit}级(${name})`, level);
      map.set(`${digit}级（${name}）`, level);
    }
  }
  return map;
})();

/** The level 1-5 named by a cell such as `5`, `五级`, `初级工`, `四级/中级工`; undefined when unknown. */
export function parseLevel(value: string | number): Level | undefined {
  return levelAliases.get(String(value).trim().replace(/\s+/g, '').toLowerCase());
}

const levelCell = (what: string) =>
  cellInput.transform((value, ctx): Level | undefined => {
    if (value === undefined) return undefined;
    const level = typeof value === 'string' || typeof value === 'number' ? parseLevel(value) : undefined;
    if (level === undefined) {
      ctx.addIssue({ code: 'custom', message: `${what} ${describeCell(value)} is not a level 1-5 (e.g. 五级/初级工, 4, 高级技师)` });
      return z.NEVER;
    }
    return level;
  });

const yearsCell = cellInput.transform((value, ctx) => {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.replace(/年$/, '').trim() : '';
  const years = text === '' ? Number.NaN : Number(text);
  if (value === undefined) {
    ctx.addIssue({ code: 'custom', message: '本职业年限 (years in occupation) is required' });
    return z.NEVER;
  }
  if (!Number.isFinite(years) || years < 0 || years > 60) {
    ctx.addIssue({ code: 'custom', message: `本职业年限 (years in occupation) ${describeCell(value)} must be a number of years from 0 to 60` });
    return z.NEVER;
  }
  return years;
});

const yesValues = new Set(['是', 'y', 'yes', 'true', '1', '派遣', '劳务派遣']);
const noValues = new Set(['否', 'n', 'no', 'false', '0', '非派遣']);
const dispatchedCell = cellInput.transform((value, ctx) => {
  const text = typeof value === 'boolean' ? String(value) : value === undefined ? '' : String(value).trim().toLowerCase();
  if (yesValues.has(text)) return true;
  if (noValues.has(text)) return false;
  ctx.addIssue({
    code: 'custom',
    message: value === undefined ? '是否派遣 (dispatched) is required: 是 or 否' : `是否派遣 (dispatched) must be 是 or 否, got ${describeCell(value)}`,
  });
  return z.NEVER;
});

const educationCell = cellInput.transform((value, ctx): EducationLevel | undefined => {
  if (value === undefined) return undefined;
  const education = parseEducationLevel(String(value));
  if (education === undefined) {
    const accepted = Object.values(educationLabels)
      .map((labels) => labels[0])
      .join('、');
    ctx.addIssue({ code: 'custom', message: `学历 (education) ${describeCell(value)} is not one of ${accepted}` });
    return z.NEVER;
  }
  return education;
});

const idTypeCell = cellInput.transform((value, ctx): IdType => {
  if (value === undefined) return 'resident_id';
  const idType = parseIdType(String(value));
  if (idType === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `证件类型 (ID type) ${describeCell(value)} is not one of ${Object.values(idTypeLabels).join('、')}`,
    });
    return z.NEVER;
  }
  return idType;
});

const idNumberCell = cellInput.transform((value, ctx) => {
  if (value === undefined) {
    ctx.addIssue({ code: 'custom', message: '证件号码 (ID number) is required' });
    return z.NEVER;
  }
  if (typeof value === 'number') {
    ctx.addIssue({
      code: 'custom',
      message: `证件号码 (ID number) is stored as a number (${value}), which loses digits; format the column as text and re-enter it`,
    });
    return z.NEVER;
  }
  return String(value);
});

// ---- sheet reading -------------------------------------------------------------------------------

interface HeaderMatch {
  row: number;
  columns: Map<RosterField, { index: number; letter: string; header: string }>;
}

function columnLetter(index: number): string {
  let letters = '';
  for (let rest = index; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

function findHeader(sheet: ExcelJS.Worksheet): HeaderMatch | undefined {
  const lastRow = Math.min(sheet.rowCount, 10);
  for (let rowNumber = 1; rowNumber <= lastRow; rowNumber += 1) {
    const row = sheet.getRow(rowNumber);
    const columns = new Map<RosterField, { index: number; letter: string; header: string }>();
    row.eachCell((cell, index) => {
      const text = normaliseCell(cell.value);
      if (typeof text !== 'string') return;
      const normalised = normaliseHeader(text);
      for (const [field, spec] of Object.entries(rosterColumns) as [RosterField, ColumnSpec][]) {
        if (!columns.has(field) && spec.headers.some((header) => normaliseHeader(header) === normalised)) {
          columns.set(field, { index, letter: columnLetter(index), header: text });
        }
      }
    });
    if (columns.has('name') && columns.has('idNumber')) return { row: rowNumber, columns };
  }
  return undefined;
}

async function loadWorkbook(data: Buffer | Uint8Array | ArrayBuffer, file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
  try {
    await assertZipExpansionWithinLimit(buffer, file);
  } catch (error) {
    // Only the size refusal is reported from here; an unreadable file is reported by exceljs below.
    if (isBankImportError(error) && error.code === 'FILE_TOO_LARGE') {
      throw new AppError('validation_failed', `roster: ${error.message}`, { reason: error.code, file });
    }
  }
  try {
    // exceljs declares its own `Buffer extends ArrayBuffer`, which Node's generic Buffer does not satisfy.
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new AppError('validation_failed', `${file} is not a readable xlsx workbook: ${(error as Error).message}`, { file });
  }
  return workbook;
}

/**
 * Reads a roster workbook into applications and row errors (R7 roster, R9 inputs).
 * Blank rows are skipped; duplicate ID numbers are row errors (the later row).
 * @param data the xlsx file's bytes.
 * @throws AppError `validation_failed` when the file is not an xlsx workbook, no sheet has a header
 *   row with 姓名 and 证件号码, or a required column is missing (the message lists them and the
 *   headers found). Bad rows never throw: they are in `rowErrors`.
 */
export async function parseRoster(data: Buffer | Uint8Array | ArrayBuffer, options: RosterImportOptions): Promise<RosterImportResult> {
  const file = options.file ?? 'roster.xlsx';
  const workbook = await loadWorkbook(data, file);
  const sheets = options.sheetName === undefined ? workbook.worksheets : [workbook.getWorksheet(options.sheetName)];
  if (sheets[0] === undefined) {
    throw new AppError('validation_failed', `${file} has no sheet named ${options.sheetName}`, { file, sheet: options.sheetName });
  }
  let sheet: ExcelJS.Worksheet | undefined;
  let header: HeaderMatch | undefined;
  for (const candidate of sheets) {
    if (!candidate) continue;
    header = findHeader(candidate);
    if (header) {
      sheet = candidate;
      break;
    }
  }
  if (!sheet || !header) {
    throw new AppError(
      'validation_failed',
      `${file}: no sheet has a roster header row (姓名 and 证件号码) within its first 10 rows`,
      { file },
    );
  }
  const missing = (Object.entries(rosterColumns) as [RosterField, ColumnSpec][])
    .filter(([field, spec]) => spec.required && !header.columns.has(field))
    .map(([, spec]) => spec.headers[0]);
  if (missing.length > 0) {
    const found = [...header.columns.values()].map((column) => `${column.letter} (${column.header})`).join(', ');
    throw new AppError(
      'validation_failed',
      `${file} sheet ${sheet.name} row ${header.row}: missing column(s) ${missing.join(', ')}; found ${found}`,
      { file, sheet: sheet.name, headerRow: header.row, missing },
    );
  }

  const columnOf = (field: RosterField) => header.columns.get(field);
  const columns: Partial<Record<RosterField, string>> = {};
  for (const [field, column] of header.columns) columns[field] = `${column.letter} (${column.header})`;

  const applications: RosterApplication[] = [];
  const rowErrors: RosterRowError[] = [];
  const rowByIdNumber = new Map<string, number>();
  let dataRows = 0;

  const schemas = {
    name: requiredText('姓名 (name)'),
    idType: idTypeCell,
    idNumber: idNumberCell,
    employer: requiredText('工作单位 (employer)'),
    department: requiredText('部门 (department)'),
    hireDate: dateCell('入职日期 (hire date)', options.today, true),
    yearsInOccupation: yearsCell,
    certificateLevel: levelCell('现有证书等级 (current certificate level)'),
    certificateNumber: optionalText,
    certificateIssueDate: dateCell('现有证书发证日期 (certificate issue date)', options.today, false),
    education: educationCell,
    isDispatched: dispatchedCell,
    birthDate: dateCell('出生日期 (birth date)', options.today, false),
    appliedLevel: levelCell('申报等级 (applied level)'),
  } satisfies Record<RosterField, z.ZodType>;

  for (let rowNumber = header.row + 1; rowNumber <= sheet.rowCount; rowNumber += 1) {
    const row = sheet.getRow(rowNumber);
    const cells = new Map<RosterField, CellInput>();
    for (const [field, column] of header.columns) cells.set(field, normaliseCell(row.getCell(column.index).value));
    if ([...cells.values()].every((value) => value === undefined)) continue;
    dataRows += 1;

    const errors: RosterRowError[] = [];
    const addError = (field: RosterField, reason: string) => {
      const column = columnOf(field);
      errors.push({
        row: rowNumber,
        field,
        column: column ? `${column.letter} (${column.header})` : field,
        columnLetter: column?.letter ?? '',
        header: column?.header ?? '',
        reason,
      });
    };
    const parse = <F extends RosterField>(field: F): z.output<(typeof schemas)[F]> | undefined => {
      const result = schemas[field].safeParse(cells.get(field));
      if (result.success) return result.data as z.output<(typeof schemas)[F]>;
      for (const issue of result.error.issues) addError(field, issue.message);
      return undefined;
    };

    const name = parse('name');
    const idType = parse('idType');
    const idNumberText = parse('idNumber');
    const employer = parse('employer');
    const department = parse('department');
    const hireDate = parse('hireDate');
    const yearsInOccupation = parse('yearsInOccupation');
    const certificateLevel = parse('certificateLevel');
    const certificateNumber = parse('certificateNumber');
    const certificateIssueDate = parse('certificateIssueDate');
    const education = parse('education');
    const isDispatched = parse('isDispatched');
    const birthDateCell = header.columns.has('birthDate') ? parse('birthDate') : undefined;
    const appliedLevelCell = header.columns.has('appliedLevel') ? parse('appliedLevel') : undefined;

    let idNumber: string | undefined;
    let birthDate = birthDateCell;
    let sex: 'male' | 'female' | undefined;
    if (idType !== undefined && idNumberText !== undefined) {
      const check = checkIdNumber(idType, idNumberText, { today: options.today });
      if (!check.isValid) {
        for (const problem of check.problems) addError('idNumber', problem.message);
      } else {
        idNumber = check.idNumber;
        sex = check.sex;
        if (check.birthDate !== undefined) {
          if (birthDateCell !== undefined && birthDateCell !== check.birthDate) {
            addError('birthDate', `出生日期 (birth date) ${birthDateCell} differs from ${check.birthDate} in the ID number`);
          }
          birthDate = check.birthDate;
        }
        const duplicateOf = rowByIdNumber.get(check.idNumber);
        if (duplicateOf !== undefined) {
          addError('idNumber', `证件号码 (ID number) ${check.idNumber} already appears in row ${duplicateOf}`);
        } else {
          rowByIdNumber.set(check.idNumber, rowNumber);
        }
      }
    }

    const hasCertificate = [cells.get('certificateLevel'), cells.get('certificateNumber'), cells.get('certificateIssueDate')].some(
      (value) => value !== undefined,
    );
    if (hasCertificate) {
      if (cells.get('certificateLevel') === undefined) {
        addError('certificateLevel', '现有证书等级 (current certificate level) is required when a certificate number or issue date is given');
      }
      if (cells.get('certificateIssueDate') === undefined) {
        addError('certificateIssueDate', '现有证书发证日期 (certificate issue date) is required when a certificate level or number is given');
      }
    }
    if (birthDate !== undefined && certificateIssueDate !== undefined && certificateIssueDate < birthDate) {
      addError('certificateIssueDate', `现有证书发证日期 (certificate issue date) ${certificateIssueDate} is before the birth date ${birthDate}`);
    }
    if (birthDate !== undefined && hireDate !== undefined && hireDate < birthDate) {
      addError('hireDate', `入职日期 (hire date) ${hireDate} is before the birth date ${birthDate}`);
    }

    if (errors.length > 0) {
      rowErrors.push(...errors);
      continue;
    }
    applications.push({
      row: rowNumber,
      name: name!,
      idType: idType!,
      idNumber: idNumber!,
      ...(birthDate !== undefined ? { birthDate } : {}),
      ...(sex !== undefined ? { sex } : {}),
      employer: employer!,
      department: department!,
      hireDate: hireDate!,
      yearsInOccupation: yearsInOccupation!,
      ...(certificateLevel !== undefined && certificateIssueDate !== undefined
        ? {
            currentCertificate: {
              level: certificateLevel,
              issueDate: certificateIssueDate,
              ...(certificateNumber ? { number: certificateNumber } : {}),
            },
          }
        : {}),
      ...(education !== undefined ? { education } : {}),
      isDispatched: isDispatched!,
      ...((appliedLevelCell ?? options.level) !== undefined ? { appliedLevel: appliedLevelCell ?? options.level } : {}),
    });
  }

  return { file, sheet: sheet.name, headerRow: header.row, columns, dataRows, applications, rowErrors };
}

/**
 * All or nothing: the applications when every row is good.
 * @throws AppError `validation_failed` when any row has an error (message: how many rows and the
 *   first error with row and column; details `{ file, sheet, rowErrors }`) or the roster has no
 *   candidates.
 */
export function assertImportable(result: RosterImportResult): RosterApplication[] {
  if (result.rowErrors.length > 0) {
    const badRows = new Set(result.rowErrors.map((error) => error.row)).size;
    const first = result.rowErrors[0];
    throw new AppError(
      'validation_failed',
      `${result.file}: ${badRows} of ${result.dataRows} rows have errors, nothing imported; first: row ${first.row}, ` +
        `column ${first.column}: ${first.reason}`,
      { file: result.file, sheet: result.sheet, rowErrors: result.rowErrors },
    );
  }
  if (result.applications.length === 0) {
    throw new AppError('validation_failed', `${result.file}: the roster has no candidate rows`, { file: result.file, sheet: result.sheet });
  }
  return result.applications;
}

/** The eligibility input (R9) of a roster application. */
export function toCandidateProfile(application: RosterApplication): CandidateProfile {
  return {
    name: application.name,
    ...(application.birthDate !== undefined ? { birthDate: application.birthDate } : {}),
    employmentType: application.isDispatched ? 'dispatched' : 'employee',
    employer: application.employer,
    hireDate: application.hireDate,
    yearsInOccupation: application.yearsInOccupation,
    certificates: application.currentCertificate ? [application.currentCertificate] : [],
    ...(application.education !== undefined ? { education: application.education } : {}),
  };
}
