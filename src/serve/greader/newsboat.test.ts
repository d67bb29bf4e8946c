/**
 * A real client end to end: Debian's newsboat 2.21 with `urls-source "feedhq"`, under tmux,
 * against the app on loopback. It logs in with the API password, lists the subscriptions with
 * their titles, fetches each as Google Reader Atom with the full text, and what it marks read
 * (opening an article, marking a feed read) is checked in the server's own state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveNewsboat, startNewsboat, type Newsboat } from '../../../test/newsboat.js';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { API_PASSWORD, giveApiPassword, NEWS, subscribeNews } from './test-kit.js';

const run = haveNewsboat();

describe.skipIf(!run)('newsboat (feedhq source) against feedkeeper', () => {
  let h: ServeHarness;
  let dir: string;
  let nb: Newsboat;
  let articles: number[][];
  let feeds: number[];
  const unread = async () => (await h.store.entries.list({ userId: h.admin.id, read: false }, { limit: 500, cursor: null })).entries.map((e) => e.id);
  const until = async (check: () => Promise<boolean>, what: string) => {
    for (let k = 0; k < 100; k++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the server never saw ${what}; newsboat shows:\n${nb.screen()}`);
  };

  beforeAll(async () => {
    h = await startServeHarness();
    await giveApiPassword(h.store, h.admin);
    ({ feeds, articles } = await subscribeNews(h, h.admin));
    const server = await h.listen();
    dir = mkdtempSync(join(tmpdir(), 'feedkeeper-newsboat-'));
    nb = startNewsboat({ dir, greaderUrl: `${server.url.replace(/\/$/, '')}/api/greader/`, login: 'admin', password: API_PASSWORD });
  });
  afterAll(async () => {
    nb?.stop();
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the subscriptions by title with their unread counts', async () => {
    // The list shows the titles first and the counts once newsboat has loaded the items: wait for those.
    const screen = await nb.waitFor(/\(4\/4\)\s+Harbour Daily[\s\S]*Hill Sports[\s\S]*Night Owl/);
    expect(screen).toMatch(/\(4\/4\)\s+Harbour Daily/);
    expect(screen).toMatch(/\(2\/2\)\s+Hill Sports/);
  });

  it('reads an article in full, and the server marks it read', async () => {
    nb.keys('Enter'); // the first feed: Harbour Daily
    await nb.waitFor(new RegExp(NEWS[0]?.stories[0] ?? 'never'));
    nb.keys('Enter'); // its newest article, in full
    await nb.waitFor(/only the full text has/);
    nb.keys('q'); // newsboat sends edit-tag as it leaves the article
    await nb.waitFor(/Tunnel opens to traffic/);
    await until(async () => (await unread()).length === all(articles).length - 1, 'the article marked read');
    const left = await unread();
    expect((articles[0] as number[]).filter((id) => !left.includes(id))).toHaveLength(1);
    nb.keys('q');
    await nb.waitFor(/\(3\/4\)\s+Harbour Daily/);
  });

  it('marks a whole feed read', async () => {
    nb.keys('Down'); // Hill Sports
    nb.keys('A');
    await until(async () => !(await unread()).some((id) => (articles[1] as number[]).includes(id)), 'Hill Sports marked read');
    expect((await unread()).filter((id) => (articles[0] as number[]).includes(id))).toHaveLength(3);
    expect(feeds).toHaveLength(3);
    nb.keys('q');
  });
});

function all(articles: number[][]): number[] {
  return articles.flat();
}
