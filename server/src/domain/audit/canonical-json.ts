/**
 * Canonical JSON for hashing audit records (R10, R17): object keys sorted, no whitespace, values
 * passed through their `toJSON` (Date → ISO string, ObjectId → hex), undefined members dropped.
 */
import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

const stringifyDeterministic = configure({ deterministic: true, bigint: true, circularValue: TypeError });

/**
 * Serialises `value` canonically; equal values give byte-equal strings.
 * @throws TypeError on circular structures.
 */
export function toCanonicalJson(value: unknown): string {
  return stringifyDeterministic(value ?? null) ?? 'null';
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
