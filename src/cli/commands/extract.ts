/**
 * `feedkeeper extract FILE_OR_URL` prints one page's article for people (title, byline, date, then
 * the text). `feedkeeper extract --jsonl --manifest MANIFEST.jsonl` extracts many saved pages in
 * one process: each manifest line is {"file": PATH, "url": ORIGINAL_URL_OR_NULL} (paths relative to
 * the working directory; "url" may be left out for null) and one JSON line is printed per input,
 * in order: {file, ok, error, title, byline, published, lang, lead_image, content, text}.
 * `content` is the article HTML after clean/ (sanitized, absolute URLs), `text` its plain text.
 * Several inputs always print JSON lines. A bad manifest line or an unreadable page fails on its own
 * line; the others continue. Rewrites of a site rule apply to URL inputs before fetching.
 * Exit 0 when every input gave an article, 1 when any did not, 2 for usage errors.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { cleanHtml } from '../../clean/index.js';
import { describeError, isFeedkeeperError } from '../../core/index.js';
import { decodeBytes } from '../../encoding/index.js';
import { extractArticle, rewriteUrl, ruleFor, type RuleSet } from '../../extract/index.js';
import type { App } from '../app.js';
import { loadInput, readAhead, type LoadedInput } from '../inputs.js';
import { UsageError, type CliIo } from '../io.js';
import { startProgress } from '../progress.js';

export interface ExtractInput {
  file: string;
  url: string | null;
}

export interface ExtractCommandOptions {
  jsonl: boolean;
  manifest?: string;
}

/** One output line of `extract --jsonl`: the CLI contract. */
export interface ExtractOutcome {
  file: string | null;
  ok: boolean;
  error: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  lang: string | null;
  lead_image: string | null;
  content: string | null;
  text: string | null;
}

type Entry = ExtractInput | { file: string | null; error: string };



const manifestLine = z.strictObject({
  file: z.string().min(1, 'expected a file path'),
  url: z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL or null' }).nullable().optional(),
});

function parseManifest(text: string, name: string): Entry[] {
  const entries: Entry[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${name} line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      entries.push({ file: null, error: `${where}: not JSON; expected {"file": PATH, "url": URL_OR_NULL}` });
      return;
    }
    const parsed = manifestLine.safeParse(value);
    if (parsed.success) entries.push({ file: parsed.data.file, url: parsed.data.url ?? null });
    else {
      const issue = parsed.error.issues[0];
      const file = typeof (value as { file?: unknown } | null)?.file === 'string' ? (value as { file: string }).file : null;
      entries.push({ file, error: `${where}: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}` });
    }
  });
  return entries;
}

const EMPTY = { title: null, byline: null, published: null, lang: null, lead_image: null, content: null, text: null };

function failed(file: string | null, error: string): ExtractOutcome {
  return { file, ok: false, error, ...EMPTY };
}

function extractLoaded(file: string, loaded: LoadedInput & { ok: true }, url: string | null, rules: RuleSet): ExtractOutcome {
  try {
    const { text: html } = decodeBytes(loaded.bytes, { kind: 'html', httpCharset: loaded.httpCharset });
    const article = extractArticle(html, { url, rule: ruleFor(rules, url) });
    if (!article.ok) return failed(file, article.reason);
    const clean = cleanHtml(article.contentHtml, { baseUrl: url });
    return {
      file, ok: true, error: null, title: article.title, byline: article.byline, published: article.published,
      lang: article.lang, lead_image: article.leadImage, content: clean.html, text: clean.text,
    };
  } catch (err) {
    // A bug on one page must not take the other pages down with it: report it on this line.
    return failed(file, isFeedkeeperError(err) ? describeError(err) : `internal error while extracting: ${describeError(err)}`);
  }
}

function readable(outcome: ExtractOutcome): string {
  const fields: Array<[string, string | null]> = [
    ['Title', outcome.title], ['Byline', outcome.byline], ['Published', outcome.published],
    ['Language', outcome.lang], ['Lead image', outcome.lead_image],
  ];
  const head = fields.filter(([, v]) => v !== null).map(([k, v]) => `${`${k}:`.padEnd(12)}${v}`);
  return `${head.join('\n')}\n\n${outcome.text ?? ''}\n`;
}

async function collectEntries(inputs: ExtractInput[] | string, opts: ExtractCommandOptions, cwd: string): Promise<Entry[]> {
  const entries: Entry[] = typeof inputs === 'string' ? [{ file: inputs, url: null }] : [...inputs];
  if (opts.manifest !== undefined) {
    let text: string;
    try {
      text = await readFile(resolve(cwd, opts.manifest), 'utf8');
    } catch (err) {
      throw new UsageError(`--manifest ${opts.manifest}: cannot read it (${describeError(err)})`);
    }
    entries.push(...parseManifest(text, opts.manifest));
  }
  if (entries.length === 0) throw new UsageError('extract: expected a page file, a URL, or --manifest FILE');
  return entries;
}

export async function extractCommand(app: App, inputs: ExtractInput[] | string, opts: ExtractCommandOptions, io: CliIo): Promise<number> {
  const entries = await collectEntries(inputs, opts, io.cwd);
  const rules = await app.siteRules();
  const load = (entry: Entry): Promise<LoadedInput> =>
    'error' in entry
      ? Promise.resolve({ ok: false, error: entry.error })
      : loadInput(entry.file, { fetcher: app.fetcher(), cwd: io.cwd, noun: 'page', rewrite: (u) => rewriteUrl(ruleFor(rules, u), u) });
  const single = typeof inputs === 'string' && entries.length === 1 && !opts.jsonl;
  const progress = single ? null : startProgress('extract', entries.length, { write: io.stderr, isTty: io.isTty });
  let failures = 0;
  for await (const [entry, loaded] of readAhead(entries, load)) {
    // A fetched page's links resolve against where it ended up; a file's against the manifest's URL.
    const url = loaded.ok ? (loaded.finalUrl ?? ('url' in entry ? entry.url : null)) : null;
    const outcome = loaded.ok ? extractLoaded(entry.file ?? '', loaded, url, rules) : failed(entry.file, loaded.error);
    if (!outcome.ok) failures++;
    progress?.tick();
    if (single) {
      if (outcome.ok) await io.stdout(readable(outcome));
      else io.stderr(`feedkeeper extract: ${outcome.file}: ${outcome.error}\n`);
    } else {
      await io.stdout(`${JSON.stringify(outcome)}\n`);
    }
  }
  progress?.done();
  return failures === 0 ? 0 : 1;
}
