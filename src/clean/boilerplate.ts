/**
 * Boilerplate removal with a safety valve. Rules (rules.ts) and the built-in hidden-element
 * check propose elements; this module decides what actually goes. The article's body text is
 * never cut: an element holding more than MAX_ELEMENT_PROSE characters of non-link text is kept,
 * and so is one holding more than MAX_RULE_FRACTION of the article's non-link text (smaller
 * matches inside either are still removed); a rule whose matches together hold more than that
 * fraction is not applied at all. Removals under FRACTION_FLOOR characters (a "Share:" label, a
 * one-line promo) are always allowed, so a page of nothing but boilerplate comes out empty.
 * Whenever the valve holds something back, firedRules gets `safety-valve:<rule>`.
 */
import type { Document, Element, ParentNode } from './dom.js';
import { allElements, collapsedText, isAtEnd, isElement, proseLength, remove } from './dom.js';
import { isHidden } from './predicates.js';
import type { CleanRule, CleanRules } from './rules.js';

export const SAFETY_VALVE = {
  /** More non-link characters than this in one element means it holds body text. */
  MAX_ELEMENT_PROSE: 200,
  /** A rule may take at most this share of the article's non-link text… */
  MAX_RULE_FRACTION: 0.3,
  /** …unless it takes fewer characters than this (labels and one-line promos on a short page). */
  FRACTION_FLOOR: 40,
} as const;

/** Where a text pattern looks: the smallest of these whose text matches is the match. */
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'aside', 'header', 'footer', 'nav', 'main', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'tr', 'blockquote', 'figure', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'center', 'form', 'address', 'details',
]);

export function removeBoilerplate(root: Document, rules: CleanRules, fired: Set<string>): void {
  const articleProse = proseLength(root);
  const texts = new TextCache();
  if (removeWithSafetyValve('hidden-element', allElements(root).filter(isHidden), articleProse, fired)) texts.clear();
  for (const rule of rules) {
    if (removeWithSafetyValve(rule.name, findMatches(root, rule, texts), articleProse, fired)) texts.clear();
  }
}

/** Collapsed text per element, shared by the rules until one of them changes the tree. */
class TextCache {
  private readonly texts = new Map<Element, string>();

  get(el: Element): string {
    let text = this.texts.get(el);
    if (text === undefined) {
      text = collapsedText(el);
      this.texts.set(el, text);
    }
    return text;
  }

  clear(): void {
    this.texts.clear();
  }
}

/** The elements a rule proposes to remove, before the safety valve. */
function findMatches(root: Document, rule: CleanRule, texts: TextCache): Element[] {
  const { selector, textPattern, maxProse } = rule;
  let matches = allElements(root);
  if (selector !== null) matches = matches.filter((el) => selector.matches(el));
  if (textPattern !== null) {
    if (selector === null) matches = matches.filter((el) => BLOCKS.has(el.name));
    matches = innermost(matches.filter((el) => textPattern.test(texts.get(el))));
  }
  if (maxProse !== null) matches = matches.filter((el) => proseLength(el) <= maxProse);
  if (textPattern !== null && selector === null) matches = [...new Set(matches.map(growOverBoilerplate))];
  return rule.where === 'end' ? matches.filter((el) => isAtEnd(el, root)) : matches;
}

/** Removes what the valve lets through; returns true when the tree changed. */
function removeWithSafetyValve(name: string, candidates: readonly Element[], articleProse: number, fired: Set<string>): boolean {
  if (candidates.length === 0) return false;
  const sized = candidates.map((el) => ({ el, prose: proseLength(el) }));
  // Elements that alone hold body text stay; smaller matches inside them are still candidates.
  const small = sized.filter((c) => c.prose <= SAFETY_VALVE.MAX_ELEMENT_PROSE && !isTooMuch(c.prose, articleProse));
  if (small.length < sized.length) fired.add(`safety-valve:${name}`);
  const chosen = new Set(outermost(small.map((c) => c.el)));
  const removedProse = small.filter((c) => chosen.has(c.el)).reduce((sum, c) => sum + c.prose, 0);
  // Many small matches can add up to the article itself: then the rule is wrong for this page.
  if (isTooMuch(removedProse, articleProse)) {
    fired.add(`safety-valve:${name}`);
    return false;
  }
  for (const el of chosen) remove(el);
  if (chosen.size > 0) fired.add(name);
  return chosen.size > 0;
}

function isTooMuch(prose: number, articleProse: number): boolean {
  return prose > SAFETY_VALVE.FRACTION_FLOOR && prose > SAFETY_VALVE.MAX_RULE_FRACTION * articleProse;
}

/** Characters of non-link text a wrapper may add around a match and still count as part of it ("|", " · "). */
const SEPARATOR_PROSE = 3;

/**
 * Grows a text match to the blocks around it while they hold nothing else but links, images and
 * separators: "Subscribe to our newsletter" plus its "Sign up" button, "扫码关注" plus its QR code.
 */
function growOverBoilerplate(el: Element): Element {
  let current = el;
  for (let p = current.parent; p !== null && isElement(p) && BLOCKS.has(p.name); p = p.parent) {
    const otherProse = p.children.reduce((sum, child) => (child === current ? sum : sum + proseLength(child)), 0);
    if (otherProse > SEPARATOR_PROSE) break;
    current = p;
  }
  return current;
}

/** Drops every element that has another element of the list inside it. */
function innermost(elements: readonly Element[]): Element[] {
  const hasMatchInside = new Set<ParentNode>();
  for (const el of elements) {
    for (let p = el.parent; p !== null && isElement(p); p = p.parent) hasMatchInside.add(p);
  }
  return elements.filter((el) => !hasMatchInside.has(el));
}

/** Drops every element that sits inside another element of the list. */
function outermost(elements: readonly Element[]): Element[] {
  const set = new Set<ParentNode>(elements);
  return elements.filter((el) => {
    for (let p = el.parent; p !== null && isElement(p); p = p.parent) if (set.has(p)) return false;
    return true;
  });
}
