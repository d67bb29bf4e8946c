/**
 * The serve suite's tables: per scenario, feedkeeper beside the bare node:http ceiling and the
 * store calls alone; then one summary row per scenario (what the issue asks for: requests/s and
 * p95, with the per-user rows against the bench user's) and the server processes' peak memory;
 * then the per-user rows on their own, against the goal of staying within 1.5× of one user.
 */
import { formatInt, formatMB, formatMs, formatRate, formatRatio, renderSection, renderTable } from './report.js';
import type { BenchReader, ServeArchive } from './serve-archive.js';
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
  /** The probes before the load: requests one at a time, nothing else in flight. */
  oneAtATime: { requests: number; meanMs: number; p50Ms: number; maxMs: number };
  /** What the scenario's describe() said about the store's work. */
  note?: string;
}

export interface LoadPlan {
  connections: number;
  warmSeconds: number;
  seconds: number;
  bareSeconds: number;
}

/** The goal for a page of one of many users: within this factor of the same page for one user. */
const PER_USER_GOAL = 1.5;
/** Fewer responses than this in either run make the req/s and p95 ratios a guess (p95 of 4 is the 4th). */
const FEW_RESPONSES = 20;

export function renderSetup(archive: ServeArchive, plan: LoadPlan): string {
  const rate = archive.articles / (archive.buildMs / 1000);
  const { times, readers, partial } = archive;
  const mean = (of: (r: BenchReader) => number) => formatInt(Math.round(readers.reduce((sum, r) => sum + of(r), 0) / readers.length));
  const marks = [archive, ...readers, partial].reduce((sum, r) => sum + r.readCount, 0);
  const subscriptions = [archive, ...readers, partial].reduce((sum, r) => sum + r.feedIds.length, 0);
  return [
    `serve · ${formatInt(archive.articles)} articles in ${archive.feedIds.length} feeds (stored in ${formatMs(archive.buildMs)}, ${formatRate(rate)}/s), ` +
      `${formatInt(archive.readCount)} already read by the bench user`,
    `  readers: bench (admin, ${archive.feedIds.length} feeds); ${readers.length} readers of ${mean((r) => r.feedIds.length)} feeds each ` +
      `(${mean((r) => r.personal)} of them with the reader's own name or tags, ${mean((r) => r.readCount)} entries read on average); ` +
      `${partial.username}, ${partial.feedIds.length} feeds (${formatInt(partial.reach)} entries, ${formatInt(partial.readCount)} read). ${formatInt(subscriptions)} subscriptions in all.`,
    `  build ${formatMs(times.totalMs)}: accounts and named subscriptions ${formatMs(times.accountsMs)}, articles ${formatMs(times.articlesMs)}, ` +
      `the other subscriptions ${formatMs(times.subscriptionsMs)}, read marks ${formatMs(times.marksMs)} (${formatInt(marks)} entries).`,
    `  load: autocannon in the bench process, ${plan.connections} keep-alive connections; each server in a child process of its own.`,
    `  feedkeeper: ${plan.warmSeconds} s warm-up, then ${plan.seconds} s timed; bare node:http: ${plan.warmSeconds} s warm-up, then ${plan.bareSeconds} s.`,
    `  latency is under that load: with ${plan.connections} requests in flight on one event loop, p50 ≈ ${plan.connections} × the time per request (1 ÷ req/s).`,
    `  store calls alone: what the route asks the store for one request, timed one request at a time in the bench process, over the same inputs.`,
    '',
  ].join('\n');
}

