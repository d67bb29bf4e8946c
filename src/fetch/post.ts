/**
 * A guarded POST for what feedkeeper sends out rather than reads (webhook deliveries): the same
 * limiter slot, address guard and Agents as a GET, one request, no redirects followed (a POST that
 * is redirected is the receiver's misconfiguration, and following it would resend the body to a
 * host nobody registered). Any status is a value; only the network fails by throwing. Posts are not
 * reported to the exchange observer: they are our messages, not evidence of what a site said.
 */
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import type { Deadline } from './deadline.js';
import { assertPublicTarget } from './host-check.js';
import type { LookupFn } from './host-check.js';
import type { Limiter, Release } from './limiter.js';
import { requestFailure } from './network-errors.js';
import type { FailureContext } from './network-errors.js';
import type { FetchOptions, PostResult } from './types.js';
import { basicAuthorization, redactUrl } from './url.js';

/** How much of a receiver's answer is kept, for the delivery log. */
const KEEP_BYTES = 2_048;

export interface PostInput {
  url: URL;
  body: string;
  headers: Record<string, string>;
  opts: FetchOptions;
  dispatcher: Dispatcher;
  lookup: LookupFn;
  limiter: Limiter;
  deadline: Deadline;
}

export async function performPost(input: PostInput): Promise<PostResult> {
  const { url, opts, deadline } = input;
  const started = performance.now();
  const ctx: FailureContext = { url, target: redactUrl(url), connectTimeoutMs: opts.connectTimeoutMs, timeoutMs: opts.timeoutMs, headersReceived: false };
  let release: Release | undefined;
  try {
    release = await input.limiter.acquire(url.hostname, deadline.signal);
    deadline.start();
    if (!opts.allowPrivateNetworks) {
      await assertPublicTarget(url, { lookup: input.lookup, target: ctx.target, timeoutMs: opts.connectTimeoutMs, signal: deadline.signal });
    }
    const res = await request(url, {
      dispatcher: input.dispatcher,
      method: 'POST',
      headers: withAuthorization(url, { 'user-agent': opts.userAgent, ...input.headers }),
      body: input.body,
      signal: deadline.signal,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
    ctx.headersReceived = true;
    const answer = await readStart(res.body);
    const location = res.headers.location;
    return {
      status: res.statusCode,
      body: answer,
      location: typeof location === 'string' ? location : null,
      ms: Math.round(performance.now() - started),
    };
  } catch (err) {
    throw requestFailure(err, opts.signal, deadline.timedOut, ctx);
  } finally {
    release?.();
  }
}

/** Credentials in the URL (https://user:pass@host/hook) go in an Authorization header, as for a GET. */
function withAuthorization(url: URL, headers: Record<string, string>): Record<string, string> {
  const authorization = basicAuthorization(url);
  return authorization === null ? headers : { ...headers, authorization };
}

/** The first KEEP_BYTES of the answer as text; the rest is dropped. */
async function readStart(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    chunks.push(buf);
    size += buf.length;
    if (size >= KEEP_BYTES) break;
  }
  if (size >= KEEP_BYTES) body.destroy();
  return Buffer.concat(chunks).subarray(0, KEEP_BYTES).toString('utf8');
}
