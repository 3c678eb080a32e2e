/**
 * CSV for archive tables (R16) through exceljs (its fast-csv writer): UTF-8 with BOM, every field
 * quoted, values formula-neutralised.
 */
import ExcelJS from 'exceljs';
import { neutraliseFormula } from '../certificates/export-certificate-data';

/** A CSV of `rows` under `headers` (same order). Numbers and booleans are written as text. */
export async function writeCsv(headers: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  sheet.addRow([...headers]);
  for (const row of rows) sheet.addRow(row.map((value) => neutraliseFormula(value === null || value === undefined ? '' : String(value))));
  const csv = Buffer.from(await workbook.csv.writeBuffer({ formatterOptions: { quoteColumns: true } }));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv]);
}
