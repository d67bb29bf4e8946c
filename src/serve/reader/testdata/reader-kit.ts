/**
 * Small helpers the reader's tests share: posting a form as the signed-in browser, the entry ids
 * a list page shows, and the redirect target of a response. All article text in the tests is
 * invented.
 */
import type { ServeHarness } from '../../../../test/serve-harness.js';

export function post(h: ServeHarness, path: string, fields: Record<string, string>, init: RequestInit & { csrf?: boolean } = {}): Promise<Response> {
  return h.browser(path, { method: 'POST', body: new URLSearchParams(fields), ...init });
}

/** The data-id of every `.entry` row, in page order. */
export function rowIds(page: string): number[] {
  return [...page.matchAll(/<article class="entry[^"]*" data-id="(\d+)"/g)].map((m) => Number(m[1]));
}

/** A hidden field's value in the first form posting to `action`. */
export function hiddenField(page: string, action: string, name: string): string | undefined {
  const start = page.indexOf(`action="${action}"`);
  if (start === -1) return undefined;
  const form = page.slice(start, page.indexOf('</form>', start));
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1];
}

export function location(res: Response): string | null {
  return res.headers.get('location');
}

/** Decodes the few entities hono/html writes, for comparing attribute values. */
export function unescapeAttr(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
