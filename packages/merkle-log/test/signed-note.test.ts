import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  addSignatures,
  cosignatureVerifierFromKey,
  createCosignatureVerifier,
  createCosigner,
  createEd25519Signer,
  createEd25519Verifier,
  FormatError,
  formatCheckpoint,
  formatSignedNote,
  formatVerifierKey,
  generateEd25519Keys,
  isValidKeyName,
  MemoryTree,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseSignedNote,
  SignatureError,
  SignatureType,
  signerFromKey,
  signNote,
  toBase64,
  verifierFromKey,
} from '../src/index.ts';

const seed = (n: number) => new Uint8Array(32).fill(n);
const ed25519Public = (s: Uint8Array) => ed25519.getPublicKey(s);
const logSigner = createEd25519Signer('log.parley.example', seed(1));
const logVerifier = createEd25519Verifier('log.parley.example', ed25519Public(seed(1)));

const tree = new MemoryTree();
for (let i = 0; i < 10; i++) tree.append(new TextEncoder().encode(`request ${i}`));
const body = formatCheckpoint({
  origin: 'log.parley.example',
  size: 10,
  rootHash: tree.root(),
  extensions: [],
});

describe('signed notes', () => {
  it('ignores unknown keys, including ones sharing only the name or only the key ID', () => {
    const other = createEd25519Signer('log.parley.example', seed(2));
    const signed = signNote(body, [other, logSigner]);
    const opened = openNote(signed, [logVerifier]);
    expect(opened.verified.map((s) => s.name)).toEqual(['log.parley.example']);
    expect(opened.unknown).toHaveLength(1);
    const impostor = { ...logVerifier, name: 'elsewhere' };
    expect(() => openNote(signed, [impostor])).toThrow(SignatureError);
  });

  it('requires at least one trusted signature', () => {
    const signed = signNote(body, [createEd25519Signer('someone', seed(3))]);
    expect(() => openNote(signed, [logVerifier])).toThrow(/no signature from a trusted key/);
  });

  it('rejects the whole note when a known key signature is bad or repeated', () => {
    const note = parseSignedNote(signNote(body, [logSigner]));
    const [sig] = note.signatures;
    if (sig === undefined) throw new Error('no signature');
    const bad = { ...sig, signature: sig.signature.map((b, i) => (i === 0 ? b ^ 1 : b)) };
    expect(() => openNote({ text: note.text, signatures: [bad] }, [logVerifier])).toThrow(SignatureError);
    expect(() => openNote({ text: note.text, signatures: [sig, sig] }, [logVerifier])).toThrow(
      /two signatures/,
    );
    expect(() => openNote({ text: `${note.text}x\n`, signatures: [sig] }, [logVerifier])).toThrow(
      SignatureError,
    );
  });

  it('rejects malformed notes', () => {
    const good = signNote(body, [logSigner]);
    const line = good.slice(good.lastIndexOf('\n\n') + 2);
    for (const bad of [
      body,
      `${body}\n`,
      good.slice(0, -1),
      `${body}\n- ${line.slice(2)}`,
      `${body}\n${line.replace('log.parley.example', 'a+b')}`,
      `${body}\n${line.replace('=\n', '\n')}`,
      `${body.replace('log', 'l\tog')}\n${line}`,
      `${body}\n\u2014 k AAAA\n`,
      `${body}\n${line}\n`,
    ]) {
      expect(() => parseSignedNote(bad), JSON.stringify(bad)).toThrow(FormatError);
    }
    expect(() => parseSignedNote(new Uint8Array([0xff, 0x0a, 0x0a]))).toThrow();
    expect(formatSignedNote(parseSignedNote(good))).toBe(good);
  });

  it('validates key names and round-trips generated keys', () => {
    expect(isValidKeyName('example.com/log')).toBe(true);
    for (const bad of ['', 'a b', 'a+b', 'a\u00a0b', 'a\u2003b', '\ud800'])
      expect(isValidKeyName(bad), bad).toBe(false);
    const { skey, vkey } = generateEd25519Keys('witness.example/w1');
    const signed = signNote('hello\n', [signerFromKey(skey)]);
    expect(openNote(signed, [verifierFromKey(vkey)]).text).toBe('hello\n');
    expect(() => signerFromKey(skey.replace(/\+[0-9a-f]{8}\+/, '+00000000+'))).toThrow(FormatError);
  });
});

describe('checkpoints', () => {
  it('parses and formats strictly', () => {
    const cp = parseCheckpoint(body);
    expect(cp.size).toBe(10);
    const root = toBase64(tree.root());
    expect(formatCheckpoint({ ...cp, extensions: ['ext one'] })).toBe(
      `log.parley.example\n10\n${root}\next one\n`,
    );
    for (const bad of [
      `log\n10\n${root}`,
      `log\n010\n${root}\n`,
      `log\n+10\n${root}\n`,
      `log\n-1\n${root}\n`,
      `log\n9007199254740992\n${root}\n`,
      `\n10\n${root}\n`,
      `log\n10\n${root}\n\n`,
      `log\n10\n${toBase64(new Uint8Array(31))}\n`,
      `log\n10\n${root.replace('=', '')}\n`,
      `log\n10\n`,
    ]) {
      expect(() => parseCheckpoint(bad), JSON.stringify(bad)).toThrow(FormatError);
    }
  });
});

describe('cosignature/v1 and openCheckpoint', () => {
  const witness = createCosigner('witness.example/w1', seed(9), () => 1_700_000_000);
  const witnessPublic = ed25519Public(seed(9));
  const witnessVerifier = cosignatureVerifierFromKey(
    formatVerifierKey('witness.example/w1', SignatureType.cosignatureV1, witnessPublic),
  );

  it('signs and verifies a cosigned checkpoint with a witness quorum', () => {
    const signed = parseSignedNote(signNote(body, [logSigner]));
    const cosigned = formatSignedNote(addSignatures(signed, [witness]));
    const policy = {
      origin: 'log.parley.example',
      log: logVerifier,
      witnesses: [witnessVerifier],
      quorum: 1,
    };
    const opened = openCheckpoint(cosigned, policy);
    expect(opened.checkpoint.size).toBe(10);
    expect(opened.cosignatures).toEqual([
      { name: 'witness.example/w1', keyId: witness.keyId, timestamp: 1_700_000_000 },
    ]);
    expect(() => openCheckpoint(signNote(body, [logSigner]), policy)).toThrow(/cosignatures/);
    expect(() => openCheckpoint(cosigned, { ...policy, origin: 'other' })).toThrow(SignatureError);
    expect(() => openCheckpoint(signNote(body, [witness]), { ...policy, quorum: 0 })).toThrow(
      /log signature/,
    );
  });

  it('binds the timestamp and uses a key ID distinct from a plain Ed25519 key', () => {
    const sig = witness.sign(new TextEncoder().encode(body));
    expect(sig).toHaveLength(72);
    const moved = sig.slice();
    moved[7] = (moved[7] ?? 0) ^ 1;
    expect(witnessVerifier.verify(new TextEncoder().encode(body), sig)).toBe(true);
    expect(witnessVerifier.verify(new TextEncoder().encode(body), moved)).toBe(false);
    expect(createCosignatureVerifier('witness.example/w1', witnessPublic).keyId).not.toBe(
      createEd25519Verifier('witness.example/w1', witnessPublic).keyId,
    );
    expect(() => witness.sign(new TextEncoder().encode('not a checkpoint\n'))).toThrow(FormatError);
  });
});
