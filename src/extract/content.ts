/**
 * The last touches on the extracted article element, whichever way it was found: Readability's
 * page wrapper is unwrapped, a heading at the top that repeats the title is removed (Readability
 * compares headings with the title word by word, so for Chinese, which has no spaces, it never
 * matches), and the first large image is noted as a lead-image candidate.
 */
import { selectAll, textOf, type DomElement } from './dom.js';
import { isPlaceholderSrc } from './lazy-images.js';

export interface FinishedContent {
  html: string;
  /** Absolute URL of the first image that looks like a picture rather than an icon. */
  firstImage: string | null;
}

const MIN_IMAGE_WIDTH = 300;
// How far into the text a heading may start and still count as the article's own title.
const TITLE_HEADING_WINDOW = 80;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function removeTitleHeading(root: DomElement, title: string | null): void {
  if (title === null) return;
  const heading = selectAll(root, 'h1, h2, h3')[0];
  if (heading === undefined || textOf(heading) !== squash(title)) return;
  const before = squash(root.textContent ?? '').indexOf(textOf(heading));
  if (before >= 0 && before <= TITLE_HEADING_WINDOW) heading.remove();
}

function isLargeImage(img: DomElement): boolean {
  const src = img.getAttribute('src');
  if (src === null || !/^https?:/i.test(src) || isPlaceholderSrc(src)) return false;
  const width = Number.parseInt(img.getAttribute('width') ?? '', 10);
  const height = Number.parseInt(img.getAttribute('height') ?? '', 10);
  if (Number.isFinite(width)) return width >= MIN_IMAGE_WIDTH;
  // No width given: trust it unless its height says it is a small icon.
  return !(Number.isFinite(height) && height < MIN_IMAGE_WIDTH / 3);
}

export function finishContent(article: DomElement, title: string | null): FinishedContent {
  const root = article.querySelector('#readability-page-1') ?? article;
  removeTitleHeading(root, title);
  const image = selectAll(root, 'img').find(isLargeImage);
  return { html: root.innerHTML.trim(), firstImage: image?.getAttribute('src') ?? null };
}
