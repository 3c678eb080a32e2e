/**
 * BSON value helpers for the embedded store: MongoDB's cross-type comparison order, canonical
 * equality keys (used by `_id` and index maps), immutable-safe cloning, dotted-path traversal
 * and the shell-like value formatting used in duplicate-key messages.
 */
import { Binary, Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';

/** A stored document: a plain object whose values are JS primitives, arrays or bson classes. */
export type Doc = Record<string, unknown>;

/** True for `{}`-style objects (not arrays, Dates, RegExps or bson class instances). */
export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function bsonTypeName(value: object): string | undefined {
  return (value as { _bsontype?: string })._bsontype;
}

/** True when the value is numeric in BSON terms (number, Long, Decimal128, Int32, Double). */
export function isNumeric(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'bigint') return true;
  if (value === null || typeof value !== 'object') return false;
  const t = bsonTypeName(value);
  return t === 'Long' || t === 'Decimal128' || t === 'Int32' || t === 'Double';
}

/** Numeric value as a JS number (Decimal128 and large Long values are approximated). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Decimal128) return Number(value.toString());
  const t = value !== null && typeof value === 'object' ? bsonTypeName(value) : undefined;
  if (t === 'Int32' || t === 'Double') return (value as { value: number }).value;
  return Number.NaN;
}

/**
 * Rank of a value's type in MongoDB's comparison/sort order:
 * MinKey < null/missing < numbers < strings < objects < arrays < BinData < ObjectId < bool
 * < Date < Timestamp < RegExp < MaxKey.
 */
export function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 2;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
    case 'object':
      break;
    default:
      return 4;
  }
  if (Array.isArray(value)) return 6;
  if (value instanceof Date) return 10;
  if (value instanceof RegExp) return 12;
  const t = bsonTypeName(value as object);
  switch (t) {
    case undefined:
      return 5;
    case 'MinKey':
      return 1;
    case 'MaxKey':
      return 13;
    case 'Long':
    case 'Decimal128':
    case 'Int32':
    case 'Double':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    default:
      return 5;
  }
}

