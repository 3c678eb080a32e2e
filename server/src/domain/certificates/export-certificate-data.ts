/**
 * The certificate data report for HR and the guidance body (R13) as xlsx or CSV.
 */
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { recordAudit } from '../audit/record-audit';
import { parseCalendarDate } from '../calendar/calendar-date';
import type { Actor } from '../identity/actor';
import { loadBatch } from '../plans/load-batch';
import { describeIdType } from '../publication/mask-personal-data';
import { certificateLevelNames, type CertificateLevelCode } from './certificate-number';
import { CertificateModel, type CertificateRecord } from './certificate.model';

/** Columns of the report, in order (R13 submission row plus ID type and occupation code). */
export const certificateDataColumns = [
  { key: 'number', header: '证书编号' },
  { key: 'candidateName', header: '姓名' },
  { key: 'idType', header: '证件类型' },
  { key: 'idNumber', header: '证件号码' },
  { key: 'occupationCode', header: '职业编码' },
  { key: 'occupationName', header: '职业名称' },
  { key: 'workType', header: '工种' },
  { key: 'level', header: '等级' },
  { key: 'assessmentDate', header: '考核日期' },
  { key: 'issueDate', header: '发证日期' },
] as const;

/** One report row; every value is text. */
export type CertificateDataRow = Record<(typeof certificateDataColumns)[number]['key'], string>;

/** Filters of the report; all optional, combined with AND. */
export interface CertificateDataFilters {
  batchId?: string;
  /** Issue date range, inclusive, YYYY-MM-DD. */
  issuedFrom?: string;
  issuedTo?: string;
  /** Holder's department as filed (exact match). */
  department?: string;
}

/**
 * Neutralises spreadsheet formula injection (OWASP CSV injection): a value starting with `=`, `+`,
 * `-`, `@`, tab or carriage return gets a leading apostrophe so no spreadsheet evaluates it.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function toRow(certificate: CertificateRecord): CertificateDataRow {
  const names = certificateLevelNames[certificate.level as CertificateLevelCode];
  const row: CertificateDataRow = {
    number: certificate.number,
    candidateName: certificate.holder.candidateName,
    idType: describeIdType(certificate.holder.idType),
    idNumber: certificate.holder.idNumber,
    occupationCode: certificate.occupationCode,
    occupationName: certificate.occupationName,
    workType: certificate.workTypeName,
    level: names ? `${names.grade}/${names.title}` : String(certificate.level),
    assessmentDate: certificate.assessmentDate,
    issueDate: certificate.issueDate,
  };
  for (const key of Object.keys(row) as (keyof CertificateDataRow)[]) row[key] = neutraliseFormula(row[key]);
  return row;
}

/**
 * Rows of the report (R13): valid certificates of the actor's organisation matching `filters`, in
 * number order, values formula-neutralised.
 * @throws AppError `not_found` for a batch of another organisation; `validation_failed` for a bad date.
 */
export async function listCertificateDataRows(actor: Actor, filters: CertificateDataFilters): Promise<CertificateDataRow[]> {
  const query: Record<string, unknown> = { organisationId: new Types.ObjectId(actor.organisationId), status: 'issued' };
  if (filters.batchId) query.batchId = (await loadBatch(actor.organisationId, filters.batchId))._id;
  const issueDate: Record<string, string> = {};
  if (filters.issuedFrom) issueDate.$gte = parseCalendarDate(filters.issuedFrom, 'issuedFrom');
  if (filters.issuedTo) issueDate.$lte = parseCalendarDate(filters.issuedTo, 'issuedTo');
  if (Object.keys(issueDate).length > 0) query.issueDate = issueDate;
  if (filters.department) query['holder.department'] = filters.department;
  const certificates = await CertificateModel.find(query).sort({ number: 1 }).lean<CertificateRecord[]>();
  return certificates.map(toRow);
}

/**
 * The report as an xlsx workbook (sheet `证书数据`, text cells, header row frozen) or a UTF-8 CSV
 * with BOM (so spreadsheet programs read the Chinese correctly). Audited `certificate_data.exported`
 * with the filters and the row count (personal data leaves the platform, R13).
 * @throws as {@link listCertificateDataRows}.
 */
export async function exportCertificateData(options: {
  actor: Actor;
  format: 'xlsx' | 'csv';
  filters: CertificateDataFilters;
}): Promise<{ content: Buffer; contentType: string; fileName: string; rowCount: number }> {
  const rows = await listCertificateDataRows(options.actor, options.filters);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SkillCert';
  const sheet = workbook.addWorksheet('证书数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = certificateDataColumns.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.key === 'number' || column.key === 'idNumber' ? 26 : 14,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  let content: Buffer;
  if (options.format === 'xlsx') {
    content = Buffer.from(await workbook.xlsx.writeBuffer());
  } else {
    const csv = Buffer.from(await workbook.csv.writeBuffer({ formatterOptions: { quoteColumns: true } }));
    content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv]);
  }
  await recordAudit({
    actor: options.actor,
    action: 'certificate_data.exported',
    target: { kind: 'certificate_data', id: options.filters.batchId ?? null },
    payload: { format: options.format, filters: options.filters, rowCount: rows.length },
  });
  const stamp = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return {
    content,
    contentType: options.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
    fileName: `certificate-data-${stamp}.${options.format}`,
    rowCount: rows.length,
  };
}
