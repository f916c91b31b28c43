import { describe, expect, it } from 'vitest';
import type { ClientStore } from '../src/store/client-store.ts';

/** The behaviour every ClientStore implementation must have; each implementation's test runs it. */
export function storeContract(name: string, make: () => Promise<ClientStore>): void {
  describe(`ClientStore contract: ${name}`, () => {
    it('returns what was put, and undefined for a missing key', async () => {
      const store = await make();
      await store.put('group/abc', Uint8Array.of(1, 2, 3));
      expect(await store.get('group/abc')).toEqual(Uint8Array.of(1, 2, 3));
      expect(await store.get('group/missing')).toBeUndefined();
    });

    it('overwrites and deletes, and deleting a missing key is fine', async () => {
      const store = await make();
      await store.put('k', Uint8Array.of(1));
      await store.put('k', Uint8Array.of(2, 2));
      expect(await store.get('k')).toEqual(Uint8Array.of(2, 2));
      await store.delete('k');
      await store.delete('k');
      expect(await store.get('k')).toBeUndefined();
    });

    it('lists keys by prefix in ascending order', async () => {
      const store = await make();
      for (const key of ['msg/g1/0002', 'msg/g1/0001', 'msg/g2/0001', 'conv/g1'])
        await store.put(key, Uint8Array.of(0));
      expect(await store.list('msg/g1/')).toEqual(['msg/g1/0001', 'msg/g1/0002']);
      expect(await store.list('msg/')).toHaveLength(3);
      expect(await store.list('nothing/')).toEqual([]);
    });

    it('keeps an empty value distinct from a missing one', async () => {
      const store = await make();
      await store.put('empty', new Uint8Array());
      expect(await store.get('empty')).toEqual(new Uint8Array());
    });

    it('does not let the caller mutate stored bytes after put', async () => {
      const store = await make();
      const value = Uint8Array.of(7, 7);
      await store.put('v', value);
      value[0] = 0;
      expect(await store.get('v')).toEqual(Uint8Array.of(7, 7));
    });

    it('refuses keys that could escape the store', async () => {
      const store = await make();
      await expect(store.put('../etc/passwd', Uint8Array.of(1))).rejects.toThrow(RangeError);
      await expect(store.put('', Uint8Array.of(1))).rejects.toThrow(RangeError);
    });
  });
}
