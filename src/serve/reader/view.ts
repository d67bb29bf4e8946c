/**
 * What every reader page needs from the request (language, zone, CSRF token, the user, where we
 * are), the data the sidebar shows (feeds and unread counts), and small request helpers. The
 * page itself is answered by shell.ts.
 */
import type { Context } from 'hono';
import { FeedkeeperError } from '../../core/index.js';
import type { Subscription, User } from '../../store/index.js';
import type { AppEnv, Lang, ServeDeps } from '../deps.js';
import { t, type MessageKey } from './i18n.js';

export interface View {
  lang: Lang;
  timeZone: string;
  /** The session's CSRF token ('' with an API token, which the CSRF check does not ask for). */
  csrf: string;
  user: User;
  /** Path and query of this request. */
  path: string;
  tr(key: MessageKey, vars?: Record<string, string | number>): string;
}

export function viewOf(c: Context<AppEnv>): View {
  const lang = c.get('lang');
  const url = new URL(c.req.url);
  return {
    lang,
    timeZone: c.get('timeZone'),
    csrf: c.get('session')?.csrfToken ?? '',
    user: c.get('user'),
    path: url.pathname + url.search,
    tr: (key, vars) => t(lang, key, vars),
  };
}

/** The user's feeds and unread counts the sidebar shows (pages that list feeds reuse them). */
export interface Chrome {
  feeds: Subscription[];
  unread: Map<number, number>;
}

export async function loadChrome(deps: ServeDeps, userId: number): Promise<Chrome> {
  const [feeds, unread] = await Promise.all([deps.store.subscriptions.list(userId), deps.store.entries.unreadCounts(userId)]);
  return { feeds, unread };
}

/** A whole-number path parameter, or NOT_FOUND (routes already restrict it to digits). */
export function idParam(c: Context<AppEnv>, name: string): number {
  const text = c.req.param(name) ?? '';
  const id = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id)) throw new FeedkeeperError('NOT_FOUND', `${name}: expected a whole number, got "${text}"`);
  return id;
}

/** Whether the caller (the reader's script) asked for JSON instead of a redirect. */
export function wantsJsonReply(c: Context<AppEnv>): boolean {
  return /\bapplication\/json\b/i.test(c.req.header('accept') ?? '');
}
