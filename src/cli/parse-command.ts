/**
 * `feedkeeper parse FILE_OR_URL... [--base-url URL] [--jsonl]`: parse feeds and print the
 * normalized result. One bad input never stops the others; exit 1 when any failed.
 */
import { charsetFromContentType } from '../encoding/index.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeError, isFeedkeeperError } from '../core/index.js';
import { parseFeed, type ParseResult } from '../parse/index.js';
import type { CliIo } from './io.js';
import type { Fetcher } from '../fetch/index.js';

export interface ParseCommandOptions {
  baseUrl?: string;
  jsonl?: boolean;
  /** Fetches URL inputs, with the same guard and limits as ingest. */
  fetcher: Fetcher;
}

interface Outcome {
  file: string;
  ok: boolean;
  error: string | null;
  feed: ParseResult['feed'] | null;
  items: ParseResult['items'];
  warnings: ParseResult['warnings'];
}

/** How many inputs are read ahead of the one being parsed. */
const READ_AHEAD = 16;

export async function parseCommand(inputs: string[], opts: ParseCommandOptions, io: CliIo): Promise<number> {
  const loads = new Map<number, Promise<Loaded>>();
  const load = (i: number) => {
    if (i < inputs.length && !loads.has(i)) loads.set(i, loadInput(inputs[i] as string, opts, io.cwd));
  };
  for (let i = 0; i < READ_AHEAD; i++) load(i);
  const single = inputs.length === 1 && !opts.jsonl;
  const collected: Outcome[] = [];
  let failures = 0;
  for (let i = 0; i < inputs.length; i++) {
    load(i + READ_AHEAD);
    const outcome = parseLoaded(inputs[i] as string, await (loads.get(i) as Promise<Loaded>), opts);
    loads.delete(i);
    if (!outcome.ok) failures++;
    if (opts.jsonl) await io.stdout(`${JSON.stringify(outcome)}\n`);
    else collected.push(outcome);
  }
  if (single) {
    const [only] = collected as [Outcome];
    if (only.ok) await io.stdout(`${JSON.stringify({ feed: only.feed, items: only.items, warnings: only.warnings }, null, 2)}\n`);
    else io.stderr(`feedkeeper parse: ${only.file}: ${only.error}\n`);
  } else if (!opts.jsonl) {
    await io.stdout(`${JSON.stringify(collected, null, 2)}\n`);
  }
  return failures === 0 ? 0 : 1;
}

type Loaded = { ok: true; bytes: Uint8Array; httpCharset: string | null; baseUrl: string | null } | { ok: false; error: string };

async function loadInput(input: string, opts: ParseCommandOptions, cwd: string): Promise<Loaded> {
  try {
    if (/^https?:\/\//i.test(input)) {
      const res = await opts.fetcher.fetch(input);
      if (res.kind !== 'ok') return { ok: false, error: `fetch ${input}: ${res.kind === 'gone' ? 'gone (410)' : res.kind === 'rate-limited' ? `rate-limited (${res.status})` : 'not modified'}` };
      const charset = charsetFromContentType(res.contentType);
      return { ok: true, bytes: res.body, httpCharset: charset, baseUrl: opts.baseUrl ?? res.finalUrl };
    }
    const bytes = await readFile(resolve(cwd, input));
    return { ok: true, bytes, httpCharset: null, baseUrl: opts.baseUrl ?? null };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, error: `no such file: ${input}` };
    if (code === 'EISDIR') return { ok: false, error: `${input} is a directory, not a feed file` };
    return { ok: false, error: describeError(err) };
  }
}

function parseLoaded(file: string, loaded: Loaded, opts: ParseCommandOptions): Outcome {
  if (!loaded.ok) return failed(file, loaded.error);
  try {
    const result = parseFeed(loaded.bytes, { httpCharset: loaded.httpCharset, baseUrl: loaded.baseUrl ?? opts.baseUrl ?? null });
    return { file, ok: true, error: null, feed: result.feed, items: result.items, warnings: result.warnings };
  } catch (err) {
    // A bug in the parser must not take the other inputs down with it: report it on this line.
    return failed(file, isFeedkeeperError(err) ? describeError(err) : `internal error while parsing: ${describeError(err)}`);
  }
}

function failed(file: string, error: string): Outcome {
  return { file, ok: false, error, feed: null, items: [], warnings: [] };
}
