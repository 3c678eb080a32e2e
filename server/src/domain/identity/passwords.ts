/**
 * Password hashing with argon2id (@node-rs/argon2), R17 account and password management.
 */
import { hash, verify } from '@node-rs/argon2';

/** Cost parameters: OWASP's argon2id baseline (19 MiB memory, 2 iterations, 1 lane). */
const hashOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password; returns the PHC string (`$argon2id$v=19$...`). */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, hashOptions);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies `password` against a PHC hash. With `passwordHash` undefined (unknown account) it still
 * spends one verification on a dummy hash so response time does not reveal whether the account exists.
 * Returns false (never throws) for malformed hashes.
 */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    dummyHash ??= hashPassword('dummy-password-for-timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
