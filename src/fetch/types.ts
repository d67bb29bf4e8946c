/**
 * The fetch stage's public types. A fetch returns bytes and headers; a 304, a 410 and a 429/503
 * with Retry-After are outcomes (values), every other failure is a thrown FeedkeeperError.
 */
import type { SharedHostSlots } from './shared-host-slots.js';
import type { LookupFn } from './host-check.js';

export interface FetchOptions {
  userAgent: string;
  /** Total time for the whole call (all redirect hops, headers and body), from the first granted slot. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Cap on the decoded (decompressed) body. */
  maxBytes: number;
  maxRedirects: number;
  allowPrivateNetworks: boolean;
  /** Conditional GET validators from the previous fetch. */
  etag?: string | null;
  lastModified?: string | null;
  /** Accept header; `*\/*` when not given. */
  accept?: string;
  /** Aborting rejects the fetch with the signal's reason, as fetch() does. */
  signal?: AbortSignal;
}

export type FetchResult =
  | {
      kind: 'ok';
      status: number;
      body: Uint8Array;
      /** Response headers of the final hop, names lower-cased; repeated headers joined with ", ". */
      headers: Record<string, string>;
      finalUrl: string;
      /** The new URL when every hop was 301/308, else null (also null without redirects). */
      permanentRedirect: string | null;
      etag: string | null;
      lastModified: string | null;
      contentType: string | null;
      /** Cache-Control max-age in ms, or null. */
      maxAgeMs: number | null;
      /** Wall time of the call, including any wait for a limiter slot. */
      ms: number;
      /** What the exchange observer named this response by (WARC capture: its payload digest); null without one. */
      captured: string | null;
    }
  | { kind: 'not-modified'; finalUrl: string; permanentRedirect: string | null; maxAgeMs: number | null; ms: number }
  | { kind: 'gone'; status: 410; finalUrl: string }
  | { kind: 'rate-limited'; status: 429 | 503; retryAfterMs: number | null; finalUrl: string };

/** What a receiver answered a POST: any status (redirects are not followed), the start of the body. */
export interface PostResult {
  status: number;
  /** The first 2 KB of the answer, for logs. */
  body: string;
  /** A redirect's target, reported rather than followed. */
  location: string | null;
  ms: number;
}

export interface Fetcher {
  fetch(url: string, opts?: Partial<FetchOptions>): Promise<FetchResult>;
  /** Sends one POST through the same guard and limits (post.ts); throws only for network failures. */
  post(url: string, body: string, headers: Record<string, string>, opts?: Partial<FetchOptions>): Promise<PostResult>;
  /** Closes pooled connections; later fetches throw FETCH_NETWORK. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_PER_HOST_CONCURRENCY = 2;

/** One final HTTP response as it was exchanged, for capture (WARC). Redirect hops are not reported. */
export interface Exchange {
  url: string;
  method: 'GET';
  /** The request headers sent, names lower-cased. */
  requestHeaders: Record<string, string>;
  status: number;
  /** Response headers, names lower-cased, as received (content-encoding included). */
  responseHeaders: Record<string, string>;
  /** The body after content decoding (empty for statuses whose body is discarded). */
  body: Uint8Array;
  /** The peer's address when known. */
  remoteAddress: string | null;
  /** When the response headers arrived. */
  date: Date;
}

/**
 * Called once per final response; must not throw (the fetch never waits for or fails by it). It may
 * return a name for the response (WARC capture returns the payload digest its record will carry),
 * which a 2xx result passes on as `captured` so what is stored from it can point at its capture.
 */
export type ExchangeObserver = (exchange: Exchange) => string | null | void;

export type FetcherConfig = Omit<FetchOptions, 'maxRedirects'> & {
  maxRedirects?: number; // DEFAULT_MAX_REDIRECTS
  perHostConcurrency?: number; // DEFAULT_PER_HOST_CONCURRENCY
  globalConcurrency: number;
  /** Name resolution for both the guard and the sockets; the system resolver when not given. */
  lookup?: LookupFn;
  /** Per-host slots shared with other processes (shared-host-slots.ts); closed with the fetcher. */
  sharedHostSlots?: SharedHostSlots;
  /** Sees every final response (feeds and pages alike); main.ts wires WARC capture here. */
  onExchange?: ExchangeObserver;
};
