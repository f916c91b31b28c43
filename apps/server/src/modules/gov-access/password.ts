import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id (RFC 9106) at OWASP's minimum cost: 19 MiB, 2 passes, 1 lane (ADR 0004). Staff and officer
 * accounts guard access to government orders, so the memory-hard hash makes an offline guess expensive.
 */
const cost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, cost);
}

// Verified against when the login name is unknown, so a wrong name and a wrong password take the same time.
const decoy = hash('decoy password that matches nothing', cost);

export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  try {
    return await verify(stored ?? (await decoy), password);
  } catch {
    return false;
  }
}
