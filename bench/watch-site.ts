/**
 * The watch bench's news sites, in a child process of their own so serving pages does not share
 * the bench's event loop: one loopback HTTP server per "host" (a port each), article pages
 * generated from the seed and the article's index. What a page does depends on the index
 * (watchKind, shared with the bench): answer 304 to its ETag, serve the same page without
 * validators, serve an edited page, or 404. Counts what it answered, for the bench to check its own
 * counts against.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildArticleHtml } from './gen/article.js';
import { createRng, deriveSeed } from './gen/prng.js';
import { writerFor } from './gen/writer.js';
import { watchKind } from './watch-kinds.js';

const [seedText = '1', hostsText = '1'] = process.argv.slice(2);
const seed = Number(seedText);
const hosts = Number(hostsText);
let requests = 0;
let notModified = 0;

function page(index: number): string {
  const rng = createRng(deriveSeed(seed, index));
  const writer = writerFor(index % 3 === 0 ? 'en' : 'zh');
  const title = writer.heading(rng);
  const body = buildArticleHtml(rng, writer, 'news.example', 3_000);
  const edited = watchKind(index) === 'edited' ? '<p>本报刚刚更正了这篇报道中的一个数字。</p>' : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<header><nav><a href="/">首页</a> <a href="/news/">新闻</a></nav></header>
<div class="ad-slot">广告 ${index % 7}</div>
<main><article><h1>${title}</h1>${body}${edited}</article></main>
<aside class="related"><ul><li><a href="/a/${index + 1}.html">相关</a></li></ul></aside>
<footer>版权所有</footer></body></html>`;
}

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    requests++;
    const index = Number(/^\/a\/(\d+)\.html$/.exec(req.url ?? '')?.[1] ?? NaN);
    const kind = Number.isFinite(index) ? watchKind(index) : 'gone';
    if (kind === 'gone') return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
    const etag = `"p${index}"`;
    if (kind === 'validated' && req.headers['if-none-match'] === etag) {
      notModified++;
      return void res.writeHead(304, { etag }).end();
    }
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
    if (kind === 'validated') headers.etag = etag;
    res.writeHead(200, headers).end(page(index));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const servers = await Promise.all(Array.from({ length: hosts }, () => serve()));
process.send?.({ ports: servers.map((s) => (s.address() as AddressInfo).port) });
process.on('message', (msg: unknown) => {
  if (msg === 'stats') process.send?.({ requests, notModified, cpu: process.cpuUsage() });
});
process.on('disconnect', () => process.exit(0));
