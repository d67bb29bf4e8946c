import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { FeedkeeperError } from '../core/index.js';
import { parseOpml } from '../parse/index.js';
import { writeOpml, type OpmlExport, type OpmlExportFeed } from './index.js';
import { escapeXmlAttribute, escapeXmlText, removeNonXmlCharacters } from './xml-escape.js';

const feed = (over: Partial<OpmlExportFeed> = {}): OpmlExportFeed => ({ url: 'https://a.example/rss', title: 'A', siteUrl: null, tags: [], ...over });

describe('xml escaping', () => {
  it.each([
    ['plain text is unchanged', '江城日报 Morning', '江城日报 Morning', '江城日报 Morning'],
    ['ampersand', 'Q & A', 'Q &amp; A', 'Q &amp; A'],
    ['an entity-looking string is text', '&amp; &nbsp;', '&amp;amp; &amp;nbsp;', '&amp;amp; &amp;nbsp;'],
    ['angle brackets', '<b>bold</b>', '&lt;b&gt;bold&lt;/b&gt;', '&lt;b&gt;bold&lt;/b&gt;'],
    ['CDATA end', 'a]]>b', 'a]]&gt;b', 'a]]&gt;b'],
    ['double quote', 'say "hi"', 'say "hi"', 'say &quot;hi&quot;'],
    ['single quote needs nothing', "it's", "it's", "it's"],
    ['tab, newline, CR survive in attributes', 'a\tb\nc\rd', 'a\tb\nc\rd', 'a&#9;b&#10;c&#13;d'],
    ['C0 controls removed', 'a\u0000b\u0008c\u001Fd', 'abcd', 'abcd'],
    ['U+FFFE and U+FFFF removed', 'a\uFFFEb\uFFFFc', 'abc', 'abc'],
    ['unpaired surrogates removed', 'a\uD800b\uDC00c', 'abc', 'abc'],
    ['a surrogate pair is kept', 'news 📰 𠀀', 'news 📰 𠀀', 'news 📰 𠀀'],
    ['full-width punctuation is kept', '「新闻」，《时报》', '「新闻」，《时报》', '「新闻」，《时报》'],
  ])('%s', (_name, input, text, attribute) => {
    expect(escapeXmlText(input)).toBe(text);
    expect(escapeXmlAttribute(input)).toBe(attribute);
  });

  it('removeNonXmlCharacters keeps every allowed whitespace character', () => {
    expect(removeNonXmlCharacters('\t\n\r \u3000')).toBe('\t\n\r \u3000');
  });
});

describe('writeOpml', () => {
  it('writes an OPML 2.0 document with folders by first tag and the other tags as category', () => {
    const out = writeOpml({
      title: '我的订阅',
      dateCreated: new Date(Date.UTC(2024, 2, 4, 8, 30)),
      feeds: [
        feed({ url: 'https://a.example/rss', title: 'A & B', siteUrl: 'https://a.example/', tags: ['新闻', '国际', 'Daily'] }),
        feed({ url: 'https://b.example/rss', title: null, tags: [] }),
        feed({ url: 'https://c.example/rss?x=1&y=2', title: 'C', tags: ['新闻'] }),
      ],
    });
    expect(out).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        '  <head>',
        '    <title>我的订阅</title>',
        '    <dateCreated>Mon, 04 Mar 2024 08:30:00 GMT</dateCreated>',
        '  </head>',
        '  <body>',
        '    <outline text="新闻" title="新闻">',
        '      <outline type="rss" text="A &amp; B" title="A &amp; B" xmlUrl="https://a.example/rss" htmlUrl="https://a.example/" category="国际,Daily"/>',
        '      <outline type="rss" text="C" title="C" xmlUrl="https://c.example/rss?x=1&amp;y=2"/>',
        '    </outline>',
        '    <outline type="rss" text="" xmlUrl="https://b.example/rss"/>',
        '  </body>',
        '</opml>',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['title', feed({ title: '<script>"x" & y</script>' }), 'text="&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;"'],
    ['URL', feed({ url: 'https://a.example/rss?a=1&b="2"' }), 'xmlUrl="https://a.example/rss?a=1&amp;b=&quot;2&quot;"'],
    ['site URL', feed({ siteUrl: 'https://a.example/?a<b' }), 'htmlUrl="https://a.example/?a&lt;b"'],
    ['folder', feed({ tags: ['R&D "lab"'] }), '<outline text="R&amp;D &quot;lab&quot;" title="R&amp;D &quot;lab&quot;">'],
    ['category', feed({ tags: ['x', 'a&b', 'c"d'] }), 'category="a&amp;b,c&quot;d"'],
    ['control character in a title', feed({ title: 'bad\u0007bell' }), 'text="badbell"'],
    ['newline in a title', feed({ title: 'two\nlines' }), 'text="two&#10;lines"'],
  ])('escapes the %s', (_name, f, expected) => {
    expect(writeOpml({ title: 't', feeds: [f] })).toContain(expected);
  });

  it('escapes the document title as element text', () => {
    expect(writeOpml({ title: 'A & <B>\u0000', feeds: [] })).toContain('<title>A &amp; &lt;B&gt;</title>');
  });

  it.each([
    ['a comma', ['folder', 'a,b'], 'a，b'],
    ['a slash', ['folder', 'a/b'], 'a／b'],
    ['repeats and blanks dropped', ['folder', ' ', 'x', 'folder', ' x '], 'x'],
  ])('writes a later tag with %s as one tag', (_name, tags, category) => {
    const out = writeOpml({ title: 't', feeds: [feed({ tags })] });
    expect(out).toContain(`category="${category}"`);
    expect(parseOpml(out).feeds[0]?.tags).toEqual(['folder', category]);
  });

  it('keeps a comma or slash in the folder tag', () => {
    expect(parseOpml(writeOpml({ title: 't', feeds: [feed({ tags: ['News/World, Asia'] })] })).feeds[0]?.tags).toEqual(['News/World, Asia']);
  });

  it('refuses an invalid dateCreated', () => {
    expect(() => writeOpml({ title: 't', feeds: [], dateCreated: new Date(Number.NaN) })).toThrow(FeedkeeperError);
  });

  it('writes an empty list as a valid document with an empty body', () => {
    expect(parseOpml(writeOpml({ title: 'Empty', feeds: [] }))).toEqual({ title: 'Empty', feeds: [], duplicates: [], warnings: [] });
  });
});


