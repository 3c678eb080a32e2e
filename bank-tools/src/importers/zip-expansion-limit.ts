/**
 * Zip-bomb guard for uploaded workbooks (R17 bank security; hostile input): an xlsx is a zip, and a
 * few hundred kilobytes can inflate to gigabytes. Before exceljs inflates anything, the central
 * directory is read (yauzl, nothing decompressed) and the declared uncompressed sizes are summed.
 */
import yauzl from 'yauzl';
import { BankImportError } from './bank-import-error';

/** Default ceiling of the declared uncompressed size of all entries: 64 MiB (real banks: a few MiB). */
export const defaultMaxUncompressedBytes = 64 * 1024 * 1024;

/** Default ceiling of the number of entries in the archive. */
export const defaultMaxZipEntries = 10_000;

/**
 * Refuses a zip whose entries declare more than `maxUncompressedBytes` in total or that has more than
 * `maxEntries` entries. Sizes are the ones the central directory declares; an entry that lies about
 * its size is still stopped by exceljs's own size check after inflation.
 * @param buffer the uploaded bytes (already known to start with a zip signature).
 * @throws BankImportError `FILE_TOO_LARGE` naming the file, the declared size and the limit;
 *   `NOT_XLSX` when the central directory cannot be read.
 */
export async function assertZipExpansionWithinLimit(
  buffer: Buffer,
  fileName: string,
  limits: { maxUncompressedBytes?: number; maxEntries?: number } = {},
): Promise<void> {
  const maxUncompressedBytes = limits.maxUncompressedBytes ?? defaultMaxUncompressedBytes;
  const maxEntries = limits.maxEntries ?? defaultMaxZipEntries;
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: true }, (error, opened) => (error || !opened ? reject(error) : resolve(opened)));
  }).catch((error: Error) => {
    throw new BankImportError('NOT_XLSX', `${fileName}: not a readable xlsx workbook (${error.message})`);
  });
  if (zip.entryCount > maxEntries) {
    zip.close();
    throw new BankImportError('FILE_TOO_LARGE', `${fileName}: the workbook holds ${zip.entryCount} files; at most ${maxEntries} are accepted`);
  }
  const unreadable = (error: unknown) => new BankImportError('NOT_XLSX', `${fileName}: not a readable xlsx workbook (${(error as Error)?.message ?? String(error)})`);
  await new Promise<void>((resolve, reject) => {
    let total = 0;
    // A corrupted central directory (offsets past the end) makes yauzl's buffer reader throw a
    // RangeError synchronously from readEntry: every call is guarded so it becomes NOT_XLSX.
    const readNext = () => {
      try {
        zip.readEntry();
      } catch (error) {
        try {
          zip.close();
        } catch {
          /* the reader is already unusable */
        }
        reject(unreadable(error));
      }
    };
    zip.on('entry', (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      if (total > maxUncompressedBytes) {
        zip.close();
        reject(
          new BankImportError(
            'FILE_TOO_LARGE',
            `${fileName}: the workbook unpacks to more than ${Math.round(maxUncompressedBytes / 1024 / 1024)} MiB (declared ${Math.round(total / 1024 / 1024)} MiB so far); split it or remove embedded pictures`,
          ),
        );
        return;
      }
      readNext();
    });
    zip.on('end', () => resolve());
    zip.on('error', (error: Error) => reject(unreadable(error)));
    readNext();
  }).catch((error: unknown) => {
    throw error instanceof BankImportError ? error : unreadable(error);
  });
}
