import { describe, expect, it } from 'vitest';
import { FeedkeeperError } from '../../core/index.js';
import { Warnings } from '../warnings.js';
import { decodeEntities } from './entities.js';
import { readProlog, stripControlCharacters } from './prolog.js';
import { buildTree } from './tree.js';
import { htmlOf, textOf, childNamed } from './dom.js';
import { canonicalName, extendScope } from './namespaces.js';

const table = (internal: Record<string, string> = {}, external: string[] = []) => ({
  internal: new Map(Object.entries(internal)),
  external: new Set(external),
  budget: { remaining: 1000 },
});

describe('decodeEntities', () => {
  it.each([
    ['XML predefined', 'a &lt;b&gt; &amp; &quot;c&quot; &apos;', 'a <b> & "c" \'', []],
    ['numeric decimal and hex', '&#20013;&#x6587;', '中文', []],
    ['invalid code point becomes U+FFFD', '&#0;&#x110000;', '\uFFFD\uFFFD', []],
    ['undeclared HTML entity decoded', 'a&nbsp;b&mdash;c', 'a\u00a0b\u2014c', ['UNDECLARED_ENTITY']],
    ['bare ampersand kept', 'AT&T & co', 'AT&T & co', ['BARE_AMPERSAND']],
    ['query string ampersand kept', '?a=1&b=2', '?a=1&b=2', ['BARE_AMPERSAND']],
    ['unknown named reference kept', '&bogus;', '&bogus;', ['BARE_AMPERSAND']],
    ['declared internal entity', '&org;', 'Example Org', []],
    ['external entity dropped', 'x&xxe;y', 'xy', ['EXTERNAL_ENTITY_IGNORED']],
  ])('%s', (_name, raw, expected, codes) => {
    const w = new Warnings();
    expect(decodeEntities(raw, table({ org: 'Example Org' }, ['xxe']), w)).toBe(expected);
    expect([...new Set(w.toArray().map((x) => x.code))]).toEqual(codes);
  });

  it('stops when declared entities exceed the document budget', () => {
    const t = table({ big: 'x'.repeat(400) });
    expect(() => decodeEntities('&big;&big;&big;', t, new Warnings())).toThrow(/budget/);
  });
});

describe('readProlog', () => {
  it('refuses a billion laughs document at once', () => {
    const decls = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)];
    const doc = `<?xml version="1.0"?><!DOCTYPE lolz [${decls.join('')}]><rss><channel><title>&lol9;</title></channel></rss>`;
    const started = process.hrtime.bigint();
    const heapBefore = process.memoryUsage().heapUsed;
    let caught: unknown;
    try {
      readProlog(doc, new Warnings());
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FeedkeeperError);
    expect((caught as FeedkeeperError).code).toBe('ENTITY_EXPANSION_LIMIT');
    // Bounded: no expansion happened, so neither time nor memory grew with 10^9 characters.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses recursive entities', () => {
    const doc = '<!DOCTYPE x [<!ENTITY a "&b;"><!ENTITY b "&a;">]><rss/>';
    expect(() => readProlog(doc, new Warnings())).toThrow(/refers to itself/);
  });

  it('removes the DOCTYPE and records internal and external entities', () => {
    const doc = '<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY org "Example &amp; Co"> <!ENTITY ext SYSTEM "file:///etc/passwd"> ]>\n<rss/>';
    const p = readProlog(doc, new Warnings());
    expect(p.text).not.toContain('DOCTYPE');
    expect(p.entities.internal.get('org')).toBe('Example &amp; Co');
    expect(p.entities.external.has('ext')).toBe(true);
  });

  it.each([
    ['PHP warning before the declaration', '<br />\n<b>Warning</b>: oops in <b>x.php</b><br />\n<?xml version="1.0"?><rss version="2.0"/>', true],
    ['blank lines and a comment are fine', '\n\n<!-- generated -->\n<rss/>', false],
    ['text before the root', 'garbage\n<feed xmlns="http://www.w3.org/2005/Atom"/>', true],
  ])('junk before root: %s', (_name, doc, junk) => {
    const w = new Warnings();
    const p = readProlog(doc, w);
    expect(w.has('JUNK_BEFORE_ROOT')).toBe(junk);
    expect(p.text.trimStart()).toMatch(/^<(\?xml|!--|rss|feed)/);
  });

  it('strips control characters and says how many', () => {
    const w = new Warnings();
    expect(stripControlCharacters('a\u0001b\u000bc\u001fd\te\n', w)).toBe('abcd\te\n');
    expect(w.toArray()[0]?.message).toMatch(/^3 control/);
  });
});

