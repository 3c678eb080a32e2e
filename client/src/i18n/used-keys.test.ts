/**
 * Every translation key the client writes resolves in zh-CN (the default) and English, across the
 * whole of client/src: the shared language files (zh-CN.ts, en.ts) merged with every feature bundle
 * that registers its own strings (`features/<area>/<area>-i18n.ts`: reports, scoring, results,
 * certificates, verify, …), exactly as i18next holds them once those bundles have loaded.
 *
 * What counts as a key use: the first argument of `t(…)` — every string literal in it, so
 * `t(isOngoing ? 'a.b' : 'a.c')` checks both — and `i18nKey="…"`. A template with `${…}` is a
 * computed key: its fixed prefix must name a group in both languages (the `group="…"` of a
 * `StatusBadge` likewise), and where the client holds the complete value list (areas, roles,
 * levels, item kinds/types/statuses, batch statuses) every value must be in the group. A call whose
 * key comes from elsewhere (a variable, a helper) must be on {@link opaqueCalls} with the keys it
 * can produce.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lookup, sourceFiles } from './i18n-test-kit';
import i18n from './index';
import { grantableRoles, idTypes } from '../features/admin/admin-types';
import { areaCapability } from '../features/auth/access';
import { itemStatuses, theoryItemTypes } from '../features/bank/bank-types';
import { wizardSteps } from '../features/plans/batch-wizard';
import { passRateDimensions } from '../features/reports/reports-types';

const sourceDirectory = fileURLToPath(new URL('..', import.meta.url));

const files = sourceFiles(sourceDirectory).map((path) => ({ path: relative(sourceDirectory, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }));

// Feature bundles add themselves to i18next when imported (as their areas do at run time).
const featureBundles = files.filter((file) => /-i18n\.ts$/.test(file.path)).map((file) => file.path);
for (const bundle of featureBundles) await import(pathToFileURL(join(sourceDirectory, bundle)).href);

const languages = ['zh-CN', 'en'] as const;
const dictionaries = Object.fromEntries(languages.map((language) => [language, i18n.getResourceBundle(language, 'translation') as unknown])) as Record<
  (typeof languages)[number],
  unknown
>;

/**
 * Translation calls whose key is not written in the call, with every key they can produce; the
 * entry is matched by file and the call's first argument as written.
 */
const opaqueCalls: { file: string; argument: string; keys: string[] }[] = [
  {
    file: 'features/proctor/rooms-page.tsx',
    argument: 'accessLabelKey(entry)',
    keys: ['proctor.access.proctor', 'proctor.access.supervisor', 'proctor.access.observerActing', 'proctor.access.observer'],
  },
  {
    file: 'features/proctor/room-console-page.tsx',
    argument: 'accessLabelKey(access)',
    keys: ['proctor.access.proctor', 'proctor.access.supervisor', 'proctor.access.observerActing', 'proctor.access.observer'],
  },
];

/** Computed keys written as `${group}.${value}` by a shared component that receives the group as a prop (checked through the prop's uses). */
const fullyComputedCalls: { file: string; argument: string }[] = [{ file: 'components/status.tsx', argument: '`${group}.${status}`' }];

/** Computed key groups whose complete value list the client holds: every value must be translated. */
const computedValueLists: Record<string, readonly string[]> = {
  'shell.areas': Object.keys(areaCapability),
  'home.areaDescriptions': Object.keys(areaCapability),
  roles: grantableRoles,
  idTypes,
  levels: ['1', '2', '3', '4', '5'],
  itemKinds: ['theory', 'practical'],
  itemTypes: theoryItemTypes,
  itemStatus: itemStatuses,
  'plans.wizard.stepNames': wizardSteps,
  'reports.passRates.dimensions': passRateDimensions,
};

interface KeyUse {
  file: string;
  argument: string;
}

/** The first argument of the call whose `(` is at `open`, as written. */
function firstArgument(text: string, open: number): string {
  let depth = 0;
  for (let index = open + 1; index < text.length; index += 1) {
    const character = text[index];
    if (character === "'" || character === '"' || character === '`') {
      index = endOfString(text, index);
      continue;
    }
    if (character === '(' || character === '[' || character === '{') depth += 1;
    else if (character === ')' || character === ']' || character === '}') {
      if (depth === 0) return text.slice(open + 1, index).trim();
      depth -= 1;
    } else if (character === ',' && depth === 0) return text.slice(open + 1, index).trim();
  }
  throw new Error(`unterminated call at ${open}`);
}

