import { equalBytes } from '@noble/curves/utils.js';
import { MemoryTree } from '@parley/merkle-log';
import { compareBytes } from './bytes.ts';
import { verifyEpochSuccession } from './epochs.ts';
import { KeyDirectoryError } from './errors.ts';
import { checkHash, EMPTY_HASH, labelBit, MAX_DEPTH } from './hashing.ts';
import { type EpochRecord, encodeKeyEvent, type KeyEvent } from './records.ts';
import { branch, find, hashOf, insert, type TreeNode } from './tree-nodes.ts';

/** One node of a pruned tree, in preorder: a branch is followed by its left and then its right subtree. */
export type AuditStep =
  | Readonly<{ kind: 'branch' }>
  | Readonly<{ kind: 'empty' }>
  | Readonly<{ kind: 'hash'; hash: Uint8Array }>
  | Readonly<{ kind: 'leaf'; label: Uint8Array; commitment: Uint8Array }>;

/**
 * What an auditor needs to check one epoch: its key events and the tree before it, pruned to the paths of
 * the labels those events change (every other subtree as its hash).
 */
export type EpochAudit = Readonly<{
  previous: EpochRecord | null;
  record: EpochRecord;
  events: readonly KeyEvent[];
  previousTree: readonly AuditStep[];
}>;

/** Rebuilds a pruned tree from its preorder steps; every leaf must sit on its own label's path. */
function parsePrunedTree(steps: readonly AuditStep[]): TreeNode | undefined {
  const owner = {};
  const path: number[] = [];
  let at = 0;
  const read = (depth: number): TreeNode | undefined => {
    const step = steps[at++];
    if (step === undefined) throw new KeyDirectoryError('malformed', 'pruned tree ends early');
    if (step.kind === 'empty') return undefined;
    if (step.kind === 'hash') {
      checkHash(step.hash, 'subtree hash');
      return { kind: 'stub', hash: step.hash };
    }
    if (step.kind === 'leaf') {
      checkHash(step.label, 'leaf label');
      checkHash(step.commitment, 'leaf commitment');
      if (path.some((bit, i) => labelBit(step.label, i) !== bit)) {
        throw new KeyDirectoryError('malformed', 'a leaf of the pruned tree is off its path');
      }
      return { kind: 'leaf', label: step.label, commitment: step.commitment };
    }
    if (depth >= MAX_DEPTH) throw new KeyDirectoryError('malformed', 'pruned tree is too deep');
    path.push(0);
    const left = read(depth + 1);
    path[depth] = 1;
    const right = read(depth + 1);
    path.pop();
    return branch(owner, left, right);
  };
  const root = read(0);
  if (at !== steps.length) throw new KeyDirectoryError('malformed', 'pruned tree has trailing steps');
  return root;
}

function checkEvents(record: EpochRecord, events: readonly KeyEvent[]): void {
  const log = new MemoryTree();
  for (const [i, event] of events.entries()) {
    const before = events[i - 1];
    if (before !== undefined && compareBytes(before.label, event.label) >= 0) {
      throw new KeyDirectoryError('malformed', 'key events are not in strictly increasing label order');
    }
    log.append(encodeKeyEvent(event));
  }
  if (log.size !== record.eventCount || !equalBytes(log.root(), record.eventsRoot)) {
    throw new KeyDirectoryError('event_not_logged', `the events shown are not epoch ${record.epoch}'s`);
  }
}

/**
 * Checks one epoch's transition: it follows `previous` (or is epoch 0 over the empty tree), its events
 * are the ones its record commits to, each first version is a new label and each later one replaces an
 * entry, and applying exactly those events to the previous tree gives the new root. Anything else the
 * server changed is 'unlogged_change'. Both records must come from the verified epoch log.
 */
export function verifyEpochAudit(audit: EpochAudit): void {
  const { previous, record, events } = audit;
  if (previous === null) {
    if (record.epoch !== 0 || !equalBytes(record.previousRoot, EMPTY_HASH)) {
      throw new KeyDirectoryError('fork', `epoch ${record.epoch} does not start from the empty directory`);
    }
  } else {
    verifyEpochSuccession(previous, record);
  }
  checkEvents(record, events);
  let tree = parsePrunedTree(audit.previousTree);
  if (!equalBytes(hashOf(tree), record.previousRoot)) {
    throw new KeyDirectoryError('root_mismatch', `the pruned tree is not epoch ${record.epoch - 1}'s`);
  }
  for (const event of events) {
    const node = find(tree, event.label);
    if (node?.kind === 'stub')
      throw new KeyDirectoryError('malformed', 'the proof hides a path it must show');
    const present = node?.kind === 'leaf' && equalBytes(node.label, event.label);
    if ((event.version === 1) === present) {
      throw new KeyDirectoryError(
        'history_invalid',
        `version ${event.version} of a label that ${present ? 'exists' : 'does not exist'}`,
      );
    }
  }
  const owner = {};
  for (const event of events) {
    tree = insert(tree, { kind: 'leaf', label: event.label, commitment: event.commitment }, 0, owner).node;
  }
  if (!equalBytes(hashOf(tree), record.root)) {
    throw new KeyDirectoryError('unlogged_change', `epoch ${record.epoch} changed entries it did not log`);
  }
}
