/**
 * RFC 9420 passive-client interop vectors (mlswg/mls-implementations) run against ts-mls's public API.
 * This test deliberately imports ts-mls directly: it checks the library we pin, not our wrapper.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { CiphersuiteImpl, ClientState, MLSMessage, PskIndex } from 'ts-mls';
import {
  bytesToBase64,
  decodeMlsMessage,
  getCiphersuiteImpl,
  joinGroup,
  makePskIndex,
  processPrivateMessage,
  processPublicMessage,
} from 'ts-mls';
import { type CiphersuiteId, getCiphersuiteFromId } from 'ts-mls/crypto/ciphersuite.js';
import { decodeRatchetTree } from 'ts-mls/ratchetTree.js';
import { describe, expect, it } from 'vitest';

type Psk = { psk_id: string; psk: string };
type Epoch = { proposals: string[]; commit: string; epoch_authenticator: string };
type PassiveCase = {
  cipher_suite: number;
  external_psks: Psk[];
  key_package: string;
  signature_priv: string;
  encryption_priv: string;
  init_priv: string;
  welcome: string;
  ratchet_tree: string | null;
  initial_epoch_authenticator: string;
  epochs: Epoch[];
};

/** The vectors travel with the package, gzip-compressed (vectors/SOURCES.md names the upstream commit). */
const vectorDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'vectors/mls');
const files = {
  'passive-client-welcome.json': 56,
  'passive-client-handling-commit.json': 91,
  'passive-client-random.json': 1,
} as const;

function load(file: string): PassiveCase[] {
  const full = path.join(vectorDir, `${file}.gz`);
  // A missing vector file must fail the build, never silently skip interop checks.
  if (!existsSync(full)) throw new Error(`MLS vector file missing: ${full}`);
  return JSON.parse(gunzipSync(readFileSync(full)).toString('utf8'));
}

function decodeMessage(hex: string): MLSMessage {
  const decoded = decodeMlsMessage(hexToBytes(hex), 0);
  if (decoded === undefined) throw new Error('undecodable MLSMessage');
  return decoded[0];
}

function isCiphersuiteId(id: number): id is CiphersuiteId {
  return [1, 2, 3, 4, 5, 6, 7].includes(id);
}

async function processHandshake(
  state: ClientState,
  hex: string,
  psks: PskIndex,
  cs: CiphersuiteImpl,
): Promise<ClientState> {
  const msg = decodeMessage(hex);
  if (msg.wireformat === 'mls_public_message') {
    return (await processPublicMessage(state, msg.publicMessage, psks, cs)).newState;
  }
  if (msg.wireformat === 'mls_private_message') {
    return (await processPrivateMessage(state, msg.privateMessage, psks, cs)).newState;
  }
  throw new Error(`unexpected wireformat ${msg.wireformat}`);
}

async function runCase(c: PassiveCase): Promise<void> {
  if (!isCiphersuiteId(c.cipher_suite)) throw new Error(`unknown ciphersuite ${c.cipher_suite}`);
  const cs = await getCiphersuiteImpl(getCiphersuiteFromId(c.cipher_suite));
  const kp = decodeMessage(c.key_package);
  const welcome = decodeMessage(c.welcome);
  if (kp.wireformat !== 'mls_key_package' || welcome.wireformat !== 'mls_welcome') {
    throw new Error('vector key_package/welcome of the wrong wireformat');
  }
  const external: Record<string, Uint8Array> = {};
  for (const p of c.external_psks) external[bytesToBase64(hexToBytes(p.psk_id))] = hexToBytes(p.psk);
  const tree = c.ratchet_tree === null ? undefined : decodeRatchetTree(hexToBytes(c.ratchet_tree), 0)?.[0];

  let state = await joinGroup(
    welcome.welcome,
    kp.keyPackage,
    {
      initPrivateKey: hexToBytes(c.init_priv),
      hpkePrivateKey: hexToBytes(c.encryption_priv),
      signaturePrivateKey: hexToBytes(c.signature_priv),
    },
    makePskIndex(undefined, external),
    cs,
    tree,
  );
  expect(bytesToHex(state.keySchedule.epochAuthenticator)).toBe(c.initial_epoch_authenticator);

  for (const [i, epoch] of c.epochs.entries()) {
    for (const proposal of epoch.proposals) {
      state = await processHandshake(state, proposal, makePskIndex(state, external), cs);
    }
    state = await processHandshake(state, epoch.commit, makePskIndex(state, external), cs);
    expect(bytesToHex(state.keySchedule.epochAuthenticator), `epoch ${i + 1}`).toBe(
      epoch.epoch_authenticator,
    );
  }
}

describe('MLS passive-client vectors (RFC 9420 interop)', () => {
  for (const [file, count] of Object.entries(files)) {
    const cases = load(file);
    it(`${file} holds the expected ${count} cases`, () => {
      expect(cases).toHaveLength(count);
    });
    for (const [i, c] of cases.entries()) {
      it(`${file} #${i} (suite ${c.cipher_suite}, ${c.epochs.length} epochs)`, async () => {
        await runCase(c);
      });
    }
  }
});
