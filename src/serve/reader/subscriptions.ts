/**
 * /subscriptions: every feed with its status, the add-by-URL form, OPML import (multipart upload,
 * then the summary) and export (an attachment). Adding lives in subscription-add.ts, one feed's
 * settings in feed-settings.ts. Problems with what the reader gave (not a feed, unreachable, not
 * OPML, already subscribed) are shown on this page with a 4xx status.
 */
import { Hono, type Context } from 'hono';
import { isFeedkeeperError } from '../../core/index.js';
import { subscriptionsOpml } from '../../ingest/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { readForm } from './forms.js';
import { addSubscription } from './subscription-add.js';
import { clientStatus, showSubscriptions } from './subscriptions-page.js';
import { viewOf } from './view.js';

const MAX_OPML_BYTES = 5 * 1024 * 1024;

export function subscriptionRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/subscriptions', (c) => {
    const removed = c.req.query('done') === 'removed';
    return showSubscriptions(c, deps, { notice: removed ? viewOf(c).tr('subscriptions.removed') : null });
  });
  app.get('/subscriptions/export.opml', async (c) => {
    const opml = subscriptionsOpml(await deps.store.subscriptions.list(c.get('user').id), deps.clock.now());
    c.header('Content-Type', 'text/x-opml; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="feedkeeper-subscriptions.opml"');
    c.header('Cache-Control', 'no-store');
    return c.body(opml);
  });
  app.post('/subscriptions/add', (c) => addSubscription(c, deps));
  app.post('/subscriptions/import', (c) => importOpml(c, deps));
  return app;
}

async function importOpml(c: Context<AppEnv>, deps: ServeDeps): Promise<Response> {
  const view = viewOf(c);
  const file = (await readForm(c)).file('opml');
  if (file === undefined || file.size === 0) return showSubscriptions(c, deps, { status: 400, importError: view.tr('import.noFile') });
  if (file.size > MAX_OPML_BYTES) return showSubscriptions(c, deps, { status: 413, importError: view.tr('import.tooLarge', { max: MAX_OPML_BYTES / 1024 / 1024, size: file.size }) });
  try {
    const summary = await deps.subscriptions.importOpml(c.get('user').id, new Uint8Array(await file.arrayBuffer()));
    return showSubscriptions(c, deps, { summary });
  } catch (err) {
    if (!isFeedkeeperError(err)) throw err;
    return showSubscriptions(c, deps, { status: clientStatus(err.code), importError: view.tr('import.failed', { name: file.name, message: err.message }) });
  }
}
