/**
 * Sends a file download (exports, PDFs) that is never cached.
 */
import type { Response } from 'express';

/** `Content-Disposition: attachment` with an RFC 5987 UTF-8 file name. */
export function sendAttachment(response: Response, file: { fileName: string; contentType: string; data: Buffer }): void {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  response.setHeader('Cache-Control', 'no-store');
  response.status(200).end(file.data);
}
