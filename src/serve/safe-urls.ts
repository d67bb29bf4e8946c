/**
 * URLs that reach a page or a redirect from data we do not control.
 * safePath: where to go back to after signing in, switching language or a form — only a path on
 * this site, never a full URL, `//other.example` or `/\other.example` (browsers read that
 * backslash as a slash), so no form or link can be made into an open redirect.
 * safeHref: an article's or feed's own link, only when it is http(s) (a feed may carry `javascript:`).
 */
export function safePath(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}

export function safeHref(link: string): string | null {
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
