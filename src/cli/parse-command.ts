/**
 * `feedkeeper parse FILE_OR_URL... [--base-url URL] [--jsonl]`: parse feeds and print the
 * normalized result. One bad input never stops the others; exit 1 when any failed.
 */
import { describeError, isFeedkeeperError } from '../core/index.js';
import { parseFeed, type ParseResult } from '../parse/index.js';
import { loadInput, readAhead, type LoadedInput } from './inputs.js';
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

export async function parseCommand(inputs: string[], opts: ParseCommandOptions, io: CliIo): Promise<number> {
  const single = inputs.length === 1 && !opts.jsonl;
  const collected: Outcome[] = [];
  let failures = 0;
  const load = (input: string) => loadInput(input, { fetcher: opts.fetcher, cwd: io.cwd, noun: 'feed file' });
  for await (const [input, loaded] of readAhead(inputs, load)) {
    const outcome = parseLoaded(input, loaded, opts);
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

function parseLoaded(file: string, loaded: LoadedInput, opts: ParseCommandOptions): Outcome {
  if (!loaded.ok) return failed(file, loaded.error);
  try {
    const result = parseFeed(loaded.bytes, { httpCharset: loaded.httpCharset, baseUrl: opts.baseUrl ?? loaded.finalUrl });
    return { file, ok: true, error: null, feed: result.feed, items: result.items, warnings: result.warnings };
  } catch (err) {
    // A bug in the parser must not take the other inputs down with it: report it on this line.
    return failed(file, isFeedkeeperError(err) ? describeError(err) : `internal error while parsing: ${describeError(err)}`);
  }
}

function failed(file: string, error: string): Outcome {
  return { file, ok: false, error, feed: null, items: [], warnings: [] };
}
