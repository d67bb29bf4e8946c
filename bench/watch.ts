/**
 * `npm run bench -- watch`: one simulated day of article re-checks. 100,000 watched articles
 * (--quick: 5,000) on 200 loopback hosts (20), each due once during the day, checked through the
 * real job (recheckArticle: budget, conditional GET, extraction, cleaning, comparison, one store
 * transaction, record files for edits) by the in-process queue, with a fake clock stepping
 * through the day hour by hour. Pages come from a child process (watch-site.ts): 60% answer 304,
 * 34% send the same text again without validators, 5% were edited, 1% are gone.
 * Printed: machine time for the day against the 10-minute goal, checks/s, CPU per check, requests
 * per host per hour and per day against the daily budget, the 304 share; and the same URLs fetched
 * bare (same fetcher, same validators, nothing else) in the same run, as the floor to compare with.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger, type Clock } from '../src/core/index.js';
import { loadRules } from '../src/extract/index.js';
import { createFetcher, type Fetcher } from '../src/fetch/index.js';
import { contentHash } from '../src/ingest/index.js';
import { createMemoryQueue } from '../src/queue/memory/index.js';
import type { IncomingArticle, Store } from '../src/store/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { recheckArticle, type WatchDeps } from '../src/watch/index.js';
import { formatInt, formatMs, formatRate, formatRatio, renderSection, renderTable } from './report.js';
import type { Suite } from './suite.js';
import { watchKind } from './watch-kinds.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2024, 5, 1);
const CONCURRENCY = 4;
const BUDGET = 2000;
const GOAL_MS = 10 * 60_000;
const SITE_SCRIPT = fileURLToPath(new URL('./watch-site.js', import.meta.url));

interface SiteStats {
  requests: number;
  notModified: number;
  cpu: NodeJS.CpuUsage;
}

export const watchSuite: Suite = {
  name: 'watch',
  summary: 'a simulated day of article re-checks (304s, unchanged pages, edits, removals) on loopback hosts',
  async run(ctx) {
    const articles = ctx.quick ? 5_000 : 100_000;
    const hosts = ctx.quick ? 20 : 200;
    const dir = await mkdtemp(join(tmpdir(), 'fk-bench-watch-'));
    const site = await startSite(ctx.seed, hosts);
    let now = T0 - HOUR;
    const clock: Clock = { now: () => now };
    const store = await openSqliteStore({ file: join(dir, 'feedkeeper.db'), clock });
    const fetcher = createFetcher({ userAgent: 'feedkeeper-bench', timeoutMs: 10_000, connectTimeoutMs: 5_000, maxBytes: 5 * 1024 ** 2, allowPrivateNetworks: true, perHostConcurrency: 2, globalConcurrency: 16 });
    try {
      const seedStart = performance.now();
      await seedArchive(store, site.ports, articles, (done) => process.stderr.write(`\rwatch: storing ${formatInt(done)}/${formatInt(articles)} watched articles`));
      process.stderr.write(`\n`);
      const seedMs = performance.now() - seedStart;

      const counted = countingFetcher(fetcher, () => Math.floor((now - T0) / HOUR));
      // Only the day's checks: the next step after a check is two days on.
      const deps: WatchDeps = { store, fetcher: counted.fetcher, stages: { siteRules: loadRules([]) }, clock, logger: silentLogger, archiveDir: join(dir, 'archive'), watch: { plan: [2 * DAY], confirmMs: 6 * HOUR, hostDailyBudget: BUDGET } };
      const siteBefore = await site.stats();
      const cpuBefore = process.cpuUsage();
      const outcomes = new Map<string, number>();
      const dayStart = performance.now();
      for (let hour = 0; hour < 24; hour++) {
        now = T0 + hour * HOUR + HOUR - 1;
        const due = await store.watch.due(now, 1_000_000);
        await runChecks(due, CONCURRENCY, async (id) => {
          const { outcome } = await recheckArticle(deps, id);
          const key = outcome.split(':')[0] ?? outcome;
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        });
        process.stderr.write(`\rwatch: simulated hour ${hour + 1}/24, ${formatInt([...outcomes.values()].reduce((a, b) => a + b, 0))} checks`);
      }
      process.stderr.write('\n');
      const dayMs = performance.now() - dayStart;
      const cpu = process.cpuUsage(cpuBefore);
      const siteAfter = await site.stats();
      const checks = [...outcomes.values()].reduce((a, b) => a + b, 0);

      const bare = await bareFetches(fetcher, site.ports, articles);
      const siteCpuMs = (siteAfter.cpu.user + siteAfter.cpu.system - siteBefore.cpu.user - siteBefore.cpu.system) / 1000;
      const benchCpuMs = (cpu.user + cpu.system) / 1000;
      const share304 = (siteAfter.notModified - siteBefore.notModified) / Math.max(1, siteAfter.requests - siteBefore.requests);
      const perHour = Math.max(...counted.perHostHour.values());
      const perDay = Math.max(...counted.perHostDay.values());

      const columns = [{ header: 'run' }, { header: 'checks', align: 'right' as const }, { header: 'machine time', align: 'right' as const }, { header: 'checks/s', align: 'right' as const }, { header: 'CPU per check', align: 'right' as const }, { header: '÷ bare', align: 'right' as const }];
      const rows = [
        ['feedkeeper re-checks (the whole job)', formatInt(checks), formatMs(dayMs), formatRate(checks / (dayMs / 1000)), `${(benchCpuMs / Math.max(1, checks)).toFixed(2)} ms`, formatRatio(dayMs / bare.ms)],
        ['bare conditional GETs (same URLs, same fetcher)', formatInt(bare.requests), formatMs(bare.ms), formatRate(bare.requests / (bare.ms / 1000)), `${(bare.cpuMs / Math.max(1, bare.requests)).toFixed(2)} ms`, '1.00×'],
      ];
      ctx.print(renderSection(`watch · one simulated day · ${formatInt(articles)} watched articles on ${hosts} loopback hosts · ${CONCURRENCY} checks at a time`, renderTable(columns, rows), [
        `stored the watched archive in ${formatMs(seedMs)}; the day's checks wrote ${formatInt(outcomes.get('edited (text)') ?? 0)} re-check revisions with their record files`,
        `outcomes: ${[...outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${formatInt(n)}`).join(', ')}`,
        `answered 304: ${(share304 * 100).toFixed(1)}% of ${formatInt(siteAfter.requests - siteBefore.requests)} page requests (the site's count)`,
        `politeness: at most ${formatInt(perHour)} requests to one host in one simulated hour and ${formatInt(perDay)} in the day (daily budget ${formatInt(BUDGET)}; per-host concurrency 2)`,
        `CPU: bench process ${formatMs(benchCpuMs)} for the day (both cores can be busy, so CPU may exceed machine time); the site process ${formatMs(siteCpuMs)} more, not counted above`,
        `goal: a day of re-checks for ${formatInt(articles)} articles in under 10 minutes of machine time: ${dayMs < GOAL_MS ? 'yes' : 'no'} (${formatMs(dayMs)})`,
      ]));
    } finally {
      await fetcher.close();
      await store.close();
      site.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function seedArchive(store: Store, ports: readonly number[], total: number, progress: (done: number) => void): Promise<void> {
  const feeds = await Promise.all(ports.map((port) => store.feeds.add({ url: `http://127.0.0.1:${port}/feed.xml`, nextCheckAt: T0 + 365 * DAY })));
  const BATCH = 500;
  let done = 0;
  for (let start = 0; start < total; start += BATCH * ports.length) {
    for (let h = 0; h < ports.length; h++) {
      const batch: IncomingArticle[] = [];
      for (let i = start + h; i < Math.min(total, start + BATCH * ports.length); i += ports.length) batch.push(watchedArticle(i, ports[h] ?? 0, total));
      if (batch.length === 0) continue;
      await store.articles.applyRefresh(feeds[h]?.id ?? 0, batch, { status: 'ok', fetchedAt: T0 - HOUR, error: null, consecutiveFailures: 0, nextCheckAt: T0 + 365 * DAY, scheduleReason: 'bench' });
      done += batch.length;
      progress(done);
    }
  }
  // Pages that gave an ETag at their last check keep it, as a watched archive would.
  for (const id of await store.watch.due(Number.MAX_SAFE_INTEGER, total)) {
    const target = await store.watch.get(id);
    const index = Number(/\/a\/(\d+)\.html$/.exec(target?.link ?? '')?.[1] ?? NaN);
    if (target === null || watchKind(index) !== 'validated') continue;
    await store.watch.record(id, { checkedAt: T0 - HOUR, nextCheckAt: target.nextCheckAt, outcome: 'seeded', etag: `"p${index}"`, state: 'ok', failures: 0, suspectSince: null, suspectEvidence: null });
  }
}

/** Article i: due once, spread evenly over the day; an edited one was last stored from its page, so its text is compared. */
function watchedArticle(i: number, port: number, total: number): IncomingArticle {
  const link = `http://127.0.0.1:${port}/a/${i}.html`;
  const title = `Watched story ${i}`;
  const html = `<p>Summary of story ${i}.</p>`;
  const fromPage = watchKind(i) === 'edited';
  const text = fromPage ? `An older version of story ${i}.` : `Summary of story ${i}.`;
  return {
    key: link,
    title,
    link,
    author: null,
    publishedAt: T0 - HOUR,
    updatedAt: null,
    summary: null,
    html,
    categories: [],
    contentHash: contentHash(title, html),
    recordId: i.toString(16).padStart(16, '0'),
    ...(fromPage ? { fullHtml: `<p>${text}</p>`, extraction: 'readability' } : {}),
    clean: { html: `<p>${text}</p>`, text, firedRules: [] },
    watchFirstAt: T0 + Math.floor((i * DAY) / total),
  };
}

