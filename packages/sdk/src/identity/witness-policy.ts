import { cosignatureVerifierFromKey, type NoteVerifier } from '@parley/merkle-log';

/** The witnesses whose cosignatures a directory checkpoint needs: cosignature/v1 vkeys and how many. */
export type WitnessPolicy = Readonly<{ witnesses: readonly string[]; quorum: number }>;

/** A witness policy with a key that does not parse or a quorum its keys cannot meet. */
export class WitnessPolicyError extends RangeError {
  override readonly name = 'WitnessPolicyError';
}

/** The policy's witness verifiers; throws WitnessPolicyError naming the problem with a key or the quorum. */
export function witnessVerifiers(policy: WitnessPolicy): NoteVerifier[] {
  const verifiers = policy.witnesses.map((key) => {
    try {
      return cosignatureVerifierFromKey(key);
    } catch (error) {
      throw new WitnessPolicyError(`not a cosignature/v1 witness key: ${describe(error)}`);
    }
  });
  const { quorum } = policy;
  if (!Number.isInteger(quorum) || quorum < 0 || quorum > verifiers.length) {
    throw new WitnessPolicyError(`a witness quorum of ${quorum} needs at least that many witness keys`);
  }
  return verifiers;
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
