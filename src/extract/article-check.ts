/**
 * Is this extracted content an article? Readability always returns its best guess, and on an index
 * page or a login wall that guess is a list of headlines or a teaser. We accept content with enough
 * text (CJK weighted, see cjk.ts) that is not mostly link text, and otherwise say why not, so the
 * caller can record the reason instead of storing a nav menu as an article.
 */
import { Parser } from 'htmlparser2';
import { weightedLength } from './cjk.js';
import { articleText } from './text.js';

/** Weighted characters an article needs: about 50 English words, or 85 Chinese characters. */
export const MIN_ARTICLE_WEIGHT = 250;
/** Above this share of link text, the content is a list of links (an index page, a menu). */
const MAX_LINK_SHARE = 0.5;

/** Linked headings that make a list of headlines, when each has less than TEASER_WEIGHT of other text. */
const MIN_LINKED_HEADINGS = 3;
const TEASER_WEIGHT = 200;

export type Verdict =
  | { ok: true; text: string }
  | { ok: false; text: string; reason: string };

interface LinkProfile {
  /** Share of the text (whitespace removed) that sits inside <a> elements. */
  share: number;
  /** Headings whose text is mostly a link: the headline cards of an index page. */
  linkedHeadings: number;
  /** Weighted length of the text outside links. */
  unlinkedWeight: number;
}

const HEADING = /^h[1-6]$/;

function profileLinks(html: string): LinkProfile {
  let all = 0;
  let linked = 0;
  let unlinkedWeight = 0;
  let linkDepth = 0;
  let heading: { all: number; linked: number } | null = null;
  let linkedHeadings = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'a') linkDepth++;
        if (HEADING.test(name)) heading = { all: 0, linked: 0 };
      },
      onclosetag(name) {
        if (name === 'a' && linkDepth > 0) linkDepth--;
        if (HEADING.test(name) && heading !== null) {
          if (heading.all > 0 && heading.linked / heading.all > 0.8) linkedHeadings++;
          heading = null;
        }
      },
      ontext(text) {
        const n = text.replace(/\s+/g, '').length;
        all += n;
        if (heading !== null) heading.all += n;
        if (linkDepth > 0) {
          linked += n;
          if (heading !== null) heading.linked += n;
        } else {
          unlinkedWeight += weightedLength(text.replace(/\s+/g, ''));
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return { share: all === 0 ? 0 : linked / all, linkedHeadings, unlinkedWeight };
}

/** Index pages are headline cards: several linked headings with only a line of teaser text each. */
function isHeadlineList(profile: LinkProfile): boolean {
  return profile.linkedHeadings >= MIN_LINKED_HEADINGS && profile.unlinkedWeight / profile.linkedHeadings < TEASER_WEIGHT;
}

export function judgeContent(contentHtml: string): Verdict {
  const text = articleText(contentHtml);
  const weight = weightedLength(text);
  if (weight < MIN_ARTICLE_WEIGHT) {
    return { ok: false, text, reason: `no article content found: the best candidate has ${text.length} characters of text` };
  }
  const links = profileLinks(contentHtml);
  if (links.share > MAX_LINK_SHARE) {
    return { ok: false, text, reason: `no article content found: the best candidate is ${Math.round(links.share * 100)}% link text, like a menu` };
  }
  if (isHeadlineList(links)) {
    return { ok: false, text, reason: `no article content found: the best candidate is a list of ${links.linkedHeadings} linked headlines, like an index page` };
  }
  return { ok: true, text };
}