/** Counts requests per host per simulated hour and per day, as the fetcher sends them. */
function countingFetcher(inner: Fetcher, hourNow: () => number) {
  const perHostHour = new Map<string, number>();
  const perHostDay = new Map<string, number>();
  const fetcher: Fetcher = {
    fetch(url, opts) {
      const host = new URL(url).host;
      const key = `${host} ${hourNow()}`;
      perHostHour.set(key, (perHostHour.get(key) ?? 0) + 1);
      perHostDay.set(host, (perHostDay.get(host) ?? 0) + 1);
      return inner.fetch(url, opts);
    },
    post: (url, body, headers, opts) => inner.post(url, body, headers, opts),
    close: () => inner.close(),
  };
  return { fetcher, perHostHour, perHostDay };
}

async function runChecks(ids: readonly number[], concurrency: number, run: (id: number) => Promise<void>): Promise<void> {
  const queue = createMemoryQueue({ clock: { now: () => Date.now() }, logger: silentLogger });
  queue.process('recheckArticle', ({ articleId }) => run(articleId), { concurrency });
  for (const articleId of ids) await queue.add('recheckArticle', { articleId }, { jobId: String(articleId) });
  await queue.drain();
  await queue.close();
}

/** The floor: every page once, with the validators the watched archive holds, and nothing else. */
async function bareFetches(fetcher: Fetcher, ports: readonly number[], total: number): Promise<{ ms: number; requests: number; cpuMs: number }> {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const url = `http://127.0.0.1:${ports[i % ports.length] ?? 0}/a/${i}.html`;
      await fetcher.fetch(url, watchKind(i) === 'validated' ? { etag: `"p${i}"` } : {}).catch(() => null);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  return { ms: performance.now() - start, requests: total, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function startSite(seed: number, hosts: number): Promise<{ ports: number[]; stats(): Promise<SiteStats>; stop(): void }> {
  const child: ChildProcess = fork(SITE_SCRIPT, [String(seed), String(hosts)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ports = await new Promise<number[]>((resolve, reject) => {
    child.once('message', (msg) => resolve((msg as { ports: number[] }).ports));
    child.once('exit', (code) => reject(new Error(`the watch site exited (${String(code)}) before it listened`)));
  });
  return {
    ports,
    stats: () =>
      new Promise<SiteStats>((resolve) => {
        child.once('message', (msg) => resolve(msg as SiteStats));
        child.send('stats');
      }),
    stop: () => void child.kill(),
  };
}
