/**
 * Embedded frames: only players from a short list of video hosts stay, always over https and
 * locked down (sandbox, lazy loading, a referrer policy per host). Every other frame, including
 * `srcdoc` ones, is removed. Lazy players that keep their URL in data-src are read from there.
 * Referrer: none, except for YouTube, whose player refuses to play without one since July 2025
 * (error 153, "embedder.identity.missing.referrer"); it gets the reader's origin only
 * (strict-origin-when-cross-origin), never the page path.
 */
import type { Document, Element } from './dom.js';
import { elementsNamed, remove } from './dom.js';
import { resolveUrl } from './urls.js';

type ReferrerPolicy = 'no-referrer' | 'strict-origin-when-cross-origin';

/** Host, path prefix and referrer policy of each allowed player. Exported for the sanitizer's second check. */
export const VIDEO_EMBEDS: ReadonlyArray<{ host: string; path: string; referrer: ReferrerPolicy }> = [
  { host: 'www.youtube.com', path: '/embed/', referrer: 'strict-origin-when-cross-origin' },
  { host: 'youtube.com', path: '/embed/', referrer: 'strict-origin-when-cross-origin' },
  { host: 'www.youtube-nocookie.com', path: '/embed/', referrer: 'strict-origin-when-cross-origin' },
  { host: 'youtube-nocookie.com', path: '/embed/', referrer: 'strict-origin-when-cross-origin' },
  { host: 'player.vimeo.com', path: '/video/', referrer: 'no-referrer' },
  { host: 'player.bilibili.com', path: '/', referrer: 'no-referrer' },
  { host: 'www.dailymotion.com', path: '/embed/', referrer: 'no-referrer' },
];

/** The attributes every kept frame gets, whatever the feed said; the sanitizer applies them again. */
export function lockedDownAttributes(src: string): Record<string, string> {
  return {
    sandbox: 'allow-scripts allow-same-origin allow-presentation',
    allowfullscreen: '',
    loading: 'lazy',
    referrerpolicy: embedFor(src)?.referrer ?? 'no-referrer',
  };
}

/** The https player URL for an allowed video embed, or null for anything else. */
function toVideoEmbedUrl(raw: string, base: URL | null): string | null {
  const resolved = resolveUrl(raw, base);
  if (resolved === null) return null;
  const url = new URL(resolved);
  if (url.port !== '' || url.username !== '' || url.password !== '') return null;
  url.protocol = 'https:';
  return embedFor(url.href) === undefined ? null : url.href;
}

function embedFor(src: string): (typeof VIDEO_EMBEDS)[number] | undefined {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  return VIDEO_EMBEDS.find((e) => e.host === url.hostname && url.pathname.startsWith(e.path));
}

export function rewriteIframes(root: Document, base: URL | null, fired: Set<string>): void {
  for (const frame of elementsNamed(root, 'iframe')) {
    const src = frameSource(frame);
    const embed = src === undefined ? null : toVideoEmbedUrl(src, base);
    if (embed === null) {
      remove(frame);
      fired.add('iframe-dropped');
      continue;
    }
    frame.attribs = { src: embed, ...keptAttributes(frame), ...lockedDownAttributes(embed) };
    // Browsers never render a frame's children; htmlparser2 parses them as markup. Keep neither.
    for (const child of [...frame.children]) remove(child);
  }
}

function frameSource(frame: Element): string | undefined {
  const src = frame.attribs.src?.trim() ?? '';
  return src !== '' && src.toLowerCase() !== 'about:blank' ? src : frame.attribs['data-src'];
}

function keptAttributes(frame: Element): Record<string, string> {
  const size: Record<string, string> = {};
  for (const name of ['width', 'height', 'title'] as const) {
    const value = frame.attribs[name]?.trim();
    if (value === undefined || value === '') continue;
    if (name === 'title' || /^\d{1,4}%?$/.test(value)) size[name] = value;
  }
  return size;
}
