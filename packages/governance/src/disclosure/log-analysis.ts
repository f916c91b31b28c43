import type { Hasher } from '@parley/merkle-log';
import type { DomainEventPublic } from '../events/event-types.ts';
import { fromHex, sealCommitment } from './commitments.ts';
import { isProduction } from './leaf-builders.ts';
import { type ReadEntry, readEntry } from './leaf-reading.ts';
import type { ReportLeaf, SealedLeaf } from './leaf-types.ts';

/** One position of a chain: the event (and its link hash) when known, or a seal waiting for its reveal. */
type Slot = { readonly index: number; event: DomainEventPublic | null; hash: string | null };

/** A public event and the log index it stands at (a revealed event stands at its seal's index). */
export type LoggedEvent = Readonly<{ index: number; event: DomainEventPublic }>;

/** A sealed leaf not yet revealed: which chain position it holds, its week and whether it is a production. */
export type PendingSeal = Readonly<{
  index: number;
  chainId: string;
  seq: number;
  isoWeek: string;
  produced: boolean;
}>;

export type LogAnalysis = Readonly<{
  /** Public events in log order (a revealed event at its seal's position): what reports are computed from. */
  events: readonly DomainEventPublic[];
  /** The same events with their log indexes, for evidence that names entries. */
  logged: readonly LoggedEvent[];
  /** Sealed leaves not yet revealed: events under a non-disclosure order. */
  pendingSeals: number;
  sealed: readonly PendingSeal[];
  reports: readonly Readonly<{ index: number; leaf: ReportLeaf }>[];
  /** Every problem found, each naming the entry or chain; empty when the log is well formed. */
  problems: readonly string[];
}>;

/**
 * Reads the disclosure log's entries and checks what the Merkle tree cannot: every leaf is canonical, every
 * reveal opens the seal it names, and every per-request chain is complete, in order and linked by `prev`.
 * Entries without the leaf tag are not disclosure leaves and are passed over.
 *
 * Entries may be added in any order (a verifier decodes each bundle as it arrives); `analyse` then walks
 * them in log order, for the whole log or a prefix (a report is checked against the log up to its
 * checkpoint). Pass a native `hasher` (node:crypto) where there is one: every event is hashed once.
 */
export class LogAnalyser {
  readonly #hasher: Hasher | undefined;
  readonly #read: ReadEntry[] = [];

  constructor(hasher?: Hasher) {
    this.#hasher = hasher;
  }

  add(index: number, bytes: Uint8Array): void {
    this.#read[index] = readEntry(bytes, this.#hasher);
  }

