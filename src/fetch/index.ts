/**
 * fetch/: HTTP for all of feedkeeper. Bytes and headers in, FetchResult out; decoding the bytes
 * is encoding/'s job. Import from here, never from the files behind it.
 */
export { createFetcher } from './fetcher.js';
export type { Exchange, ExchangeObserver, FetchOptions, FetchResult, Fetcher, FetcherConfig, PostResult } from './types.js';
export type { LookupAddress, LookupFn } from './host-check.js';
export { openRedisHostSlots, type SharedHostSlots } from './shared-host-slots.js';
export { checkPublicUrl } from './host-check.js';
export { redactUrl } from './url.js';
