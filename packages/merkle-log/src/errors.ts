/** A Merkle proof, or the hashes it was checked against, did not verify: the log may be lying. */
export class ProofError extends Error {
  override readonly name = 'ProofError';
}

/** Input text or bytes are not in the exact wire format; strict so two parsers never disagree. */
export class FormatError extends Error {
  override readonly name = 'FormatError';
}

/** A signed note carries no valid signature from a trusted key, or a bad one from a known key. */
export class SignatureError extends Error {
  override readonly name = 'SignatureError';
}
