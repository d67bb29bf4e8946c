/**
 * Generated long revisions (about 200 KB) for the diff cost guard: invented bilingual news
 * paragraphs drawn from a seeded PRNG, so every run sees the same text.
 */
const SENTENCES = [
  '市交通委今天宣布，地铁七号线南段将于下月试运营。',
  '沿线居民表示，通勤时间有望缩短二十分钟。',
  'The council said the new tram depot would open in the spring.',
  'Residents near the river asked for quieter night works.',
  '気象庁によると、週末は各地で雨が続く見込みです。',
  '서울시는 새 버스 노선을 다음 달부터 운행한다고 밝혔다.',
  'Officials expect ridership to grow by 12% next year.',
  '专家提醒，雨季出行请留意实时路况。',
];

/** Paragraphs of 3–6 sentences separated by blank lines, until the text reaches `bytes` UTF-8 bytes. */
export function longArticle(random: () => number, bytes: number, separator = '\n\n'): string {
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const count = 3 + Math.floor(random() * 4);
    const sentences = Array.from({ length: count }, () => SENTENCES[Math.floor(random() * SENTENCES.length)]);
    const paragraph = `${paragraphs.length + 1}. ${sentences.join(' ')}`;
    paragraphs.push(paragraph);
    size += Buffer.byteLength(paragraph) + separator.length;
  }
  return paragraphs.join(separator);
}
