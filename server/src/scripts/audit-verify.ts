/**
 * `npm run audit:verify`: verifies the hash chain of the audit log (R10, R17) on the configured
 * database. Exits 0 when intact, 1 naming the first broken record, 2 when it could not check.
 * With the embedded store, stop the server first (one process owns DATA_DIR/embedded) or call
 * GET /api/admin/audit/verify instead.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig, completeConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { verifyAuditChain } from '../domain/audit/verify-audit-chain';
import { createLogger } from '../logger';

/**
 * Runs the verification against the database resolved from `env` and writes a report to `write`.
 * @returns the process exit code: 0 intact, 1 broken, 2 error.
 */
export async function runAuditVerify(
  env: NodeJS.ProcessEnv = process.env,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  let stopDatabase: (() => Promise<void>) | undefined;
  try {
    const config = await completeConfig(loadConfig(env));
    const logger = createLogger({ level: env.LOG_LEVEL ? config.logLevel : 'warn' });
    const database = await connectDatabase({ config, logger });
    stopDatabase = () => database.stop();
    const result = await verifyAuditChain();
    if (result.isIntact) {
      write(`audit chain intact: ${result.checkedCount} records, last seq ${result.lastSeq}, last hash ${result.lastHash ?? '-'}`);
      return 0;
    }
    write(`audit chain BROKEN at seq ${result.firstBroken?.seq ?? '?'} (${result.firstBroken?.reason}): ${result.firstBroken?.message}`);
    write(`records verified before the break: ${result.checkedCount}`);
    return 1;
  } catch (error) {
    write(`audit verification failed: ${(error as Error).message}`);
    return 2;
  } finally {
    await stopDatabase?.().catch(() => undefined);
  }
}

function isEntryPoint(): boolean {
  try {
    return Boolean(process.argv[1]) && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  runAuditVerify().then((code) => process.exit(code));
}