/** Index of the closing quote of the string or template opened at `start` (templates may nest). */
function endOfString(text: string, start: number): number {
  const quote = text[start];
  for (let index = start + 1; index < text.length; index += 1) {
    const character = text[index];
    if (character === '\\') index += 1;
    else if (character === quote) return index;
    else if (quote === '`' && character === '$' && text[index + 1] === '{') {
      let depth = 0;
      for (index += 1; index < text.length; index += 1) {
        if (text[index] === '`' || text[index] === "'" || text[index] === '"') index = endOfString(text, index);
        else if (text[index] === '{') depth += 1;
        else if (text[index] === '}' && --depth === 0) break;
      }
    }
  }
  throw new Error(`unterminated string at ${start}`);
}

/**
 * String literals and templates of an expression, each with its quote; operands of a comparison
 * (`action === 'void' ? 'a.b' : 'a.c'`) are values, not keys, and are left out.
 */
function literalsOf(argument: string): { quote: string; body: string }[] {
  const found: { quote: string; body: string }[] = [];
  for (let index = 0; index < argument.length; index += 1) {
    const character = argument[index];
    if (character === "'" || character === '"' || character === '`') {
      const end = endOfString(argument, index);
      const isCompared = /[=!]==?\s*$/.test(argument.slice(0, index)) || /^\s*[=!]==?/.test(argument.slice(end + 1));
      if (!isCompared) found.push({ quote: character, body: argument.slice(index + 1, end) });
      index = end;
    }
  }
  return found;
}

const literalKeys = new Map<string, KeyUse[]>();
const computedGroups = new Map<string, KeyUse[]>();
const unexplainedCalls: KeyUse[] = [];
let callCount = 0;

function addUse(map: Map<string, KeyUse[]>, key: string, use: KeyUse): void {
  map.set(key, [...(map.get(key) ?? []), use]);
}

for (const file of files) {
  for (const match of file.text.matchAll(/(?<![\w$.])t\(/g)) {
    callCount += 1;
    const argument = firstArgument(file.text, match.index + 1);
    const use = { file: file.path, argument };
    const literals = literalsOf(argument);
    if (literals.length === 0) {
      const opaque = opaqueCalls.find((entry) => entry.file === file.path && entry.argument === argument);
      if (opaque) for (const key of opaque.keys) addUse(literalKeys, key, use);
      else unexplainedCalls.push(use);
      continue;
    }
    for (const literal of literals) {
      const placeholder = literal.quote === '`' ? literal.body.indexOf('${') : -1;
      if (placeholder === -1) {
        addUse(literalKeys, literal.body, use);
        continue;
      }
      const prefix = literal.body.slice(0, placeholder);
      if (prefix === '') {
        if (!fullyComputedCalls.some((entry) => entry.file === file.path && entry.argument === argument)) unexplainedCalls.push(use);
        continue;
      }
      addUse(computedGroups, prefix.replace(/\.$/, ''), use);
    }
  }
  for (const match of file.text.matchAll(/\bi18nKey=["']([^"']+)["']/g)) addUse(literalKeys, match[1], { file: file.path, argument: match[0] });
  for (const match of file.text.matchAll(/\bgroup="([^"]+)"/g)) addUse(computedGroups, match[1], { file: file.path, argument: match[0] });
}

/** `key (file, file)` lines for a failure message. */
function describeUses(keys: string[], uses: Map<string, KeyUse[]>): string[] {
  return keys.map((key) => `${key} (${[...new Set((uses.get(key) ?? []).map((use) => use.file))].join(', ')})`);
}

describe('translation keys used by the client', () => {
  it('finds the feature bundles and the keys of every screen', () => {
    expect(featureBundles.length).toBeGreaterThanOrEqual(5);
    expect(callCount).toBeGreaterThan(1500);
    expect(literalKeys.size).toBeGreaterThan(1200);
    expect(computedGroups.size).toBeGreaterThan(50);
  });

  it('explains every call whose key is not written in it', () => {
    expect(unexplainedCalls.map((use) => `${use.file}: t(${use.argument})`)).toEqual([]);
  });

  for (const language of languages) {
    it(`resolves every literal key to a string in ${language}`, () => {
      const missing = [...literalKeys.keys()].filter((key) => typeof lookup(dictionaries[language], key) !== 'string');
      expect(describeUses(missing, literalKeys)).toEqual([]);
    });

    it(`resolves the group of every computed key to a group in ${language}`, () => {
      const missing = [...computedGroups.keys()].filter((key) => {
        const group = lookup(dictionaries[language], key);
        return typeof group !== 'object' || group === null;
      });
      expect(describeUses(missing, computedGroups)).toEqual([]);
    });

    it(`translates every value of the computed keys whose values the client knows in ${language}`, () => {
      const missing = Object.entries(computedValueLists).flatMap(([group, values]) =>
        values.filter((value) => typeof lookup(dictionaries[language], `${group}.${value}`) !== 'string').map((value) => `${group}.${value}`),
      );
      expect(missing).toEqual([]);
    });
  }

  it('checks only computed groups the screens use', () => {
    expect(Object.keys(computedValueLists).filter((group) => !computedGroups.has(group))).toEqual([]);
  });
});
