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
import { charsetFromContentType, decodeBytes } from '../../encoding/index.js';
import { extractArticle, rewriteUrl, ruleFor, type RuleSet } from '../../extract/index.js';
import type { App } from '../app.js';
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
type Loaded = { ok: true; bytes: Uint8Array; httpCharset: string | null; url: string | null } | { ok: false; error: string };

/** How many pages are read ahead of the one being extracted. */
const READ_AHEAD = 16;


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

async function loadEntry(app: App, entry: ExtractInput, rules: RuleSet, cwd: string): Promise<Loaded> {
  try {
    if (/^https?:\/\//i.test(entry.file)) {
      const target = rewriteUrl(ruleFor(rules, entry.file), entry.file);
      const res = await app.fetcher().fetch(target);
      if (res.kind !== 'ok') return { ok: false, error: `fetch ${target}: ${res.kind === 'gone' ? 'gone (410)' : res.kind === 'rate-limited' ? `rate-limited (${res.status})` : 'not modified'}` };
      return { ok: true, bytes: res.body, httpCharset: charsetFromContentType(res.contentType), url: res.finalUrl };
    }
    return { ok: true, bytes: await readFile(resolve(cwd, entry.file)), httpCharset: null, url: entry.url };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, error: `no such file: ${entry.file}` };
    if (code === 'EISDIR') return { ok: false, error: `${entry.file} is a directory, not a page` };
    return { ok: false, error: describeError(err) };
  }
}

const EMPTY = { title: null, byline: null, published: null, lang: null, lead_image: null, content: null, text: null };

function failed(file: string | null, error: string): ExtractOutcome {
  return { file, ok: false, error, ...EMPTY };
}

function extractLoaded(file: string, loaded: Loaded & { ok: true }, rules: RuleSet): ExtractOutcome {
  try {
    const { text: html } = decodeBytes(loaded.bytes, { kind: 'html', httpCharset: loaded.httpCharset });
    const article = extractArticle(html, { url: loaded.url, rule: ruleFor(rules, loaded.url) });
    if (!article.ok) return failed(file, article.reason);
    const clean = cleanHtml(article.contentHtml, { baseUrl: loaded.url });
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
  const loads = new Map<number, Promise<Loaded>>();
  const load = (i: number) => {
    const entry = entries[i];
    if (entry === undefined || loads.has(i)) return;
    loads.set(i, 'error' in entry ? Promise.resolve({ ok: false, error: entry.error }) : loadEntry(app, entry, rules, io.cwd));
  };
  for (let i = 0; i < READ_AHEAD; i++) load(i);
  const single = typeof inputs === 'string' && entries.length === 1 && !opts.jsonl;
  const progress = single ? null : startProgress('extract', entries.length, { write: io.stderr, isTty: io.isTty });
  let failures = 0;
  for (let i = 0; i < entries.length; i++) {
    load(i + READ_AHEAD);
    const entry = entries[i] as Entry;
    const loaded = await (loads.get(i) as Promise<Loaded>);
    loads.delete(i);
    const outcome = loaded.ok ? extractLoaded(entry.file ?? '', loaded, rules) : failed(entry.file, loaded.error);
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
