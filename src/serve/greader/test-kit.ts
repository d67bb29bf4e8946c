/**
 * For the sync APIs' tests only: a signed-in-nowhere HTTP client that sends requests byte for
 * byte as a feed client builds them (raw query strings and form bodies, unencoded where the client
 * does not encode) to the app listening on loopback, and a user with an API password and a few
 * subscriptions of invented news. Kept structural (a harness-shaped parameter) so builds do not
 * pull in test/.
 */
import { apiPasswordSecrets, feverKey } from '../auth/api-password.js';
import type { Store, User } from '../../store/index.js';
import type { ArticleSpec } from '../../../test/serve-harness.js';

export interface SyncHarness {
  store: Store;
  admin: User;
  clock: { now(): number; advance(ms: number): void };
  addArticles(feedId: number, articles: ArticleSpec[]): Promise<number[]>;
  listen(): Promise<{ url: string }>;
}

export interface Answer {
  status: number;
  type: string;
  text: string;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers freely and check their shape themselves
  json(): any;
}

export interface Wire {
  origin: string;
  send(method: string, pathAndQuery: string, opts?: { auth?: string | null; body?: string; type?: string | null; headers?: Record<string, string> }): Promise<Answer>;
}

export function wire(origin: string): Wire {
  return {
    origin,
    async send(method, pathAndQuery, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.auth) headers.authorization = `GoogleLogin auth=${opts.auth}`;
      if (opts.body !== undefined && opts.type !== null) headers['content-type'] = opts.type ?? 'application/x-www-form-urlencoded';
      const res = await fetch(origin + pathAndQuery, { method, headers, ...(opts.body === undefined ? {} : { body: opts.body }) });
      const text = await res.text();
      return { status: res.status, type: res.headers.get('content-type') ?? '', text, headers: res.headers, json: () => JSON.parse(text) as unknown };
    },
  };
}

export const API_PASSWORD = 'Harbour7Ferry2Lantern9';

/** Gives the harness's admin an API password; returns the Fever key clients will compute. */
export async function giveApiPassword(store: Store, user: User, password = API_PASSWORD): Promise<string> {
  await store.users.setApiPassword(user.id, await apiPasswordSecrets(user.username, password, { N: 1024, r: 8, p: 1 }));
  return feverKey(user.username, password);
}

export const NEWS: Array<{ url: string; title: string; tags: string[]; stories: string[] }> = [
  { url: 'https://harbour.example.org/rss', title: 'Harbour Daily', tags: ['City'], stories: ['Tunnel opens to traffic', 'Ferry fares frozen', 'Night market returns', '港口新航线开通'] },
  { url: 'https://hill.example.net/feed', title: 'Hill Sports', tags: ['Sport', 'City'], stories: ['Rowing club wins final', 'Stadium roof repaired'] },
  { url: 'https://owl.example.com/atom', title: 'Night Owl', tags: [], stories: ['Comet visible tonight'] },
];

/** The full text each invented story carries: long enough that a cut-down summary would show. */
export function storyHtml(title: string): string {
  return `<p>${title}: the first paragraph of the full article, as the site published it.</p><p>A second paragraph that only the full text has, with <a href="https://example.org/more">a link</a>.</p>`;
}

export async function subscribeNews(h: SyncHarness, user: User): Promise<{ feeds: number[]; articles: number[][] }> {
  const feeds: number[] = [];
  const articles: number[][] = [];
  for (const source of NEWS) {
    const feed = (await h.store.feeds.getByUrl(source.url)) ?? (await h.store.feeds.add({ url: source.url, title: source.title }));
    if ((await h.store.subscriptions.get(user.id, feed.id)) === null) await h.store.subscriptions.add(user.id, feed.id, { tags: source.tags });
    feeds.push(feed.id);
    articles.push(await h.addArticles(feed.id, source.stories.map((title) => ({ title, html: storyHtml(title), link: `${source.url.replace(/\/[^/]*$/, '')}/${encodeURIComponent(title)}.html` }))));
  }
  return { feeds, articles };
}
