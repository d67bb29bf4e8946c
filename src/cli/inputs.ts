/**
 * What `parse` and `extract` share: inputs that are files or http(s) URLs, read a window ahead of
 * the one being worked on so hundreds of inputs flow without per-input start-up, and a clear
 * per-input error (missing file, a directory, a failed fetch) that never stops the others.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeError } from '../core/index.js';
import { charsetFromContentType } from '../encoding/index.js';
import type { Fetcher } from '../fetch/index.js';

export type LoadedInput =
  | { ok: true; bytes: Uint8Array; httpCharset: string | null; finalUrl: string | null }
  | { ok: false; error: string };

/** Reads a file (relative to cwd) or fetches a URL (after `rewrite`, e.g. a site rule's). */
export async function loadInput(input: string, ctx: { fetcher: Fetcher; cwd: string; noun: string; rewrite?: (url: string) => string }): Promise<LoadedInput> {
  try {
    if (/^https?:\/\//i.test(input)) {
      const url = ctx.rewrite ? ctx.rewrite(input) : input;
      const res = await ctx.fetcher.fetch(url);
      if (res.kind !== 'ok') return { ok: false, error: `fetch ${url}: ${res.kind === 'gone' ? 'gone (410)' : res.kind === 'rate-limited' ? `rate-limited (${res.status})` : 'not modified'}` };
      return { ok: true, bytes: res.body, httpCharset: charsetFromContentType(res.contentType), finalUrl: res.finalUrl };
    }
    return { ok: true, bytes: await readFile(resolve(ctx.cwd, input)), httpCharset: null, finalUrl: null };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, error: `no such file: ${input}` };
    if (code === 'EISDIR') return { ok: false, error: `${input} is a directory, not a ${ctx.noun}` };
    return { ok: false, error: describeError(err) };
  }
}

/** Yields each item with its loaded value, in order, keeping up to `window` loads in flight. */
export async function* readAhead<T, R>(items: readonly T[], load: (item: T) => Promise<R>, window = 16): AsyncGenerator<[T, R]> {
  const pending: Array<Promise<R>> = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && pending.length < window) pending.push(load(items[next++] as T));
  };
  fill();
  for (const item of items) {
    const value = await (pending.shift() as Promise<R>);
    fill();
    yield [item, value];
  }
}
