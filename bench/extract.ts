/**
 * The extract suite: feedkeeper's extractArticle (linkedom) against Mozilla Readability on jsdom
 * (the reference DOM), plain Readability on linkedom (what we start from) and defuddle on jsdom,
 * on the golden pages of src/extract/testdata in the same run. Speed is pages/s, the median of
 * interleaved passes (order rotating, gc between); agreement is token F1 of each extractor's text
 * against the hand-written expected text, plus exact title/byline/date and what each makes of
 * the pages that have no article.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { Defuddle } from 'defuddle/node';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { articleText, extractArticle, loadRules, ruleFor, tokenF1, type RuleSet } from '../src/extract/index.js';
import { startProgress } from '../src/cli/progress.js';
import { collectGarbage, median, rotate, timeOnce } from './measure.js';
import { formatMs, formatRate, formatRatio, renderSection, renderTable } from './report.js';
import type { BenchContext, Suite } from './suite.js';

interface Page {
  name: string;
  html: string;
  url: string;
  expected: { ok: boolean; title?: string | null; byline?: string | null; published?: string | null; text?: string };
}

/** What an extractor made of a page; null content means it said "no article". */
interface Output {
  content: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
}

interface Extractor {
  name: string;
  note: string;
  extract(page: Page): Output | Promise<Output>;
}

// dist/bench/extract.js → the checkout's src/extract/ (fixtures and rules are not copied into dist).
const EXTRACT_DIR = fileURLToPath(new URL('../../src/extract/', import.meta.url));
const quietConsole = new VirtualConsole(); // jsdom would print every CSS it cannot parse

function loadPages(): { pages: Page[]; rules: RuleSet } {
  const root = join(EXTRACT_DIR, 'testdata');
  const names = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const pages = names.map((name): Page => {
    const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Page['expected'] & { url: string };
    return { name, html: readFileSync(join(root, name, 'page.html'), 'utf8'), url: expected.url, expected };
  });
  const rulesDir = join(EXTRACT_DIR, 'rules');
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.json')).map((name) => ({ name, text: readFileSync(join(rulesDir, name), 'utf8') }));
  return { pages, rules: loadRules(files) };
}

/** A peer's date in the form ours uses, when it can be read at all (a fair comparison of values, not formats). */
function isoOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
}

function readabilityOutput(doc: unknown): Output {
  const article = new Readability(doc as never).parse();
  return {
    content: article?.content ?? null, title: article?.title ?? null, byline: article?.byline ?? null,
    published: isoOrNull(article?.publishedTime),
  };
}

function extractorsFor(rules: RuleSet): Extractor[] {
  return [
    {
      name: 'feedkeeper',
      note: 'extractArticle(html, { url, rule }) on linkedom, with the shipped site rules',
      extract(page) {
        const r = extractArticle(page.html, { url: page.url, rule: ruleFor(rules, page.url) });
        return r.ok ? { content: r.contentHtml, title: r.title, byline: r.byline, published: r.published } : { content: null, title: null, byline: null, published: null };
      },
    },
    {
      name: 'feedkeeper (no rules)',
      note: 'the same without site rules: Readability with our metadata, CJK and lazy-image help',
      extract(page) {
        const r = extractArticle(page.html, { url: page.url });
        return r.ok ? { content: r.contentHtml, title: r.title, byline: r.byline, published: r.published } : { content: null, title: null, byline: null, published: null };
      },
    },
    {
      name: 'readability@jsdom',
      note: 'new Readability(new JSDOM(html, { url }).window.document).parse(): the reference',
      extract: (page) => readabilityOutput(new JSDOM(page.html, { url: page.url, virtualConsole: quietConsole }).window.document),
    },
    {
      name: 'readability@linkedom',
      note: 'new Readability(parseHTML(html).document).parse(): plain Readability on our DOM, before our changes',
      extract: (page) => readabilityOutput(parseHTML(page.html).document),
    },
    {
      name: 'defuddle@jsdom',
      note: 'await Defuddle(new JSDOM(html, { url }).window.document, url); its console.error on broken JSON-LD is muted',
      async extract(page) {
        const doc = new JSDOM(page.html, { url: page.url, virtualConsole: quietConsole }).window.document;
        const error = console.error;
        console.error = () => {};
        try {
          const r = await Defuddle(doc as never, page.url);
          return { content: r.content || null, title: r.title || null, byline: r.author || null, published: isoOrNull(r.published) };
        } finally {
          console.error = error;
        }
      },
    },
  ];
}

