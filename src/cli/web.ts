/**
 * The web front door of `feedkeeper run`: builds serve/'s dependencies from the app (the same
 * store and queue the scheduler uses, the subscription service wired to the fetcher) and listens.
 */
import { subscriptionService, type IngestDeps } from '../ingest/index.js';
import type { JobQueue } from '../queue/index.js';
import { createApp, DEFAULT_SERVE_OPTIONS, startServer, type Metrics, type RunningServer } from '../serve/index.js';
import { webhookService } from '../webhooks/index.js';
import { mediaUrlKey } from '../media/index.js';
import type { App } from './app.js';

export async function startWeb(app: App, deps: IngestDeps, queue: JobQueue, metrics: Metrics): Promise<RunningServer> {
  const mediaDir = (await app.media()).media.dir;
  const web = createApp({
    store: deps.store,
    queue,
    clock: deps.clock,
    logger: app.logger.child({ component: 'web' }),
    metrics,
    cleanRules: await app.cleanRules(),
    subscriptions: subscriptionService({ store: deps.store, fetcher: deps.fetcher, clock: deps.clock }),
    webhooks: webhookService({ store: deps.store, fetcher: deps.fetcher, clock: deps.clock, logger: app.logger, allowPrivateNetworks: app.allowPrivateNetworks }),
    options: { ...DEFAULT_SERVE_OPTIONS, oidc: app.web.oidc },
    mediaDir,
    mediaKey: await mediaUrlKey(mediaDir),
  });
  return startServer(web, { host: app.web.host, port: app.web.port });
}
