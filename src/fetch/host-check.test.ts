import type { LookupAddress as NodeLookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { AddressRefusedError, createConnectLookup } from './host-check.js';
import type { LookupFn } from './host-check.js';

const dual: LookupFn = async () => [
  { address: '2001:4860:4860::8888', family: 6 },
  { address: '8.8.8.8', family: 4 },
];

interface Answer {
  err: Error | null;
  address: string | NodeLookupAddress[];
  family?: number;
}

function ask(lookup: LookupFn, guarded: boolean, options: { family?: number; all?: boolean }): Promise<Answer> {
  return new Promise((resolve) => {
    createConnectLookup(lookup, guarded)('news.example', options, (err, address, family) => resolve({ err, address, family }));
  });
}

describe('createConnectLookup', () => {
  it('answers the all-addresses form', async () => {
    const answer = await ask(dual, true, { all: true });
    expect(answer.err).toBeNull();
    expect(answer.address).toHaveLength(2);
  });

  it('answers the single-address form with the family the socket asked for', async () => {
    expect(await ask(dual, true, { family: 4 })).toEqual({ err: null, address: '8.8.8.8', family: 4 });
    expect(await ask(dual, true, { family: 0 })).toEqual({ err: null, address: '2001:4860:4860::8888', family: 6 });
  });

  it('refuses a private address when guarded and lets it through when not', async () => {
    const privateOnly: LookupFn = async () => [{ address: '192.168.1.20', family: 4 }];
    const refused = await ask(privateOnly, true, { all: true });
    expect(refused.err).toBeInstanceOf(AddressRefusedError);
    expect(refused.err?.message).toBe('refusing to connect to 192.168.1.20 (private network)');
    expect((await ask(privateOnly, false, { all: true })).err).toBeNull();
  });

  it('refuses something that is not an IP address at all', async () => {
    const junk: LookupFn = async () => [{ address: 'not-an-ip', family: 4 }];
    expect((await ask(junk, true, { all: true })).err?.message).toContain('(not an IP address)');
  });

  it('passes resolver errors on, and reports ENOTFOUND when no address has the wanted family', async () => {
    const failing: LookupFn = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN news.example'), { code: 'EAI_AGAIN' });
    };
    expect((await ask(failing, true, { all: true })).err).toMatchObject({ code: 'EAI_AGAIN' });
    const v4only: LookupFn = async () => [{ address: '8.8.8.8', family: 4 }];
    expect((await ask(v4only, true, { family: 6 })).err).toMatchObject({ code: 'ENOTFOUND' });
  });
});
