/**
 * The serve suite's tables: per scenario, feedkeeper beside the bare node:http ceiling and the
 * store calls alone; then one summary row per scenario (what the issue asks for: requests/s and
 * p95) and the server processes' peak memory.
 */
import { formatInt, formatMB, formatMs, formatRate, formatRatio, renderSection, renderTable } from './report.js';
import type { ServeArchive } from './serve-archive.js';
import type { LoadResult } from './serve-load.js';
import type { ChildMemory } from './serve-process.js';
import type { Scenario } from './serve-scenarios.js';

export interface StoreTiming {
  calls: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
}

export interface ScenarioResult {
  scenario: Scenario;
  /** Mean body size of the probe responses; the bare server answers with this many bytes. */
  bodyBytes: number;
  feedkeeper: LoadResult;
  bare: LoadResult;
  store: StoreTiming;
}

export interface LoadPlan {
  connections: number;
  warmSeconds: number;
  seconds: number;
  bareSeconds: number;
}

export function renderSetup(archive: ServeArchive, plan: LoadPlan): string {
  const rate = archive.articles / (archive.buildMs / 1000);
  return [
    `serve · ${formatInt(archive.articles)} articles in ${archive.feedIds.length} feeds (stored in ${formatMs(archive.buildMs)}, ${formatRate(rate)}/s), ` +
      `${formatInt(archive.readCount)} already read by the bench user`,
    `  load: autocannon in the bench process, ${plan.connections} keep-alive connections; each server in a child process of its own.`,
    `  feedkeeper: ${plan.warmSeconds} s warm-up, then ${plan.seconds} s timed; bare node:http: ${plan.warmSeconds} s warm-up, then ${plan.bareSeconds} s.`,
    `  latency is under that load: with ${plan.connections} requests in flight on one event loop, p50 ≈ ${plan.connections} × the time per request (1 ÷ req/s).`,
    `  store calls alone: what the route asks the store for one request, timed one request at a time in the bench process, over the same inputs.`,
    '',
  ].join('\n');
}

export function renderScenario(r: ScenarioResult): string {
  const row = (name: string, load: LoadResult, body: string): string[] => [
    name, formatRate(load.requestsPerSecond), formatMs(load.p50Ms), formatMs(load.p95Ms), formatShare(load.requestsPerSecond / r.bare.requestsPerSecond), body, formatInt(load.responses),
  ];
  const body = formatBytes(r.bodyBytes);
  const storeRate = 1000 / r.store.meanMs;
  const table = renderTable(
    [{ header: 'server' }, { header: 'req/s', align: 'right' }, { header: 'p50', align: 'right' }, { header: 'p95', align: 'right' },
      { header: '× bare', align: 'right' }, { header: 'body', align: 'right' }, { header: 'responses', align: 'right' }],
    [
      row('feedkeeper', r.feedkeeper, body),
      row('bare node:http', r.bare, body),
      ['store calls alone', formatRate(storeRate), formatMs(r.store.p50Ms), formatMs(r.store.p95Ms), '—', '—', formatInt(r.store.calls)],
    ],
  );
  const perRequestMs = 1000 / r.feedkeeper.requestsPerSecond;
  const paths = r.scenario.paths.length;
  return renderSection(`serve · ${r.scenario.name} · ${r.scenario.route} (${r.scenario.auth}) · ${formatInt(paths)} distinct path${paths === 1 ? '' : 's'}`, table, [
    `× bare = req/s ÷ the bare server's. Every response was 2xx.`,
    `store calls alone (one request's worth, one at a time; req/s = 1 ÷ mean ${formatMs(r.store.meanMs)}): ${r.scenario.store.label}.`,
    `feedkeeper spends ${formatMs(perRequestMs)} per request at saturation (1 ÷ req/s); the store calls are ${percent(r.store.meanMs / perRequestMs)} of it, ` +
      `routing, rendering and HTTP the rest.`,
  ]);
}

export function renderSummary(results: readonly ScenarioResult[], memory: { feedkeeper: ChildMemory; bare: ChildMemory }): string {
  const table = renderTable(
    [{ header: 'scenario' }, { header: 'route' }, { header: 'req/s', align: 'right' }, { header: 'p50', align: 'right' }, { header: 'p95', align: 'right' },
      { header: '× bare', align: 'right' }, { header: 'store p50', align: 'right' }, { header: 'store p95', align: 'right' }, { header: 'store share', align: 'right' }],
    results.map((r) => [
      r.scenario.name, r.scenario.route, formatRate(r.feedkeeper.requestsPerSecond), formatMs(r.feedkeeper.p50Ms), formatMs(r.feedkeeper.p95Ms),
      formatShare(r.feedkeeper.requestsPerSecond / r.bare.requestsPerSecond), formatMs(r.store.p50Ms), formatMs(r.store.p95Ms),
      percent((r.store.meanMs * r.feedkeeper.requestsPerSecond) / 1000),
    ]),
  );
  const fk = memory.feedkeeper;
  return renderSection('serve · summary · feedkeeper under load', table, [
    `store p50/p95: the route's store calls alone; store share = their mean time ÷ feedkeeper's time per request (1 ÷ req/s).`,
    `server peak RSS (resourceUsage().maxRSS of the child): feedkeeper ${formatMB(fk.maxRssBytes)} ` +
      `(${formatMB(fk.idleRssBytes)} when it started listening, ${formatMB(fk.finalRssBytes)} at the end), ` +
      `bare node:http ${formatMB(memory.bare.maxRssBytes)} (${formatMB(memory.bare.idleRssBytes)} when it started listening): ${formatRatio(fk.maxRssBytes / memory.bare.maxRssBytes)}.`,
  ]);
}

/** A ratio far below 1 keeps two significant digits (0.0021×), where formatRatio would print 0.00×. */
function formatShare(ratio: number): string {
  return ratio >= 0.1 ? formatRatio(ratio) : `${ratio.toPrecision(2)}×`;
}

/** Bytes as kB below a megabyte (report.ts's formatMB above). */
function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? formatMB(bytes) : `${(bytes / 1e3).toFixed(1)} kB`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
