/**
 * The reader's language and time zone. Language: the `fk_lang` cookie (set by the switch link),
 * else the best of Accept-Language, else English. Time zone: the `fk_tz` cookie, which the
 * reader's script sets from the browser's own zone; a zone Intl does not know falls back to UTC.
 * A signed-in user's Settings come in after authentication (userPreferences): their zone wins
 * over the browser's, and their language over Accept-Language, but not over the switch link,
 * which is this device's explicit choice.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { canonicalTimeZone } from '../core/index.js';
import type { AppEnv, Lang } from './deps.js';
import { safePath } from './safe-urls.js';

const LANG_COOKIE = 'fk_lang';
const TZ_COOKIE = 'fk_tz';

export function locale(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('lang', pickLang(getCookie(c, LANG_COOKIE), c.req.header('accept-language')));
    c.set('timeZone', validZone(getCookie(c, TZ_COOKIE)) ?? 'UTC');
    await next();
  };
}

export function userPreferences(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { language, timeZone } = c.get('user').settings;
    if (language !== null && getCookie(c, LANG_COOKIE) === undefined) c.set('lang', language);
    const zone = validZone(timeZone ?? undefined);
    if (zone !== null) c.set('timeZone', zone);
    await next();
  };
}

export function pickLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookie === 'en' || cookie === 'zh') return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((x) => x.tag !== '' && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

export function validZone(zone: string | undefined): string | null {
  if (zone === undefined || zone === '' || zone.length > 64) return null;
  return canonicalTimeZone(zone);
}

/** GET /lang?to=zh&next=/path: remembers the choice for a year and goes back. */
export function switchLanguage(c: Context<AppEnv>) {
  const to = c.req.query('to');
  if (to === 'en' || to === 'zh') setCookie(c, LANG_COOKIE, to, { path: '/', sameSite: 'Lax', maxAge: 365 * 86_400 });
  return c.redirect(safePath(c.req.query('next')), 303);
}
