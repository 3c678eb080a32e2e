/**
 * HTTP helpers of the whole-batch journey: status checks that print the server's error JSON, raw
 * uploads and binary downloads through supertest agents.
 */
import type supertest from 'supertest';

/** A supertest agent or request factory (anonymous or signed in). */
export type HttpAgent = ReturnType<typeof supertest.agent>;

/** A finished supertest response. */
export type HttpResponse = Awaited<ReturnType<HttpAgent['get']>>;

/**
 * Returns `response.body` when the status is `expected`.
 * @throws Error naming `what`, the status and the body (the server's `{ error }` JSON) otherwise.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers name the body type; untyped JSON otherwise
export function expectStatus<Body = any>(response: HttpResponse, expected: number, what: string): Body {
  if (response.status !== expected) {
    throw new Error(`${what}: expected HTTP ${expected}, got ${response.status} ${JSON.stringify(response.body).slice(0, 2000)}`);
  }
  return response.body as Body;
}

/** Collects a binary response body (PDF, zip, xlsx) into a Buffer (a supertest `.parse` function). */
export function binaryParser(response: unknown, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
  stream.on('error', (error: Error) => callback(error, Buffer.alloc(0)));
}

/** GETs `path` as bytes; throws unless the status is 200. */
export async function downloadBytes(agent: HttpAgent, path: string, what: string): Promise<{ bytes: Buffer; headers: Record<string, string> }> {
  const response = await agent.get(path).buffer(true).parse(binaryParser);
  if (response.status !== 200) throw new Error(`${what}: expected HTTP 200, got ${response.status} ${String(response.body).slice(0, 500)}`);
  return { bytes: response.body as Buffer, headers: response.headers as Record<string, string> };
}

/** Uploads `bytes` as the raw request body with its file name (bank import, roster import). */
export function uploadRaw(agent: HttpAgent, path: string, fileName: string, bytes: Buffer, contentType = 'application/octet-stream') {
  return agent.post(path).set('Content-Type', contentType).set('X-File-Name', encodeURIComponent(fileName)).send(bytes);
}

/** Polls `check` every `intervalMs` until it returns true; throws naming `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
