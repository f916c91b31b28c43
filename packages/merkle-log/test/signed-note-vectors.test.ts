import { describe, expect, it } from 'vitest';
import {
  cosignatureTimestamp,
  defaultHasher,
  FormatError,
  formatCheckpoint,
  formatSignedNote,
  formatVerifierKey,
  keyIdHex,
  openNote,
  parseCheckpoint,
  parseSignedNote,
  parseVerifierKey,
  SignatureType,
  signerFromKey,
  signNote,
  verifierFromKey,
} from '../src/index.ts';
import { b64, readVector, toHex } from './vectors.ts';

type Case = Readonly<Record<string, string | number | boolean | undefined>> & { name: string };

const file = readVector('signed-note/vectors.json') as { cases: Case[] };
const str = (c: Case, key: string): string => {
  const v = c[key];
  if (typeof v !== 'string') throw new Error(`${c.name}: ${key} missing`);
  return v;
};

/** One check per case name; an unknown name fails, so a new vector is never silently skipped. */
const checks: Record<string, (c: Case) => void> = {
  'c2sp-signed-note-example': (c) => {
    const note = str(c, 'note');
    const opened = openNote(note, [verifierFromKey(str(c, 'vkey'))]);
    expect(opened.text).toBe(str(c, 'expectText'));
    expect(opened.verified).toHaveLength(1);
    expect(formatSignedNote(parseSignedNote(note))).toBe(note);
    expect(formatSignedNote(parseSignedNote(new TextEncoder().encode(note)))).toBe(note);
  },
  'go-sumdb-note-sign': (c) => {
    const signer = signerFromKey(str(c, 'skey'));
    const signed = signNote(str(c, 'text'), [signer]);
    expect(signed).toBe(str(c, 'signedNote'));
    const opened = openNote(signed, [verifierFromKey(str(c, 'vkey'))]);
    expect(opened.text).toBe(str(c, 'text'));
    expect(keyIdHex(signer.keyId)).toBe(str(c, 'vkey').split('+')[1]);
  },
  'vkey-ed25519': (c) => {
    const key = parseVerifierKey(str(c, 'vkey'));
    expect(keyIdHex(key.keyId)).toBe(c.expectKeyIdHex);
    expect(key.type).toBe(c.expectType);
    expect(formatVerifierKey(key.name, key.type, key.publicKey)).toBe(c.vkey);
  },
  'vkey-cosignature-v1': (c) => {
    const key = parseVerifierKey(str(c, 'vkey'));
    expect(keyIdHex(key.keyId)).toBe(c.expectKeyIdHex);
    expect(key.type).toBe(c.expectType);
    expect(key.type).toBe(SignatureType.cosignatureV1);
    expect(formatVerifierKey(key.name, key.type, key.publicKey)).toBe(c.vkey);
  },
  'vkey-wrong-key-id-rejected': (c) => {
    expect(c.expectError).toBe(true);
    expect(() => parseVerifierKey(str(c, 'vkey'))).toThrow(FormatError);
  },
  'cosignature-v1-timestamp': (c) => {
    const raw = b64(str(c, 'signatureBase64'));
    expect(raw).toHaveLength(4 + 8 + 64);
    expect(cosignatureTimestamp(raw.subarray(4))).toBe(c.expectTimestamp);
    const line = `\u2014 w ${str(c, 'signatureBase64')}\n`;
    const [sig] = parseSignedNote(`x\n\n${line}`).signatures;
    expect(sig && cosignatureTimestamp(sig)).toBe(c.expectTimestamp);
  },
  'go-sumdb-tlog-format-tree': (c) => {
    const body = str(c, 'checkpointBody');
    const cp = parseCheckpoint(body);
    expect(String(cp.size)).toBe(c.expectSize);
    const expected = defaultHasher.hashLeaf(new TextEncoder().encode(str(c, 'expectRootIsLeafHashOf')));
    expect(toHex(cp.rootHash)).toBe(toHex(expected));
    expect(cp.origin).toBe('go.sum database tree');
    expect(cp.extensions).toEqual([]);
    expect(formatCheckpoint(cp)).toBe(body);
  },
};

describe('signed-note, vkey, cosignature and checkpoint vectors', () => {
  it('has 7 cases, each with a check', () => {
    expect(file.cases).toHaveLength(7);
    for (const c of file.cases) expect(Object.keys(checks)).toContain(c.name);
  });
  it.each(file.cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const check = checks[name];
    if (check === undefined) throw new Error(`no check for vector ${name}`);
    check(c);
  });
});
