/**
 * Structured logging with pino: one JSON line per event on stdout. Secrets, cookies and passwords
 * are redacted wherever they appear in a logged object.
 */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger } from 'pino';

/** Paths pino replaces with `[redacted]` in every log line. */
export const redactedPaths = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'sessionSecret',
  'certificateSigningKey',
  '*.sessionSecret',
  '*.certificateSigningKey',
];

/**
 * Creates the root logger.
 * @param options.level pino level (`silent` turns logging off, used by tests).
 * @param options.destination optional stream (tests capture log lines); stdout by default.
 */
export function createLogger(options: { level: LogLevel; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'skillcert' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
