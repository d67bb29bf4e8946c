/**
 * The parse suite: feedkeeper's parseFeed against feedsmith, rss-parser and
 * @rowanmanning/feed-parser on the same generated corpus in the same run. Speed is the median of
 * interleaved whole-corpus passes (the order rotates each round, gc runs between passes);
 * robustness is what each parser makes of a few deliberately broken feeds.
 */
import { corpusBytes, CORPUS_FEEDS, generateCorpus, type CorpusFeed } from './gen/corpus.js';
import { buildMalformedVariants, type MalformedVariant } from './gen/malformed.js';
import { collectGarbage, median, rotate, timeOnce } from './measure.js';
import { PARSERS, type ParseInput, type ParseOutcome, type ParserUnderTest } from './parse-peers.js';
import { startProgress } from '../src/cli/progress.js';
import { formatInt, formatMB, formatMs, formatRate, formatRatio, renderSection, renderTable } from './report.js';
import type { BenchContext, Suite } from './suite.js';

interface SpeedResult {
  parser: ParserUnderTest;
  /** Items returned by one pass, or the error that stopped the parser during warm-up. */
  outcome: { items: number } | { error: string };
  timesMs: number[];
}

export const parseSuite: Suite = {
  name: 'parse',
  summary: 'parseFeed vs feedsmith, rss-parser, @rowanmanning/feed-parser: MB/s, items/s, malformed input',
  async run(ctx) {
    const corpus = generateCorpus({ seed: ctx.seed, feeds: ctx.quick ? CORPUS_FEEDS.quick : CORPUS_FEEDS.full });
    ctx.memory.sample();
    ctx.print(describeCorpus(corpus));
    const inputs: ParseInput[] = corpus.map((feed) => ({ bytes: feed.bytes, text: feed.xml }));
    const results = await measureSpeed(PARSERS, inputs, ctx);
    ctx.print(renderSpeed(results, corpus));
    const base = corpus.find((feed) => feed.lang === 'zh' && feed.format === 'rss') ?? corpus[0];
    if (base) ctx.print(await renderRobustness(PARSERS, base));
  },
};

function describeCorpus(corpus: readonly CorpusFeed[]): string {
  const count = (test: (f: CorpusFeed) => boolean): number => corpus.filter(test).length;
  const items = corpus.reduce((sum, feed) => sum + feed.items, 0);
  return (
    `parse · corpus from bench/gen/corpus.ts: ${corpus.length} feeds ` +
    `(${count((f) => f.format === 'rss')} RSS 2.0, ${count((f) => f.format === 'atom')} Atom 1.0; ` +
    `${count((f) => f.lang === 'zh')} Chinese, ${count((f) => f.lang === 'en')} English), ` +
    `${formatInt(items)} items, ${formatMB(corpusBytes(corpus))} UTF-8\n`
  );
}

async function runPass(parser: ParserUnderTest, inputs: readonly ParseInput[]): Promise<number> {
  let items = 0;
  for (const input of inputs) {
    const result = parser.parse(input);
    items += (result instanceof Promise ? await result : result).items;
  }
  return items;
}

async function measureSpeed(
  parsers: readonly ParserUnderTest[],
  inputs: readonly ParseInput[],
  ctx: BenchContext,
): Promise<SpeedResult[]> {
  const results: SpeedResult[] = [];
  const warmups = ctx.quick ? 1 : 2;
  const progress = startProgress('parse: warm-up and timed passes', parsers.length * (warmups + ctx.runs), { write: (s) => process.stderr.write(s), isTty: Boolean(process.stderr.isTTY) });
  for (const parser of parsers) {
    try {
      let items = 0;
      for (let i = 0; i < warmups; i++, progress.tick()) items = await runPass(parser, inputs);
      results.push({ parser, outcome: { items }, timesMs: [] });
    } catch (error) {
      // A peer that cannot parse the clean corpus is reported in the table, not fatal.
      results.push({ parser, outcome: { error: describeError(error) }, timesMs: [] });
      progress.tick(warmups + ctx.runs);
    }
    ctx.memory.sample();
  }
  const timed = results.filter((r) => 'items' in r.outcome);
  for (let round = 0; round < ctx.runs; round++) {
    for (const result of rotate(timed, round)) {
      collectGarbage();
      result.timesMs.push(await timeOnce(() => runPass(result.parser, inputs)));
      ctx.memory.sample();
      progress.tick();
    }
  }
  progress.done();
  return results;
}

