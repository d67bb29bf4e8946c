/**
 * Prometheus metrics (prom-client), one registry per running app so tests can make many. What the
 * issue asks to see: fetches and their errors and durations, queue depth, articles, revisions,
 * search latency; plus HTTP requests by route and the process's own metrics. Gauges that live in
 * the store or queue are read when Prometheus scrapes, not kept in step by hand.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricSources {
  counts(): Promise<{ articles: number; revisions: number }>;
  queueDepth(): Promise<number>;
}

export interface Metrics {
  readonly registry: Registry;
  /** One feed refresh finished: its outcome ('ok', 'not-modified', 'error', …) and how long it took. */
  recordRefresh(status: string, seconds: number, failed: boolean): void;
  recordSearch(seconds: number): void;
  recordRequest(method: string, route: string, status: number, seconds: number): void;
  /** Where the gauges read from; set once the store and queue are open. */
  setSources(sources: MetricSources): void;
}

export function createMetrics(opts: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'feedkeeper_' });
  let sources: MetricSources | null = null;
  const fetches = new Counter({ name: 'feedkeeper_fetches_total', help: 'Feed fetches by outcome', labelNames: ['status'], registers: [registry] });
  const errors = new Counter({ name: 'feedkeeper_fetch_errors_total', help: 'Feed fetches that failed', registers: [registry] });
  const fetchSeconds = new Histogram({
    name: 'feedkeeper_fetch_duration_seconds',
    help: 'Time for one feed refresh: fetch, parse, full text, store',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const searchSeconds = new Histogram({ name: 'feedkeeper_search_duration_seconds', help: 'Search latency', buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers: [registry] });
  const requests = new Counter({ name: 'feedkeeper_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const requestSeconds = new Histogram({ name: 'feedkeeper_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['route'], buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry] });
  new Gauge({
    name: 'feedkeeper_queue_depth',
    help: 'Jobs waiting or delayed',
    registers: [registry],
    async collect() {
      if (sources) this.set(await sources.queueDepth());
    },
  });
  // One count query serves both gauges in a scrape: the first collect asks, the second reuses it.
  let counting: { at: number; value: Promise<{ articles: number; revisions: number }> } | null = null;
  const counts = () => {
    const now = Date.now();
    if (sources && (counting === null || now - counting.at > 1000)) counting = { at: now, value: sources.counts() };
    return counting?.value ?? null;
  };
  for (const [name, help, key] of [
    ['feedkeeper_articles', 'Articles in the archive', 'articles'],
    ['feedkeeper_revisions', 'Revisions in the archive (every version of every article)', 'revisions'],
  ] as const) {
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const n = counts();
        if (n) this.set((await n)[key]);
      },
    });
  }
  return {
    registry,
    recordRefresh(status, seconds, failed) {
      fetches.inc({ status });
      if (failed) errors.inc();
      fetchSeconds.observe(seconds);
    },
    recordSearch: (seconds) => searchSeconds.observe(seconds),
    recordRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      requestSeconds.observe({ route }, seconds);
    },
    setSources(s) {
      sources = s;
    },
  };
}
