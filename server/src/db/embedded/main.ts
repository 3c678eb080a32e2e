/**
 * Standalone embedded store process:
 *   node --import tsx server/src/db/embedded/main.ts --dbpath DIR [--port N] [--host H]
 *        [--compact-after-bytes BYTES]
 * Prints one JSON line `{"uri": "...", "port": N}` on stdout once listening; logs go to stderr.
 * SIGINT/SIGTERM stop it cleanly (pending journal writes are flushed first).
 */
import { parseArgs } from 'node:util';
import { startEmbeddedStore } from './index';

const { values } = parseArgs({
  options: {
    dbpath: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'compact-after-bytes': { type: 'string' },
  },
});

if (!values.dbpath) {
  process.stderr.write('usage: main.ts --dbpath DIR [--port N] [--host H]\n');
  process.exit(2);
}

const logger = {
  info: (message: string, details?: unknown) => process.stderr.write(JSON.stringify({ level: 'info', message, details }) + '\n'),
  warn: (message: string, details?: unknown) => process.stderr.write(JSON.stringify({ level: 'warn', message, details }) + '\n'),
  error: (message: string, details?: unknown) => process.stderr.write(JSON.stringify({ level: 'error', message, details }) + '\n'),
};

const compactAfter = values['compact-after-bytes'];
const store = await startEmbeddedStore({
  dataDir: values.dbpath,
  port: Number(values.port),
  host: values.host,
  logger,
  compactAfterBytes: compactAfter === undefined ? undefined : Number(compactAfter),
});
process.stdout.write(JSON.stringify({ uri: store.uri, port: store.port }) + '\n');

const shutdown = (): void => {
  store.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error('embedded store: stop failed', { error: String(error) });
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