async function runPass(extractor: Extractor, pages: readonly Page[], repeat: number): Promise<Output[]> {
  const outputs: Output[] = [];
  for (let i = 0; i < repeat; i++) for (const page of pages) outputs.push(await extractor.extract(page));
  return outputs.slice(0, pages.length);
}

interface Result {
  extractor: Extractor;
  outputs: Output[];
  timesMs: number[];
}

async function measure(extractors: readonly Extractor[], pages: readonly Page[], repeat: number, ctx: BenchContext): Promise<Result[]> {
  const warmups = ctx.quick ? 1 : 2;
  const progress = startProgress('extract: warm-up and timed passes', extractors.length * (warmups + ctx.runs), { write: (s) => process.stderr.write(s), isTty: Boolean(process.stderr.isTTY) });
  const results: Result[] = [];
  for (const extractor of extractors) {
    let outputs: Output[] = [];
    for (let i = 0; i < warmups; i++, progress.tick()) outputs = await runPass(extractor, pages, 1);
    results.push({ extractor, outputs, timesMs: [] });
    ctx.memory.sample();
  }
  for (let round = 0; round < ctx.runs; round++) {
    for (const result of rotate(results, round)) {
      collectGarbage();
      result.timesMs.push(await timeOnce(() => runPass(result.extractor, pages, repeat)));
      ctx.memory.sample();
      progress.tick();
    }
  }
  progress.done();
  return results;
}

function agreement(result: Result, pages: readonly Page[]) {
  const f1s: number[] = [];
  let exact = 0;
  let fields = 0;
  let noArticleSaid = 0;
  pages.forEach((page, i) => {
    const out = result.outputs[i] as Output;
    if (!page.expected.ok) {
      if (out.content === null) noArticleSaid++;
      return;
    }
    f1s.push(out.content === null ? 0 : tokenF1(articleText(out.content), page.expected.text ?? ''));
    for (const key of ['title', 'byline', 'published'] as const) {
      fields++;
      if ((out[key] ?? null) === (page.expected[key] ?? null)) exact++;
    }
  });
  return { f1s, exact, fields, noArticleSaid };
}

function render(results: readonly Result[], pages: readonly Page[], repeat: number): string {
  const perPass = pages.length * repeat;
  const ours = results.find((r) => r.extractor.name === 'feedkeeper');
  const oursMs = ours ? median(ours.timesMs) : Number.NaN;
  const noArticlePages = pages.filter((p) => !p.expected.ok).length;
  const rows = results.map((r) => {
    const ms = median(r.timesMs);
    const a = agreement(r, pages);
    const mean = a.f1s.reduce((s, x) => s + x, 0) / Math.max(1, a.f1s.length);
    return [
      r.extractor.name, formatMs(ms / perPass), formatRate(perPass / (ms / 1000)), formatRatio(ms / oursMs),
      mean.toFixed(3), Math.min(...a.f1s).toFixed(3), `${a.exact}/${a.fields}`, `${a.noArticleSaid}/${noArticlePages}`,
    ];
  });
  const table = renderTable(
    [
      { header: 'extractor' }, { header: 'ms/page', align: 'right' }, { header: 'pages/s', align: 'right' },
      { header: 'ratio', align: 'right' }, { header: 'F1 mean', align: 'right' }, { header: 'F1 min', align: 'right' },
      { header: 'title/byline/date', align: 'right' }, { header: 'no-article said', align: 'right' },
    ],
    rows,
  );
  const articles = pages.filter((p) => p.expected.ok).length;
  return renderSection(`extract · ${pages.length} golden pages from src/extract/testdata (${articles} articles, ${noArticlePages} without), one pass = ${perPass} pages`, table, [
    `ratio = median pass time ÷ feedkeeper's: above 1 means feedkeeper is faster. Times include parsing the HTML into each DOM.`,
    `F1 = token F1 of the extracted text against the expected text (CJK characters one by one, other words whole), over the ${articles} article pages.`,
    `title/byline/date = exact matches with expected.json (peers' dates converted to ISO UTC first).`,
    `no-article said = pages without an article (index page, login wall) for which the extractor returned no content.`,
    ...results.map((r) => `${r.extractor.name}: ${r.extractor.note}`),
  ]);
}

export const extractSuite: Suite = {
  name: 'extract',
  summary: 'extractArticle vs Readability (jsdom, linkedom) and defuddle: pages/s and agreement with golden pages',
  async run(ctx) {
    const { pages, rules } = loadPages();
    const repeat = ctx.quick ? 1 : 3;
    const results = await measure(extractorsFor(rules), pages, repeat, ctx);
    ctx.print(render(results, pages, repeat));
  },
};