function renderSpeed(results: readonly SpeedResult[], corpus: readonly CorpusFeed[]): string {
  const bytes = corpusBytes(corpus);
  const expectedItems = corpus.reduce((sum, feed) => sum + feed.items, 0);
  // Each row is compared with feedkeeper given the same input form: bytes with bytes, text with text.
  const oursMsFor = (input: ParserUnderTest['input']): number => {
    const ours = results.find((r) => r.parser.name.startsWith('feedkeeper') && r.parser.input === input);
    return ours && ours.timesMs.length > 0 ? median(ours.timesMs) : Number.NaN;
  };
  const rows = results.map((r): string[] => {
    const oursMs = oursMsFor(r.parser.input);
    if ('error' in r.outcome) return [r.parser.name, r.parser.input, `failed: ${r.outcome.error}`, '', '', '', '', ''];
    const ms = median(r.timesMs);
    const items = r.outcome.items;
    const itemsCell = items === expectedItems ? formatInt(items) : `${formatInt(items)} (${items - expectedItems})`;
    return [
      r.parser.name, r.parser.input, formatMs(ms), formatMs(Math.min(...r.timesMs)),
      formatRate(bytes / 1e6 / (ms / 1000)), formatRate(items / (ms / 1000)), itemsCell,
      Number.isNaN(oursMs) ? '—' : formatRatio(ms / oursMs),
    ];
  });
  const table = renderTable(
    [
      { header: 'parser' }, { header: 'input' }, { header: 'median/pass', align: 'right' },
      { header: 'min/pass', align: 'right' }, { header: 'MB/s', align: 'right' },
      { header: 'items/s', align: 'right' }, { header: 'items', align: 'right' },
      { header: 'ratio', align: 'right' },
    ],
    rows,
  );
  return renderSection(`parse speed · one pass = every feed in the corpus once`, table, [
    `ratio = median ÷ feedkeeper's median on the same input form (bytes or text): above 1 means feedkeeper is faster.`,
    ...noiseWarning(results),
    `items = items returned per pass (expected ${formatInt(expectedItems)}; a difference is shown in brackets).`,
    `MB = 10^6 bytes of the UTF-8 corpus, the same count for every parser.`,
    ...results.map((r) => `${r.parser.name}: ${r.parser.note}`),
  ]);
}

// On a busy machine the median drifts far above the best pass; say so rather than let the
// numbers pass for quiet-machine figures.
function noiseWarning(results: readonly SpeedResult[]): string[] {
  const spreads = results.filter((r) => r.timesMs.length > 0).map((r) => median(r.timesMs) / Math.min(...r.timesMs));
  const worst = Math.max(1, ...spreads);
  if (worst < 1.3) return [];
  return [`noisy run: a median is up to ${worst.toFixed(1)}× its best pass (busy machine?); compare min/pass too, or rerun.`];
}

async function tryParse(parser: ParserUnderTest, input: ParseInput): Promise<ParseOutcome | { error: string }> {
  try {
    const result = parser.parse(input);
    return result instanceof Promise ? await result : result;
  } catch (error) {
    return { error: describeError(error) };
  }
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 70);
}

function robustnessCell(outcome: ParseOutcome | { error: string }, variant: MalformedVariant, footnotes: string[]): string {
  if ('error' in outcome) {
    footnotes.push(outcome.error);
    return `threw [${footnotes.length}]`;
  }
  const title = (outcome.firstTitle ?? '').replace(/\s+/g, ' ');
  const verdict = title.includes(variant.expectedTitle) ? 'ok' : outcome.firstTitle === null ? 'no title' : 'bad title';
  const warnings = outcome.warnings ? `, ${outcome.warnings} warn` : '';
  return `${outcome.items} · ${verdict}${warnings}`;
}

async function renderRobustness(parsers: readonly ParserUnderTest[], base: CorpusFeed): Promise<string> {
  const footnotes: string[] = [];
  const rows: string[][] = [];
  const variants = buildMalformedVariants(base);
  for (const variant of variants) {
    const input: ParseInput = { bytes: variant.bytes, text: new TextDecoder().decode(variant.bytes) };
    const cells: string[] = [];
    for (const parser of parsers) cells.push(robustnessCell(await tryParse(parser, input), variant, footnotes));
    rows.push([variant.name, String(variant.expectedItems), ...cells]);
  }
  const table = renderTable(
    [{ header: 'variant' }, { header: 'expect', align: 'right' }, ...parsers.map((p) => ({ header: p.name }))],
    rows,
  );
  return renderSection(`parse robustness · variants of ${base.name} (bench/gen/malformed.ts)`, table, [
    `cell = items returned · whether the first title contains the expected text ("bad title": garbled or wrong).`,
    `peers get the bytes decoded as UTF-8 (what response.text() does without a charset); feedkeeper gets the bytes.`,
    ...variants.map((v) => `${v.name}: ${v.description}`),
    ...footnotes.map((note, i) => `[${i + 1}] ${note}`),
  ]);
}
