import type { NodeId } from './node-id.ts';

/**
 * Port through which proofs are built from stored perfect-subtree hashes, so a server can answer
 * from tiles or a table without holding the tree in memory. Reads are batched: one round trip per proof.
 */
export interface NodeSource {
  /** Returns the 32-byte hash of each requested node, in request order; every node lies inside the tree. */
  readNodes(ids: readonly NodeId[]): Promise<readonly Uint8Array[]>;
}

/** Synchronous counterpart for in-memory trees and tests. */
export interface SyncNodeSource {
  /** Returns the hash of one perfect subtree. */
  readNode(id: NodeId): Uint8Array;
}
