/**
 * Whether a request is from a program (API, republished feeds, metrics) or a person's browser:
 * programs get JSON errors and 401s, people get pages and a redirect to the login page.
 */
import type { Context } from 'hono';

const PROGRAM_PATHS = /^\/(api\/|p\/api\/|feeds\/|tags\/|metrics$|search\.(rss|atom|json)$)/;

export function wantsJson(c: Context): boolean {
  return PROGRAM_PATHS.test(c.req.path);
}
