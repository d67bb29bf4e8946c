/**
 * The OpenID Connect part of the store contract: a user is found by the (issuer, subject) pair
 * linked to them, one identity reaches one user, and a user made by an OIDC sign-in has no
 * password (''). storeContract runs it for every backend.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../core/index.js';
import type { Store } from './store.js';

const ISSUER = 'https://id.example.org';
const OTHER_ISSUER = 'https://login.example.com/realms/news';

async function expectFailure(promise: Promise<unknown>, code: ErrorCode, fragment: string): Promise<void> {
  const err: unknown = await promise.then(() => new Error('expected a failure, but it succeeded'), (e: unknown) => e);
  expect(err).toMatchObject({ name: 'FeedkeeperError', code });
  expect((err as Error).message).toContain(fragment);
}

export function oidcContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: OpenID Connect identities`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    const user = (username: string, passwordHash = `scrypt$${username}`) => store.users.create({ username, passwordHash, isAdmin: false });

    it('byOidc finds the linked user by issuer and subject, and nobody before the link', async () => {
      const mei = await user('mei');
      expect(await store.users.byOidc(ISSUER, 'sub-1')).toBeNull();
      await store.users.linkOidc(mei.id, ISSUER, 'sub-1');
      expect(await store.users.byOidc(ISSUER, 'sub-1')).toEqual(await store.users.get(mei.id));
      // A subject is unique only at its issuer.
      expect(await store.users.byOidc(OTHER_ISSUER, 'sub-1')).toBeNull();
      expect(await store.users.byOidc(ISSUER, 'SUB-1')).toBeNull();
    });

    it('one identity reaches one user: linking it to another is a CONFLICT naming the holder, and changes nothing', async () => {
      const mei = await user('mei');
      const tom = await user('tom');
      await store.users.linkOidc(mei.id, ISSUER, 'sub-1');
      await store.users.linkOidc(mei.id, ISSUER, 'sub-1'); // again: nothing to do
      await expectFailure(store.users.linkOidc(tom.id, ISSUER, 'sub-1'), 'CONFLICT', `"mei" (user ${mei.id})`);
      expect((await store.users.byOidc(ISSUER, 'sub-1'))?.id).toBe(mei.id);
      await store.users.linkOidc(tom.id, OTHER_ISSUER, 'sub-1');
      expect((await store.users.byOidc(OTHER_ISSUER, 'sub-1'))?.id).toBe(tom.id);
    });

    it('a user has one identity: linking a new one replaces the old', async () => {
      const mei = await user('mei');
      await store.users.linkOidc(mei.id, ISSUER, 'sub-1');
      await store.users.linkOidc(mei.id, OTHER_ISSUER, 'sub-9');
      expect(await store.users.byOidc(ISSUER, 'sub-1')).toBeNull();
      expect((await store.users.byOidc(OTHER_ISSUER, 'sub-9'))?.id).toBe(mei.id);
    });

    it('linking an unknown user is NOT_FOUND; an empty issuer or subject is refused', async () => {
      await expectFailure(store.users.linkOidc(424242, ISSUER, 'sub-1'), 'NOT_FOUND', '424242');
      const mei = await user('mei');
      await expectFailure(store.users.linkOidc(mei.id, ISSUER, ''), 'USAGE', 'non-empty');
      await expectFailure(store.users.linkOidc(mei.id, '', 'sub-1'), 'USAGE', 'non-empty');
    });

    it('a user made by an OpenID Connect sign-in keeps an empty password hash', async () => {
      const ana = await user('ana', '');
      await store.users.linkOidc(ana.id, ISSUER, 'sub-2');
      expect((await store.users.byName('ana'))?.passwordHash).toBe('');
    });
  });
}
