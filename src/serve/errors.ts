/**
 * Error codes → HTTP statuses, once, for every surface (Fastify's table in miniature). A handler
 * throws a FeedkeeperError; the app's onError turns it into a JSON error for API and feed clients
 * or a page for people. ≥ 500 is logged as an error with its stack, the rest as info.
 */
import type { ErrorCode } from '../core/index.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  USAGE: 400,
  QUERY_INVALID: 400,
  NOT_OPML: 400,
  RECORD_MALFORMED: 400,
  WARC_INVALID: 400,
  RECORD_INVALID: 400,
  RULE_INVALID: 400,
  CONFIG_INVALID: 400,
  AUTH_REQUIRED: 401,
  AUTH_FAILED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  SIGNIN_REFUSED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  INPUT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // A URL the user gave is not a feed, or its feed cannot be read: their input, our answer.
  FEED_EMPTY: 422,
  NOT_A_FEED: 422,
  FEED_MALFORMED: 422,
  ENTITY_EXPANSION_LIMIT: 422,
  FETCH_BAD_URL: 422,
  FETCH_REFUSED_ADDRESS: 422,
  RATE_LIMITED: 429,
  // The site the user pointed at failed, not feedkeeper.
  FETCH_TIMEOUT: 502,
  FETCH_TOO_LARGE: 502,
  FETCH_TOO_MANY_REDIRECTS: 502,
  FETCH_HTTP_STATUS: 502,
  FETCH_NETWORK: 502,
  FETCH_DNS: 502,
  FETCH_DECOMPRESS: 502,
  // The identity provider the admin configured failed (unreachable, or an answer we cannot use).
  OIDC_PROVIDER_FAILED: 502,
  STORE_LOCKED: 503,
  QUEUE_CLOSED: 503,
  STORE_IO: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

/** The JSON body of every error response: `{ "error": { "code", "message" } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