const WORDS = [
  '新闻', '国际', '財經', '科技', '江城日报', '时评', '「独家」', '《晨报》', '，', '。', 'World', 'Tech', 'daily', 'News',
  '&', '&amp;', '&nbsp;', '<b>', '</outline>', '"', "'", ']]>', '/', ',', '📰', '𠀀', ' ', '  ', '\t', '\n', '\u3000', '\u00A0',
  '\u0001', '\u001F', '\uFFFE', '\uD800', '\uDFFF',
];
const URL_CHARS = ['a', 'z', '0', '-', '_', '.', '~', '?', '=', '&', '#', '%E4%B8%AD', '中', '文', '"', '<', '>', "'", '(', ')', '!', '+'];

function makeDocument(seed: number): OpmlExport {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const phrase = (max: number): string => Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(WORDS)).join(random() < 0.5 ? '' : ' ');
  const path = (): string => Array.from({ length: Math.floor(random() * 12) }, () => pick(URL_CHARS)).join('');
  const tagPool = Array.from({ length: 6 }, () => phrase(3));
  const feeds = Array.from({ length: Math.floor(random() * 15) }, (_, i): OpmlExportFeed => ({
    url: `${random() < 0.5 ? 'http' : 'https'}://feed${i}.example/${path()}`,
    title: random() < 0.15 ? null : phrase(5),
    siteUrl: random() < 0.3 ? null : `https://site${i}.example/${path()}`,
    tags: Array.from({ length: Math.floor(random() * 5) }, () => (random() < 0.7 ? pick(tagPool) : phrase(2))),
  }));
  return { title: phrase(4), feeds, ...(random() < 0.5 ? { dateCreated: new Date(Math.floor(random() * 4e12)) } : {}) };
}

/** What any text looks like after the round trip: XML-forbidden characters gone, whitespace collapsed. */
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const normalized = (s: string): string => s.replace(NOT_XML, '').replace(/\s+/g, ' ').trim();
const nullIfEmpty = (s: string): string | null => (s === '' ? null : s);

/** Tags are cleaned and de-duplicated as given; then each after the first has its commas and slashes widened. */
function expectedTags(tags: readonly string[]): string[] {
  const [first, ...rest] = [...new Set(tags.map(normalized).filter((t) => t !== ''))];
  const out: string[] = first === undefined ? [] : [first];
  for (const tag of rest) {
    const t = tag.replace(/,/g, '，').replace(/\//g, '／');
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

describe('round trip: parseOpml(writeOpml(x))', () => {
  const seeds = Array.from({ length: 300 }, (_, i) => 1000 + i);

  it.each(seeds)('seed %i gives back the same feeds and tags, with no warnings', (seed) => {
    const doc = makeDocument(seed);
    const written = writeOpml(doc);
    const input = seed % 2 === 0 ? written : new Uint8Array(Buffer.from(written, 'utf8'));
    const parsed = parseOpml(input);
    const byUrl = (a: { url: string }, b: { url: string }) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
    const expected = doc.feeds
      .map((f) => ({ url: f.url, title: f.title === null ? null : nullIfEmpty(normalized(f.title)), siteUrl: f.siteUrl, tags: expectedTags(f.tags) }))
      .sort(byUrl);
    expect(parsed.feeds.slice().sort(byUrl)).toEqual(expected);
    expect(parsed.title).toBe(nullIfEmpty(normalized(doc.title)));
    expect(parsed.duplicates).toEqual([]);
    expect(parsed.warnings).toEqual([]);
  });

  it('the generator really produces the hard cases', () => {
    const all = seeds.map(makeDocument);
    const feeds = all.flatMap((d) => d.feeds);
    const text = feeds.flatMap((f) => [f.title ?? '', ...f.tags]).join('');
    expect(feeds.length).toBeGreaterThan(1500);
    for (const hard of ['新闻', '&', '<', '"', ',', '/', '\uD800', '\u0001', '\n', '📰']) expect(text).toContain(hard);
    expect(feeds.some((f) => f.title === null)).toBe(true);
    expect(feeds.some((f) => expectedTags(f.tags).length >= 3)).toBe(true);
    expect(feeds.some((f) => /[&<>"]/.test(f.url))).toBe(true);
  });
});
