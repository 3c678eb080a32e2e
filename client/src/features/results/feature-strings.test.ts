/**
 * Every translation key written literally in the scoring, results, certificates and verify screens
 * resolves in zh-CN and English — their own bundles (`scoring.*`, `results.*`, `certificates.*`,
 * `verify.*`) merged over the shared language files — and each bundle has the same keys in both
 * languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leafKeys, lookup, sourceFiles } from '../../i18n/i18n-test-kit';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { certificatesEn, certificatesZhCN } from '../certificates/certificates-i18n';
import { scoringEn, scoringZhCN } from '../scoring/scoring-i18n';
import { verifyEn, verifyZhCN } from '../verify/verify-i18n';
import { resultsEn, resultsZhCN } from './results-i18n';

const featuresDirectory = fileURLToPath(new URL('..', import.meta.url));
const folders = ['scoring', 'results', 'certificates', 'verify'];

const dictionaries = {
  'zh-CN': { ...zhCN, scoring: scoringZhCN, results: resultsZhCN, certificates: certificatesZhCN, verify: verifyZhCN },
  en: { ...en, scoring: scoringEn, results: resultsEn, certificates: certificatesEn, verify: verifyEn },
};

const literalKeys = new Set<string>();
const prefixKeys = new Set<string>();
for (const file of folders.flatMap((folder) => sourceFiles(join(featuresDirectory, folder)))) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/\bt\(\s*'([^'$]+)'/g)) literalKeys.add(match[1]);
  for (const match of text.matchAll(/\bt\(\s*`([^`$]+)\.\$\{/g)) prefixKeys.add(match[1]);
  for (const match of text.matchAll(/group="([^"]+)"/g)) prefixKeys.add(match[1]);
}

describe('scoring, results, certificates and verify strings', () => {
  it('finds the keys used by the screens', () => {
    expect(literalKeys.size).toBeGreaterThan(250);
  });

  it('resolves every literal key to a string in zh-CN and English', () => {
    for (const dictionary of Object.values(dictionaries)) {
      expect([...literalKeys].filter((key) => typeof lookup(dictionary, key) !== 'string')).toEqual([]);
    }
  });

  it('resolves every key prefix of a computed key to a group in both languages', () => {
    for (const dictionary of Object.values(dictionaries)) {
      expect([...prefixKeys].filter((key) => typeof lookup(dictionary, key) !== 'object')).toEqual([]);
    }
  });

  it('keeps the same keys in both languages', () => {
    for (const [zh, english] of [
      [scoringZhCN, scoringEn],
      [resultsZhCN, resultsEn],
      [certificatesZhCN, certificatesEn],
      [verifyZhCN, verifyEn],
    ]) {
      expect(leafKeys(english).sort()).toEqual(leafKeys(zh).sort());
    }
  });
});
