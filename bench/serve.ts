/**
 * The serve suite: the web reader, the REST API and the republished feeds over an archive of
 * 200,000 generated articles (--quick: 20,000; serve-archive.ts). The real app runs in a child
 * process (serve-child.ts) and autocannon loads it from this one (serve-load.ts), scenario by
 * scenario (serve-scenarios.ts): requests/s, median and p95 latency. Peers in the same run:
 * a bare node:http child answering a body of the same size (the ceiling: HTTP over loopback
 * alone) and the route's store calls alone, in this process. The unread list and the search page
 * also come as 50 readers' (each request another reader's), beside the bench user's, and the
 * unread list of a reader of 20 feeds; the report sets those against the bench user's rows.
 * Then the server child's peak RSS.
 * Any response that is not 2xx fails the suite. A page so slow that the timed run gets no response
 * at all is reported as such (with its requests timed one at a time), and the suite fails after
 * printing every figure. Between runs the bench waits for the server to finish the requests a
 * run left in flight. Everything lives in a temp dir removed at the end.
 */
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { withTempDir } from './cleanup.js';
import { median, timeOnce } from './measure.js';
import { formatMB } from './report.js';
import { buildServeArchive } from './serve-archive.js';
import { describeFailures, percentile, rotation, runLoad, type LoadResult, type LoadTarget } from './serve-load.js';
import { startServerChild, type ServerChild } from './serve-process.js';
import { renderPerUser, renderScenario, renderSetup, renderSummary, type LoadPlan, type ScenarioResult, type StoreTiming } from './serve-report.js';
import { serveScenarios, type Scenario } from './serve-scenarios.js';
import type { BenchContext, Suite } from './suite.js';

const ARTICLES = { full: 200_000, quick: 20_000 } as const;
const PLAN: Record<'full' | 'quick', LoadPlan> = {
  full: { connections: 8, warmSeconds: 1, seconds: 10, bareSeconds: 3 },
  quick: { connections: 8, warmSeconds: 1, seconds: 3, bareSeconds: 2 },
};
/** The store calls alone: at most this many timed calls, or this long, after a few untimed ones. */
const STORE_BUDGET = { full: { calls: 500, ms: 5_000 }, quick: { calls: 200, ms: 1_500 } } as const;
const STORE_WARM_CALLS = 5;
/** Requests checked one by one before the load: status, type, and the body size the bare server copies. */
const PROBES = 5;

export const serveSuite: Suite = {
  name: 'serve',
  summary: 'reader, API and republished feeds over 200,000 articles: req/s, p50/p95 vs bare node:http and the store alone; server peak RSS',
  async run(ctx) {
    const total = ctx.quick ? ARTICLES.quick : ARTICLES.full;
    await withTempDir('feedkeeper-bench-serve-', (dir) => runIn(ctx, dir, total));
  },
};

async function runIn(ctx: BenchContext, dir: string, total: number): Promise<void> {
  const plan = ctx.quick ? PLAN.quick : PLAN.full;
  const archive = await phase('build', () => buildServeArchive(ctx, dir, total));
  const store = await openSqliteStore({ file: archive.file });
  const servers: ServerChild[] = [];
  try {
    const scenarios = serveScenarios(archive, store);
    // Before any load: the article pages mark entries read, and the unread list must see the archive as built.
    const budget = ctx.quick ? STORE_BUDGET.quick : STORE_BUDGET.full;
    const storeTimes = await phase('store alone', async () => {
      const times: StoreTiming[] = [];
      for (const scenario of scenarios) times.push(await timeStoreCall(scenario, budget));
      return times;
    });
    const notes: Array<string | undefined> = [];
    for (const scenario of scenarios) notes.push(await scenario.describe?.());
    const feedkeeper = await startServerChild('feedkeeper', archive.file);
    servers.push(feedkeeper);
    const bare = await startServerChild('bare');
    servers.push(bare);
    ctx.print(renderSetup(archive, plan));
    const results: ScenarioResult[] = [];
    for (const [i, scenario] of scenarios.entries()) {
      const timing = storeTimes[i];
      if (timing === undefined) throw new Error(`serve: no store timing for ${scenario.name}`);
      const result = await phase(scenario.name, () => measureScenario(scenario, { feedkeeper, bare }, plan, timing, notes[i]));
      ctx.print(renderScenario(result));
      results.push(result);
    }
    const memory = { feedkeeper: await feedkeeper.stop(), bare: await bare.stop() };
    ctx.print(renderSummary(results, memory));
    ctx.print(renderPerUser(results));
    const unanswered = results.filter((r) => r.feedkeeper.responses === 0).map((r) => r.scenario.name);
    if (unanswered.length > 0) {
      throw new Error(`serve: no response within the ${plan.seconds} s timed run for ${unanswered.join(', ')}: each took longer under load (see "one at a time" above); every figure is printed above`);
    }
  } finally {
    for (const server of servers) server.kill();
    await store.close();
  }
  ctx.memory.sample();
  ctx.print(`serve · bench process peak RSS so far ${formatMB(ctx.memory.peakBytes)} (sampled), ${formatMB(process.resourceUsage().maxRSS * 1024)} by the OS\n`);
}

