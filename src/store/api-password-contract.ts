/**
 * The API-password part of the store contract (feed clients' second password): set, replace and
 * remove the two hashes, find the user by the Fever key's hash, and never find a disabled or
 * removed user that way. storeContract runs it for every backend. Hashes here are invented strings:
 * the store keeps what serve/auth gives it and compares nothing itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.js';

export function apiPasswordContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: API passwords`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    const user = (username: string, isAdmin = false) => store.users.create({ username, passwordHash: `scrypt$${username}`, isAdmin });

    it('start unset, are found by the Fever key hash once set, and are replaced and removed', async () => {
      const mei = await user('mei');
      const tom = await user('tom');
      expect(await store.users.apiPasswordHash(mei.id)).toBeNull();
      expect(await store.users.byFeverKey('fever-mei-1')).toBeNull();

      await store.users.setApiPassword(mei.id, { passwordHash: 'scrypt$api-mei-1', feverKeyHash: 'fever-mei-1' });
      await store.users.setApiPassword(tom.id, { passwordHash: 'scrypt$api-tom-1', feverKeyHash: 'fever-tom-1' });
      expect(await store.users.apiPasswordHash(mei.id)).toBe('scrypt$api-mei-1');
      expect(await store.users.byFeverKey('fever-mei-1')).toEqual(await store.users.get(mei.id));
      expect((await store.users.byFeverKey('fever-tom-1'))?.username).toBe('tom');

      await store.users.setApiPassword(mei.id, { passwordHash: 'scrypt$api-mei-2', feverKeyHash: 'fever-mei-2' });
      expect(await store.users.byFeverKey('fever-mei-1')).toBeNull();
      expect((await store.users.byFeverKey('fever-mei-2'))?.id).toBe(mei.id);
      expect(await store.users.apiPasswordHash(mei.id)).toBe('scrypt$api-mei-2');

      await store.users.setApiPassword(mei.id, null);
      expect(await store.users.byFeverKey('fever-mei-2')).toBeNull();
      expect(await store.users.apiPasswordHash(mei.id)).toBeNull();
      // The web password is another thing entirely and stays.
      expect((await store.users.byName('mei'))?.passwordHash).toBe('scrypt$mei');
      expect((await store.users.byFeverKey('fever-tom-1'))?.id).toBe(tom.id);
    });

    it('refuse an unknown user and answer null for one', async () => {
      await expect(store.users.setApiPassword(424242, { passwordHash: 'x', feverKeyHash: 'y' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await store.users.apiPasswordHash(424242)).toBeNull();
    });

    it('never find a disabled or removed user by the key', async () => {
      await user('admin', true);
      const mei = await user('mei');
      await store.users.setApiPassword(mei.id, { passwordHash: 'scrypt$api', feverKeyHash: 'fever-mei' });
      await store.users.setDisabled(mei.id, true);
      expect(await store.users.byFeverKey('fever-mei')).toBeNull();
      await store.users.setDisabled(mei.id, false);
      expect((await store.users.byFeverKey('fever-mei'))?.id).toBe(mei.id);
      await store.users.remove(mei.id);
      expect(await store.users.byFeverKey('fever-mei')).toBeNull();
    });
  });
}