export function renderScenario(r: ScenarioResult): string {
  const answered = r.feedkeeper.responses > 0;
  const row = (name: string, load: LoadResult, body: string): string[] =>
    load.responses === 0
      ? [name, '0', '—', '—', '—', body, '0']
      : [name, formatRate(load.requestsPerSecond), formatMs(load.p50Ms), formatMs(load.p95Ms), formatShare(load.requestsPerSecond / r.bare.requestsPerSecond), body, formatInt(load.responses)];
  const body = formatBytes(r.bodyBytes);
  const storeRate = 1000 / r.store.meanMs;
  const one = r.oneAtATime;
  const table = renderTable(
    [{ header: 'server' }, { header: 'req/s', align: 'right' }, { header: 'p50', align: 'right' }, { header: 'p95', align: 'right' },
      { header: '× bare', align: 'right' }, { header: 'body', align: 'right' }, { header: 'responses', align: 'right' }],
    [
      row('feedkeeper', r.feedkeeper, body),
      ['feedkeeper, one at a time', formatRate(1000 / one.meanMs), formatMs(one.p50Ms), `${formatMs(one.maxMs)} (max)`, '—', body, formatInt(one.requests)],
      row('bare node:http', r.bare, body),
      ['store calls alone', formatRate(storeRate), formatMs(r.store.p50Ms), formatMs(r.store.p95Ms), '—', '—', formatInt(r.store.calls)],
    ],
  );
  const perRequestMs = 1000 / r.feedkeeper.requestsPerSecond;
  const paths = r.scenario.paths.length;
  return renderSection(`serve · ${r.scenario.name} · ${r.scenario.route} (${r.scenario.auth}, as ${r.scenario.users}) · ${formatInt(paths)} distinct path${paths === 1 ? '' : 's'}`, table, [
    ...(r.note === undefined ? [] : [r.note]),
    answered
      ? `× bare = req/s ÷ the bare server's. Every response was 2xx.`
      : `feedkeeper answered nothing within the ${formatSeconds(r.feedkeeper.seconds)} run: with every connection's request in flight on one event loop, each took longer than that.`,
    `one at a time: the ${one.requests} requests checked before the load, each alone (req/s = 1 ÷ their mean ${formatMs(one.meanMs)}).`,
    `store calls alone (one request's worth, one at a time; req/s = 1 ÷ mean ${formatMs(r.store.meanMs)}): ${r.scenario.store.label}.`,
    ...(answered
      ? [`feedkeeper spends ${formatMs(perRequestMs)} per request at saturation (1 ÷ req/s); the store calls are ${percent(r.store.meanMs / perRequestMs)} of it, routing, rendering and HTTP the rest.`]
      : []),
  ]);
}

