/**
 * Every failure feedkeeper reports carries a code from this one union, a message that says what
 * failed, on what, and what was expected, and (where there is one) the underlying cause.
 * Codes are mapped to HTTP statuses once, in serve/; nothing else switches on error classes.
 */
export type ErrorCode =
  // input and parsing
  | 'INPUT_TOO_LARGE'
  | 'FEED_EMPTY'
  | 'NOT_A_FEED'
  | 'NOT_OPML'
  | 'FEED_MALFORMED'
  | 'ENTITY_EXPANSION_LIMIT'
  | 'RECORD_MALFORMED'
  | 'RECORD_INVALID'
  | 'WARC_INVALID'
  | 'RULE_INVALID'
  // fetching
  | 'FETCH_TIMEOUT'
  | 'FETCH_REFUSED_ADDRESS'
  | 'FETCH_BAD_URL'
  | 'FETCH_TOO_LARGE'
  | 'FETCH_TOO_MANY_REDIRECTS'
  | 'FETCH_HTTP_STATUS'
  | 'FETCH_NETWORK'
  | 'FETCH_DNS'
  | 'FETCH_DECOMPRESS'
  // configuration, storage, usage
  | 'CONFIG_INVALID'
  | 'STORE_LOCKED'
  | 'STORE_IO'
  | 'QUEUE_CLOSED'
  /** The queue's server cannot be reached or is set up so that jobs could be lost (Redis eviction). */
  | 'QUEUE_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'USAGE'
  // search
  | 'QUERY_INVALID'
  // the web reader and APIs
  | 'AUTH_REQUIRED'
  | 'AUTH_FAILED'
  | 'CSRF_FAILED'
  /** Signed in, but this user may not do that (an admin's task, or another subscriber's feed). */
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  // sign-in with OpenID Connect: we said no, or the provider failed
  | 'SIGNIN_REFUSED'
  | 'OIDC_PROVIDER_FAILED'
  | 'METHOD_NOT_ALLOWED';

export class FeedkeeperError extends Error {
  readonly code: ErrorCode;
  /** Structured extras for programs (e.g. discovered feed URLs); the message already says it for people. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, opts: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'FeedkeeperError';
    this.code = code;
    this.details = opts.details ?? {};
  }
}

export function isFeedkeeperError(err: unknown, code?: ErrorCode): err is FeedkeeperError {
  return err instanceof FeedkeeperError && (code === undefined || err.code === code);
}

/** A message for people: the error's own message plus its code, or a plain description of anything thrown. */
export function describeError(err: unknown): string {
  if (err instanceof FeedkeeperError) return `${err.message} (${err.code})`;
  if (err instanceof Error) return err.message;
  return String(err);
}
