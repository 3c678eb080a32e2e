/**
 * Every translation key written literally in the shell and the admin, bank and plans screens exists
 * in both shared language files, and both files hold the same keys (English mirrors zh-CN, the
 * default). used-keys.test.ts checks the keys of every folder, feature bundles included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leafKeys, lookup, sourceFiles } from './i18n-test-kit';
import { en } from './en';
import { zhCN } from './zh-CN';

const sourceDirectory = fileURLToPath(new URL('..', import.meta.url));
/** Source folders and files whose strings live in zh-CN.ts / en.ts. */
const sharedStringSources = ['app.tsx', 'main.tsx', 'api', 'components', 'i18n', 'features/admin', 'features/auth', 'features/bank', 'features/home', 'features/plans'];

const literalKeys = new Set<string>();
const prefixKeys = new Set<string>();
for (const file of sharedStringSources.flatMap((entry) => (entry.endsWith('.tsx') ? [join(sourceDirectory, entry)] : sourceFiles(join(sourceDirectory, entry))))) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/\bt\(\s*'([^'$]+)'/g)) literalKeys.add(match[1]);
  for (const match of text.matchAll(/\bt\(\s*`([^`$]+)\.\$\{/g)) prefixKeys.add(match[1]);
}

describe('translations', () => {
  it('finds the keys used by the screens', () => {
    expect(literalKeys.size).toBeGreaterThan(300);
  });

  it('resolves every literal key to a string in zh-CN and English', () => {
    const missing = [...literalKeys].filter((key) => typeof lookup(zhCN, key) !== 'string' || typeof lookup(en, key) !== 'string');
    expect(missing).toEqual([]);
  });

  it('resolves every key prefix of a computed key to a group in both languages', () => {
    const missing = [...prefixKeys].filter((key) => typeof lookup(zhCN, key) !== 'object' || typeof lookup(en, key) !== 'object');
    expect(missing).toEqual([]);
  });

  it('keeps the same keys in both languages', () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(zhCN).sort());
  });
});
