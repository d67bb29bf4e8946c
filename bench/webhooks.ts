/**
 * `npm run bench -- webhooks`: what webhooks cost. An archive of 50,000 stored articles (--quick:
 * 5,000) in 20 feeds a reader subscribes to, 8 webhooks (4 on everything, 4 on one feed each) made
 * before the articles arrive, then:
 *  - collect: the dispatch job turns every new article into deliveries (occurrences/s);
 *  - deliver: every delivery signed and POSTed through the guarded fetcher to a loopback receiver
 *    by the in-process queue, 4 at a time, each attempt recorded (deliveries/s);
 *  - the peer in the same run: the same bodies POSTed bare with undici (same receiver, same
 *    concurrency, no signing, no store), the floor to compare with;
 *  - an idle tick: the dispatch job when nothing happened (what every tick costs a quiet archive).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { silentLogger, systemClock } from '../src/core/index.js';
import { createFetcher } from '../src/fetch/index.js';
import { contentHash } from '../src/ingest/index.js';
import { createMemoryQueue } from '../src/queue/memory/index.js';
import type { IncomingArticle, Store } from '../src/store/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { deliverWebhook, dispatchWebhooks, registerWebhook } from '../src/webhooks/index.js';
import { withTempDir } from './cleanup.js';
import { median } from './measure.js';
import { formatInt, formatMs, formatRate, formatRatio, renderSection, renderTable } from './report.js';
import type { BenchContext, Suite } from './suite.js';

const FEEDS = 20;
const CONCURRENCY = 4;

export const webhooksSuite: Suite = {
  name: 'webhooks',
  summary: 'collecting and delivering signed webhook POSTs to a loopback receiver, against bare POSTs',
  async run(ctx) {
    const articles = ctx.quick ? 5_000 : 50_000;
    await withTempDir('fk-bench-webhooks-', (dir) => runIn(ctx, dir, articles));
  },
};

async function runIn(ctx: BenchContext, dir: string, articles: number): Promise<void> {
  const receiver = await startReceiver();
  const store = await openSqliteStore({ file: join(dir, 'feedkeeper.db') });
  const fetcher = createFetcher({ userAgent: 'feedkeeper-bench', timeoutMs: 10_000, connectTimeoutMs: 5_000, maxBytes: 1024 ** 2, allowPrivateNetworks: true, perHostConcurrency: CONCURRENCY, globalConcurrency: 16 });
  const deps = { store, fetcher, clock: systemClock, logger: silentLogger };
  try {
    const user = await store.users.create({ username: 'reader', passwordHash: 'x', isAdmin: false });
    const feeds = [];
    for (let f = 0; f < FEEDS; f++) {
      const feed = await store.feeds.add({ url: `https://bench-${f}.example.org/feed.xml` });
      await store.subscriptions.add(user.id, feed.id);
      feeds.push(feed.id);
    }
    for (let w = 0; w < 8; w++) {
      await registerWebhook(store, { userId: user.id, url: `${receiver.url}/hook/${w}`, feedId: w < 4 ? null : (feeds[w] ?? null) }, { allowPrivateNetworks: true });
    }
    await seed(store, feeds, articles);

    const collectStart = performance.now();
    // Collect everything first into a queue nobody processes (its jobs just wait), so the two phases time apart.
    const parked = createMemoryQueue({ logger: silentLogger });
    for (;;) {
      const before = (await store.webhooks.deliveries(user.id, { limit: 1 }))[0]?.id ?? 0;
      await dispatchWebhooks(deps, parked);
      const after = (await store.webhooks.deliveries(user.id, { limit: 1 }))[0]?.id ?? 0;
      if (after === before) break;
    }
    const collectMs = performance.now() - collectStart;
    const deliveries = (await store.webhooks.due(Number.MAX_SAFE_INTEGER, 10_000_000)).length;

    const before = receiver.count;
    const cpu0 = process.cpuUsage();
    const deliverStart = performance.now();
    const queue = createMemoryQueue({ logger: silentLogger });
    queue.process('deliverWebhook', async ({ deliveryId }) => {
      await deliverWebhook(deps, deliveryId);
    }, { concurrency: CONCURRENCY });
    let sent = 0;
    for (;;) {
      const due = await store.webhooks.due(Number.MAX_SAFE_INTEGER, 5_000);
      if (due.length === 0) break;
      for (const d of due) await queue.add('deliverWebhook', { deliveryId: d.id }, { jobId: `d-${d.id}-${d.attempts}` });
      await queue.drain();
      sent += due.length;
      process.stderr.write(`\rwebhooks: delivered ${formatInt(sent)}/${formatInt(deliveries)}`);
    }
    process.stderr.write('\n');
    await queue.close();
    const deliverMs = performance.now() - deliverStart;
    const deliverCpu = process.cpuUsage(cpu0);
    const received = receiver.count - before;
    const log = await store.webhooks.deliveries(user.id, { limit: 10_000_000 });
    const failed = log.filter((d) => d.status !== 'delivered').length;
    const bodies = log.map((d) => d.payload);
    const bare = await barePosts(`${receiver.url}/bare`, bodies);

    const idle: number[] = [];
    for (let r = 0; r < ctx.runs; r++) {
      const t = performance.now();
      await dispatchWebhooks(deps, parked);
      idle.push(performance.now() - t);
    }

    await parked.close();
    const columns = [{ header: 'phase' }, { header: 'items', align: 'right' as const }, { header: 'time', align: 'right' as const }, { header: 'per second', align: 'right' as const }, { header: '÷ bare', align: 'right' as const }];
    const rows = [
      ['collect: new articles → stored deliveries', formatInt(deliveries), formatMs(collectMs), formatRate(deliveries / (collectMs / 1000)), ''],
      ['deliver: signed, guarded POST + recorded attempt', formatInt(received), formatMs(deliverMs), formatRate(received / (deliverMs / 1000)), formatRatio(deliverMs / bare.ms)],
      ['bare undici POSTs of the same bodies (peer)', formatInt(bodies.length), formatMs(bare.ms), formatRate(bodies.length / (bare.ms / 1000)), '1.00×'],
    ];
    ctx.print(renderSection(`webhooks · ${formatInt(articles)} new articles · 8 webhooks (4 on all ${FEEDS} feeds, 4 on one feed) · ${CONCURRENCY} POSTs at a time to a loopback receiver`, renderTable(columns, rows), [
      `deliveries not delivered: ${formatInt(failed)}; the receiver counted ${formatInt(received)} POSTs`,
      `CPU while delivering: ${((deliverCpu.user + deliverCpu.system) / 1000 / Math.max(1, received)).toFixed(2)} ms per delivery (receiver in the same process)`,
      `an idle dispatch (nothing new, ${formatInt(articles)} articles, 8 webhooks): median ${formatMs(median(idle))} per tick over ${ctx.runs} runs`,
    ]));
  } finally {
    await fetcher.close();
    await store.close();
    await receiver.stop();
  }
}

async function seed(store: Store, feeds: readonly number[], total: number): Promise<void> {
  const BATCH = 500;
  for (let start = 0; start < total; start += BATCH) {
    const feedId = feeds[(start / BATCH) % feeds.length] ?? 0;
    const batch: IncomingArticle[] = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const title = `Bench story ${i}`;
      const html = `<p>Text of story ${i}.</p>`;
      batch.push({ key: `s${i}`, title, link: `https://bench.example.org/${i}.html`, author: null, publishedAt: Date.UTC(2024, 5, 1) + i * 1000, updatedAt: null, summary: null, html, categories: [], contentHash: contentHash(title, html), recordId: i.toString(16).padStart(16, "0"), clean: { html, text: `Text of story ${i}.`, firedRules: [] }, watchFirstAt: null });
    }
    const now = Date.now();
    await store.articles.applyRefresh(feedId, batch, { status: 'ok', fetchedAt: now, error: null, consecutiveFailures: 0, nextCheckAt: now + 3_600_000, scheduleReason: 'bench' });
    process.stderr.write(`\rwebhooks: stored ${formatInt(Math.min(total, start + BATCH))}/${formatInt(total)} articles`);
  }
  process.stderr.write('\n');
}

async function barePosts(url: string, bodies: readonly string[]): Promise<{ ms: number }> {
  const agent = new Agent();
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++] ?? '';
      const res = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json' }, dispatcher: agent });
      await res.body.text();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ms = performance.now() - start;
  await agent.close();
  return { ms };
}

async function startReceiver(): Promise<{ url: string; readonly count: number; stop(): Promise<void> }> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get count() {
      return count;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
