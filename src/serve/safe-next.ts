/**
 * Where to go back to after signing in, switching language or a form: only a path on this site.
 * Never a full URL, `//other.example` or `/\other.example` (browsers read that backslash as a
 * slash), so no form or link can be made into an open redirect.
 */
export function safePath(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}
