/**
 * Broken copies of a corpus feed, each broken in one way that real feeds break: a bare `&`,
 * an HTML entity XML does not declare, a download cut short, GBK bytes behind an honest
 * declaration, server junk before the root element, and control characters XML forbids.
 * Each variant keeps the base feed's first title somewhere in its first item, so a check can
 * tell "parsed" from "parsed into garbage".
 */
import iconv from 'iconv-lite';
import type { CorpusFeed } from './corpus.js';

export interface MalformedVariant {
  name: string;
  description: string;
  bytes: Uint8Array;
  /** Items a fully recovering parser would return. */
  expectedItems: number;
  /** Text the first item's title should contain. */
  expectedTitle: string;
}

// Item-level elements are indented four spaces by feed-xml.ts; channel-level ones two.
const ITEM_TITLE = /\n {4}<title( type="text")?>([^<]*)<\/title>/g;
const ITEM_LINK = /\n {4}<link>([^<]*)<\/link>/g;

const encoder = new TextEncoder();

export function buildMalformedVariants(base: CorpusFeed): MalformedVariant[] {
  const variant = (name: string, description: string, xml: string, expectedItems = base.items): MalformedVariant => ({
    name,
    description,
    bytes: encoder.encode(xml),
    expectedItems,
    expectedTitle: base.firstTitle,
  });
  return [
    variant('well-formed', 'the base feed, unchanged', base.xml),
    variant('bare &', '`Q&A` in every item title and `&utm_source` in every link, unescaped',
      base.xml
        .replace(ITEM_TITLE, (_m, type: string | undefined, title: string) => `\n    <title${type ?? ''}>Q&A ${title}</title>`)
        .replace(ITEM_LINK, (_m, link: string) => `\n    <link>${link}?from=rss&utm_source=feed</link>`)),
    variant('undeclared &nbsp;', '`&nbsp;` and `&mdash;` (HTML entities, undeclared in XML) in every item title',
      base.xml.replace(ITEM_TITLE, (_m, type: string | undefined, title: string) =>
        `\n    <title${type ?? ''}>${title}&nbsp;&mdash;&nbsp;${base.lang === 'zh' ? '快讯' : 'update'}</title>`)),
    truncated(base),
    gbkDeclared(base),
    variant('junk before root', 'a PHP warning printed before the XML declaration',
      '\n<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent by ' +
        '(output started at /var/www/html/feed.php:12) in <b>/var/www/html/feed.php</b> on line <b>40</b><br />\n' +
        base.xml),
    variant('control characters', 'U+000B and U+0008 (not allowed in XML 1.0) after every item title',
      base.xml.replace(ITEM_TITLE, (_m, type: string | undefined, title: string) =>
        `\n    <title${type ?? ''}>${title}\u000b\u0008</title>`)),
  ];
}

function truncated(base: CorpusFeed): MalformedVariant {
  const cut = Math.floor(base.bytes.length * 0.6);
  const bytes = base.bytes.slice(0, cut);
  const text = new TextDecoder().decode(bytes);
  const complete = (text.match(/<\/item>|<\/entry>/g) ?? []).length;
  return {
    name: 'truncated',
    description: `the first 60% of the bytes (${complete} complete items, one partial)`,
    bytes,
    expectedItems: complete,
    expectedTitle: base.firstTitle,
  };
}

function gbkDeclared(base: CorpusFeed): MalformedVariant {
  const xml = base.xml.replace(/^<\?xml version="1.0" encoding="[^"]*"\?>/i, '<?xml version="1.0" encoding="GBK"?>');
  const bytes = iconv.encode(xml, 'gbk');
  // iconv-lite writes '?' for characters GBK lacks; the generator's vocabulary must avoid them.
  if (iconv.decode(bytes, 'gbk') !== xml) {
    throw new Error(`gbk variant of ${base.name}: text has characters GBK cannot encode`);
  }
  return {
    name: 'GBK + declaration',
    description: 'GBK-encoded bytes, correctly declared as encoding="GBK"; peers get a UTF-8 decode',
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    expectedItems: base.items,
    expectedTitle: base.firstTitle,
  };
}
