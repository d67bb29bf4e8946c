/**
 * Reads the freshness lifetime a server grants in Cache-Control (`max-age`, RFC 9111 §5.2.2.1),
 * so the scheduler can avoid polling a feed before it can have changed. Pure. Only max-age is
 * read: no-cache and no-store concern storing the body, and we revalidate on every poll anyway.
 */

/** `max-age` in milliseconds, or null when absent or malformed. The first max-age wins. */
export function parseMaxAgeMs(cacheControl: string | null | undefined): number | null {
  if (!cacheControl) return null;
  for (const directive of cacheControl.split(',')) {
    const [name = '', ...rest] = directive.split('=');
    if (name.trim().toLowerCase() !== 'max-age') continue;
    // A quoted value is not allowed by the grammar but is common enough to accept.
    const value = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
    return /^\d+$/.test(value) ? Number(value) * 1000 : null;
  }
  return null;
}
