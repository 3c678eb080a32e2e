/**
 * Helpers of the translation-key tests (i18n-keys, used-keys, results/feature-strings): they read
 * the client's source files and look keys up in the language dictionaries. Test-only: nothing in
 * the app imports this file, so it never reaches the bundle.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Paths of the `.ts`/`.tsx` source files under `directory`, recursively, tests excluded. */
export function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The value at the dotted `key` of a nested dictionary, or undefined. */
export function lookup(dictionary: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), dictionary);
}

/** Dotted paths of every leaf (string) of a nested dictionary. */
export function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));
}
