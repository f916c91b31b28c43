import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../report/publication.ts';
import { checkReport } from '../report/report-check.ts';
import { decodeLeaf, encodeLeaf, LeafFormatError } from './leaf-codec.ts';
import { readEntry } from './leaf-reading.ts';

/**
 * What a verifier reads comes from the server it distrusts. Random and mutated bytes must give a typed
 * refusal (LeafFormatError, an `error` entry, a list of problems), never another exception that would stop
 * the audit with a stack trace instead of naming the bad entry.
 */
const SEED = 20261206;
const RUNS = 3000;

const binding = { origin: 'parley.example/log', checkpointSize: 3, checkpointRoot: 'ab'.repeat(32) };
const published = buildReport([], '2026-H1', binding);
const valid = encodeLeaf(published.leaf);

/** A valid leaf with a few bytes changed, inserted or cut: close enough to pass the first checks. */
const mutated = fc
  .array(
    fc.tuple(fc.nat(valid.length), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'cut')),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((edits) => {
    const bytes = [...valid];
    for (const [at, value, how] of edits) {
      if (how === 'set') bytes[at % bytes.length] = value;
      else if (how === 'insert') bytes.splice(at, 0, value);
      else bytes.splice(at, 1);
    }
    return Uint8Array.from(bytes);
  });
const tagged = fc
  .string({ unit: 'binary', maxLength: 200 })
  .map((s) => new TextEncoder().encode(`parley-leaf/v1\n${s}`));
const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  mutated,
  tagged,
  fc.jsonValue().map((v) => new TextEncoder().encode(`parley-leaf/v1\n${JSON.stringify(v)}`)),
);

describe('verifier-side decoders under random and mutated bytes', () => {
  it('decodeLeaf accepts only the canonical encoding and refuses everything else with LeafFormatError', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        try {
          const leaf = decodeLeaf(bytes);
          expect(encodeLeaf(leaf)).toEqual(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(LeafFormatError);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('readEntry never throws: each entry is a leaf, an error naming it, or not a leaf', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        expect(['leaf', 'error', 'other']).toContain(readEntry(bytes).kind);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('checkReport answers any served documents with a list of problems, never an exception', () => {
    const documents = fc.oneof(
      fc.constant(undefined),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.constant(published.json.replace('"rows"', '"rowz"')),
      fc.constant(published.json),
    );
    fc.assert(
      fc.property(documents, documents, (json, csv) => {
        const problems = checkReport(9, published.leaf, binding.origin, { json, csv }, []);
        expect(Array.isArray(problems)).toBe(true);
        if (json !== published.json) expect(problems.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