function compareNumbers(a: unknown, b: unknown): number {
  if (a instanceof Long && b instanceof Long) return a.compare(b);
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1; // NaN sorts below all numbers
  if (Number.isNaN(y)) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800) return true;
  }
  return false;
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 code-unit order equals UTF-8 byte order except for code units >= 0xD800.
  if (hasSurrogate(a) || hasSurrogate(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}

/** Compares two BSON values in MongoDB's total order; returns -1, 0 or 1. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
    case 2:
    case 13:
      return 0;
    case 3:
      return compareNumbers(a, b);
    case 4:
      return compareStrings(String(a), String(b));
    case 5:
      return compareObjects(a as Doc, b as Doc);
    case 6: {
      const x = a as unknown[];
      const y = b as unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
    case 7: {
      const x = a as Binary;
      const y = b as Binary;
      if (x.position !== y.position) return x.position < y.position ? -1 : 1;
      if (x.sub_type !== y.sub_type) return x.sub_type < y.sub_type ? -1 : 1;
      return Buffer.compare(Buffer.from(x.buffer.subarray(0, x.position)), Buffer.from(y.buffer.subarray(0, y.position)));
    }
    case 8:
      return compareStrings((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 9:
      return a === b ? 0 : a ? 1 : -1;
    case 10: {
      const x = (a as Date).getTime();
      const y = (b as Date).getTime();
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 11: {
      const x = a as Timestamp;
      const y = b as Timestamp;
      return x.compare(y);
    }
    case 12: {
      const x = a as RegExp;
      const y = b as RegExp;
      const c = compareStrings(x.source, y.source);
      return c !== 0 ? c : compareStrings(x.flags, y.flags);
    }
    default:
      return 0;
  }
}

function compareObjects(a: Doc, b: Doc): number {
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const va = a[ka[i]];
    const vb = b[kb[i]];
    const rt = typeRank(va) - typeRank(vb);
    if (rt !== 0) return rt < 0 ? -1 : 1;
    const kc = compareStrings(ka[i], kb[i]);
    if (kc !== 0) return kc;
    const vc = compareValues(va, vb);
    if (vc !== 0) return vc;
  }
  return ka.length === kb.length ? 0 : ka.length < kb.length ? -1 : 1;
}

function numberKey(n: number): string {
  if (Object.is(n, -0)) return 'n0';
  return 'n' + String(n);
}

/**
 * Canonical string for BSON equality: two values have the same key exactly when MongoDB
 * considers them equal (1, 1.0 and Long(1) share a key; field order in objects matters).
 */
export function valueKey(value: unknown): string {
  if (value === undefined || value === null) return 'N';
  switch (typeof value) {
    case 'number':
      return numberKey(value);
    case 'string':
      return 's' + value;
    case 'boolean':
      return value ? 'b1' : 'b0';
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? numberKey(Number(value)) : 'n' + value.toString();
    default:
      break;
  }
  if (Array.isArray(value)) return 'a' + JSON.stringify(value.map(valueKey));
  if (value instanceof Date) return 'd' + value.getTime();
  if (value instanceof RegExp) return 'r' + value.source + '/' + value.flags;
  const t = bsonTypeName(value as object);
  switch (t) {
    case 'ObjectId':
      return 'o' + (value as ObjectId).toHexString();
    case 'Long': {
      const l = value as Long;
      const n = l.toNumber();
      return Number.isSafeInteger(n) ? numberKey(n) : 'n' + l.toString();
    }
    case 'Decimal128': {
      const s = (value as Decimal128).toString();
      const n = Number(s);
      return Number.isFinite(n) && String(n) === s.replace(/\.?0+$/, '') ? numberKey(n) : 'n' + s;
    }
    case 'Int32':
    case 'Double':
      return numberKey((value as { value: number }).value);
    case 'Binary': {
      const b = value as Binary;
      return 'x' + b.sub_type + ':' + Buffer.from(b.buffer.subarray(0, b.position)).toString('base64');
    }
    case 'Timestamp':
      return 't' + (value as Timestamp).toString();
    case 'MinKey':
      return '<min>';
    case 'MaxKey':
      return '<max>';
    case 'BSONRegExp': {
      const r = value as { pattern: string; options: string };
      return 'r' + r.pattern + '/' + r.options;
    }
    case undefined: {
      const doc = value as Doc;
      const parts: string[] = [];
      for (const k of Object.keys(doc)) {
        if (doc[k] === undefined) continue;
        parts.push(JSON.stringify(k), valueKey(doc[k]));
      }
      return 'O{' + parts.join(',') + '}';
    }
    default:
      return 'X' + t + ':' + String(value);
  }
}

/**
 * Deep copy of plain objects, arrays and Dates; bson class instances (immutable in practice) are
 * shared. Stored documents are never mutated, so every update works on such a copy.
 */
export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (!isPlainObject(value)) return value;
  const out: Doc = {};
  for (const k of Object.keys(value)) out[k] = cloneValue((value as Doc)[k]);
  return out as T;
}

/**
 * Every value reachable at a dotted path, expanding arrays the way MongoDB's matcher and
 * multikey indexes do (a superset is acceptable: callers use it to narrow candidates).
 * A missing path yields `[undefined]`. Arrays at the end of the path yield their elements
 * (and `undefined` for an empty array); `wholeArrays` additionally yields the arrays themselves.
 */
export function pathValues(doc: unknown, path: string, wholeArrays = false): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out, wholeArrays);
  if (out.length === 0) out.push(undefined);
  return out;
}

function collect(value: unknown, parts: string[], i: number, out: unknown[], wholeArrays: boolean): void {
  if (i === parts.length) {
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(undefined);
      for (const e of value) out.push(e);
      if (wholeArrays) out.push(value);
    } else {
      out.push(value);
    }
    return;
  }
  if (value === null || typeof value !== 'object') {
    out.push(undefined);
    return;
  }
  const part = parts[i];
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part)) {
      const idx = Number(part);
      if (idx < value.length) collect(value[idx], parts, i + 1, out, wholeArrays);
    }
    let any = false;
    for (const e of value) {
      if (e !== null && typeof e === 'object' && !Array.isArray(e)) {
        any = true;
        collect(e, parts, i, out, wholeArrays);
      }
    }
    if (!any) out.push(undefined);
    return;
  }
  if (!isPlainObject(value)) {
    out.push(undefined);
    return;
  }
  collect(value[part], parts, i + 1, out, wholeArrays);
}

