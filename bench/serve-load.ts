/**
 * Load for the serve suite: autocannon (a devDependency) drives N keep-alive connections at a
 * server for a fixed time, each request taking the next path of a rotation (article ids, search
 * terms, feed ids) and, when given, the next headers of a rotation of their own (one reader's
 * session cookie after another). Every response's time is kept at full resolution (autocannon's own histogram
 * rounds to whole milliseconds and has no p95), and every status is counted: the suite fails on
 * anything but 2xx. autocannon ships no types; serve-autocannon.d.ts declares the slice used
 * here, as Kysely types only the slice of better-sqlite3 it calls.
 */
import autocannon, { type AutocannonRequest } from 'autocannon';
import { median } from './measure.js';

export interface LoadTarget {
  /** http://127.0.0.1:port */
  origin: string;
  /** The next request path (with its query), across all connections; see rotation(). */
  nextPath: () => string;
  headers: Record<string, string>;
  /** The next request's own headers, over `headers` (see rotation()). */
  nextHeaders?: () => Record<string, string>;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
}

export interface LoadResult {
  responses: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** Mean bytes received per response, headers included. */
  bytesPerResponse: number;
  /** Responses by status code. */
  statuses: Map<number, number>;
  /** Requests that got no response: connection errors (timeouts not included) and timeouts. */
  errors: number;
  timeouts: number;
}

const REQUEST_TIMEOUT_S = 30;

export function runLoad(target: LoadTarget, opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let bytes = 0;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.origin,
        connections: opts.connections,
        duration: opts.seconds,
        timeout: REQUEST_TIMEOUT_S,
        headers: target.headers,
        requests: [{ method: 'GET', setupRequest: (request) => withNext(target, request) }],
      },
      (err, result) => {
        if (err) return reject(err);
        const seconds = (performance.now() - started) / 1000;
        resolve({
          responses: latencies.length,
          seconds,
          requestsPerSecond: latencies.length / seconds,
          p50Ms: median(latencies),
          p95Ms: percentile(latencies, 0.95),
          bytesPerResponse: latencies.length === 0 ? 0 : bytes / latencies.length,
          statuses,
          errors: result.errors - result.timeouts, // autocannon counts a timeout as an error too
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client, statusCode, resBytes, responseTimeMs) => {
      latencies.push(responseTimeMs);
      bytes += resBytes;
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
}

/** autocannon hands setupRequest its request with the default headers merged in; this returns a new one. */
function withNext(target: LoadTarget, request: AutocannonRequest): AutocannonRequest {
  const path = target.nextPath();
  return target.nextHeaders === undefined ? { ...request, path } : { ...request, path, headers: { ...request.headers, ...target.nextHeaders() } };
}

/**
 * Paths (or header sets) taken in turn, wrapping at the end. One rotation kept across a warm-up and
 * the timed run continues where the warm-up stopped (an article page opened once is read from then on).
 */
export function rotation<T>(items: readonly T[]): () => T {
  const first = items[0];
  if (first === undefined) throw new Error('serve load: expected at least one path (or header set) to request, got none');
  let next = 0;
  return () => items[next++ % items.length] ?? first;
}

/** Nearest-rank percentile, q in (0, 1]. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Responses that were not 2xx, and requests that got none: "" when there were none. */
export function describeFailures(result: LoadResult): string {
  const bad = [...result.statuses].filter(([status]) => status < 200 || status > 299).map(([status, n]) => `${n} × ${status}`);
  if (result.errors > 0) bad.push(`${result.errors} connection errors`);
  if (result.timeouts > 0) bad.push(`${result.timeouts} timeouts`);
  return bad.join(', ');
}
