/**
 * Full text and the clean version, for the articles of a refresh that are new or changed:
 * - fulltext 'never': the feed's HTML is the article;
 * - 'always': the article page is fetched and extracted (site rule first, then Readability);
 * - 'auto': the page is fetched only when the feed's HTML does not look like a whole article
 *   (short, or a single paragraph), and the extraction is used only when it is clearly longer.
 * Then every article's HTML goes through the clean stage and the analyzer (its search tokens).
 * The judging, extraction, cleaning and analysis are CPU work (cpu/tasks.ts) and run where `cpu`
 * puts them (inline or in worker threads); this module does the I/O between them. Page fetches go
 * through the same fetcher (politeness, size cap, private-address refusal) and run a few at a
 * time; a page that cannot be fetched or read leaves the feed's HTML in place and says why in
 * `extraction`.
 */
import { describeError } from '../core/index.js';
import { rewriteUrl, ruleFor } from '../extract/index.js';
import type { Fetcher } from '../fetch/index.js';
import type { FulltextMode, IncomingArticle } from '../store/index.js';
import { tally, type CpuWork } from './cpu/pool.js';
import type { FeedArticleInput, Finished, Spent, TaskRules } from './cpu/tasks.js';

/** Site rules and clean rules for full text and cleaning. */
export type ArticleStages = TaskRules;

const PARALLEL_PAGES = 4;

export interface ExpandDeps {
  stages: ArticleStages;
  fetcher: Fetcher;
  cpu: CpuWork;
  /** Stage times are added here when given. */
  spent?: Spent;
}

export async function expandAndClean(articles: readonly IncomingArticle[], mode: FulltextMode, deps: ExpandDeps): Promise<IncomingArticle[]> {
  if (articles.length === 0) return [];
  const judged = tally(deps.spent, await deps.cpu.run({ kind: 'articles', mode, items: articles.map(toInput) }));
  const out = articles.map((article, i) => {
    const j = judged[i];
    return j?.kind === 'done' ? withFinished(article, j.finished) : { article, feedTextLength: j?.feedTextLength ?? 0 };
  });
  // The articles that want their page: fetched a few at a time, each then extracted, cleaned and analyzed.
  const pages = out.flatMap((o, i) => ('feedTextLength' in o ? [{ i, ...o }] : []));
  for (let k = 0; k < pages.length; k += PARALLEL_PAGES) {
    await Promise.all(pages.slice(k, k + PARALLEL_PAGES).map(async (p) => void (out[p.i] = await fromPage(p.article, mode, p.feedTextLength, deps))));
  }
  return out as IncomingArticle[];
}

function toInput(a: IncomingArticle): FeedArticleInput {
  return { html: a.html, summary: a.summary, link: a.link, title: a.title, author: a.author };
}

/** The article with its final version; the content came from `warcDigest`'s capture (default: the feed document's). */
function withFinished(article: IncomingArticle, f: Finished, warcDigest: string | null = article.warcDigest ?? null): IncomingArticle {
  return { ...article, fullHtml: f.fullHtml, extraction: f.extraction, clean: f.clean, streams: f.streams, packedTexts: f.packedTexts, warcDigest };
}

/** Fetches the article's page, then extracts, cleans and analyzes it (or the feed's HTML when the page fails or is no longer). */
async function fromPage(article: IncomingArticle, mode: FulltextMode, feedTextLength: number, deps: ExpandDeps): Promise<IncomingArticle> {
  const input = toInput(article);
  const rule = ruleFor(deps.stages.siteRules, article.link);
  const url = rewriteUrl(rule, article.link);
  let failure: string;
  try {
    const res = await deps.fetcher.fetch(url, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' });
    if (res.kind === 'ok') {
      const done = tally(deps.spent, await deps.cpu.run({ kind: 'page', page: { article: input, mode, feedTextLength, body: res.body, contentType: res.contentType, finalUrl: res.finalUrl } }));
      // The content came from the page's capture only when the extraction replaced the feed's HTML.
      return done.fullHtml === null ? withFinished(article, done) : withFinished(article, done, res.captured);
    }
    failure = `${url}: ${res.kind}`;
  } catch (err) {
    failure = describeError(err);
  }
  return withFinished(article, tally(deps.spent, await deps.cpu.run({ kind: 'fallback', article: input, extraction: `failed: ${failure}` })));
}