/** The value at a dotted path without array expansion (undefined when absent). */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Doc)[part];
  }
  return cur;
}

/** Sets a dotted path on a plain-object tree, creating intermediate objects. */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = cur[parts[i]];
    if (!isPlainObject(next)) cur[parts[i]] = {};
    cur = cur[parts[i]] as Doc;
  }
  cur[parts[parts.length - 1]] = value;
}

/** Formats a value the way mongod prints it in error messages (`"x"`, `ObjectId('…')`). */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return '[ ' + value.map(formatValue).join(', ') + ' ]';
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    return '{ ' + keys.map((k) => `${k}: ${formatValue(value[k])}`).join(', ') + ' }';
  }
  return String(value);
}

/** Sort key of a document for one field: min element ascending, max element descending. */
export function sortValue(doc: Doc, path: string, direction: 1 | -1): unknown {
  const raw = getPath(doc, path);
  if (!path.includes('.') && !Array.isArray(raw)) return raw;
  const values = pathValues(doc, path);
  if (Array.isArray(raw) && raw.length === 0 && values.length === 1) return EMPTY_ARRAY_SORT;
  let best: unknown = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareValues(values[i], best);
    if ((direction === 1 && c < 0) || (direction === -1 && c > 0)) best = values[i];
  }
  return best;
}

/** An empty array sorts before null/missing in MongoDB. */
const EMPTY_ARRAY_SORT = new MinKey();

/** Sorts documents by a specification, computing each document's sort keys once (stable). */
export function sortBySpec(docs: Doc[], spec: Record<string, 1 | -1>): Doc[] {
  const fields = Object.entries(spec);
  const keyed = docs.map((doc, index) => ({ doc, index, keys: fields.map(([path, dir]) => sortValue(doc, path, dir)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]);
      if (c !== 0) return fields[i][1] === 1 ? c : -c;
    }
    return a.index - b.index;
  });
  return keyed.map((k) => k.doc);
}

/** Builds a comparator for a MongoDB sort specification (`{ a: 1, b: -1 }`). */
export function makeSortComparator(spec: Record<string, 1 | -1>): (a: Doc, b: Doc) => number {
  const fields = Object.entries(spec);
  return (a, b) => {
    for (const [path, dir] of fields) {
      const c = compareValues(sortValue(a, path, dir), sortValue(b, path, dir));
      if (c !== 0) return dir === 1 ? c : -c;
    }
    return 0;
  };
}

export { MaxKey, MinKey };

const CANONICAL_BSON_TYPES = new Set(['ObjectId', 'Binary', 'Decimal128', 'Timestamp', 'MinKey', 'MaxKey', 'Code', 'DBRef', 'BSONRegExp']);

/**
 * True when `value` is already exactly what deserialising its BSON would produce (no
 * `undefined`, Int32/Double wrappers, safe-range Longs, Buffers, DBRef-shaped objects, …),
 * so a write can store it without a serialise/deserialise round trip.
 */
export function isCanonical(value: unknown, depth = 0): boolean {
  if (depth > 200) return false;
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'number':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isCanonical(value[i], depth + 1)) return false;
    return true;
  }
  if (value instanceof Date) return true;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const doc = value as Doc;
    if ('$ref' in doc && '$id' in doc) return false;
    for (const k in doc) if (!isCanonical(doc[k], depth + 1)) return false;
    return true;
  }
  const t = bsonTypeName(value as object);
  if (t === 'Long') return !Number.isSafeInteger((value as Long).toNumber());
  if (t === 'Binary') return proto === Binary.prototype;
  return t !== undefined && CANONICAL_BSON_TYPES.has(t);
}
