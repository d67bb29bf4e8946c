/**
 * Seeded random revision texts for the diff property tests: invented Chinese, Japanese, Korean
 * and Latin words, combining marks, apostrophes, hyphens, emoji, a lone surrogate, HTML-looking
 * text and every kind of whitespace, including paragraph breaks.
 */
const PIECES = [
  '地铁', '七号线', '八号线', '今天', '开通', '市民', '延误', '。', '，', '！', '？', '「', '」', '、',
  'きょう', 'ニュース', 'ー', '서울', '지하철', '𠀀', '々', '葛\u{E0100}',
  'metro', 'Line', 'opens', "don't", 'council’s', 'e-scooter', 'café', 'cafe\u0301', 'Zürich', 'год', '2024', '7.5',
  '(', ')', '"', '&', '<script>', '</p>', '—', '🚇', '\uD800',
  ' ', ' ', ' ', '  ', '\t', '\u3000', '\n', '\n\n', '\n\n\n', '\r\n\r\n', ' \n\n ',
];

export function randomText(random: () => number, maxPieces = 40): string {
  const count = Math.floor(random() * maxPieces);
  let text = '';
  for (let i = 0; i < count; i++) text += pick(random, PIECES);
  return text;
}

/** A later revision of `text`: a few pieces replaced, inserted or removed. */
export function reviseText(random: () => number, text: string): string {
  let revised = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (revised.length + 1));
    const cut = Math.floor(random() * 6);
    revised = revised.slice(0, at) + randomText(random, 4) + revised.slice(at + cut);
  }
  return revised;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}
