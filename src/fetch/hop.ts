/**
 * One request of a fetch: wait for a limiter slot, check the target address, send the GET, and
 * sort the response into a redirect to follow or a final outcome. The slot is held until the body
 * is read or discarded and released on every path. Redirects are only reported here; following
 * them (and counting) is the fetcher's job.
 */
import { STATUS_CODES } from 'node:http';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { FeedkeeperError } from '../core/errors.js';
import { ACCEPT_ENCODING, readBody } from './body.js';
import { parseMaxAgeMs } from './cache-control.js';
import type { Deadline } from './deadline.js';
import { assertPublicTarget } from './host-check.js';
import type { LookupFn } from './host-check.js';
import type { Limiter, Release } from './limiter.js';
import { requestFailure } from './network-errors.js';
import type { FailureContext } from './network-errors.js';
import { parseRetryAfter } from './retry-after.js';
import type { ExchangeObserver, FetchOptions } from './types.js';
import { basicAuthorization, resolveLocation } from './url.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export type HopOutcome =
  | { kind: 'redirect'; status: number; location: URL }
  | { kind: 'ok'; status: number; body: Uint8Array; headers: Record<string, string>; captured: string | null }
  | { kind: 'not-modified'; headers: Record<string, string> }
  | { kind: 'gone' }
  | { kind: 'rate-limited'; status: 429 | 503; retryAfterMs: number | null };

interface HopInput {
  url: URL;
  target: string; // the URL as named in messages
  opts: FetchOptions;
  dispatcher: Dispatcher;
  lookup: LookupFn;
  limiter: Limiter;
  deadline: Deadline;
  observe?: ExchangeObserver | undefined;
}

export async function performHop(input: HopInput): Promise<HopOutcome> {
  const { url, opts, deadline } = input;
  const ctx: FailureContext = {
    url,
    target: input.target,
    connectTimeoutMs: opts.connectTimeoutMs,
    timeoutMs: opts.timeoutMs,
    headersReceived: false,
  };
  let release: Release | undefined;
  try {
    release = await input.limiter.acquire(url.hostname, deadline.signal);
    deadline.start();
    if (!opts.allowPrivateNetworks) {
      const check = { lookup: input.lookup, target: input.target, timeoutMs: opts.connectTimeoutMs, signal: deadline.signal };
      await assertPublicTarget(url, check);
    }
    const sent = requestHeaders(url, opts);
    const res = await request(url, {
      dispatcher: input.dispatcher,
      method: 'GET',
      headers: sent,
      signal: deadline.signal,
      // undici's own idle timers; our deadline normally fires first and gives the message.
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
    ctx.headersReceived = true;
    return await sortResponse(res, input, sent);
  } catch (err) {
    throw requestFailure(err, opts.signal, deadline.timedOut, ctx);
  } finally {
    release?.();
  }
}

function requestHeaders(url: URL, opts: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent,
    accept: opts.accept ?? '*/*',
    'accept-encoding': ACCEPT_ENCODING,
  };
  // Validators go on every hop: a feed that always redirects was last stored under its final URL.
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  const authorization = basicAuthorization(url);
  if (authorization !== null) headers.authorization = authorization;
  return headers;
}

async function sortResponse(res: Dispatcher.ResponseData, input: HopInput, sent: Record<string, string>): Promise<HopOutcome> {
  const status = res.statusCode;
  const headers = flattenHeaders(res.headers);
  const date = new Date();
  const observe = (body: Uint8Array): string | null => report(input, { url: input.url.href, method: 'GET', requestHeaders: sent, status, responseHeaders: headers, body, remoteAddress: null, date });
  const location = headers.location;
  if (REDIRECT_STATUSES.has(status) && location !== undefined) {
    await discard(res.body);
    return { kind: 'redirect', status, location: resolveLocation(location, input.url, input.target) };
  }
  if (status >= 200 && status < 300) {
    const source = { body: res.body, contentEncoding: headers['content-encoding'], contentLength: headers['content-length'] };
    const body = await readBody(source, input.opts.maxBytes, input.target);
    const captured = observe(body);
    return { kind: 'ok', status, body, headers, captured };
  }
  await discard(res.body);
  observe(new Uint8Array(0));
  if (status === 304) return { kind: 'not-modified', headers };
  if (status === 410) return { kind: 'gone' };
  const retryAfter = headers['retry-after'] ?? null;
  // 429 is always "slow down". 503 only counts as rate limiting when the server says when to
  // come back; a bare 503 is an outage and goes through the caller's failure backoff instead.
  if (status === 429 || (status === 503 && retryAfter !== null)) {
    return { kind: 'rate-limited', status: status as 429 | 503, retryAfterMs: parseRetryAfter(retryAfter, Date.now()) };
  }
  const reason = STATUS_CODES[status];
  throw new FeedkeeperError('FETCH_HTTP_STATUS', `fetch ${input.target}: HTTP ${status}${reason ? ` ${reason}` : ''}, expected 2xx`, {
    details: { status },
  });
}

/** Capture is evidence, not a step of the fetch: an observer that throws is ignored. */
function report(input: HopInput, exchange: Parameters<ExchangeObserver>[0]): string | null {
  try {
    return input.observe?.(exchange) ?? null;
  } catch {
    // The observer logs its own failures; the fetch goes on regardless.
    return null;
  }
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Drops a body we will not use; undici closes the connection if the rest is large. */
async function discard(body: Dispatcher.ResponseData['body']): Promise<void> {
  try {
    await body.dump({ limit: 64 * 1024 });
  } catch {
    // The outcome is already decided by the status line; a broken unused body cannot change it.
  }
}

/** Cache-Control max-age of a hop's headers. */
export function maxAgeOf(headers: Record<string, string>): number | null {
  return parseMaxAgeMs(headers['cache-control']);
}
