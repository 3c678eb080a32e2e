/**
 * Reads an uploaded theory bank: the de-facto xlsx template through bank-tools `importTheoryBank`
 * (every row becomes an item or a row error naming row, column and reason) or the JSON document of
 * `exportTheoryBankJson`. Pictures are renamed to content ids so they never collide across files.
 */
import { createHash } from 'node:crypto';
import { importTheoryBank } from '@skillcert/bank-tools/importers/import-theory-bank';
import type { ImportReport } from '@skillcert/bank-tools/importers/import-report';
import { parseTheoryBankJson } from '@skillcert/bank-tools/export/theory-bank-json';
import type { TheoryItem } from '@skillcert/bank-tools/types';
import { translateBankToolErrors } from './bank-tool-errors';
import type { BankImportImage } from './bank-import.model';

/** A parsed bank file. */
export interface ParsedBankFile {
  format: 'xlsx' | 'json';
  report: Omit<ImportReport, 'images'>;
  images: BankImportImage[];
}

function looksLikeJson(bytes: Buffer): boolean {
  const text = bytes.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') || text.startsWith('[');
}

/** Content id of a picture: first 32 hex of its SHA-256 plus its extension. */
export function imageContentId(data: Buffer, extension: string): string {
  const clean = extension.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8) || 'bin';
  return `${createHash('sha256').update(data).digest('hex').slice(0, 32)}.${clean}`;
}

/**
 * Parses `bytes` as xlsx (zip) or JSON.
 * @param onProgress rows done / total while reading an xlsx
 * @throws AppError `validation_failed` when the file is not an xlsx workbook, has no header row,
 *   or is not a valid JSON bank (message names the path or sheet).
 */
export async function parseBankFile(
  fileName: string,
  bytes: Buffer,
  onProgress?: (done: number, total: number) => void,
): Promise<ParsedBankFile> {
  if (looksLikeJson(bytes)) {
    const items = await translateBankToolErrors(() => parseTheoryBankJson(bytes.toString('utf8').replace(/^\uFEFF/, '')), fileName);
    const counts = { single: 0, multiple: 0, judge: 0, total: items.length };
    for (const item of items) counts[item.type] += 1;
    onProgress?.(items.length, items.length);
    return {
      format: 'json',
      report: { file: fileName, items, rejected: [], warnings: [], dataRows: items.length, sheets: [], counts, readMs: 0, parseMs: 0 },
      images: [],
    };
  }
  const report = await translateBankToolErrors(() => importTheoryBank({ file: bytes, fileName }, { onProgress }), fileName);
  const renamed = new Map<string, BankImportImage>();
  for (const image of report.images) {
    const imageId = imageContentId(image.data, image.extension);
    renamed.set(image.id, { imageId, extension: image.extension, data: image.data });
  }
  const items: TheoryItem[] = report.items.map((item) =>
    item.images && item.images.length > 0 ? { ...item, images: item.images.map((id) => renamed.get(id)?.imageId ?? id) } : item,
  );
  const unique = new Map([...renamed.values()].map((image) => [image.imageId, image]));
  const { images: _images, ...rest } = report;
  return { format: 'xlsx', report: { ...rest, items }, images: [...unique.values()] };
}
