/**
 * A small archive built for the evidence tests: a loopback site (our own text) with a feed of two
 * articles fetched with full text, then article 1 edited and fetched again, so article 1 has
 * revisions 0 and 1 and article 2 has revision 0, each with its page's WARC capture.
 */
import { expect } from 'vitest';
import { runFeedkeeper, tempDataDir } from '../../../test/cli-harness.js';
import type { FixtureServer } from '../../../test/fixture-server.js';

export const fk = (dataDir: string, ...args: string[]) => runFeedkeeper(['--data-dir', dataDir, '--allow-private-networks', ...args]);

export function serveHarbourSite(server: FixtureServer): { edit: () => void } {
  let edition = 1;
  const page = (title: string, text: string): string =>
    `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${`<p>${text}</p>`.repeat(10)}</article></body></html>`;
  const stories = () => [
    { path: '/news/1.html', title: '渡口重开', text: edition === 1 ? '停航三年的老渡口今天重新开放，第一班船载着四十位乘客过河。' : '停航三年的老渡口今天重新开放，第一班船载着四十二位乘客过河。' },
    { path: '/news/2.html', title: 'Ferry timetable', text: 'Boats leave every half hour from the east pier until the winter timetable starts.' },
  ];
  server.route('/feed.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Daily</title><link>${server.url('/')}</link>` +
        stories().map((s) => `<item><title>${s.title}</title><link>${server.url(s.path)}</link><guid>${server.url(s.path)}</guid><description>${s.text}</description></item>`).join('') +
        '</channel></rss>',
    ),
  );
  for (const s of stories()) {
    server.route(s.path, (_req, res) => {
      const now = stories().find((x) => x.path === s.path) ?? s;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(now.title, now.text));
    });
  }
  return { edit: () => void (edition += 1) };
}

/** Subscribes, fetches, edits article 1 and fetches again; returns the data directory. */
export async function buildHarbourArchive(server: FixtureServer): Promise<string> {
  const site = serveHarbourSite(server);
  const dataDir = await tempDataDir('feedkeeper-evidence-');
  expect((await fk(dataDir, 'add', server.url('/feed.xml'), '--no-check')).code).toBe(0);
  expect((await fk(dataDir, 'set', '1', '--fulltext', 'always')).code).toBe(0);
  const first = await fk(dataDir, 'fetch');
  expect(first.code, first.stderr).toBe(0);
  site.edit();
  const second = await fk(dataDir, 'fetch');
  expect(second.code, second.stderr).toBe(0);
  return dataDir;
}
