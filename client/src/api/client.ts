/** Typed fetch wrapper for the SkillCert API: JSON in and out, errors as {@link ApiError}. */

/** An error answered by the API: `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Turns a response status and parsed body into an {@link ApiError}. */
function toApiError(status: number, statusText: string, data: unknown): ApiError {
  const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error ?? {};
  return new ApiError(status, error.code ?? (status === 0 ? 'network' : 'internal'), error.message ?? (statusText || 'Request failed'), error.details);
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Calls `path` under the same origin with cookies; throws ApiError with the server's code and
 * message on a non-2xx answer (code `network` when the server cannot be reached).
 */
export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', (error as Error).message);
  }
  const data = parseBody(await response.text());
  if (!response.ok) throw toApiError(response.status, response.statusText, data);
  return data as T;
}

/** Builds `path?query` leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined | null>): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    parameters.set(key, String(value));
  }
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

export const api = {
  get: <T>(path: string) => apiRequest<T>('GET', path),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => apiRequest<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>('PATCH', path, body ?? {}),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};

/** Progress of an upload: bytes sent of the total (fraction 0..1 when the total is known). */
export interface UploadProgress {
  loadedBytes: number;
  totalBytes: number;
}

/**
 * Sends `file` as the raw request body (`Content-Type: application/octet-stream`, file name in the
 * percent-encoded `X-File-Name` header), reporting upload progress; the bank import and roster
 * routes read uploads this way.
 * @throws ApiError as {@link apiRequest}; code `network` when the connection fails.
 */
export function uploadFile<T>(path: string, file: Blob & { name?: string }, onProgress?: (progress: UploadProgress) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.withCredentials = true;
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    if (file.name) request.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    if (onProgress) {
      request.upload.onprogress = (event) => onProgress({ loadedBytes: event.loaded, totalBytes: event.lengthComputable ? event.total : file.size });
    }
    request.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached'));
    request.onload = () => {
      const data = parseBody(request.responseText);
      if (request.status >= 200 && request.status < 300) resolve(data as T);
      else reject(toApiError(request.status, request.statusText, data));
    };
    request.send(file);
  });
}

/**
 * Posts `body` as JSON and saves the answer as a file (exports with a stated reason, R17); the
 * file name comes from Content-Disposition.
 * @throws ApiError as {@link apiRequest}.
 */
export async function downloadFile(path: string, body: unknown, fallbackName: string): Promise<void> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw toApiError(response.status, response.statusText, parseBody(await response.text()));
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const fileName = encoded ? decodeURIComponent(encoded) : (plain ?? fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
