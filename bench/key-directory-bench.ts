/**
 * Key-directory benchmark (packages/key-directory): building the sparse Merkle tree, one epoch of updates
 * over it, lookup proof sizes, the audit of that epoch, and verification time of tree proofs, VRF proofs and
 * whole lookups. The audit is sized as `encodeEpochAudit` writes it (what `ktAudit` serves).
 *
 *   node --import tsx bench/key-directory-bench.ts [--entries 100000] [--updates 1000] [--lookups 1000] [--vrf 200]
 *
 * Tree figures use random 32-byte labels and commitments (what VRF outputs and commitments look like), so
 * `--entries` does not pay one VRF proof per name; `--vrf` real usernames go through `KeyDirectory` for the
 * VRF and whole-lookup figures. Proof sizes are those `encodeLookupProof` writes.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  decodeEpochAudit,
  encodeEpochAudit,
  encodeKeyEvent,
  encodeLookupProof,
  KeyDirectory,
  SparseMerkleTree,
  type TreeProof,
  verifyEpochAudit,
  verifyLookup,
  verifyTreeProof,
  vrfProve,
  vrfVerify,
} from '@parley/key-directory';
import { MemoryTree } from '@parley/merkle-log';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    updates: { type: 'string', default: '1000' },
    lookups: { type: 'string', default: '1000' },
    vrf: { type: 'string', default: '200' },
  },
});
const entries = Number(values.entries);
const updates = Number(values.updates);
const lookups = Number(values.lookups);
const vrfNames = Number(values.vrf);

const bytes32 = () => new Uint8Array(randomBytes(32));
const ms = (t0: number) => performance.now() - t0;
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

/** As `encodeLookupProof` writes a tree proof: u16 depth, bitmap, present siblings, flag and leaf. */
function treeProofSize(proof: TreeProof): number {
  const nonEmpty = proof.siblings.filter((s) => s !== null).length;
  return 2 + Math.ceil(proof.siblings.length / 8) + 32 * nonEmpty + 1 + (proof.terminal ? 64 : 0);
}

function stats(xs: readonly number[]) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}

const rows: [string, string][] = [];
const row = (what: string, result: string) => {
  rows.push([what, result]);
  console.error(`${what}: ${result}`);
};

// Tree: build, one epoch of updates, proofs.
const items = Array.from({ length: entries }, () => ({ label: bytes32(), commitment: bytes32() }));
const heapBefore = process.memoryUsage().heapUsed;
let t0 = performance.now();
const tree = SparseMerkleTree.empty().apply(items);
const buildMs = ms(t0);
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
row(
  `insert ${fmt(entries)} entries (one epoch) and hash the root`,
  `${fmt(buildMs, 0)} ms (${fmt((entries / buildMs) * 1000, 0)}/s), heap +${fmt(heapMb, 0)} MB`,
);

const changed = Array.from({ length: updates }, (_, i) =>
  i % 2 === 0
    ? { label: bytes32(), commitment: bytes32() }
    : { label: items[i]?.label ?? bytes32(), commitment: bytes32() },
);
t0 = performance.now();
const next = tree.apply(changed);
row(
  `epoch of ${fmt(updates)} updates (half new, half changed) over ${fmt(entries)}`,
  `${fmt(ms(t0), 1)} ms; previous epoch's tree kept`,
);

const probes = Array.from({ length: lookups }, (_, i) => items[(i * 7919) % entries]?.label ?? bytes32());
const proofs = probes.map((label) => next.prove(label));
const depths = stats(proofs.map((p) => p.siblings.length));
const sizes = stats(proofs.map(treeProofSize));
row('tree proof depth (inclusion)', `mean ${fmt(depths.mean)}, p99 ${depths.p99}, max ${depths.max}`);
row('tree proof size (inclusion)', `mean ${fmt(sizes.mean, 0)} B, p99 ${sizes.p99} B, max ${sizes.max} B`);
const absent = Array.from({ length: lookups }, () => next.prove(bytes32()));
row('tree proof size (absence)', `mean ${fmt(stats(absent.map(treeProofSize)).mean, 0)} B`);
const root = next.root();
t0 = performance.now();
for (const [i, proof] of proofs.entries()) verifyTreeProof(root, probes[i] ?? bytes32(), proof);
row('verify one tree proof', `${fmt((ms(t0) / lookups) * 1000, 0)} µs`);

// Audit of that epoch: its events and the previous tree pruned to their paths.
const sortedChanges = [...changed].sort((a, b) => Buffer.compare(a.label, b.label));
const events = sortedChanges.map((c) => ({ ...c, version: tree.get(c.label) === undefined ? 1 : 2 }));
const eventTree = new MemoryTree();
for (const e of events) eventTree.append(encodeKeyEvent(e));
const eventsRoot = eventTree.root();
const previousRecord = { epoch: 0, root: tree.root(), previousRoot: tree.root(), eventsRoot, eventCount: 0 };
const record = {
  epoch: 1,
  root: next.root(),
  previousRoot: tree.root(),
  eventsRoot,
  eventCount: events.length,
};
t0 = performance.now();
const previousTree = tree.pruned(events.map((e) => e.label));
const pruneMs = ms(t0);
// Sized as `ktAudit` serves it: `encodeEpochAudit`, decoded again as the auditor does before verifying.
const encodedAudit = encodeEpochAudit({ previous: previousRecord, record, events, previousTree });
t0 = performance.now();
verifyEpochAudit(decodeEpochAudit(encodedAudit));
row(
  `audit one epoch of ${fmt(updates)} updates over ${fmt(entries)}`,
  `decode and verify ${fmt(ms(t0), 0)} ms; encoded proof ${fmt(encodedAudit.length / 1024, 0)} KB, ${fmt(encodedAudit.length / events.length, 0)} B per update (events ${fmt((events.length * 72) / 1024, 0)} KB), built in ${fmt(pruneMs, 0)} ms`,
);

// VRF and whole lookups through the directory, with real usernames.
const secretKey = bytes32();
const names = Array.from({ length: vrfNames }, (_, i) => `user${i}`);
const alpha = new TextEncoder().encode('user0');
t0 = performance.now();
for (let i = 0; i < vrfNames; i++) vrfProve(secretKey, alpha);
row('VRF prove', `${fmt(ms(t0) / vrfNames, 2)} ms`);
const directory = new KeyDirectory({ origin: 'bench.example/kt', vrfSecretKey: secretKey });
const pi = vrfProve(secretKey, alpha);
t0 = performance.now();
for (let i = 0; i < vrfNames; i++) vrfVerify(directory.vrfPublicKey, alpha, pi);
row('VRF verify', `${fmt(ms(t0) / vrfNames, 2)} ms`);

for (const name of names) directory.stage(name, { accountKey: bytes32(), deviceList: new Uint8Array(300) });
directory.publishEpoch();
for (let e = 0; e < 99; e++) directory.publishEpoch();
const checkpoint = directory.checkpoint();
const keys = { vrfPublicKey: directory.vrfPublicKey };
const lookupsMade = names.map((n) => directory.lookup(n));
t0 = performance.now();
for (const [i, proof] of lookupsMade.entries()) verifyLookup(checkpoint, names[i] ?? '', proof, keys);
row(
  `verify one whole lookup (${fmt(vrfNames)} names, 100 epochs)`,
  `${fmt(ms(t0) / vrfNames, 2)} ms; proof ${fmt(stats(lookupsMade.map((p) => encodeLookupProof(p).length)).mean, 0)} B with a 300-byte device list`,
);

console.log(`\n| measurement | result |\n|---|---|`);
for (const [what, result] of rows) console.log(`| ${what} | ${result} |`);
