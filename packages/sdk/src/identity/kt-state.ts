import { type ClientStore, getJson } from '../store/client-store.ts';

/** Why a lookup in the key directory was refused. */
export type KtProblem =
  /** The server gave no proof, or none for this account. */
  | 'kt-proof-missing'
  /** A proof or checkpoint did not verify under the pinned keys. */
  | 'kt-proof-invalid'
  /** The directory's newest checkpoint does not extend the last one this device saw. */
  | 'kt-fork'
  /** The directory's checkpoint lacks the cosignatures of the witness quorum this client requires. */
  | 'kt-unwitnessed'
  /** The account served is not the one the directory holds. */
  | 'kt-mismatch';

/** A lookup refused: the problem, the account it was about and what was wrong. */
export class KeyTransparencyError extends Error {
  override readonly name = 'KeyTransparencyError';
  readonly problem: KtProblem;
  readonly username: string;
  constructor(problem: KtProblem, username: string, detail: string) {
    super(`${problem} for ${username}: ${detail}`);
    this.problem = problem;
    this.username = username;
  }
}

/**
 * Where a contact stands against the key directory, as this device last checked it: the account it pinned
 * is the directory's entry at `epoch` ('verified'), its device list is newer than the directory's entry at
 * `epoch` and waits for the next epoch ('pending'), or the last check was refused for `problem`.
 */
export type KtState =
  | Readonly<{ status: 'verified' | 'pending'; epoch: number }>
  | Readonly<{ status: 'refused'; problem: KtProblem }>;

export const ktStateKey = (username: string) => `kt/status/${username}`;

const problems: Readonly<Record<KtProblem, true>> = {
  'kt-proof-missing': true,
  'kt-proof-invalid': true,
  'kt-fork': true,
  'kt-unwitnessed': true,
  'kt-mismatch': true,
};

const isProblem = (value: unknown): value is KtProblem =>
  typeof value === 'string' && Object.hasOwn(problems, value);

/** The state stored for `username`, or undefined before its first check (or if the record is unreadable). */
export async function readKtState(store: ClientStore, username: string): Promise<KtState | undefined> {
  const raw = await getJson(store, ktStateKey(username));
  if (typeof raw !== 'object' || raw === null) return undefined;
  const status: unknown = Reflect.get(raw, 'status');
  const epoch: unknown = Reflect.get(raw, 'epoch');
  const problem: unknown = Reflect.get(raw, 'problem');
  if ((status === 'verified' || status === 'pending') && typeof epoch === 'number') return { status, epoch };
  if (status === 'refused' && isProblem(problem)) return { status, problem };
  return undefined;
}
