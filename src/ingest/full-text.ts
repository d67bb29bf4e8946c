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
import { addSpent, type CpuWork } from './cpu/pool.js';
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
  const inputs = articles.map(toInput);
  const judged = await deps.cpu.run({ kind: 'articles', mode, items: inputs });
  if (deps.spent) addSpent(deps.spent, judged.spent);
  const out: IncomingArticle[] = new Array(articles.length);
  const pages: number[] = [];
  judged.value.forEach((j, i) => {
    if (j.kind === 'done') out[i] = withFinished(articles[i] as IncomingArticle, j.finished, articles[i]?.warcDigest ?? null);
    else pages.push(i);
  });
  for (let k = 0; k < pages.length; k += PARALLEL_PAGES) {
    await Promise.all(
      pages.slice(k, k + PARALLEL_PAGES).map(async (i) => {
        const article = articles[i] as IncomingArticle;
        const j = judged.value[i];
        out[i] = await fromPage(article, inputs[i] as FeedArticleInput, mode, j?.kind === 'page' ? j.feedTextLength : 0, deps);
      }),
    );
  }
  return out;
}

function toInput(a: IncomingArticle): FeedArticleInput {
  return { html: a.html, link: a.link, title: a.title, author: a.author };
}

function withFinished(article: IncomingArticle, f: Finished, warcDigest: string | null): IncomingArticle {
  return { ...article, fullHtml: f.fullHtml, extraction: f.extraction, clean: f.clean, streams: f.streams, warcDigest };
}

/** Fetches the article's page, then extracts, cleans and analyzes it (or the feed's HTML when the page fails or is no longer). */
async function fromPage(article: IncomingArticle, input: FeedArticleInput, mode: FulltextMode, feedTextLength: number, deps: ExpandDeps): Promise<IncomingArticle> {
  const rule = ruleFor(deps.stages.siteRules, article.link);
  const url = rewriteUrl(rule, article.link);
  let failure: string;
  try {
    const res = await deps.fetcher.fetch(url, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' });
    if (res.kind === 'ok') {
      const done = await deps.cpu.run({ kind: 'page', page: { article: input, mode, feedTextLength, body: res.body, contentType: res.contentType, finalUrl: res.finalUrl } });
      if (deps.spent) addSpent(deps.spent, done.spent);
      // The content came from the page's capture only when the extraction replaced the feed's HTML.
      return withFinished(article, done.value, done.value.fullHtml === null ? (article.warcDigest ?? null) : res.captured);
    }
    failure = `${url}: ${res.kind}`;
  } catch (err) {
    failure = describeError(err);
  }
  const done = await deps.cpu.run({ kind: 'fallback', article: input, extraction: `failed: ${failure}` });
  if (deps.spent) addSpent(deps.spent, done.spent);
  return withFinished(article, done.value, article.warcDigest ?? null);
}
