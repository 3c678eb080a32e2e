/**
 * Zips files in memory with `archiver` (deflate), for the batch archive (R16) and batch certificate
 * renders (R15).
 */
import { PassThrough } from 'node:stream';
import archiver from 'archiver';

/** A file to put in a zip: its path inside the zip (forward slashes) and content. */
export interface ZipEntry {
  path: string;
  content: Buffer | string;
  /** Modification time written into the zip; default now. */
  date?: Date;
}

/**
 * Zips `entries` in the given order and returns the zip bytes.
 * @throws Error from archiver (for example a duplicate or absolute path is not checked here; pass
 *   unique relative paths).
 */
export async function zipFiles(entries: readonly ZipEntry[]): Promise<Buffer> {
  const archive = archiver('zip', { zlib: { level: 6 } });
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
    archive.on('error', reject);
    archive.on('warning', reject);
  });
  archive.pipe(sink);
  for (const entry of entries) {
    archive.append(typeof entry.content === 'string' ? Buffer.from(entry.content, 'utf8') : entry.content, {
      name: entry.path,
      ...(entry.date ? { date: entry.date } : {}),
    });
  }
  await archive.finalize();
  await finished;
  return Buffer.concat(chunks);
}
