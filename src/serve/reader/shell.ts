/**
 * The one way a reader page is answered: the shell (layout.ts) with the sidebar (feeds, unread
 * counts, tags) and the help overlay around the page's body, never cached (every page carries the
 * session's CSRF token). Pages build their body from data they loaded first, so templates stay
 * synchronous and only this module loads the chrome.
 */
import type { Context } from 'hono';
import type { AppEnv, ServeDeps } from '../deps.js';
import { helpOverlay } from './help.js';
import { page, type Html } from './layout.js';
import { sidebar } from './sidebar.js';
import { loadChrome, viewOf, type Chrome } from './view.js';

export interface RenderOptions {
  title: string;
  body: Html;
  status?: 200 | 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429;
  /** Which sidebar link is this page ('unread', 'feed:3', 'tag:news', 'subscriptions', …). */
  current?: string;
  query?: string;
  hideSearch?: boolean;
  chrome?: Chrome;
}

export async function render(c: Context<AppEnv>, deps: ServeDeps, opts: RenderOptions): Promise<Response> {
  const view = viewOf(c);
  const chrome = opts.chrome ?? (await loadChrome(deps, view.user.id));
  c.header('Cache-Control', 'no-store');
  const shell = page({
    lang: view.lang,
    title: opts.title,
    body: opts.body,
    nav: { csrf: view.csrf, username: view.user.username, current: opts.current, query: opts.query, hideSearch: opts.hideSearch },
    path: view.path,
    timeZone: view.timeZone,
    sidebar: sidebar(view, chrome, opts.current ?? ''),
    help: helpOverlay(view),
  });
  return c.html(shell, opts.status ?? 200);
}