function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(1)} s`;
}

export function renderSummary(results: readonly ScenarioResult[], memory: { feedkeeper: ChildMemory; bare: ChildMemory }): string {
  const table = renderTable(
    [{ header: 'scenario' }, { header: 'route' }, { header: 'req/s', align: 'right' }, { header: 'p50', align: 'right' }, { header: 'p95', align: 'right' },
      { header: '× bare', align: 'right' }, { header: 'store p50', align: 'right' }, { header: 'store p95', align: 'right' }, { header: 'store share', align: 'right' },
      { header: 'req/s ÷ 1 user', align: 'right' }, { header: 'p95 ÷ 1 user', align: 'right' }],
    results.map((r) => {
      const base = baselineOf(results, r);
      const load = r.feedkeeper;
      if (load.responses === 0) {
        return [r.scenario.name, r.scenario.route, '0', '—', '—', '—', formatMs(r.store.p50Ms), formatMs(r.store.p95Ms), '—', base === undefined ? '' : '—', base === undefined ? '' : '—'];
      }
      return [
        r.scenario.name, r.scenario.route, formatRate(load.requestsPerSecond), formatMs(load.p50Ms), formatMs(load.p95Ms),
        formatShare(load.requestsPerSecond / r.bare.requestsPerSecond), formatMs(r.store.p50Ms), formatMs(r.store.p95Ms),
        percent((r.store.meanMs * load.requestsPerSecond) / 1000),
        base === undefined ? '' : ratio(load.requestsPerSecond, base.feedkeeper.requestsPerSecond, base),
        base === undefined ? '' : ratio(load.p95Ms, base.feedkeeper.p95Ms, base),
      ];
    }),
  );
  const fk = memory.feedkeeper;
  const unanswered = results.filter((r) => r.feedkeeper.responses === 0).map((r) => r.scenario.name);
  return renderSection('serve · summary · feedkeeper under load', table, [
    ...(unanswered.length === 0 ? [] : [`0 req/s: no response within the timed run (${unanswered.join(', ')}); their one-at-a-time times are in their sections.`]),
    `store p50/p95: the route's store calls alone; store share = their mean time ÷ feedkeeper's time per request (1 ÷ req/s).`,
    `÷ 1 user: a per-user row against the same page of the bench user (${results.filter((r) => r.scenario.baseline !== undefined).map((r) => `${r.scenario.name} ÷ ${r.scenario.baseline ?? ''}`).join(', ')}).`,
    `server peak RSS (resourceUsage().maxRSS of the child): feedkeeper ${formatMB(fk.maxRssBytes)} ` +
      `(${formatMB(fk.idleRssBytes)} when it started listening, ${formatMB(fk.finalRssBytes)} at the end), ` +
      `bare node:http ${formatMB(memory.bare.maxRssBytes)} (${formatMB(memory.bare.idleRssBytes)} when it started listening): ${formatRatio(fk.maxRssBytes / memory.bare.maxRssBytes)}.`,
  ]);
}

/**
 * The per-user rows against the bench user's: requests/s and p95 under load, and the store calls
 * alone, each as per-user ÷ one user, and whether the page is within the goal (req/s no lower than
 * one user's ÷ 1.5, p95 no higher than one user's × 1.5).
 */
export function renderPerUser(results: readonly ScenarioResult[]): string {
  const rows = results.flatMap((r) => {
    const base = baselineOf(results, r);
    return base === undefined ? [] : [{ r, base }];
  });
  if (rows.length === 0) return '';
  const table = renderTable(
    [{ header: 'scenario' }, { header: 'as' }, { header: 'req/s', align: 'right' }, { header: '1 user', align: 'right' }, { header: '÷', align: 'right' },
      { header: 'p95', align: 'right' }, { header: '1 user', align: 'right' }, { header: '÷', align: 'right' },
      { header: 'store p50', align: 'right' }, { header: '1 user', align: 'right' }, { header: 'store p95', align: 'right' }, { header: '1 user', align: 'right' }, { header: '÷', align: 'right' },
      { header: `within ${PER_USER_GOAL}×`, align: 'right' }],
    rows.map(({ r, base }) => {
      const measured = r.feedkeeper.responses > 0 && base.feedkeeper.responses > 0;
      const rate = r.feedkeeper.requestsPerSecond / base.feedkeeper.requestsPerSecond;
      const p95 = r.feedkeeper.p95Ms / base.feedkeeper.p95Ms;
      const within = rate >= 1 / PER_USER_GOAL && p95 <= PER_USER_GOAL;
      const latency = (load: LoadResult) => (load.responses === 0 ? '—' : formatMs(load.p95Ms));
      const few = Math.min(r.feedkeeper.responses, base.feedkeeper.responses);
      const verdict = within ? 'yes' : 'no';
      return [
        r.scenario.name, r.scenario.users, formatRate(r.feedkeeper.requestsPerSecond), formatRate(base.feedkeeper.requestsPerSecond), measured ? formatShare(rate) : '—',
        latency(r.feedkeeper), latency(base.feedkeeper), measured ? formatShare(p95) : '—',
        formatMs(r.store.p50Ms), formatMs(base.store.p50Ms), formatMs(r.store.p95Ms), formatMs(base.store.p95Ms), formatShare(r.store.p95Ms / base.store.p95Ms),
        !measured ? 'not measured' : few < FEW_RESPONSES ? `${verdict}? (${few} responses)` : verdict,
      ];
    }),
  );
  return renderSection('serve · several users · per-user pages against the bench user\'s', table, [
    `÷ = per-user ÷ one user (the bench user, subscribed to every feed, same archive, same run). Goal: req/s ÷ ≥ ${formatRatio(1 / PER_USER_GOAL)} and p95 ÷ ≤ ${formatRatio(PER_USER_GOAL)}.`,
    `store p50/p95: the same store calls alone, for the same readers and inputs (entries.list and search.search scoped to each reader in turn).`,
    ...(rows.some(({ r, base }) => Math.min(r.feedkeeper.responses, base.feedkeeper.responses) < FEW_RESPONSES)
      ? [`?: fewer than ${FEW_RESPONSES} responses in one of the two runs, so its req/s and p95 ratios are noise; the store calls alone compare the same inputs.`]
      : []),
  ]);
}

/** a ÷ b for a per-user row, '—' when the bench user's row got no response to compare with. */
function ratio(a: number, b: number, base: ScenarioResult): string {
  return base.feedkeeper.responses === 0 ? '—' : formatShare(a / b);
}

function baselineOf(results: readonly ScenarioResult[], r: ScenarioResult): ScenarioResult | undefined {
  const name = r.scenario.baseline;
  return name === undefined ? undefined : results.find((b) => b.scenario.name === name);
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
