/**
 * The feedkeeper side of serve-child.ts: the real app over an archive, createApp + startServer on
 * 127.0.0.1, port 0, wired as cli/web.ts wires it (the in-process queue, the system clock, the
 * default clean rules and serve options). Subscribing is refused: the bench never subscribes.
 * Requests in flight are counted around the app's fetch (the handler's whole run, which goes on
 * after a client has gone), so the bench can wait for the server to be idle between runs.
 */
import { Hono } from 'hono';
import { DEFAULT_RULES } from '../src/clean/index.js';
import { FeedkeeperError, systemClock, type Logger } from '../src/core/index.js';
import { createMemoryQueue } from '../src/queue/memory/index.js';
import { createApp, createMetrics, DEFAULT_SERVE_OPTIONS, startServer, type AppEnv } from '../src/serve/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';

/** Quiet, except that a failed request's cause goes to stderr: a 500 in the bench must say why. */
const stderrErrors: Logger = {
  debug() {},
  info() {},
  warn() {},
  error(obj, msg) {
    const err = (obj as { err?: unknown }).err;
    process.stderr.write(`serve-child: ${msg ?? 'error'}: ${err instanceof Error ? (err.stack ?? err.message) : JSON.stringify(obj)}\n`);
  },
  child() {
    return stderrErrors;
  },
};

export async function startFeedkeeper(file: string): Promise<{ port: number; inFlight: () => number; close: () => Promise<void> }> {
  if (file === '') throw new Error('serve-child: feedkeeper: expected the path of feedkeeper.db as the second argument');
  const store = await openSqliteStore({ file });
  const queue = createMemoryQueue({ logger: stderrErrors });
  const metrics = createMetrics();
  metrics.setSources({ counts: () => store.articles.count(), queueDepth: () => queue.depth() });
  const refuse = (): never => {
    throw new FeedkeeperError('USAGE', 'the serve bench does not subscribe to feeds or register webhooks');
  };
  const app = createApp({
    store,
    queue,
    clock: systemClock,
    logger: stderrErrors,
    metrics,
    cleanRules: DEFAULT_RULES,
    subscriptions: { discover: refuse, subscribe: refuse, importOpml: refuse },
    webhooks: { register: refuse, ping: refuse },
    options: DEFAULT_SERVE_OPTIONS,
  });
  let inFlight = 0;
  const counted = new Hono<AppEnv>();
  counted.fetch = async (...args) => {
    inFlight++;
    try {
      return await app.fetch(...args);
    } finally {
      inFlight--;
    }
  };
  const server = await startServer(counted, { host: '127.0.0.1', port: 0 });
  return {
    port: server.port,
    inFlight: () => inFlight,
    async close() {
      await server.close();
      await queue.close();
      await store.close();
    },
  };
}
