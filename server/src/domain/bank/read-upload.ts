/**
 * File uploads of the bank routes: the raw request body (`Content-Type: application/octet-stream`,
 * or the xlsx / JSON media type) read with Express's own `express.raw` parser, and the file name
 * from the `X-File-Name` header (percent-encoded UTF-8) or the `fileName` query parameter.
 */
import express, { type Request, type Response } from 'express';
import { AppError } from '../../errors';

/** Largest accepted upload, bytes (30 MB). */
export const maximumUploadBytes = 30 * 1024 * 1024;

const rawParser = express.raw({ type: () => true, limit: maximumUploadBytes });

/** An uploaded file. */
export interface Upload {
  fileName: string;
  bytes: Buffer;
}

function readFileName(request: Request, fallback: string): string {
  const header = request.get('x-file-name');
  const query = typeof request.query.fileName === 'string' ? request.query.fileName : undefined;
  let name = query ?? fallback;
  if (header) {
    try {
      name = decodeURIComponent(header);
    } catch {
      throw new AppError('validation_failed', 'headers.x-file-name: is not valid percent-encoded UTF-8');
    }
  }
  name = name.trim().replace(/[\\/]/g, '_');
  if (name === '' || name.length > 255) throw new AppError('validation_failed', 'fileName: must be 1-255 characters');
  return name;
}

/**
 * Reads the uploaded file of `request`.
 * @throws AppError `validation_failed` when the body was sent as a JSON or form body instead of raw
 *   bytes, is empty, exceeds {@link maximumUploadBytes}, or the file name is unusable.
 */
export async function readUpload(request: Request, response: Response, fallbackName = 'upload.xlsx'): Promise<Upload> {
  const fileName = readFileName(request, fallbackName);
  if (!Buffer.isBuffer(request.body)) {
    if (request.is('application/json') || request.is('application/x-www-form-urlencoded') || request.is('multipart/form-data')) {
      throw new AppError('validation_failed', 'body: send the file itself as the request body with Content-Type: application/octet-stream');
    }
    await new Promise<void>((resolve, reject) => {
      rawParser(request, response, (error?: unknown) => (error ? reject(error) : resolve()));
    });
  }
  const bytes = request.body as unknown;
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new AppError('validation_failed', `body: the upload ${fileName} is empty`);
  return { fileName, bytes };
}
