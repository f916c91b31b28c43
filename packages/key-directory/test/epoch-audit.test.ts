import { sha256 } from '@noble/hashes/sha2.js';
import { MemoryTree } from '@parley/merkle-log';
import { describe, expect, it } from 'vitest';
import {
  type EpochAudit,
  type EpochRecord,
  encodeKeyEvent,
  KeyDirectory,
  type KeyEvent,
  SparseMerkleTree,
  verifyEpochAudit,
} from '../src/index.ts';
import { counterRandom, flip, refusal, smallDirectory, value, vrfSecretKey } from './world.ts';

const te = new TextEncoder();
const hash = (text: string) => sha256(te.encode(text));

/** A directory of 300 names over five epochs, with new names and changed keys in each. */
function busyDirectory(): KeyDirectory {
  const directory = new KeyDirectory({
    origin: 'kt.parley.example/test',
    vrfSecretKey,
    random: counterRandom(),
  });
  for (let epoch = 0; epoch < 5; epoch++) {
    for (let i = 0; i < 60; i++) directory.stage(`user${epoch * 60 + i}`, value(`${epoch} ${i}`));
    for (let i = 0; i < epoch * 60; i += 7) directory.stage(`user${i}`, value(`${epoch} again ${i}`));
    directory.publishEpoch();
  }
  directory.publishEpoch();
  return directory;
}

/** An epoch built by hand over a previous tree: `applied` reach the tree, `logged` reach the record. */
function handmade(previous: SparseMerkleTree, applied: KeyEvent[], logged: KeyEvent[]): EpochAudit {
  const events = new MemoryTree();
  for (const e of logged) events.append(encodeKeyEvent(e));
  const record: EpochRecord = {
    epoch: 1,
    root: previous.apply(applied).root(),
    previousRoot: previous.root(),
    eventsRoot: events.root(),
    eventCount: events.size,
  };
  const before: EpochRecord = { ...record, epoch: 0, root: previous.root() };
  return {
    previous: before,
    record,
    events: logged,
    previousTree: previous.pruned(logged.map((e) => e.label)),
  };
}

const labels = Array.from({ length: 50 }, (_, i) => hash(`label ${i}`)).sort((a, b) => Buffer.compare(a, b));
const base = SparseMerkleTree.empty().apply(
  labels.slice(0, 40).map((label) => ({ label, commitment: hash('c') })),
);
const event = (i: number, version: number): KeyEvent => ({
  label: labels[i] ?? hash('none'),
  version,
  commitment: hash(`c ${i} ${version}`),
});

describe('verifyEpochAudit', () => {
  it('accepts every epoch of an honest directory, new names and changes alike', () => {
    const directory = busyDirectory();
    for (let e = 0; e < directory.epochCount; e++) verifyEpochAudit(directory.audit(e));
    const small = smallDirectory();
    for (let e = 0; e < small.epochCount; e++) verifyEpochAudit(small.audit(e));
  });

  it('shows only the changed paths: the pruned tree is a small part of the directory', () => {
    const directory = busyDirectory();
    const audit = directory.audit(4);
    expect(audit.previousTree.filter((s) => s.kind === 'leaf').length).toBeLessThan(
      2 * audit.events.length + 1,
    );
  });

  it('accepts a handmade epoch whose events are exactly what changed', () => {
    const events = [event(3, 2), event(45, 1)];
    verifyEpochAudit(handmade(base, events, events));
  });
});

describe('verifyEpochAudit refuses', () => {
  it('an entry changed without a logged event', () => {
    const logged = [event(45, 1)];
    expect(refusal(() => verifyEpochAudit(handmade(base, [event(3, 2), ...logged], logged)))).toBe(
      'unlogged_change',
    );
  });

  it('a logged event that was not applied', () => {
    const logged = [event(3, 2), event(45, 1)];
    expect(refusal(() => verifyEpochAudit(handmade(base, [event(45, 1)], logged)))).toBe('unlogged_change');
  });

  it('events other than those the record commits to', () => {
    const audit = handmade(base, [event(45, 1)], [event(45, 1)]);
    expect(refusal(() => verifyEpochAudit({ ...audit, events: [event(46, 1)] }))).toBe('event_not_logged');
    expect(refusal(() => verifyEpochAudit({ ...audit, events: [] }))).toBe('event_not_logged');
  });

  it('a first version of a label that exists, or a later version of one that does not', () => {
    expect(refusal(() => verifyEpochAudit(handmade(base, [event(3, 1)], [event(3, 1)])))).toBe(
      'history_invalid',
    );
    expect(refusal(() => verifyEpochAudit(handmade(base, [event(45, 2)], [event(45, 2)])))).toBe(
      'history_invalid',
    );
  });

  it('a pruned tree that hides a changed path, or is another tree', () => {
    const audit = handmade(base, [event(3, 2)], [event(3, 2)]);
    expect(
      refusal(() => verifyEpochAudit({ ...audit, previousTree: base.pruned([labels[20] ?? hash('x')]) })),
    ).toBe('malformed');
    const other = base.apply([event(45, 1)]);
    expect(
      refusal(() => verifyEpochAudit({ ...audit, previousTree: other.pruned([labels[3] ?? hash('x')]) })),
    ).toBe('root_mismatch');
    expect(refusal(() => verifyEpochAudit({ ...audit, previousTree: audit.previousTree.slice(1) }))).toBe(
      'malformed',
    );
  });

  it('events out of label order', () => {
    const events = [event(45, 1), event(3, 2)];
    expect(refusal(() => verifyEpochAudit(handmade(base, events, events)))).toBe('malformed');
  });

  it('an epoch that does not follow the one before', () => {
    const directory = smallDirectory();
    const audit = directory.audit(2);
    const rewritten = { ...audit.record, previousRoot: flip(audit.record.previousRoot) };
    expect(refusal(() => verifyEpochAudit({ ...audit, record: rewritten }))).toBe('fork');
    expect(refusal(() => verifyEpochAudit({ ...audit, previous: null }))).toBe('fork');
  });
});
