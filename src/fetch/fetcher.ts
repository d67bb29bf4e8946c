/**
 * The fetcher: everything feedkeeper sends over the network goes through `createFetcher`. It
 * follows redirects itself (each hop is limited, guarded and counted here, never by undici),
 * reports whether the whole chain was permanent, and owns the undici Agents: one per guard mode
 * and connect timeout, each resolving through our checking lookup, so pooled connections are only
 * ever opened to addresses the guard accepted.
 */
import { Agent } from 'undici';
import { FeedkeeperError } from '../core/errors.js';
import { Deadline } from './deadline.js';
import { createConnectLookup, systemLookup } from './host-check.js';
import type { LookupFn } from './host-check.js';
import { maxAgeOf, performHop } from './hop.js';
import { performPost } from './post.js';
import type { HopOutcome } from './hop.js';
import { createLimiter, withSharedHostSlots } from './limiter.js';
import type { Limiter } from './limiter.js';
import { DEFAULT_MAX_REDIRECTS, DEFAULT_PER_HOST_CONCURRENCY } from './types.js';
import type { FetchOptions, FetchResult, Fetcher, FetcherConfig } from './types.js';
import { parseFetchUrl, redactUrl, withoutFragment } from './url.js';

const PERMANENT_REDIRECTS = new Set([301, 308]);

interface Shared {
  lookup: LookupFn;
  limiter: Limiter;
  agentFor(opts: FetchOptions): Agent;
  observe: FetcherConfig['onExchange'];
}

export function createFetcher(config: FetcherConfig): Fetcher {
  const { perHostConcurrency, globalConcurrency, lookup, sharedHostSlots, onExchange, ...rest } = config;
  const defaults: FetchOptions = { ...rest, maxRedirects: rest.maxRedirects ?? DEFAULT_MAX_REDIRECTS };
  const agents = new Map<string, Agent>();
  let closed = false;
  const shared: Shared = {
    lookup: lookup ?? systemLookup,
    observe: onExchange,
    limiter: withShared(createLimiter({ perKey: perHostConcurrency ?? DEFAULT_PER_HOST_CONCURRENCY, global: globalConcurrency }), sharedHostSlots),
    agentFor(opts) {
      const key = `${opts.allowPrivateNetworks ? 'open' : 'guarded'}:${opts.connectTimeoutMs}`;
      let agent = agents.get(key);
      if (!agent) {
        const connectLookup = createConnectLookup(shared.lookup, !opts.allowPrivateNetworks);
        agent = new Agent({ connect: { timeout: opts.connectTimeoutMs, lookup: connectLookup } });
        agents.set(key, agent);
      }
      return agent;
    },
  };
  return {
    fetch(url, overrides = {}) {
      if (closed) return Promise.reject(new FeedkeeperError('FETCH_NETWORK', `fetch ${redactUrl(url)}: the fetcher is closed`));
      return runFetch(url, { ...defaults, ...withoutUndefined(overrides) }, shared);
    },
    post(url, body, headers, overrides = {}) {
      if (closed) return Promise.reject(new FeedkeeperError('FETCH_NETWORK', `post ${redactUrl(url)}: the fetcher is closed`));
      return runPost(url, body, headers, { ...defaults, ...withoutUndefined(overrides) }, shared);
    },
    async close() {
      closed = true;
      await Promise.all([...[...agents.values()].map((agent) => agent.close()), sharedHostSlots?.close()]);
      agents.clear();
    },
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function runFetch(input: string, opts: FetchOptions, shared: Shared): Promise<FetchResult> {
  const started = performance.now();
  const original = parseFetchUrl(input);
  const deadline = new Deadline(opts.timeoutMs, opts.signal);
  const chain = [original];
  const statuses: number[] = [];
  try {
    for (;;) {
      const url = chain[chain.length - 1] as URL;
      const target = describeTarget(original, url);
      const hop = { url, target, opts, dispatcher: shared.agentFor(opts), lookup: shared.lookup, limiter: shared.limiter, deadline, observe: shared.observe };
      const outcome = await performHop(hop);
      if (outcome.kind !== 'redirect') return toResult(outcome, url, statuses, Math.round(performance.now() - started));
      statuses.push(outcome.status);
      assertRedirectAllowed(chain, outcome.location, opts.maxRedirects);
      chain.push(outcome.location);
    }
  } finally {
    deadline.dispose();
  }
}

async function runPost(input: string, body: string, headers: Record<string, string>, opts: FetchOptions, shared: Shared) {
  const url = parseFetchUrl(input);
  const deadline = new Deadline(opts.timeoutMs, opts.signal);
  try {
    return await performPost({ url, body, headers, opts, dispatcher: shared.agentFor(opts), lookup: shared.lookup, limiter: shared.limiter, deadline });
  } finally {
    deadline.dispose();
  }
}

function describeTarget(original: URL, current: URL): string {
  return current === original ? redactUrl(current) : `${redactUrl(current)} (redirected from ${redactUrl(original)})`;
}

function assertRedirectAllowed(chain: readonly URL[], next: URL, maxRedirects: number): void {
  const path = [...chain, next].map((u) => redactUrl(u)).join(' → ');
  const first = redactUrl(chain[0] as URL);
  const key = withoutFragment(next);
  if (chain.some((u) => withoutFragment(u) === key)) {
    throw new FeedkeeperError('FETCH_TOO_MANY_REDIRECTS', `fetch ${first}: redirect loop: ${path}`, { details: { loop: true } });
  }
  if (chain.length > maxRedirects) {
    throw new FeedkeeperError('FETCH_TOO_MANY_REDIRECTS', `fetch ${first}: more than ${maxRedirects} redirects: ${path}`, {
      details: { maxRedirects },
    });
  }
}

function toResult(outcome: Exclude<HopOutcome, { kind: 'redirect' }>, url: URL, statuses: number[], ms: number): FetchResult {
  const finalUrl = url.href;
  const permanentRedirect = statuses.length > 0 && statuses.every((s) => PERMANENT_REDIRECTS.has(s)) ? finalUrl : null;
  switch (outcome.kind) {
    case 'ok': {
      const { headers } = outcome;
      return {
        kind: 'ok',
        status: outcome.status,
        body: outcome.body,
        headers,
        finalUrl,
        permanentRedirect,
        etag: headers.etag ?? null,
        lastModified: headers['last-modified'] ?? null,
        contentType: headers['content-type'] ?? null,
        maxAgeMs: maxAgeOf(headers),
        ms,
        captured: outcome.captured,
      };
    }
    case 'not-modified':
      return { kind: 'not-modified', finalUrl, permanentRedirect, maxAgeMs: maxAgeOf(outcome.headers), ms };
    case 'gone':
      return { kind: 'gone', status: 410, finalUrl };
    case 'rate-limited':
      return { kind: 'rate-limited', status: outcome.status, retryAfterMs: outcome.retryAfterMs, finalUrl };
  }
}

function withShared(local: Limiter, shared: FetcherConfig['sharedHostSlots']): Limiter {
  return shared === undefined ? local : withSharedHostSlots(local, shared);
}
