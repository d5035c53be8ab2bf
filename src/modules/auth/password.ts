import argon2 from 'argon2';

/**
 * argon2id at OWASP's recommended floor (19 MiB, 2 passes, 1 lane): strong, yet a small
 * two-core server can still answer a burst of logins. Parameters live in each hash, so
 * raising them later re-hashes nothing that is already stored.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/** Spends the same time as a real check, so unknown emails cannot be told apart by timing. */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password that nobody has');
  await verifyPassword(await decoy, password);
  return false;
}
