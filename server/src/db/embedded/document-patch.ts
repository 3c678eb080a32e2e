/**
 * Field-level patches for the embedded store's journal: an update journals only the fields it
 * changed instead of the whole new document, so a 4 KB exam attempt saved 200 times a second
 * writes a few hundred bytes per save (issue 7, benchmark (b)) and the journal reaches its
 * compaction threshold far less often.
 *
 * Invariant the journal relies on: `applyPatch(before, diffDocuments(before, after))` is equal to
 * `after` field by field AND in key order (BSON is ordered; a replay must rebuild byte-identical
 * documents). When a patch cannot guarantee that (the root's key order changed, e.g. a
 * replacement-style update), {@link diffDocuments} returns null and the caller journals the full
 * document.
 */
import { isPlainObject, valueKey, type Doc } from './bson-values';

/** Changes from one document version to the next; paths are lists of field names. */
export interface DocumentPatch {
  /** Fields to assign, in order (existing keys keep their position, new keys are appended). */
  set: Array<{ path: string[]; value: unknown }>;
  /** Fields to delete, applied before `set`. */
  unset: string[][];
}

/** Defines `key` on `target` as an own data property (also for the key `__proto__`). */
function assignKey(target: Doc, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/**
 * Deep equality that also distinguishes what BSON distinguishes: key order, `0` vs `-0` (int32
 * vs double), array vs object. Other BSON values compare by type and value.
 */
function isSameValue(left: unknown, right: unknown): boolean {
  if (Object.is(left, right)) return true;
  if (left === null || right === null || typeof left !== 'object' || typeof right !== 'object') return false;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) if (!isSameValue(left[i], right[i])) return false;
    return true;
  }
  if (left instanceof Date || right instanceof Date) {
    return left instanceof Date && right instanceof Date && Object.is(left.getTime(), right.getTime());
  }
  if (isPlainObject(left) || isPlainObject(right)) {
    if (!isPlainObject(left) || !isPlainObject(right)) return false;
    const leftKeys = Object.keys(left);
    const rightKeys = Object.keys(right);
    if (leftKeys.length !== rightKeys.length) return false;
    for (let i = 0; i < leftKeys.length; i++) {
      if (leftKeys[i] !== rightKeys[i] || !isSameValue(left[leftKeys[i]], right[rightKeys[i]])) return false;
    }
    return true;
  }
  return Object.getPrototypeOf(left) === Object.getPrototypeOf(right) && valueKey(left) === valueKey(right);
}

/**
 * True when copying `before`, deleting the keys missing from `after` and then assigning the keys
 * new in `after` (in `after`'s order) yields `after`'s key order. JS objects list integer-like keys
 * first in numeric order, so the check replays the assignment on a probe object.
 */
function isOrderReproducible(beforeKeys: string[], afterKeys: string[], after: Doc, before: Doc): boolean {
  const probe: Doc = {};
  for (const key of beforeKeys) if (Object.hasOwn(after, key)) assignKey(probe, key, true);
  for (const key of afterKeys) if (!Object.hasOwn(before, key)) assignKey(probe, key, true);
  const probeKeys = Object.keys(probe);
  if (probeKeys.length !== afterKeys.length) return false;
  for (let i = 0; i < probeKeys.length; i++) if (probeKeys[i] !== afterKeys[i]) return false;
  return true;
}

function diffInto(before: Doc, after: Doc, path: string[], patch: DocumentPatch): boolean {
  const beforeKeys = Object.keys(before);
  const afterKeys = Object.keys(after);
  if (!isOrderReproducible(beforeKeys, afterKeys, after, before)) return false;
  for (const key of beforeKeys) if (!Object.hasOwn(after, key)) patch.unset.push([...path, key]);
  for (const key of afterKeys) {
    const next = after[key];
    if (!Object.hasOwn(before, key)) {
      patch.set.push({ path: [...path, key], value: next });
      continue;
    }
    const previous = before[key];
    if (Object.is(previous, next)) continue;
    if (isPlainObject(previous) && isPlainObject(next)) {
      const childPath = [...path, key];
      const mark = { set: patch.set.length, unset: patch.unset.length };
      // Replace the sub-document whole when its order moved or as many fields changed as it has.
      if (!diffInto(previous, next, childPath, patch) || patch.set.length + patch.unset.length - mark.set - mark.unset >= Object.keys(next).length) {
        patch.set.length = mark.set;
        patch.unset.length = mark.unset;
        patch.set.push({ path: childPath, value: next });
      }
    } else if (!isSameValue(previous, next)) {
      patch.set.push({ path: [...path, key], value: next });
    }
  }
  return true;
}

/**
 * The fields that differ between two versions of a document (plain objects as the store keeps
 * them). Nested documents are compared field by field; arrays and other values are replaced whole
 * when they differ.
 * @returns the patch (empty when the versions are equal), or null when the root's key order cannot
 *   be rebuilt by a patch and the whole document must be journaled.
 */
export function diffDocuments(before: Doc, after: Doc): DocumentPatch | null {
  const patch: DocumentPatch = { set: [], unset: [] };
  return diffInto(before, after, [], patch) ? patch : null;
}

/**
 * Applies a patch to a document without mutating it: objects along changed paths are copied,
 * everything else is shared (documents in the store are immutable).
 * @throws Error when a path crosses a value that is not a document (a corrupt or foreign patch).
 */
export function applyPatch(doc: Doc, patch: DocumentPatch): Doc {
  const root: Doc = { ...doc };
  const copies = new Set<Doc>([root]);
  const parentOf = (path: readonly string[]): Doc => {
    let current = root;
    for (let i = 0; i < path.length - 1; i++) {
      const child = current[path[i]];
      if (!isPlainObject(child)) throw new Error(`document patch: path ${path.join('.')} crosses a non-document at ${path.slice(0, i + 1).join('.')}`);
      if (copies.has(child)) {
        current = child;
      } else {
        const copy: Doc = { ...child };
        copies.add(copy);
        assignKey(current, path[i], copy);
        current = copy;
      }
    }
    return current;
  };
  for (const path of patch.unset) {
    if (path.length === 0) throw new Error('document patch: empty path');
    delete parentOf(path)[path[path.length - 1]];
  }
  for (const { path, value } of patch.set) {
    if (path.length === 0) throw new Error('document patch: empty path');
    assignKey(parentOf(path), path[path.length - 1], value);
  }
  return root;
}
