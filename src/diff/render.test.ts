import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { diffText, type DiffPart } from './diff-text.js';
import { renderDiffHtml } from './render.js';
import { randomText, reviseText } from './testdata/random-text.js';
import { isParagraphBreak, splitParagraphs } from './tokenize.js';

const same = (text: string): DiffPart => ({ kind: 'same', text });
const ins = (text: string): DiffPart => ({ kind: 'insert', text });
const del = (text: string): DiffPart => ({ kind: 'delete', text });

describe('renderDiffHtml', () => {
  it.each([
    ['changed runs are marked', [same('地铁'), del('七'), ins('八'), same('号线')], '<p>地铁<del>七</del><ins>八</ins>号线</p>'],
    ['paragraph breaks become paragraphs', [same('Storm warning lifted.\n\nRoads reopen.')], '<p>Storm warning lifted.</p><p>Roads reopen.</p>'],
    [
      'a changed run never spans paragraphs',
      [same('Lifted.\n\n'), ins('Ferries resume.\n\nBuses too.\n\n'), same('Roads reopen.')],
      '<p>Lifted.</p><p><ins>Ferries resume.</ins></p><p><ins>Buses too.</ins></p><p>Roads reopen.</p>',
    ],
    ['a deleted break still shows the old paragraphing', [same('One.'), del('\n\n'), ins(' '), same('Two.')], '<p>One.</p><p><ins> </ins>Two.</p>'],
    ['no parts is one empty paragraph', [], '<p></p>'],
  ])('%s', (_case, parts, expected) => {
    expect(renderDiffHtml(parts)).toBe(expected);
  });

  // Parsed back, the HTML holds only p/ins/del elements and exactly the input text: anything
  // unescaped would show up as another element or as missing text.
  function expectOnlyTextOf(parts: readonly DiffPart[]): void {
    const { document } = parseHTML(`<!doctype html><html><body>${renderDiffHtml(parts)}</body></html>`);
    const names = new Set([...document.body.querySelectorAll('*')].map((el) => el.localName));
    expect([...names].filter((name) => !['p', 'ins', 'del'].includes(name))).toEqual([]);
    const text = parts.map((p) => splitParagraphs(p.text).filter((piece) => !isParagraphBreak(piece)).join('')).join('');
    expect(document.body.textContent).toBe(text);
  }

  it.each([
    ['a script tag in unchanged text', [same('Headline <script>alert(1)</script> here')]],
    ['markup in an insert', [ins('<img src=x onerror="alert(1)">')]],
    ['a closing tag in a delete', [del('</del></p><script>x</script>')]],
    ['entities and quotes', [same(`Tom & Jerry's "show" &lt;`)]],
  ])('escapes input text: %s', (_case, parts) => {
    expectOnlyTextOf(parts);
  });

  it('escapes seeded random diffs (property)', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const random = seededRandom(seed);
      const before = randomText(random, 40);
      expectOnlyTextOf(diffText(before, reviseText(random, before)));
    }
  });

  it('renders a diff with HTML-looking text end to end', () => {
    const html = renderDiffHtml(diffText('Council approves <b>budget</b>.', 'Council rejects <script>budget</script>.'));
    expect(html).toBe(
      '<p>Council <del>approves</del><ins>rejects</ins> &lt;<del>b</del><ins>script</ins>&gt;budget&lt;/<del>b</del><ins>script</ins>&gt;.</p>',
    );
  });
});
