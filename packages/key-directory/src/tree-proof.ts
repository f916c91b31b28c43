import { equalBytes } from '@noble/curves/utils.js';
import { KeyDirectoryError } from './errors.ts';
import { checkHash, EMPTY_HASH, labelBit, leafHash, MAX_DEPTH, nodeHash, sharePrefix } from './hashing.ts';

/**
 * The path from a tree's root towards a label. `siblings[d]` is the hash of the subtree beside the path
 * at depth d (null when that subtree is empty); `terminal` is the leaf found at the end of the path, or
 * null when the path ends in an empty subtree.
 */
export type TreeProof = Readonly<{
  siblings: readonly (Uint8Array | null)[];
  terminal: Readonly<{ label: Uint8Array; commitment: Uint8Array }> | null;
}>;

/** What a verified tree proof says about a label: its commitment, or that it has none. */
export type TreeAnswer = Readonly<{ found: true; commitment: Uint8Array }> | Readonly<{ found: false }>;

/**
 * Checks a tree proof for `label` against `root`. A leaf for another label proves absence only when it
 * sits where `label` would be (it shares the path's prefix), since a shortcut leaf is alone in its
 * subtree. Throws KeyDirectoryError: 'malformed', 'label_mismatch' or 'root_mismatch'.
 */
export function verifyTreeProof(root: Uint8Array, label: Uint8Array, proof: TreeProof): TreeAnswer {
  checkHash(root, 'root');
  checkHash(label, 'label');
  const depth = proof.siblings.length;
  if (depth > MAX_DEPTH) throw new KeyDirectoryError('malformed', `tree proof is ${depth} levels deep`);
  let hash = EMPTY_HASH;
  let answer: TreeAnswer = { found: false };
  const terminal = proof.terminal;
  if (terminal !== null) {
    checkHash(terminal.label, 'proof leaf label');
    checkHash(terminal.commitment, 'proof leaf commitment');
    if (!sharePrefix(terminal.label, label, depth)) {
      throw new KeyDirectoryError('label_mismatch', 'the proof is for a label on another path');
    }
    if (equalBytes(terminal.label, label)) answer = { found: true, commitment: terminal.commitment };
    hash = leafHash(terminal.label, terminal.commitment);
  }
  for (let d = depth - 1; d >= 0; d--) {
    const sibling = proof.siblings[d] ?? EMPTY_HASH;
    checkHash(sibling, 'sibling');
    hash = labelBit(label, d) === 0 ? nodeHash(hash, sibling) : nodeHash(sibling, hash);
  }
  if (!equalBytes(hash, root))
    throw new KeyDirectoryError('root_mismatch', 'tree proof does not lead to the root');
  return answer;
}
