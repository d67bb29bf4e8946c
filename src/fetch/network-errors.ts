/**
 * Turns what undici, net and dns throw into FeedkeeperErrors that name the URL. Our own
 * FeedkeeperErrors pass through unchanged; the connect-time address refusal gets its URL here.
 */
import { FeedkeeperError } from '../core/errors.js';
import { AddressRefusedError, dnsError, errorCode, refusalError } from './host-check.js';
import { formatSeconds } from './url.js';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL']);

export interface FailureContext {
  url: URL;
  target: string; // the URL as named in messages
  connectTimeoutMs: number;
  timeoutMs: number;
  headersReceived: boolean;
}

function toFetchError(err: unknown, ctx: FailureContext): FeedkeeperError {
  if (err instanceof FeedkeeperError) return err;
  if (err instanceof AddressRefusedError) return refusalError(err, ctx.target);
  const code = errorCode(err);
  if (code !== undefined && DNS_CODES.has(code)) return dnsError(err, ctx.url.hostname, ctx.target);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return timeoutError(ctx, `no connection after ${formatSeconds(ctx.connectTimeoutMs)} s`, err);
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return totalTimeoutError(ctx, err);
    case 'ECONNREFUSED':
      return networkError(ctx, `connection refused by ${ctx.url.host}`, code, err);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return networkError(ctx, `connection reset by ${ctx.url.host}`, code, err);
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return networkError(ctx, message, code, err);
    }
  }
}

/**
 * What a failed request throws: the caller's own abort reason when it aborted, a total-timeout
 * error when our deadline fired (whatever undici reported for it), else the network error mapped.
 */
export function requestFailure(err: unknown, signal: AbortSignal | undefined, timedOut: boolean, ctx: FailureContext): unknown {
  if (signal?.aborted) return signal.reason;
  if (timedOut) return totalTimeoutError(ctx, err);
  return toFetchError(err, ctx);
}

function totalTimeoutError(ctx: FailureContext, cause?: unknown): FeedkeeperError {
  const seconds = formatSeconds(ctx.timeoutMs);
  const what = ctx.headersReceived ? `response body not complete after ${seconds} s` : `no response after ${seconds} s`;
  return timeoutError(ctx, what, cause);
}

function timeoutError(ctx: FailureContext, what: string, cause: unknown): FeedkeeperError {
  return new FeedkeeperError('FETCH_TIMEOUT', `fetch ${ctx.target}: ${what}`, { cause });
}

function networkError(ctx: FailureContext, what: string, code: string | undefined, cause: unknown): FeedkeeperError {
  return new FeedkeeperError('FETCH_NETWORK', `fetch ${ctx.target}: ${what}${code ? ` (${code})` : ''}`, { cause });
}