  /** The analysis of entries `[0, size)` (all added entries by default). */
  analyse(size = this.#read.length): LogAnalysis {
    const problems: string[] = [];
    const chains = new Map<string, Map<number, Slot>>();
    const seals = new Map<number, SealedLeaf>();
    const revealed = new Set<number>();
    const reports: { index: number; leaf: ReportLeaf }[] = [];
    const slots: Slot[] = [];
    const place = (chainId: string, seq: number, slot: Slot) => {
      let chain = chains.get(chainId);
      if (chain === undefined) {
        chain = new Map<number, Slot>();
        chains.set(chainId, chain);
      }
      const existing = chain.get(seq);
      if (existing !== undefined)
        problems.push(
          `chain ${chainId}: seq ${seq} appears twice (entries ${existing.index} and ${slot.index})`,
        );
      else {
        chain.set(seq, slot);
        slots.push(slot);
      }
    };
    for (let index = 0; index < size; index++) {
      const entry = this.#read[index];
      if (entry === undefined) {
        problems.push(`entry ${index}: missing from the analysis`);
        continue;
      }
      if (entry.kind === 'other') continue;
      if (entry.kind === 'error') {
        problems.push(`entry ${index}: ${entry.message}`);
        continue;
      }
      const { leaf, eventHash } = entry;
      if (leaf.leaf === 'event')
        place(leaf.event.chainId, leaf.event.seq, { index, event: leaf.event, hash: eventHash });
      else if (leaf.leaf === 'sealed') {
        seals.set(index, leaf);
        place(leaf.chainId, leaf.seq, { index, event: null, hash: null });
      } else if (leaf.leaf === 'report') reports.push({ index, leaf });
      else {
        const seal = seals.get(leaf.sealedIndex);
        const e = leaf.event.event;
        if (seal === undefined)
          problems.push(`entry ${index}: reveals entry ${leaf.sealedIndex}, which is no seal`);
        else if (revealed.has(leaf.sealedIndex))
          problems.push(`entry ${index}: entry ${leaf.sealedIndex} is revealed twice`);
        else if (seal.chainId !== e.chainId || seal.seq !== e.seq)
          problems.push(`entry ${index}: reveals another chain position than seal ${leaf.sealedIndex} holds`);
        else if (sealCommitment(leaf.event, fromHex(leaf.nonce)) !== seal.commitment)
          problems.push(`entry ${index}: the reveal does not open seal ${leaf.sealedIndex}`);
        else {
          if (seal.produced !== isProduction(e) || seal.isoWeek !== e.isoWeek)
            problems.push(
              `entry ${index}: seal ${leaf.sealedIndex} stated ${sealStatement(seal.produced, seal.isoWeek)}, but it hid ${sealStatement(isProduction(e), e.isoWeek)}`,
            );
          revealed.add(leaf.sealedIndex);
          const slot = chains.get(e.chainId)?.get(e.seq);
          if (slot !== undefined) {
            slot.event = e;
            slot.hash = eventHash;
          }
        }
      }
    }
    for (const [chainId, chain] of chains) checkChain(chainId, chain, problems);
    const logged: LoggedEvent[] = [];
    for (const slot of slots) if (slot.event !== null) logged.push({ index: slot.index, event: slot.event });
    const sealed = [...seals]
      .filter(([index]) => !revealed.has(index))
      .map(([index, { chainId, seq, isoWeek, produced }]) => ({ index, chainId, seq, isoWeek, produced }));
    return {
      events: logged.map((l) => l.event),
      logged,
      pendingSeals: sealed.length,
      sealed,
      reports,
      problems,
    };
  }
}

const sealStatement = (produced: boolean, week: string) =>
  `${produced ? 'a production' : 'no production'} in week ${week}`;

/** Analyses a whole log at once (see `LogAnalyser`). */
export function analyseLog(entries: readonly Uint8Array[], hasher?: Hasher): LogAnalysis {
  const analyser = new LogAnalyser(hasher);
  entries.forEach((bytes, index) => {
    analyser.add(index, bytes);
  });
  return analyser.analyse();
}

function checkChain(chainId: string, chain: ReadonlyMap<number, Slot>, problems: string[]): void {
  let top = 0;
  for (const seq of chain.keys()) if (seq > top) top = seq;
  for (let seq = 0; seq <= top; seq++) {
    const slot = chain.get(seq);
    if (slot === undefined) {
      const next = [...chain.entries()].filter(([s]) => s > seq).sort(([a], [b]) => a - b)[0];
      problems.push(
        `chain ${chainId}: event seq ${seq} is missing (seq ${next?.[0] ?? '?'} is at entry ${next?.[1].index ?? '?'})`,
      );
      continue;
    }
    const before = chain.get(seq - 1);
    if (seq === 0) {
      if (slot.event !== null && slot.event.prev !== '')
        problems.push(`chain ${chainId}: seq 0 at entry ${slot.index} has a prev`);
      continue;
    }
    if (before === undefined) continue;
    if (before.index > slot.index)
      problems.push(
        `chain ${chainId}: seq ${seq} at entry ${slot.index} precedes seq ${seq - 1} at entry ${before.index}`,
      );
    if (slot.event !== null && before.hash !== null && slot.event.prev !== before.hash)
      problems.push(
        `chain ${chainId}: seq ${seq} at entry ${slot.index} does not link to seq ${seq - 1} at entry ${before.index}`,
      );
  }
}
