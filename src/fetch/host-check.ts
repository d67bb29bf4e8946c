/**
 * The SSRF guard around name resolution. Two checks, on purpose:
 *  - before a request, `assertPublicTarget` checks an IP-literal host or resolves the name and
 *    checks every address, so a refused fetch never opens a socket;
 *  - at connect time, `createConnectLookup` is the only resolver the undici Agent uses, and it
 *    checks again the addresses the socket will actually dial. A name that answers with a public
 *    address to the first query and a private one to the second (DNS rebinding) is refused there.
 * A name is refused when ANY of its addresses is non-public, not silently filtered: a public site
 * has no business publishing a private record, and refusing keeps the rule easy to state.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { FeedkeeperError } from '../core/errors.js';
import { classifyAddress } from './address-guard.js';
import type { AddressClass } from './address-guard.js';
import { formatSeconds, parseFetchUrl, redactUrl } from './url.js';

export interface LookupAddress {
  address: string;
  family: 4 | 6;
}
/** Resolves a host name to its addresses; rejects with a Node-style error (`code: 'ENOTFOUND'`) on failure. */
export type LookupFn = (hostname: string) => Promise<LookupAddress[]>;

export const systemLookup: LookupFn = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Thrown inside the connect-time lookup, which knows the host but not the URL; the fetcher adds the URL. */
export class AddressRefusedError extends Error {
  constructor(
    readonly address: string,
    readonly addressClass: AddressClass | 'not an IP address',
  ) {
    super(`refusing to connect to ${address} (${addressClass})`);
    this.name = 'AddressRefusedError';
  }
}

export function refusalError(refused: AddressRefusedError, target: string): FeedkeeperError {
  return new FeedkeeperError(
    'FETCH_REFUSED_ADDRESS',
    `${refused.message} for ${target}; set --allow-private-networks to allow`,
    { cause: refused, details: { address: refused.address, addressClass: refused.addressClass } },
  );
}

/** Throws AddressRefusedError for the first address that is not public. */
function assertPublicAddresses(addresses: readonly LookupAddress[]): void {
  for (const { address } of addresses) {
    if (isIP(address) === 0) throw new AddressRefusedError(address, 'not an IP address');
    const cls = classifyAddress(address);
    if (cls !== null) throw new AddressRefusedError(address, cls);
  }
}

/** URL hostname without the brackets of an IPv6 literal. */
function bareHostname(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

interface PreCheck {
  lookup: LookupFn;
  target: string; // the URL as named in messages
  timeoutMs: number; // the connect timeout also bounds this resolution
  signal: AbortSignal;
}

/** Refuses an IP-literal or resolved host that is not public, before any socket is opened. */
export async function assertPublicTarget(url: URL, check: PreCheck): Promise<void> {
  const host = bareHostname(url);
  const family = isIP(host);
  const addresses = family !== 0 ? [{ address: host, family: family as 4 | 6 }] : await resolveWithin(host, check);
  try {
    assertPublicAddresses(addresses);
  } catch (err) {
    throw err instanceof AddressRefusedError ? refusalError(err, check.target) : err;
  }
}

async function resolveWithin(host: string, check: PreCheck): Promise<LookupAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new FeedkeeperError('FETCH_TIMEOUT', `fetch ${check.target}: no DNS answer for ${host} after ${formatSeconds(check.timeoutMs)} s`)),
      check.timeoutMs,
    );
    onAbort = () => reject(check.signal.reason);
    if (check.signal.aborted) onAbort();
    else check.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([check.lookup(host), stop]);
  } catch (err) {
    if (err instanceof FeedkeeperError || err === check.signal.reason) throw err;
    throw dnsError(err, host, check.target);
  } finally {
    clearTimeout(timer);
    if (onAbort) check.signal.removeEventListener('abort', onAbort);
  }
}

export function dnsError(err: unknown, host: string, target: string): FeedkeeperError {
  const code = errorCode(err);
  return new FeedkeeperError('FETCH_DNS', `fetch ${target}: could not resolve host ${host}${code ? ` (${code})` : ''}`, {
    cause: err,
    details: { host },
  });
}

export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

/**
 * The `lookup` handed to net/tls through undici's `connect` options. Resolves with `lookup`, keeps
 * the family the socket asked for, and (when `guarded`) refuses non-public addresses.
 */
export function createConnectLookup(lookup: LookupFn, guarded: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname).then(
      (found) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
        const usable = family === 0 ? found : found.filter((a) => a.family === family);
        try {
          if (usable.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
          if (guarded) assertPublicAddresses(usable);
        } catch (err) {
          callback(err as NodeJS.ErrnoException, '');
          return;
        }
        const first = usable[0] as LookupAddress;
        if (options.all === true) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), ''),
    );
  };
}

/**
 * The guard's answer for a URL feedkeeper will send to later (a webhook), checked when it is
 * registered so a refused one is refused at once; every send checks again.
 */
export async function checkPublicUrl(input: string, opts: { lookup?: LookupFn; timeoutMs?: number } = {}): Promise<void> {
  const url = parseFetchUrl(input);
  await assertPublicTarget(url, { lookup: opts.lookup ?? systemLookup, target: redactUrl(url), timeoutMs: opts.timeoutMs ?? 5_000, signal: new AbortController().signal });
}
