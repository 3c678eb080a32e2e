/**
 * Saves a file answered by the API (GET exports, POST renders) under the name of its
 * Content-Disposition; a refusal throws the server's error like every other request.
 */
import { ApiError } from '../../api/client';

function fileNameOf(response: Response, fallbackName: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return plain ? decodeURIComponent(plain) : fallbackName;
}

/** What was saved: the file name, its size in bytes and the response headers (e.g. X-Row-Count). */
export interface SavedFile {
  fileName: string;
  bytes: number;
  headers: Headers;
}

/**
 * Requests `path` (GET, or POST with a JSON body when `body` is given) and saves the answer as a
 * download.
 * @throws ApiError with the server's code and message on a non-2xx answer; code `network` when the
 *   server cannot be reached.
 */
export async function saveDownload(path: string, fallbackName: string, body?: unknown): Promise<SavedFile> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', (error as Error).message);
  }
  if (!response.ok) {
    const text = await response.text();
    let error: { code?: string; message?: string; details?: unknown } = {};
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, error.code ?? 'internal', error.message ?? response.statusText, error.details);
  }
  const blob = await response.blob();
  const fileName = fileNameOf(response, fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { fileName, bytes: blob.size, headers: response.headers };
}