describe('buildTree', () => {
  const build = (xml: string, url: string | null = null) => {
    const w = new Warnings();
    return { root: buildTree(xml, table(), w, url), w };
  };

  it('matches namespaces by URI, not prefix', () => {
    const { root } = build('<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry><d:creator xmlns:d="http://purl.org/dc/elements/1.1/">王</d:creator></a:entry></a:feed>');
    expect(root?.name).toBe('atom:feed');
    const entry = root && childNamed(root, 'atom:entry');
    expect(entry && childNamed(entry, 'dc:creator') && textOf(childNamed(entry, 'dc:creator')!)).toBe('王');
  });

  it('keeps CDATA and escaped HTML equal', () => {
    const a = build('<d><![CDATA[<p>A &amp; B</p>]]></d>').root!;
    const b = build('<d>&lt;p&gt;A &amp;amp; B&lt;/p&gt;</d>').root!;
    expect(htmlOf(a)).toBe('<p>A &amp; B</p>');
    expect(htmlOf(b)).toBe(htmlOf(a));
  });

  it('serializes unescaped HTML children, including void elements written without a slash', () => {
    const root = build('<d><p>一<br>二</p><img src="x.png"></d>').root!;
    expect(htmlOf(root)).toBe('<p>一<br>二</p><img src="x.png">');
  });

  it('resolves nested xml:base against the document URL', () => {
    const { root } = build('<feed xml:base="/news/"><entry xml:base="2024/"><link href="a.html"/></entry></feed>', 'https://example.org/feeds/atom.xml');
    const entry = childNamed(root!, 'entry')!;
    expect(entry.base).toBe('https://example.org/news/2024/');
  });

  it('marks elements the end of the document closed', () => {
    const { root } = build('<rss><channel><item><title>one</title></item><item><title>tw');
    const channel = childNamed(root!, 'channel')!;
    expect(channel.children.filter((c) => typeof c === 'object' && 'truncated' in c && c.truncated)).toHaveLength(1);
  });

  it('warns about unclosed tags with their line', () => {
    const { w } = build('<rss>\n<title><b>bold</title>\n</rss>');
    expect(w.toArray()).toEqual([{ code: 'UNCLOSED_TAG', message: '<b> opened on line 2 was not closed; closed at line 2' }]);
  });

  it.each([
    ['default namespace Atom', 'entry', { '': 'http://www.w3.org/2005/Atom' }, 'atom:entry'],
    ['https variant of a known URI', 'x:content', { x: 'https://search.yahoo.com/mrss' }, 'media:content'],
    ['undeclared prefix kept', 'dc:creator', {}, 'dc:creator'],
    ['case-insensitive local names', 'pubDate', {}, 'pubdate'],
    ['a prefix bound to an unknown URI cannot pass for a known one', 'dc:creator', { dc: 'urn:x' }, '?dc:creator'],
  ])('canonicalName: %s', (_name, qname, decls, expected) => {
    const attrs = Object.fromEntries(Object.entries(decls).map(([p, uri]) => [p === '' ? 'xmlns' : `xmlns:${p}`, uri]));
    expect(canonicalName(qname, extendScope(new Map(), attrs))).toBe(expected);
  });
});
