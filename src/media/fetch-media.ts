/**
 * fetchArticleMedia: the background job that keeps one article's images. It runs after the
 * article is stored (the refresh only queues the revision), so ingest never waits on images, and
 * nothing it does touches the article: each image ends as stored (a file named by its SHA-256,
 * kept once however many articles use it) or failed with a reason for people.
 *
 * Each image goes through the same guarded fetcher as feeds (private-address refusal, per-host
 * limits, redirects, timeouts; captured in the WARC like every response) with the image byte cap,
 * so a 2 GB image is cut off at the cap without being held. The bytes are sniffed: HTML served as
 * image/jpeg, unknown types and SVG with scripts, handlers or outside references are refused.
 * Idempotent: a URL already stored for any article is not fetched again, and the results replace
 * any earlier ones for the revision in one store call.
 */
import { createHash } from 'node:crypto';
import { articleImages } from '../clean/index.js';
import { describeError, type Clock, type Logger } from '../core/index.js';
import type { Fetcher } from '../fetch/index.js';
import type { ArticleImage, ImagesMode, MediaFile, Store } from '../store/index.js';
import { writeMediaOnce } from './files.js';
import { sniffImage } from './sniff.js';
import { svgProblem } from './svg.js';

export interface MediaSettings {
  /** `<data-dir>/media`. */
  dir: string;
  /** The global `images` setting; a feed's own wins. */
  defaultMode: ImagesMode;
  /** Largest image accepted, after decompression. */
  maxBytes: number;
  /** Images fetched per article; the rest are recorded as skipped. */
  maxPerArticle: number;
}

export interface MediaDeps {
  store: Store;
  fetcher: Fetcher;
  clock: Clock;
  logger: Logger;
  media: MediaSettings;
}

export interface MediaSummary {
  articleId: number;
  outcome: 'not queued' | 'off' | 'done';
  stored: number;
  failed: number;
  /** Bytes of files newly written to disk by this run. */
  newBytes: number;
  /** Why each failed image failed. */
  failures: Array<{ url: string; reason: string }>;
}

const ACCEPT = 'image/avif,image/webp,image/png,image/jpeg,image/gif,image/svg+xml;q=0.9,image/*;q=0.8';

type Outcome = { image: ArticleImage; file: MediaFile | null; newBytes: number };

export async function fetchArticleMedia(deps: MediaDeps, articleId: number): Promise<MediaSummary> {
  const target = await deps.store.media.target(articleId);
  const summary: MediaSummary = { articleId, outcome: 'not queued', stored: 0, failed: 0, newBytes: 0, failures: [] };
  if (target === null) return summary;
  const at = deps.clock.now();
  if ((target.images ?? deps.media.defaultMode) === 'off') {
    await deps.store.media.record(target, [], [], at);
    return { ...summary, outcome: 'off' };
  }
  const urls = articleImages(target.cleanHtml ?? '');
  const known = await deps.store.media.storedUrls(urls);
  const outcomes: Outcome[] = [];
  for (const [i, url] of urls.entries()) {
    const sha = known.get(url);
    if (sha !== undefined) outcomes.push({ image: { url, status: 'stored', sha256: sha }, file: null, newBytes: 0 });
    else if (i >= deps.media.maxPerArticle) outcomes.push(failed(url, `not fetched: the article has more than ${deps.media.maxPerArticle} images`));
    else outcomes.push(await downloadImage(deps, url));
  }
  await deps.store.media.record(target, outcomes.flatMap((o) => (o.file ? [o.file] : [])), outcomes.map((o) => o.image), deps.clock.now());
  for (const o of outcomes) {
    if (o.image.status === 'stored') summary.stored++;
    else summary.failed++;
    summary.newBytes += o.newBytes;
  }
  summary.failures = outcomes.flatMap((o) => (o.image.status === 'failed' ? [{ url: o.image.url, reason: o.image.reason }] : []));
  deps.logger.info({ articleId, stored: summary.stored, failed: summary.failed, ...(summary.failures.length > 0 ? { failures: summary.failures.slice(0, 5) } : {}) }, 'article images fetched');
  return { ...summary, outcome: 'done' };
}

async function downloadImage(deps: MediaDeps, url: string): Promise<Outcome> {
  let body: Uint8Array;
  let contentType: string | null;
  try {
    const result = await deps.fetcher.fetch(url, { maxBytes: deps.media.maxBytes, accept: ACCEPT });
    if (result.kind === 'gone') return failed(url, 'HTTP 410: the server says the image is gone');
    if (result.kind === 'rate-limited') return failed(url, `HTTP ${result.status}: rate-limited; tried again with the next revision`);
    if (result.kind !== 'ok') return failed(url, 'HTTP 304 without a stored copy');
    body = result.body;
    contentType = result.contentType;
  } catch (err) {
    return failed(url, describeError(err));
  }
  const kind = checkBytes(body, contentType);
  if ('reason' in kind) return failed(url, kind.reason);
  const sha256 = createHash('sha256').update(body).digest('hex');
  const wrote = await writeMediaOnce(deps.media.dir, sha256, body);
  const file: MediaFile = { sha256, mime: kind.mime, bytes: body.length, width: kind.width, height: kind.height, firstUrl: url, fetchedAt: deps.clock.now() };
  return { image: { url, status: 'stored', sha256 }, file, newBytes: wrote ? body.length : 0 };
}

/** What the bytes are, or why they are refused. */
function checkBytes(body: Uint8Array, contentType: string | null): { mime: string; width: number | null; height: number | null } | { reason: string } {
  const said = contentType === null ? 'no Content-Type' : `Content-Type: ${contentType}`;
  if (body.length === 0) return { reason: `refused: the response is empty (${said})` };
  const sniffed = sniffImage(body);
  switch (sniffed.kind) {
    case 'image':
      return { mime: sniffed.mime, width: sniffed.width, height: sniffed.height };
    case 'svg': {
      const problem = svgProblem(new TextDecoder().decode(body));
      return problem === null ? { mime: 'image/svg+xml', width: null, height: null } : { reason: `refused: ${problem}` };
    }
    case 'html':
      return { reason: `refused: the server sent an HTML page, not an image (${said})` };
    case 'unknown':
      return { reason: `refused: not a PNG, JPEG, GIF, WebP, AVIF or SVG image (${said})` };
  }
}

function failed(url: string, reason: string): Outcome {
  return { image: { url, status: 'failed', reason }, file: null, newBytes: 0 };
}
