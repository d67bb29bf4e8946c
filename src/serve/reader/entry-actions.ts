/**
 * POST /entries/:id/read (read=1|0) and /entries/:id/star (starred=1|0): the toggles' forms. A
 * browser is sent back (303) to the page it came from; the reader's script, which asks with
 * `Accept: application/json`, gets the entry's state `{ read, starred }` instead.
 */
import { Hono, type Context } from 'hono';
import { FeedkeeperError } from '../../core/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { safePath } from '../safe-urls.js';
import { flag, readForm } from './forms.js';
import { idParam, wantsJsonReply } from './view.js';

export function entryActionRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/entries/:id{[0-9]+}/read', (c) => change(c, deps, 'read'));
  app.post('/entries/:id{[0-9]+}/star', (c) => change(c, deps, 'starred'));
  return app;
}

async function change(c: Context<AppEnv>, deps: ServeDeps, field: 'read' | 'starred'): Promise<Response> {
  const id = idParam(c, 'id');
  const form = await readForm(c);
  const on = flag(field, form.text(field));
  const userId = c.get('user').id;
  const found = await deps.store.entries.mark(userId, [id], { [field]: on });
  if (found === 0) throw new FeedkeeperError('NOT_FOUND', `there is no entry ${id}`);
  if (wantsJsonReply(c)) {
    // The summary row is enough for the two states (no need to load the article's HTML).
    const [entry] = (await deps.store.entries.list({ userId, ids: [id] }, { limit: 1, cursor: null })).entries;
    if (entry === undefined) throw new FeedkeeperError('NOT_FOUND', `there is no entry ${id}`);
    return c.json({ id, read: entry.read, starred: entry.starred });
  }
  return c.redirect(safePath(form.text('next'), `/entries/${id}`), 303);
}
