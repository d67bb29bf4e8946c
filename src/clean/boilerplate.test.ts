/**
 * Boilerplate golden fixtures: testdata/boilerplate/<case>.html is an article snippet we wrote
 * in the shape real feeds have; <case>.expected.html is the clean HTML and <case>.expected.json
 * the fired rules and plain text. HTML is compared as normalized trees, and a failure names the
 * first differing node. `UPDATE_GOLDEN=1 npx vitest run src/clean` rewrites the expected files.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ChildNode, ParentNode } from './dom.js';
import { isElement, parseHtml } from './dom.js';
import { cleanHtml } from './index.js';

const dir = fileURLToPath(new URL('./testdata/boilerplate/', import.meta.url));
const cases = readdirSync(dir).filter((f) => f.endsWith('.html') && !f.endsWith('.expected.html')).map((f) => f.slice(0, -5)).sort();
const update = process.env.UPDATE_GOLDEN === '1';
const BASE = 'https://news.example.com/2024/01/31/story.html';

/** The first difference between two HTML trees as "path: expected …, got …", or null. */
function firstDifference(actual: string, expected: string): string | null {
  return compareChildren(parseHtml(actual), parseHtml(expected), 'root');
}

function compareChildren(a: ParentNode, e: ParentNode, path: string): string | null {
  const as = meaningful(a.children);
  const es = meaningful(e.children);
  for (let i = 0; i < Math.max(as.length, es.length); i++) {
    const an = as[i];
    const en = es[i];
    const here = `${path} > ${en && isElement(en) ? en.name : 'text'}:nth-child(${i + 1})`;
    if (an === undefined || en === undefined) return `${here}: expected ${describeNode(en)}, got ${describeNode(an)}`;
    if (describeNode(an) !== describeNode(en)) return `${here}: expected ${describeNode(en)}, got ${describeNode(an)}`;
    if (isElement(an) && isElement(en)) {
      const inner = compareChildren(an, en, here);
      if (inner !== null) return inner;
    }
  }
  return null;
}

function meaningful(nodes: readonly ChildNode[]): ChildNode[] {
  return nodes.filter((n) => isElement(n) || (n.type === 'text' && n.data.trim() !== ''));
}

function describeNode(node: ChildNode | undefined): string {
  if (node === undefined) return 'nothing';
  if (node.type === 'text') return JSON.stringify(node.data.replace(/\s+/g, ' ').trim());
  if (!isElement(node)) return node.type;
  const attrs = Object.entries(node.attribs).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => ` ${k}="${v}"`);
  return `<${node.name}${attrs.join('')}>`;
}

describe('boilerplate golden fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it('the comparison names the first differing node', () => {
    expect(firstDifference('<div><p>a</p><p>b</p></div>', '<div>\n<p>a</p> <p>c</p></div>')).toBe(
      'root > div:nth-child(1) > p:nth-child(2) > text:nth-child(1): expected "c", got "b"',
    );
    expect(firstDifference('<p>a</p>', '<p>a</p><hr>')).toBe('root > hr:nth-child(2): expected <hr>, got nothing');
  });

  it.each(cases)('%s', (name) => {
    const result = cleanHtml(readFileSync(join(dir, `${name}.html`), 'utf8'), { baseUrl: BASE });
    const htmlPath = join(dir, `${name}.expected.html`);
    const jsonPath = join(dir, `${name}.expected.json`);
    if (update || !existsSync(htmlPath)) {
      writeFileSync(htmlPath, `${result.html}\n`);
      writeFileSync(jsonPath, `${JSON.stringify({ firedRules: result.firedRules, text: result.text }, null, 2)}\n`);
    }
    expect(firstDifference(result.html, readFileSync(htmlPath, 'utf8'))).toBeNull();
    expect({ firedRules: result.firedRules, text: result.text }).toEqual(JSON.parse(readFileSync(jsonPath, 'utf8')));
    expect(cleanHtml(result.html, { baseUrl: BASE }).html).toBe(result.html);
  });
});
