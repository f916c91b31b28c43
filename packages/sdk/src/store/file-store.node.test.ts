import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  deriveStorageKey,
  LEGACY_STORAGE_KEY_PARAMS,
  SealedDataError,
  seal,
  TEST_STORAGE_KEY_PARAMS,
} from '@parley/crypto';
import { toBase64url } from '@parley/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../../test/store-contract.ts';
import { FileStore } from './file-store.node.ts';
import { WeakPassphraseError } from './passphrase.ts';

const roots: string[] = [];
async function freshDirectory(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-store-'));
  roots.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of roots) await rm(dir, { recursive: true, force: true });
});

const open = async (directory: string, passphrase = 'correct horse') =>
  FileStore.open({ directory, passphrase, keyParams: TEST_STORAGE_KEY_PARAMS });

storeContract('FileStore', async () => open(await freshDirectory()));

describe('FileStore on disk', () => {
  it('reopens a profile with the same passphrase and refuses a wrong one', async () => {
    const dir = await freshDirectory();
    await (await open(dir)).put('identity/device', Uint8Array.of(9, 9, 9));
    expect(await (await open(dir)).get('identity/device')).toEqual(Uint8Array.of(9, 9, 9));
    await expect((await open(dir, 'wrong')).get('identity/device')).rejects.toThrow(SealedDataError);
  });

  it('writes no key bytes, plaintext or key names in the clear, and leaves no temporary files', async () => {
    const dir = await freshDirectory();
    const store = await open(dir);
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const text = new TextEncoder().encode('meet me at the usual place');
    await store.put('identity/device', secret);
    await store.put('msg/group/0001', text);
    const names = await readdir(dir);
    expect(names.some((n) => n.endsWith('.tmp'))).toBe(false);
    expect(names.join(' ')).not.toContain('identity');
    for (const name of names) {
      const bytes = new Uint8Array(await readFile(join(dir, name)));
      expect(contains(bytes, secret.subarray(0, 16))).toBe(false);
      expect(contains(bytes, text.subarray(0, 12))).toBe(false);
    }
  });

  it('refuses a sealed file moved under another key name', async () => {
    const dir = await freshDirectory();
    const store = await open(dir);
    await store.put('a', Uint8Array.of(1));
    await store.put('b', Uint8Array.of(2));
    const names = (await readdir(dir)).filter((n) => n.endsWith('.sealed')).sort();
    const [first, second] = names;
    if (first === undefined || second === undefined) throw new Error('expected two files');
    const { copyFile } = await import('node:fs/promises');
    await copyFile(join(dir, first), join(dir, second));
    const results = await Promise.allSettled([store.get('a'), store.get('b')]);
    expect(results.some((r) => r.status === 'rejected')).toBe(true);
  });
});

describe('FileStore passphrase and cost', () => {
  it('refuses to create a profile under an empty or short passphrase, and leaves nothing behind', async () => {
    const dir = join(await freshDirectory(), 'profile');
    for (const weak of ['', 'hunter2', 'eleven char'])
      await expect(open(dir, weak)).rejects.toThrow(WeakPassphraseError);
    await expect(open(dir, 'eleven char')).rejects.toThrow(/at least 12 characters/);
    await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    // Twelve characters, counted as a person would: emoji are one each.
    const store = await open(dir, '🔑🔑🔑🔑🔑🔑 and 6');
    await store.put('a', Uint8Array.of(1));
  });

  it('creates new profiles at scrypt N = 2^17 (128 MiB), which native scrypt in Node can run', async () => {
    const dir = await freshDirectory();
    const store = await FileStore.open({ directory: dir, passphrase: 'correct horse battery' });
    await store.put('identity/device', Uint8Array.of(4));
    const header = JSON.parse(await readFile(join(dir, 'profile.json'), 'utf8'));
    expect(header.params).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const again = await FileStore.open({ directory: dir, passphrase: 'correct horse battery' });
    expect(await again.get('identity/device')).toEqual(Uint8Array.of(4));
  });

  it('still opens a profile sealed before the change (N = 2^15, a short passphrase)', async () => {
    // Written exactly as the earlier FileStore did: the isomorphic scrypt, the header, one sealed file.
    const dir = await freshDirectory();
    const salt = new Uint8Array(randomBytes(32));
    const header = { format: 1, salt: toBase64url(salt), params: LEGACY_STORAGE_KEY_PARAMS };
    await writeFile(join(dir, 'profile.json'), JSON.stringify(header));
    const key = deriveStorageKey('dave', salt, LEGACY_STORAGE_KEY_PARAMS);
    const name = new TextEncoder().encode('identity/device');
    await writeFile(join(dir, `${toBase64url(name)}.sealed`), seal(key, Uint8Array.of(7, 7), name));

    const store = await FileStore.open({ directory: dir, passphrase: 'dave' });
    expect(await store.get('identity/device')).toEqual(Uint8Array.of(7, 7));
    await expect(
      (await FileStore.open({ directory: dir, passphrase: 'davE' })).get('identity/device'),
    ).rejects.toThrow(SealedDataError);
  });

  it('refuses a header whose cost no Parley version wrote, instead of trying to allocate it', async () => {
    const dir = await freshDirectory();
    const header = { format: 1, salt: toBase64url(randomBytes(32)), params: { N: 2 ** 30, r: 8, p: 1 } };
    await writeFile(join(dir, 'profile.json'), JSON.stringify(header));
    await expect(open(dir)).rejects.toThrow(/malformed/);
  });
});

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