async function measureScenario(scenario: Scenario, servers: { feedkeeper: ServerChild; bare: ServerChild }, plan: LoadPlan, store: StoreTiming, note?: string): Promise<ScenarioResult> {
  // One rotation through probes, warm-up and the timed run, so each part takes paths (and readers) the last did not.
  const next = rotation(scenario.paths);
  const nextHeaders = scenario.headerRotation === undefined ? undefined : rotation(scenario.headerRotation);
  const { bodyBytes, times } = await probe(scenario, servers.feedkeeper.origin, next, nextHeaders);
  const target: LoadTarget = { origin: servers.feedkeeper.origin, nextPath: next, headers: scenario.headers, ...(nextHeaders === undefined ? {} : { nextHeaders }) };
  // A page slower than a run answers nothing in it: the run shows none (reported, not a failure), the probes still time it.
  expectAllOk(scenario, 'feedkeeper (warm-up)', await runLoad(target, { connections: plan.connections, seconds: plan.warmSeconds }), { allowNone: true });
  await drain(scenario, servers.feedkeeper, 'warm-up');
  const feedkeeper = expectAllOk(scenario, 'feedkeeper', await runLoad(target, { connections: plan.connections, seconds: plan.seconds }), { allowNone: true });
  await drain(scenario, servers.feedkeeper, 'timed run');

  await servers.bare.setBody(bodyBytes, scenario.contentType);
  const bareHeaders = scenario.headerRotation === undefined ? {} : { nextHeaders: rotation(scenario.headerRotation) };
  const bareTarget: LoadTarget = { origin: servers.bare.origin, nextPath: rotation(scenario.paths), headers: scenario.headers, ...bareHeaders };
  await runLoad(bareTarget, { connections: plan.connections, seconds: plan.warmSeconds });
  const bare = expectAllOk(scenario, 'bare node:http', await runLoad(bareTarget, { connections: plan.connections, seconds: plan.bareSeconds }));
  const oneAtATime = { requests: times.length, meanMs: times.reduce((sum, t) => sum + t, 0) / times.length, p50Ms: median(times), maxMs: Math.max(...times) };
  return { scenario, bodyBytes, feedkeeper, bare, store, oneAtATime, ...(note === undefined ? {} : { note }) };
}

/** Waits for the requests a run left in flight, so they do not load what is measured next; says so when that took a while. */
async function drain(scenario: Scenario, server: ServerChild, after: string): Promise<void> {
  const waitedMs = await server.waitIdle();
  if (waitedMs >= 1_000) process.stderr.write(`serve: ${scenario.name}: waited ${(waitedMs / 1000).toFixed(1)} s after the ${after} for the requests still in flight\n`);
}

/** A few requests one at a time: each must be 200 with the right type. Returns their mean body size and their times. */
async function probe(scenario: Scenario, origin: string, next: () => string, nextHeaders?: () => Record<string, string>): Promise<{ bodyBytes: number; times: number[] }> {
  let bytes = 0;
  const times: number[] = [];
  for (let i = 0; i < PROBES; i++) {
    const path = next();
    const started = performance.now();
    const response = await fetch(origin + path, { headers: { ...scenario.headers, ...nextHeaders?.() }, redirect: 'manual' });
    const body = Buffer.from(await response.arrayBuffer());
    times.push(performance.now() - started);
    const type = response.headers.get('content-type') ?? '(none)';
    if (response.status !== 200 || !type.startsWith(scenario.contentType)) {
      const hint = response.status === 404 ? ' (is the route written yet?)' : response.status === 303 ? ` (redirected to ${response.headers.get('location')}: not signed in?)` : '';
      throw new Error(
        `serve: ${scenario.name}: GET ${redact(path)} answered ${response.status} ${type}${hint}; expected 200 ${scenario.contentType}. ` +
          `Body: ${body.toString('utf8').slice(0, 400)}`,
      );
    }
    bytes += body.length;
  }
  return { bodyBytes: Math.round(bytes / PROBES), times };
}

function expectAllOk(scenario: Scenario, server: string, result: LoadResult, opts: { allowNone?: boolean } = {}): LoadResult {
  const failures = describeFailures(result);
  if (failures !== '' || (result.responses === 0 && opts.allowNone !== true)) {
    throw new Error(`serve: ${scenario.name} (${scenario.route}) on ${server}: every response must be 2xx, got ${failures || 'no responses at all'} of ${result.responses} responses`);
  }
  return result;
}

async function timeStoreCall(scenario: Scenario, budget: { calls: number; ms: number }): Promise<StoreTiming> {
  for (let k = 0; k < STORE_WARM_CALLS; k++) await scenario.store.call(k);
  const times: number[] = [];
  const started = Date.now();
  for (let k = STORE_WARM_CALLS; times.length < budget.calls && Date.now() - started < budget.ms; k++) {
    times.push(await timeOnce(() => scenario.store.call(k)));
  }
  const meanMs = times.reduce((sum, t) => sum + t, 0) / times.length;
  return { calls: times.length, meanMs, p50Ms: median(times), p95Ms: percentile(times, 0.95) };
}

/** Paths of the republished feeds carry the API token; it stays out of error messages. */
function redact(path: string): string {
  return path.replace(/token=[^&]*/, 'token=…');
}

/** Runs one phase and says on stderr how long it took, so a slow full run shows where its minutes went. */
async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const value = await run();
  process.stderr.write(`serve: ${name} took ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
  return value;
}
