/** The selector subset: what matches, and what is refused at load with a reason. */
import { describe, expect, it } from 'vitest';
import { allElements, parseHtml } from './dom.js';
import { compileSelector, SelectorSyntaxError } from './selector.js';

const PAGE = `
<div id="main" class="article Body">
  <p class="lead">a</p>
  <div class="share-bar top"><a href="/s" data-kind="weibo">微博</a></div>
  <section><p lang="zh-CN">b</p></section>
</div>
<aside id="social-links"><ul><li>x</li></ul></aside>`;

/** The matched elements, each as tag#id.class or tag[n] by document order. */
function select(selector: string): string[] {
  const compiled = compileSelector(selector);
  return allElements(parseHtml(PAGE))
    .map((el, i) => ({ el, i }))
    .filter(({ el }) => compiled.matches(el))
    .map(({ el, i }) => `${el.name}[${i}]`);
}

describe('compileSelector matches', () => {
  it.each([
    ['type', 'p', ['p[1]', 'p[5]']],
    ['universal inside an id', '#main > *', ['p[1]', 'div[2]', 'section[4]']],
    ['class token', '.lead', ['p[1]']],
    ['class token is exact, case-sensitive', '.body', []],
    ['two classes', '.share-bar.top', ['div[2]']],
    ['id', '#social-links', ['aside[6]']],
    ['attribute present', '[data-kind]', ['a[3]']],
    ['attribute equals', '[data-kind="weibo"]', ['a[3]']],
    ['attribute contains, case-insensitive', '[class*=BODY i]', ['div[0]']],
    ['attribute starts with', '[id^=social]', ['aside[6]']],
    ['attribute ends with', "[class$='top']", ['div[2]']],
    ['attribute dash-match', '[lang|=zh]', ['p[5]']],
    ['attribute word', '[class~=article]', ['div[0]']],
    ['descendant', '#main p', ['p[1]', 'p[5]']],
    ['child', '#main > p', ['p[1]']],
    ['child then descendant', 'aside > ul li', ['li[8]']],
    ['list', '.lead, #social-links', ['p[1]', 'aside[6]']],
    ['empty contains never matches', '[class*=""]', []],
  ])('%s: %s', (_case, selector, expected) => {
    expect(select(selector)).toEqual(expected);
  });
});

describe('compileSelector refuses', () => {
  it.each([
    ['pseudo-class', 'div:has(p)', 'position 3'],
    ['sibling combinator', 'p + p', 'position 2'],
    ['general sibling', 'p ~ p', 'position 2'],
    ['unclosed attribute', '[class*=share', '"]"'],
    ['unclosed quote', '[class="share]', 'closing "'],
    ['empty', '', 'a tag'],
    ['dangling comma', 'p,', 'a tag'],
    ['dangling child combinator', 'div >', 'a tag'],
  ])('%s: %s', (_case, selector, reason) => {
    expect(() => compileSelector(selector)).toThrow(SelectorSyntaxError);
    expect(() => compileSelector(selector)).toThrow(reason);
  });
});
