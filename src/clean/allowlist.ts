/**
 * The allowlist: the only elements, attributes and URL schemes an article may keep, applied by
 * sanitize-html on its own parse of the markup. Everything not named here goes: elements are
 * unwrapped (their text stays) unless they are in DROPPED_WITH_CONTENT; attributes are dropped.
 * No style, class or id survives (the reader styles articles itself), no event handler, no form
 * control, no script-bearing element. Decisions recorded here:
 * - <h1> becomes <h2>: the reader shows the article title as the page's one <h1>.
 * - A link keeps target only as "_blank", and then always gets rel="noopener noreferrer"; other
 *   links get no target and no rel (we do not add target="_blank" to external links).
 * - <video> and <audio> always get controls, so nothing plays without the reader's consent.
 * - <iframe> gets its locked-down attributes again here (iframes.ts set them first), so a frame
 *   the earlier passes never saw could not arrive without its sandbox.
 * - Layout blocks the reader has no use for (<section>, <article>, <header>, <center>, <form>, …)
 *   become <div> rather than being unwrapped, so "a</section><section>b" does not read "ab".
 */
import sanitizeHtml from 'sanitize-html';
import { DROPPED_WITH_CONTENT } from './dom.js';
import { lockedDownAttributes, VIDEO_EMBEDS } from './iframes.js';

const ALLOWED_TAGS = [
  'p', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'img', 'figure', 'figcaption', 'picture', 'source',
  'blockquote', 'q', 'cite', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'strong', 'em', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark', 'code', 'pre', 'kbd', 'samp',
  'hr', 'time', 'abbr', 'span', 'div', 'ruby', 'rt', 'rp', 'video', 'audio', 'iframe', 'details', 'summary',
];

const BLOCKS_TO_DIV = [
  'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'center', 'address', 'hgroup', 'form', 'fieldset',
  'legend',
];

const ALLOWED_ATTRIBUTES: Record<string, sanitizeHtml.AllowedAttribute[]> = {
  '*': ['lang', 'dir', 'title'],
  a: ['href', { name: 'target', values: ['_blank'] }, { name: 'rel', values: ['noopener noreferrer'] }],
  img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height'],
  source: ['src', 'srcset', 'sizes', 'type', 'media'],
  video: ['src', 'poster', 'controls', 'width', 'height'],
  audio: ['src', 'controls'],
  iframe: ['src', 'width', 'height', 'sandbox', 'allowfullscreen', 'loading', 'referrerpolicy'],
  time: ['datetime'],
  del: ['datetime'],
  ins: ['datetime'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  col: ['span'],
  colgroup: ['span'],
  ol: ['start', 'reversed'],
  details: ['open'],
  li: ['value'],
};

const WEB = ['http', 'https'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: ALLOWED_ATTRIBUTES,
  allowedSchemes: [...WEB, 'mailto'],
  allowedSchemesByTag: { img: WEB, source: WEB, video: WEB, audio: WEB, iframe: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'poster', 'cite'],
  allowProtocolRelative: false,
  allowedIframeHostnames: [...new Set(VIDEO_EMBEDS.map((e) => e.host))],
  allowIframeRelativeUrls: false,
  disallowedTagsMode: 'discard',
  nonTextTags: [...DROPPED_WITH_CONTENT],
  enforceHtmlBoundary: false,
  parseStyleAttributes: false,
  transformTags: {
    ...Object.fromEntries(BLOCKS_TO_DIV.map((tag) => [tag, 'div'])),
    h1: (_tag, attribs) => ({ tagName: 'h2', attribs }),
    a: (_tag, attribs) => ({ tagName: 'a', attribs: withSafeTarget(attribs) }),
    video: (_tag, attribs) => ({ tagName: 'video', attribs: { ...attribs, controls: '' } }),
    audio: (_tag, attribs) => ({ tagName: 'audio', attribs: { ...attribs, controls: '' } }),
    iframe: (_tag, attribs) => ({ tagName: 'iframe', attribs: { ...attribs, ...lockedDownAttributes(attribs.src ?? '') } }),
  },
};

export function sanitize(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

function withSafeTarget(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const { target, rel: _rel, ...rest } = attribs;
  if (target?.trim().toLowerCase() !== '_blank') return rest;
  return { ...rest, target: '_blank', rel: 'noopener noreferrer' };
}
