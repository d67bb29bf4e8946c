/**
 * Re-extraction: extraction and cleaning run again over what is already stored, never the network
 * (new site rules, new clean rules, a better extractor). An article whose text came from its page
 * is extracted again from the newest stored response of that page (the WARC capture, through
 * `StoredPages`, wired by the CLI); without a capture, or when its text is the feed's, the stored
 * HTML is cleaned again. A result that differs from the latest revision becomes the next revision,
 * marked 'reextract' (never mistaken for the publisher's edit), with its record file; the same
 * result again stores nothing, so a second run is a no-op.
 */
import { cleanHtml } from '../clean/index.js';
import { describeError, type Logger } from '../core/index.js';
import { charsetFromContentType, decodeBytes } from '../encoding/index.js';
import { extractArticle, rewriteUrl, ruleFor } from '../extract/index.js';
import type { ReextractFilter, ReextractTarget, Store } from '../store/index.js';
import { writeRecords } from './archive-writer.js';
import type { ArticleStages } from './full-text.js';
import { contentHash } from './identity.js';

/** A stored HTTP response, as the WARC archive gives it back. */
export interface StoredPage {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Payload digest of the capture (`sha256:<hex>`). */
  digest: string;
}

export interface StoredPages {
  /** The newest stored 2xx response of any of these URLs, or null. */
  response(urls: readonly string[]): Promise<StoredPage | null>;
}

export interface ReextractDeps {
  store: Store;
  stages: ArticleStages;
  archiveDir: string;
  clock: { now(): number };
  logger: Logger;
  pages: StoredPages;
}

export type ReextractOutcome = 'changed' | 'unchanged' | 'no capture' | 'extraction failed' | 'failed';

export interface ReextractTotals {
  articles: number;
  outcomes: Record<ReextractOutcome, number>;
  /** Articles whose page was read back from a capture (the rest were cleaned again from the stored HTML). */
  fromCapture: number;
  failures: Array<{ articleId: number; error: string }>;
}

const PAGE = 200;

export async function reextractArticles(deps: ReextractDeps, filter: Omit<ReextractFilter, 'afterId' | 'limit'>, onArticle?: (articleId: number, outcome: ReextractOutcome) => void): Promise<ReextractTotals> {
  const totals: ReextractTotals = { articles: 0, fromCapture: 0, outcomes: { changed: 0, unchanged: 0, 'no capture': 0, 'extraction failed': 0, failed: 0 }, failures: [] };
  for (let afterId = 0; ; ) {
    const targets = await deps.store.articles.reextractTargets({ ...filter, afterId, limit: PAGE });
    if (targets.length === 0) break;
    for (const target of targets) {
      let outcome: ReextractOutcome;
      try {
        outcome = await reextractOne(deps, target, totals);
      } catch (err) {
        outcome = 'failed';
        totals.failures.push({ articleId: target.articleId, error: describeError(err) });
        deps.logger.warn({ articleId: target.articleId, err }, 're-extraction failed; the article is as it was');
      }
      totals.articles++;
      totals.outcomes[outcome]++;
      onArticle?.(target.articleId, outcome);
    }
    afterId = targets.at(-1)?.articleId ?? afterId;
  }
  return totals;
}

async function reextractOne(deps: ReextractDeps, target: ReextractTarget, totals: ReextractTotals): Promise<ReextractOutcome> {
  const cleanRules = deps.stages.cleanRules ? { rules: deps.stages.cleanRules } : {};
  let fullHtml = target.fullHtml;
  let extraction = target.extraction ?? 'feed';
  let outcome: ReextractOutcome | null = null;
  // Re-cleaned from what is stored, the revision comes from the same response as the one before.
  let warcDigest = target.warcDigest;
  if (target.fullHtml !== null) {
    const rule = ruleFor(deps.stages.siteRules, target.link);
    const page = /^https?:\/\//i.test(target.link) ? await deps.pages.response([...new Set([rewriteUrl(rule, target.link), target.link])]) : null;
    if (page === null) outcome = 'no capture';
    else {
      totals.fromCapture++;
      const { text } = decodeBytes(page.body, { httpCharset: charsetFromContentType(page.headers['content-type'] ?? null), kind: 'html' });
      const found = extractArticle(text, { url: page.url, rule: ruleFor(deps.stages.siteRules, page.url) ?? rule });
      // A page the new rules cannot read keeps the text it has: re-extraction never loses an article.
      if (!found.ok) return 'extraction failed';
      fullHtml = found.contentHtml;
      warcDigest = page.digest;
      extraction = `reextracted: ${found.method}`;
    }
  }
  const clean = cleanHtml(fullHtml ?? target.html, { baseUrl: target.link || null, ...cleanRules });
  if (fullHtml === target.fullHtml && clean.html === target.cleanHtml) return outcome ?? 'unchanged';
  const stored = await deps.store.articles.addReextraction(target.articleId, target.revision, {
    title: target.title,
    fullHtml,
    extraction,
    clean,
    contentHash: contentHash(target.title, fullHtml ?? target.html),
    warcDigest,
  }, deps.clock.now());
  // null: the article was edited meanwhile; the next run sees the new revision.
  if (stored === null) return 'unchanged';
  await writeRecords(deps.store, deps.archiveDir, [stored]);
  return 'changed';
}
