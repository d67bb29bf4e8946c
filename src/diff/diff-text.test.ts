import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { type DiffPart, diffText, summarizeDiff } from './diff-text.js';
import { longArticle } from './testdata/long-article.js';
import { randomText, reviseText } from './testdata/random-text.js';

const same = (text: string): DiffPart => ({ kind: 'same', text });
const ins = (text: string): DiffPart => ({ kind: 'insert', text });
const del = (text: string): DiffPart => ({ kind: 'delete', text });

function sideOf(parts: readonly DiffPart[], side: 'before' | 'after'): string {
  const dropped = side === 'before' ? 'insert' : 'delete';
  return parts.filter((p) => p.kind !== dropped).map((p) => p.text).join('');
}

function expectSides(parts: readonly DiffPart[], before: string, after: string): void {
  expect(sideOf(parts, 'before')).toBe(before);
  expect(sideOf(parts, 'after')).toBe(after);
  expect(parts.every((p) => p.text !== '')).toBe(true);
  expect(parts.every((p, i) => i === 0 || parts[i - 1]?.kind !== p.kind)).toBe(true);
}

describe('diffText', () => {
  it.each([
    ['one Han character changes', '地铁七号线今天开通。', '地铁八号线今天开通。', [same('地铁'), del('七'), ins('八'), same('号线今天开通。')]],
    ['one English word changes', 'The tram line opens on Monday.', 'The tram line opens on Friday.', [same('The tram line opens on '), del('Monday'), ins('Friday'), same('.')]],
    [
      'mixed Chinese and English',
      '市政府表示 Metro Line 7 将延误。',
      '市政府宣布 Metro Line 8 将延误。',
      [same('市政府'), del('表示'), ins('宣布'), same(' Metro Line '), del('7'), ins('8'), same(' 将延误。')],
    ],
    ['Japanese kana by character', 'きょうは晴れ。', 'きのうは晴れ。', [same('き'), del('ょ'), ins('の'), same('うは晴れ。')]],
    [
      'a paragraph added',
      'Storm warning lifted.\n\nRoads reopen at noon.',
      'Storm warning lifted.\n\nFerries resume tomorrow.\n\nRoads reopen at noon.',
      [same('Storm warning lifted.\n\n'), ins('Ferries resume tomorrow.\n\n'), same('Roads reopen at noon.')],
    ],
    [
      'a paragraph removed',
      '暴雨预警解除。\n\n渡轮明天复航。\n\n道路中午重开。',
      '暴雨预警解除。\n\n道路中午重开。',
      [same('暴雨预警解除。\n\n'), del('渡轮明天复航。\n\n'), same('道路中午重开。')],
    ],
    ['identical inputs', 'Nothing changed here.', 'Nothing changed here.', [same('Nothing changed here.')]],
    ['empty before', '', '新版本首段。', [ins('新版本首段。')]],
    ['empty after', 'Retracted story.', '', [del('Retracted story.')]],
    ['both empty', '', '', []],
  ])('%s', (_case, before, after, expected) => {
    const parts = diffText(before, after);
    expect(parts).toEqual(expected);
    expectSides(parts, before, after);
  });

  it('gives back both sides for seeded random revisions (property)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const before = randomText(random, 60);
      const after = seed % 5 === 0 ? randomText(random, 60) : reviseText(random, before);
      try {
        expectSides(diffText(before, after), before, after);
      } catch (err) {
        throw new Error(`seed ${seed}: ${(err as Error).message}`, { cause: err });
      }
    }
  });
});

describe('diffText on long inputs (cost guard)', () => {
  const before = longArticle(seededRandom(7), 200_000);

  it('finds small edits in a 200 KB article paragraph by paragraph', () => {
    const after = before
      .replace('1. ', '1. 【更新】')
      .replace('地铁七号线南段', '地铁八号线南段')
      .replace('quieter night works', 'quieter weekend works');
    const parts = diffText(before, after);
    expectSides(parts, before, after);
    expect(parts.filter((p) => p.kind !== 'same')).toEqual([ins('【更新】'), del('七'), ins('八'), del('night'), ins('weekend')]);
  });

  it('diffs a 200 KB article where every paragraph changes', () => {
    const after = before.replace(/^(\d+)\. /gm, '$1) ');
    const parts = diffText(before, after);
    expectSides(parts, before, after);
    const paragraphs = before.split('\n\n').length;
    expect(parts.filter((p) => p.kind !== 'same')).toEqual(Array.from({ length: paragraphs }, () => [del('.'), ins(')')]).flat());
  });

  it('replaces the whole text when two 200 KB paragraphs share too little to diff', () => {
    const oneParagraph = before.replaceAll('\n\n', ' ');
    const other = longArticle(seededRandom(8), 200_000, ' ');
    const parts = diffText(oneParagraph, other);
    expectSides(parts, oneParagraph, other);
    expect(parts).toEqual([del(oneParagraph), ins(other)]);
  });

  it.each([
    ['20 KB, past the edit cap of a direct diff', 20_000],
    ['200 KB, paragraph pass first', 200_000],
  ])('keeps unchanged paragraphs when every other one is rewritten: %s', (_case, bytes) => {
    const paragraphs = longArticle(seededRandom(7), bytes).split('\n\n');
    const rewritten = longArticle(seededRandom(9), bytes).split('\n\n');
    const [oldText, newText] = [paragraphs.join('\n\n'), paragraphs.map((p, i) => (i % 2 === 0 ? p : (rewritten[i] ?? p))).join('\n\n')];
    const parts = diffText(oldText, newText);
    expectSides(parts, oldText, newText);
    const kept = parts.filter((p) => p.kind === 'same').map((p) => p.text).join('');
    for (let i = 0; i < paragraphs.length; i += 2) expect(kept).toContain(paragraphs[i]);
  });
});

describe('summarizeDiff', () => {
  it.each([
    ['one character each way', [same('地铁'), del('七'), ins('八'), same('号线')], { inserted: 1, deleted: 1 }],
    ['whitespace is not counted', [ins(' new words \n\n'), del('\t')], { inserted: 8, deleted: 0 }],
    ['astral characters count once', [ins('𠀀🚇')], { inserted: 2, deleted: 0 }],
    ['nothing changed', [same('All quiet.')], { inserted: 0, deleted: 0 }],
  ])('%s', (_case, parts, expected) => {
    expect(summarizeDiff(parts)).toEqual(expected);
  });
});
