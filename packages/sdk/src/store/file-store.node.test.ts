import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SealedDataError, TEST_STORAGE_KEY_PARAMS } from '@parley/crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../../test/store-contract.ts';
import { FileStore } from './file-store.node.ts';

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

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
