import { toBase64url } from '@parley/protocol';
import fc from 'fast-check';
import { z } from 'zod';

/**
 * Inputs shaped like what a route or frame expects, with any part replaced now and then by something hostile.
 * Shapes come from the protocol's own zod schemas (through their JSON Schema), so a new field or route is
 * fuzzed without touching this file; mostly-valid input reaches past the first check into the handlers.
 */
type Schema = Readonly<Record<string, unknown>>;

/** Real values the world holds (ids, references, names), by field name, so requests can name things that exist. */
export type Known = Readonly<Record<string, readonly string[]>>;

/** Values that broke parsers and databases before: NUL, lone surrogates, bad base64url, huge numbers. */
const hostileStrings = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00',
  '\u001b[2J',
  '\u202e',
  'Zh',
  'A'.repeat(41),
  'A'.repeat(43).replace(/A$/, 'B'),
  'QUJDRA==',
  'QU+/RA',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; drop table accounts; --",
  '__proto__',
  'constructor',
  'NaN',
  '-0',
  '1e400',
  '9007199254740993',
  '2026-02-30',
  '2026-13-01T25:61:61Z',
  'PR-2026-00000000',
  'x'.repeat(5000),
  '😀'.repeat(300),
] as const;

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ unit: 'binary', maxLength: 24 }),
);

export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 0.5, 1e308, -1e308, 2 ** 53, 2 ** 63, -(2 ** 31) - 1, 2 ** 31),
  fc.constantFrom([], {}, [null], { __proto__: null }, [[[[[[[[]]]]]]]]),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Canonical base64url of between `minChars` and `maxChars` characters (most binary fields). */
const base64url = (minChars: number, maxChars: number) => {
  const maxLength = Math.max(0, Math.min(600, Math.floor((maxChars * 3) / 4)));
  const minLength = Math.min(maxLength, Math.floor((minChars * 3) / 4));
  return fc
    .uint8Array({ minLength, maxLength })
    .map((b) => toBase64url(b))
    .filter((s) => s.length >= minChars);
};

function stringArbitrary(schema: Schema, name: string, known: Known): fc.Arbitrary<string> {
  const choices: fc.Arbitrary<string>[] = [];
  const values = known[name];
  if (values !== undefined && values.length > 0) choices.push(fc.constantFrom(...values));
  if (typeof schema.const === 'string') return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum.map(String));
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 80;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const matching = typeof schema.pattern === 'string' ? patternArbitrary(schema.pattern, max) : undefined;
  if (schema.format === 'date') {
    choices.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
  } else if (schema.format === 'date-time') {
    choices.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
  } else if (matching !== undefined) {
    choices.push(matching);
  } else {
    choices.push(fc.string({ minLength: Math.min(min, 60), maxLength: Math.min(max, 60) }));
    if (min <= 800) choices.push(base64url(min, Math.min(max, 800)));
  }
  return fc.oneof(...choices);
}

/** Strings matching a schema's pattern; undefined for patterns fast-check cannot generate (lookarounds). */
function patternArbitrary(pattern: string, max: number): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(new RegExp(pattern), { maxLength: Math.min(max, 80) });
  } catch {
    return undefined;
  }
}

function shaped(schema: Schema, name: string, known: Known, depth: number): fc.Arbitrary<unknown> {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives))
    return fc.oneof(...alternatives.map((s: Schema) => fromSchema(s, known, name, depth)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type : [schema.type];
  const options: fc.Arbitrary<unknown>[] = [];
  for (const t of type) {
    if (t === 'object') options.push(objectArbitrary(schema, known, depth));
    else if (t === 'array') {
      const items = (schema.items ?? {}) as Schema;
      const max = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 4, 4);
      options.push(fc.array(fromSchema(items, known, name, depth + 1), { maxLength: max }));
    } else if (t === 'string') options.push(stringArbitrary(schema, name, known));
    else if (t === 'integer' || t === 'number') {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1_000_000;
      options.push(
        fc.oneof(fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) }), fc.constant(max)),
      );
    } else if (t === 'boolean') options.push(fc.boolean());
    else if (t === 'null') options.push(fc.constant(null));
  }
  return options.length > 0 ? fc.oneof(...options) : hostile;
}

function objectArbitrary(schema: Schema, known: Known, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const entries = Object.entries(properties).map(([key, s]) =>
    // A required field is sometimes left out too, and an unknown one sometimes added.
    fc
      .option(fromSchema(s, known, key, depth + 1), { freq: required.has(key) ? 20 : 2, nil: undefined })
      .map((value) => [key, value] as const),
  );
  return fc
    .tuple(fc.tuple(...entries), fc.option(fc.tuple(hostileString, hostile), { freq: 8, nil: undefined }))
    .map(([pairs, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of pairs) if (value !== undefined) out[key] = value;
      if (extra !== undefined) out[extra[0]] = extra[1];
      return out;
    });
}

/** A value for `schema`: mostly well formed, about one node in twelve hostile. */
export function fromSchema(schema: Schema, known: Known, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return hostile;
  return fc.oneof(
    { arbitrary: shaped(schema, name, known, depth), weight: 11 },
    { arbitrary: hostile, weight: 1 },
  );
}

/** The JSON Schema of what a client sends for a zod schema. */
export function inputSchema(schema: z.ZodType): Schema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

/** Raw request bodies no JSON encoder writes: broken JSON, deep nesting, duplicate keys, a byte-order mark. */
export const rawBodies = fc.constantFrom(
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '\u0000',
  '{"a":1}garbage',
  '\ufeff{}',
  '{"type":"triage","type":"close"}',
  '{"__proto__":{"polluted":true}}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  '\uffff\ud800',
);
