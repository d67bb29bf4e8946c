/**
 * Headers on every response. The Content-Security-Policy allows scripts and styles only from this
 * origin (no inline code anywhere), so even if an article's HTML got past the sanitizer, it could
 * not run a script. Images and media may come from any http(s) host (articles embed them), frames
 * only from the video hosts the clean stage keeps (sandboxed there too), and nothing may frame us.
 * A route that sets one of these headers itself keeps its own (overwrite: false): /media/ gives
 * SVG a stricter policy than any page.
 */
import { secureHeaders } from 'hono/secure-headers';
import { VIDEO_EMBEDS } from '../clean/index.js';

/** The players the clean stage keeps, and nothing else. */
const FRAME_HOSTS = [...new Set(VIDEO_EMBEDS.map((e) => `https://${e.host}`))];

export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'https:', 'http:', 'data:'],
      mediaSrc: ["'self'", 'https:', 'http:'],
      frameSrc: FRAME_HOSTS,
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: 'same-origin',
    overwrite: false,
  });
}
