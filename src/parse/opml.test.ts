import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FeedkeeperError, type WarningCode } from '../core/index.js';
import { parseOpml, type OpmlDocument } from './index.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL(`./testdata-opml/${name}`, import.meta.url))));
const sample = (): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL('../../samples/news.opml', import.meta.url))));

/** A whole OPML document around some body outlines. */
const opml = (body: string, head = '<head><title>Test list</title></head>'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n${head}\n<body>\n${body}\n</body>\n</opml>\n`;

const codes = (doc: OpmlDocument): WarningCode[] => [...new Set(doc.warnings.map((w) => w.code))].sort();
const tagsByUrl = (doc: OpmlDocument): Record<string, string[]> => Object.fromEntries(doc.feeds.map((f) => [f.url, f.tags]));

function catchError(run: () => unknown): FeedkeeperError {
  try {
    run();
  } catch (err) {
    if (err instanceof FeedkeeperError) return err;
    throw err;
  }
  throw new Error('expected a FeedkeeperError, but nothing was thrown');
}

describe('parseOpml: folders become tags', () => {
  it.each([
    ['a feed at top level has no tags', '<outline text="A" xmlUrl="https://a.example/rss"/>', []],
    ['one folder', '<outline text="新闻"><outline text="A" xmlUrl="https://a.example/rss"/></outline>', ['新闻']],
    [
      'three levels, outermost first',
      '<outline text="新闻"><outline text="国际"><outline text="欧洲"><outline xmlUrl="https://a.example/rss"/></outline></outline></outline>',
      ['新闻', '国际', '欧洲'],
    ],
    ['folder title wins over its text', '<outline title="Tech" text="tech (12 unread)"><outline xmlUrl="https://a.example/rss"/></outline>', ['Tech']],
    ['a blank title falls back to text', '<outline title="  " text="Tech"><outline xmlUrl="https://a.example/rss"/></outline>', ['Tech']],
    ['folder names are trimmed and whitespace collapsed', '<outline text="  World\n   news "><outline xmlUrl="https://a.example/rss"/></outline>', ['World news']],
    ['an untitled folder adds no tag', '<outline text="World"><outline><outline xmlUrl="https://a.example/rss"/></outline></outline>', ['World']],
    ['a repeated folder name is one tag', '<outline text="News"><outline text="News"><outline xmlUrl="https://a.example/rss"/></outline></outline>', ['News']],
    [
      'an outline nested in a feed outline keeps only the folders around them',
      '<outline text="Tech"><outline text="Parent feed" xmlUrl="https://p.example/rss"><outline xmlUrl="https://a.example/rss"/></outline></outline>',
      ['Tech'],
    ],
  ])('%s', (_name, body, tags) => {
    const doc = parseOpml(opml(body));
    expect(doc.feeds.find((f) => f.url === 'https://a.example/rss')?.tags).toEqual(tags);
    expect(doc.warnings).toEqual([]);
  });
});

describe('parseOpml: the category attribute', () => {
  it.each([
    ['a path gives each segment', '/News/China', [], ['News', 'China']],
    ['paths and tags, comma-separated', '/News/China,Tech', [], ['News', 'China', 'Tech']],
    ['plain tags without slashes', '科技,财经', [], ['科技', '财经']],
    ['blanks and empty segments are ignored', ' , /News//China/ ,, Tech ', [], ['News', 'China', 'Tech']],
    ['after the folder tags, without repeats', '/World/Asia,Tech', ['World'], ['World', 'Asia', 'Tech']],
    ['empty attribute', '', ['World'], ['World']],
  ])('%s', (_name, category, folders, tags) => {
    const feed = `<outline text="A" xmlUrl="https://a.example/rss" category="${category}"/>`;
    const body = folders.reduceRight((inner, folder) => `<outline text="${folder}">${inner}</outline>`, feed);
    expect(parseOpml(opml(body)).feeds[0]?.tags).toEqual(tags);
  });
});

describe('parseOpml: attribute names in any letter case', () => {
  it.each([
    ['xmlUrl / htmlUrl', '<outline text="A" xmlUrl="https://a.example/rss" htmlUrl="https://a.example/"/>'],
    ['xmlurl / htmlurl', '<outline text="A" xmlurl="https://a.example/rss" htmlurl="https://a.example/"/>'],
    ['XMLURL / HTMLURL', '<outline text="A" XMLURL="https://a.example/rss" HTMLURL="https://a.example/"/>'],
    ['url on type="rss"', '<outline type="rss" text="A" url="https://a.example/rss" htmlUrl="https://a.example/"/>'],
    ['URL on TYPE="RSS"', '<outline TYPE="RSS" TEXT="A" URL="https://a.example/rss" HTMLURL="https://a.example/"/>'],
    ['TITLE wins over text', '<outline TITLE="A" text="A (3)" XmlUrl="https://a.example/rss" HtmlUrl="https://a.example/"/>'],
  ])('%s', (_name, body) => {
    expect(parseOpml(opml(body)).feeds).toEqual([{ url: 'https://a.example/rss', title: 'A', siteUrl: 'https://a.example/', tags: [] }]);
  });

  it.each([
    ['type="link"', '<outline type="link" text="About" url="https://a.example/about"/>'],
    ['no type', '<outline text="About" url="https://a.example/about"/>'],
  ])('url on %s is not a feed', (_name, body) => {
    expect(parseOpml(opml(body)).feeds).toEqual([]);
  });

  it('a feed without title or text has a null title', () => {
    expect(parseOpml(opml('<outline xmlUrl="https://a.example/rss" text=" "/>')).feeds[0]?.title).toBeNull();
  });
});

describe('parseOpml: duplicates', () => {
  it('keeps a URL once, lists it once, and merges the tags of every place it is filed', () => {
    const doc = parseOpml(opml(`
      <outline text="新闻"><outline text="First" xmlUrl="https://a.example/rss"/></outline>
      <outline text="Tech"><outline text="Second" xmlUrl=" https://a.example/rss " htmlUrl="https://a.example/" category="Daily"/></outline>
      <outline text="Other" xmlUrl="https://b.example/rss"/>
      <outline text="Third" xmlUrl="https://a.example/rss"/>`));
    expect(doc.feeds).toEqual([
      { url: 'https://a.example/rss', title: 'First', siteUrl: 'https://a.example/', tags: ['新闻', 'Tech', 'Daily'] },
      { url: 'https://b.example/rss', title: 'Other', siteUrl: null, tags: [] },
    ]);
    expect(doc.duplicates).toEqual(['https://a.example/rss']);
  });

  it.each([
    ['letter case', 'https://a.example/RSS'],
    ['a trailing slash', 'https://a.example/rss/'],
    ['the scheme', 'http://a.example/rss'],
  ])('URLs that differ in %s are different feeds (not rewritten)', (_name, other) => {
    const doc = parseOpml(opml(`<outline xmlUrl="https://a.example/rss"/><outline xmlUrl="${other}"/>`));
    expect(doc.feeds.map((f) => f.url)).toEqual(['https://a.example/rss', other]);
    expect(doc.duplicates).toEqual([]);
  });
});

describe('parseOpml: only http(s) feed URLs', () => {
  it.each([
    ['feed: scheme', 'feed://a.example/rss'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['relative path', '/rss.xml'],
    ['empty', ''],
    ['not a URL', 'see our website'],
  ])('skips %s with a BAD_VALUE warning naming the outline', (_name, url) => {
    const doc = parseOpml(opml(`<outline text="Bad one" xmlUrl="${url}"/><outline text="Good one" xmlUrl="https://ok.example/rss"/>`));
    expect(doc.feeds.map((f) => f.url)).toEqual(['https://ok.example/rss']);
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]?.code).toBe('BAD_VALUE');
    expect(doc.warnings[0]?.message).toContain('"Bad one"');
  });

  it('drops a non-http htmlUrl but keeps the feed', () => {
    const doc = parseOpml(opml('<outline text="A" xmlUrl="https://a.example/rss" htmlUrl="javascript:void(0)"/>'));
    expect(doc.feeds).toEqual([{ url: 'https://a.example/rss', title: 'A', siteUrl: null, tags: [] }]);
    expect(codes(doc)).toEqual(['BAD_VALUE']);
  });
});

describe('parseOpml: malformed OPML recovers with warnings', () => {
  it.each<[string, string, Record<string, string[]>, string | null, WarningCode[]]>([
    [
      'unclosed folder outline',
      opml('<outline text="News">\n<outline text="A" xmlUrl="https://a.example/rss"/>\n<outline text="B" xmlUrl="https://b.example/rss"/>'),
      { 'https://a.example/rss': ['News'], 'https://b.example/rss': ['News'] },
      'Test list',
      ['UNCLOSED_TAG'],
    ],
    [
      'feed outline without "/>" swallows the next one',
      opml('<outline text="Tech"><outline text="A" xmlUrl="https://a.example/rss">\n<outline text="B" xmlUrl="https://b.example/rss"/></outline>'),
      { 'https://a.example/rss': ['Tech'], 'https://b.example/rss': ['Tech'] },
      'Test list',
      ['UNCLOSED_TAG'],
    ],
    [
      'bare & in a URL and a title',
      opml('<outline text="Q & A" xmlUrl="https://a.example/rss?a=1&b=2"/>'),
      { 'https://a.example/rss?a=1&b=2': [] },
      'Test list',
      ['BARE_AMPERSAND'],
    ],
    [
      'undeclared &nbsp; in a title',
      opml('<outline text="A" xmlUrl="https://a.example/rss"/>', '<head><title>Morning&nbsp;news</title></head>'),
      { 'https://a.example/rss': [] },
      'Morning news',
      ['UNDECLARED_ENTITY'],
    ],
    [
      'entity declared in the DOCTYPE',
      `<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY site "江城日报">]>\n<opml><head><title>&site;</title></head><body><outline text="&site;" xmlUrl="https://a.example/rss"/></body></opml>`,
      { 'https://a.example/rss': [] },
      '江城日报',
      [],
    ],
    [
      'PHP warning printed before the document',
      `<br />\n<b>Warning</b>:  session_start(): headers already sent in <b>/srv/export.php</b>\n${opml('<outline xmlUrl="https://a.example/rss"/>')}`,
      { 'https://a.example/rss': [] },
      'Test list',
      ['JUNK_BEFORE_ROOT'],
    ],
    [
      'feed-like tags in a comment and a title do not move the root',
      opml('<!-- copied from <rss version="2.0"> --><outline text="&lt;feed&gt;" xmlUrl="https://a.example/rss"/>'),
      { 'https://a.example/rss': [] },
      'Test list',
      [],
    ],
    [
      'control characters',
      opml('<outline text="A\u0001B" xmlUrl="https://a.example/rss"/>'),
      { 'https://a.example/rss': [] },
      'Test list',
      ['CONTROL_CHARACTERS'],
    ],
    [
      'no <body>',
      '<opml version="1.0"><outline text="A" xmlUrl="https://a.example/rss"/></opml>',
      { 'https://a.example/rss': [] },
      null,
      ['BAD_VALUE'],
    ],
    [
      'cut off in the middle',
      '<opml version="2.0"><head><title>Cut</title></head><body><outline text="F"><outline xmlUrl="https://a.example/rss"/><outline xmlUrl="https://b.example/rss"',
      { 'https://a.example/rss': ['F'] },
      'Cut',
      [],
    ],
    [
      'stray closing tag',
      opml('</outline><outline xmlUrl="https://a.example/rss"/>'),
      { 'https://a.example/rss': [] },
      'Test list',
      ['STRAY_CLOSING_TAG'],
    ],
  ])('%s', (_name, text, tags, title, warningCodes) => {
    const doc = parseOpml(text);
    expect(tagsByUrl(doc)).toEqual(tags);
    expect(doc.title).toBe(title);
    expect(codes(doc)).toEqual(warningCodes);
  });

  it('decodes & and &nbsp; in titles to their characters', () => {
    const doc = parseOpml(opml('<outline text="Q & A&nbsp;daily" xmlUrl="https://a.example/rss"/>'));
    expect(doc.feeds[0]?.title).toBe('Q & A daily');
  });
});

describe('parseOpml: encodings', () => {
  const text = opml(
    '<outline text="国内新闻"><outline text="江城日报 · 要闻" xmlUrl="https://jiangcheng.example/rss" category="/地方/华中,晨报"/></outline>',
    '<head><title>市民早间订阅</title></head>',
  ).replace('encoding="UTF-8"', 'encoding="GBK"');

  it('reads GBK bytes by their XML declaration', () => {
    const doc = parseOpml(new Uint8Array(iconv.encode(text, 'gbk')));
    expect(doc.title).toBe('市民早间订阅');
    expect(doc.feeds).toEqual([{ url: 'https://jiangcheng.example/rss', title: '江城日报 · 要闻', siteUrl: null, tags: ['国内新闻', '地方', '华中', '晨报'] }]);
    expect(doc.warnings).toEqual([]);
  });

  it('reads UTF-8 bytes with a byte order mark', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace('encoding="GBK"', 'encoding="UTF-8"'))]);
    expect(parseOpml(new Uint8Array(utf8)).title).toBe('市民早间订阅');
  });
});

describe('parseOpml: not OPML', () => {
  it.each<[string, string | Uint8Array, string]>([
    ['an HTML page', '<!DOCTYPE html><html><head><title>Feeds</title></head><body><p>Our feeds</p></body></html>', 'HTML page'],
    ['an HTML page without a doctype', '<html><body>Import failed</body></html>', 'HTML page'],
    ['an RSS feed', '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title></channel></rss>', 'root element <rss>'],
    ['an Atom feed', '<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title></feed>', 'add it as a feed'],
    ['other XML', '<?xml version="1.0"?><subscriptions><source href="https://a.example/rss"/></subscriptions>', 'root element <subscriptions>'],
    ['an empty string', '', 'empty document'],
    ['only whitespace', ' \n\t ', 'only whitespace'],
    ['empty bytes', new Uint8Array(0), 'empty body'],
    ['JSON', '{"feeds": []}', 'JSON'],
    ['JSON bytes', new Uint8Array(Buffer.from('[{"url": "https://a.example/rss"}]')), 'JSON'],
    ['a PNG image', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'PNG image'],
    ['plain text', 'https://a.example/rss\nhttps://b.example/rss\n', 'not XML'],
  ])('%s', (_name, input, says) => {
    const err = catchError(() => parseOpml(input));
    expect(err.code).toBe('NOT_OPML');
    expect(err.message).toContain(says);
    expect(err.message).toContain('not an OPML subscription list');
  });

  it('refuses input over the size limit', () => {
    expect(catchError(() => parseOpml(opml(''), { maxBytes: 10 })).code).toBe('INPUT_TOO_LARGE');
  });
});

describe('parseOpml: fixture files', () => {
  it('reader-export.opml', () => {
    const doc = parseOpml(fixture('reader-export.opml'));
    expect(doc.title).toBe('晨报订阅 Morning reading');
    expect(doc.feeds).toEqual([
      { url: 'https://jiangcheng-daily.example/rss/top.xml', title: '江城日报 要闻', siteUrl: 'https://jiangcheng-daily.example/', tags: ['新闻', '国内', 'Tech'] },
      { url: 'https://harbour-evening.example/feed', title: '海港晚报', siteUrl: 'https://harbour-evening.example/', tags: ['新闻', '国内', '地方', '沿海', '晚报'] },
      { url: 'https://ledger.example/world.rss', title: 'Northern Ledger – World', siteUrl: 'https://ledger.example/world', tags: ['新闻', '国际'] },
      { url: 'https://byteharbor.example/atom.xml', title: 'Byte Harbor', siteUrl: 'https://byteharbor.example/', tags: ['Tech'] },
      { url: 'http://quiet-valley.example/weekly.xml', title: 'Quiet Valley Weekly', siteUrl: null, tags: [] },
    ]);
    expect(doc.duplicates).toEqual(['https://jiangcheng-daily.example/rss/top.xml']);
    expect(doc.warnings).toEqual([]);
  });

  it('hand-edited.opml', () => {
    const doc = parseOpml(fixture('hand-edited.opml'));
    expect(doc.title).toBe('My feeds – edited by hand');
    expect(doc.feeds).toEqual([
      { url: 'https://riverside.example/rss?section=local&format=rss2', title: 'Riverside Gazette', siteUrl: null, tags: ['Local & regional', 'Science'] },
      { url: 'https://labnotes.example/feed.xml', title: 'Lab Notes', siteUrl: 'https://labnotes.example', tags: ['Local & regional', 'Science'] },
    ]);
    expect(doc.duplicates).toEqual(['https://riverside.example/rss?section=local&format=rss2']);
    expect(codes(doc)).toEqual(['BAD_VALUE', 'BARE_AMPERSAND', 'UNCLOSED_TAG', 'UNDECLARED_ENTITY']);
    const skipped = doc.warnings.filter((w) => w.code === 'BAD_VALUE').map((w) => w.message);
    expect(skipped).toHaveLength(2);
    expect(skipped[0]).toContain('"Old podcast"');
    expect(skipped[1]).toContain('"Relative link"');
  });
});

describe('samples/news.opml', () => {
  const doc = parseOpml(sample());

  it('names at least 10 feeds, each once, all https, all titled, without warnings', () => {
    expect(doc.feeds.length).toBeGreaterThanOrEqual(10);
    expect(doc.duplicates).toEqual([]);
    expect(doc.warnings).toEqual([]);
    for (const feed of doc.feeds) {
      expect(feed.url).toMatch(/^https:\/\//);
      expect(feed.title).not.toBeNull();
      expect(feed.tags).toHaveLength(1);
    }
  });

  it('files the feeds in its three folders', () => {
    const folders = new Map<string, number>();
    for (const feed of doc.feeds) for (const tag of feed.tags) folders.set(tag, (folders.get(tag) ?? 0) + 1);
    expect([...folders.keys()]).toEqual(['中文新闻', 'World news', 'Tech']);
    expect(folders.get('中文新闻')).toBeGreaterThanOrEqual(7);
    expect(tagsByUrl(doc)['https://feeds.bbci.co.uk/zhongwen/trad/rss.xml']).toEqual(['中文新闻']);
  });
});
