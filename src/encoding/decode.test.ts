import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, type DecodeHints, type DecodeSource } from './index.js';
import { JAPANESE, KOREAN, SIMPLIFIED_CHINESE, TRADITIONAL_CHINESE } from './testdata/samples.js';

const encode = (text: string, codec: string): Uint8Array => new Uint8Array(iconv.encode(text, codec));
const concat = (...parts: (Uint8Array | number[])[]): Uint8Array => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));
const xml = (encoding: string | null, body: string): string =>
  `<?xml version="1.0"${encoding === null ? '' : ` encoding="${encoding}"`}?>\n<rss version="2.0"><channel><title>${body}</title></channel></rss>\n`;

const ZH = SIMPLIFIED_CHINESE.items[0].title;
const ZH_LONG = `${SIMPLIFIED_CHINESE.items[1].title}。${SIMPLIFIED_CHINESE.items[1].description}`;
const HANT = `${TRADITIONAL_CHINESE.items[0].title}。${TRADITIONAL_CHINESE.items[0].description}`;
const JA = `${JAPANESE.items[0].title}。${JAPANESE.items[0].description}`;
const KO = `${KOREAN.items[0].title}. ${KOREAN.items[0].description}`;
// 喆 and 堃 are in GBK but not in GB2312: a "gb2312" page that uses them only decodes right as GBK/GB18030.
const GBK_ONLY = '记者王喆、李堃报道';

interface Expected {
  encoding: string;
  source: DecodeSource;
  /** Text the result must contain. */
  contains: string;
  /** Each pattern must match one warning, and there must be no others. */
  warnings: RegExp[];
}

const CASES: [string, Uint8Array, DecodeHints, Expected][] = [
  [
    'BOM beats the HTTP charset and the declaration',
    concat([0xef, 0xbb, 0xbf], encode(xml('gbk', ZH), 'utf-8')),
    { httpCharset: 'big5', kind: 'xml' },
    { encoding: 'utf-8', source: 'bom', contains: ZH, warnings: [] },
  ],
  [
    'UTF-16LE with BOM',
    concat([0xff, 0xfe], encode(xml('utf-16', ZH), 'utf-16le')),
    { httpCharset: 'iso-8859-1', kind: 'xml' },
    { encoding: 'utf-16le', source: 'bom', contains: ZH, warnings: [] },
  ],
  [
    'UTF-16BE with BOM',
    concat([0xfe, 0xff], encode(xml('utf-16', KO), 'utf-16be')),
    { kind: 'xml' },
    { encoding: 'utf-16be', source: 'bom', contains: KO, warnings: [] },
  ],
  [
    'UTF-16LE without BOM, recognised by its declaration pattern',
    encode(xml('UTF-16', JA), 'utf-16le'),
    { httpCharset: 'utf-8', kind: 'xml' },
    { encoding: 'utf-16le', source: 'declaration', contains: JA, warnings: [/UTF-16LE document has no byte order mark/] },
  ],
  [
    'HTTP charset beats the declaration when it fits',
    encode(xml('utf-8', ZH), 'gbk'),
    { httpCharset: 'gbk', kind: 'xml' },
    { encoding: 'gb18030', source: 'http', contains: ZH, warnings: [] },
  ],
  [
    'HTTP charset beats the declaration for ASCII bytes',
    encode(xml('utf-8', 'Plain news'), 'utf-8'),
    { httpCharset: 'iso-8859-1', kind: 'xml' },
    { encoding: 'windows-1252', source: 'http', contains: 'Plain news', warnings: [] },
  ],
  [
    'declaration beats HTTP when the HTTP charset does not fit (UTF-8 header, GBK bytes)',
    encode(xml('GB2312', ZH_LONG), 'gbk'),
    { httpCharset: 'utf-8', kind: 'xml' },
    {
      encoding: 'gb18030',
      source: 'declaration',
      contains: ZH_LONG,
      warnings: [/^HTTP charset "utf-8" does not fit the bytes: invalid UTF-8 at byte \d+; decoded as gb18030 from the XML declaration instead$/],
    },
  ],
  [
    'declaration beats HTTP when the HTTP charset does not fit (Latin-1 header, UTF-8 bytes)',
    encode(xml('utf-8', 'Le café “Rivière” rouvre'), 'utf-8'),
    { httpCharset: 'ISO-8859-1', kind: 'xml' },
    {
      encoding: 'utf-8',
      source: 'declaration',
      contains: 'Le café “Rivière” rouvre',
      warnings: [/HTTP charset "ISO-8859-1" \(windows-1252\) does not fit the bytes: the bytes are valid UTF-8/],
    },
  ],
  [
    'declaration beats HTTP when the HTTP charset does not fit (GBK header, Big5 bytes)',
    encode(xml('big5', HANT), 'big5'),
    { httpCharset: 'gbk', kind: 'xml' },
    { encoding: 'big5', source: 'declaration', contains: HANT, warnings: [/HTTP charset "gbk" \(gb18030\) does not fit the bytes: decoding as gb18030 does not look like text/] },
  ],
  [
    'gb2312 label decodes as GB18030, so GBK-only characters survive',
    encode(xml('gb2312', GBK_ONLY), 'gbk'),
    { kind: 'xml' },
    { encoding: 'gb18030', source: 'declaration', contains: GBK_ONLY, warnings: [] },
  ],
  [
    'iso-8859-1 label decodes 0x93/0x94 as curly quotes (Windows-1252)',
    concat(encode('<?xml version="1.0" encoding="iso-8859-1"?><t>', 'latin1'), [0x93], encode('Caf', 'latin1'), [0xe9, 0x94], encode('</t>', 'latin1')),
    { kind: 'xml' },
    { encoding: 'windows-1252', source: 'declaration', contains: '“Café”', warnings: [] },
  ],
  [
    'UTF-8 declared but the bytes are GBK: correct Chinese and a warning',
    encode(xml('UTF-8', ZH_LONG), 'gbk'),
    { kind: 'xml' },
    {
      encoding: 'gb18030',
      source: 'sniffed',
      contains: ZH_LONG,
      warnings: [/^XML declaration "UTF-8" does not fit the bytes: invalid UTF-8 at byte \d+; sniffed gb18030 from the bytes$/],
    },
  ],
  [
    'Big5 with no label is sniffed',
    encode(xml(null, HANT), 'big5'),
    { kind: 'xml' },
    { encoding: 'big5', source: 'sniffed', contains: HANT, warnings: [/^no charset label and the bytes are not UTF-8 \(first invalid sequence at byte \d+\); sniffed big5/] },
  ],
  [
    'Shift_JIS with an HTTP label',
    encode(xml(null, JA), 'shift_jis'),
    { httpCharset: 'Shift_JIS', kind: 'xml' },
    { encoding: 'shift_jis', source: 'http', contains: JA, warnings: [] },
  ],
  [
    'Shift_JIS with no label is sniffed',
    encode(xml(null, JA), 'shift_jis'),
    { kind: 'xml' },
    { encoding: 'shift_jis', source: 'sniffed', contains: JA, warnings: [/sniffed shift_jis/] },
  ],
  [
    'EUC-KR with a declaration',
    encode(xml('EUC-KR', KO), 'euc-kr'),
    { kind: 'xml' },
    { encoding: 'euc-kr', source: 'declaration', contains: KO, warnings: [] },
  ],
  [
    'EUC-KR with no label is sniffed',
    encode(xml(null, KO), 'euc-kr'),
    {},
    { encoding: 'euc-kr', source: 'sniffed', contains: KO, warnings: [/sniffed euc-kr/] },
  ],
  [
    'no label and valid UTF-8 is the quiet default',
    encode(xml(null, ZH), 'utf-8'),
    { kind: 'xml' },
    { encoding: 'utf-8', source: 'default', contains: ZH, warnings: [] },
  ],
  [
    'unknown labels are ignored with a warning',
    encode(xml('x-klingon', ZH), 'utf-8'),
    { httpCharset: 'mystery', kind: 'xml' },
    {
      encoding: 'utf-8',
      source: 'default',
      contains: ZH,
      warnings: [/^HTTP charset names an unknown encoding "mystery"; ignored$/, /^XML declaration names an unknown encoding "x-klingon"; ignored$/],
    },
  ],
  [
    'an 8-bit document declaring UTF-16 has its label ignored',
    encode(xml('UTF-16', ZH), 'utf-8'),
    { kind: 'xml' },
    { encoding: 'utf-8', source: 'default', contains: ZH, warnings: [/^XML declaration says "UTF-16" but the document is 8-bit/] },
  ],
  [
    'UTF-8 declared, a stray Windows-1252 byte: UTF-8 with U+FFFD and the offset',
    concat(encode(xml('utf-8', '新闻 “quoted” and more 新闻 text'), 'utf-8'), [0x93, 0x20]),
    { kind: 'xml' },
    {
      encoding: 'utf-8',
      source: 'declaration',
      contains: '新闻 “quoted” and more 新闻 text',
      warnings: [/^XML declaration "utf-8": 1 invalid sequence became U\+FFFD \(the first at byte \d+\)$/],
    },
  ],
  [
    'UTF-8 declared and nothing fits: UTF-8 with U+FFFD and the offset',
    concat(encode('<?xml version="1.0" encoding="utf-8"?><t>', 'latin1'), [0xff, 0xfe, 0xfd, 0x81, 0x80, 0xff, 0x90, 0x9d], encode('</t>', 'latin1')),
    { kind: 'xml' },
    {
      encoding: 'utf-8',
      source: 'declaration',
      contains: '<t>\uFFFD',
      warnings: [/does not fit the bytes: invalid UTF-8 at byte 41; no encoding fits the bytes, decoded as utf-8 anyway: 8 invalid sequences became U\+FFFD \(the first at byte 41\)$/],
    },
  ],
  [
    'Windows-1252 with no label is sniffed',
    encode('<p>Le café rouvre “demain” à 9 h</p>', 'windows-1252'),
    { kind: 'html' },
    { encoding: 'windows-1252', source: 'sniffed', contains: 'Le café rouvre “demain” à 9 h', warnings: [/sniffed windows-1252/] },
  ],
  [
    'html: <meta charset> is the document label',
    encode(`<!DOCTYPE html><html><head><meta charset="gbk"><title>${ZH}</title>`, 'gbk'),
    { kind: 'html' },
    { encoding: 'gb18030', source: 'meta', contains: ZH, warnings: [] },
  ],
  [
    'html: <meta http-equiv> beats a wrong HTTP charset',
    encode(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"><title>${HANT}</title>`, 'big5'),
    { httpCharset: 'utf-8', kind: 'html' },
    { encoding: 'big5', source: 'meta', contains: HANT, warnings: [/^HTTP charset "utf-8" does not fit the bytes/] },
  ],
  [
    'xml kind does not look at <meta>',
    encode(`<rss><description>&lt;meta charset="big5"&gt;</description><meta charset="big5"/></rss>`, 'utf-8'),
    { kind: 'xml' },
    { encoding: 'utf-8', source: 'default', contains: '<meta charset="big5"/>', warnings: [] },
  ],
  [
    'json: UTF-8 by default, a <meta> inside a string is not a label',
    encode(`{"title":"${ZH}","content_html":"<meta charset=\\"big5\\">"}`, 'utf-8'),
    { kind: 'json' },
    { encoding: 'utf-8', source: 'default', contains: ZH, warnings: [] },
  ],
  [
    'json: an HTTP charset that fits is used',
    encode(`{"title":"${ZH_LONG}"}`, 'gbk'),
    { httpCharset: 'gbk', kind: 'json' },
    { encoding: 'gb18030', source: 'http', contains: ZH_LONG, warnings: [] },
  ],
  [
    'json: a Latin-1 HTTP charset on UTF-8 bytes gives way to UTF-8',
    encode(`{"title":"${ZH}"}`, 'utf-8'),
    { httpCharset: 'iso-8859-1', kind: 'json' },
    { encoding: 'utf-8', source: 'sniffed', contains: ZH, warnings: [/^HTTP charset "iso-8859-1" \(windows-1252\) does not fit the bytes: the bytes are valid UTF-8; sniffed utf-8/] },
  ],
  [
    'UTF-8 BOM with a broken byte: still UTF-8, the offset counts the BOM',
    concat([0xef, 0xbb, 0xbf], encode('<p>ok</p>', 'utf-8'), [0xc3, 0x28]),
    { kind: 'html' },
    { encoding: 'utf-8', source: 'bom', contains: '<p>ok</p>\uFFFD(', warnings: [/^UTF-8 byte order mark, but invalid UTF-8 at byte 12; 1 invalid sequence became U\+FFFD$/] },
  ],
  [
    "a server's default ISO-8859-1 on an undeclared GBK feed gives way to sniffing",
    encode(xml(null, ZH_LONG), 'gbk'),
    { httpCharset: 'iso-8859-1', kind: 'xml' },
    {
      encoding: 'gb18030',
      source: 'sniffed',
      contains: ZH_LONG,
      warnings: [/^HTTP charset "iso-8859-1" \(windows-1252\) does not fit the bytes: decoding as windows-1252 does not look like text \(score -\d\.\d\d\); sniffed gb18030 from the bytes$/],
    },
  ],
  [
    'kind omitted: a <meta> label is found when there is no XML declaration',
    encode(`<html><head><meta charset="euc-kr"><title>${KO}</title>`, 'euc-kr'),
    {},
    { encoding: 'euc-kr', source: 'meta', contains: KO, warnings: [] },
  ],
  [
    'empty input',
    new Uint8Array(0),
    { httpCharset: 'gbk' },
    { encoding: 'gb18030', source: 'http', contains: '', warnings: [] },
  ],
];

describe('decodeBytes', () => {
  it.each(CASES)('%s', (_case, bytes, hints, expected) => {
    const decoded = decodeBytes(bytes, hints);
    expect({ encoding: decoded.encoding, source: decoded.source }).toEqual({ encoding: expected.encoding, source: expected.source });
    expect(decoded.text).toContain(expected.contains);
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(decoded.warnings).toHaveLength(expected.warnings.length);
    decoded.warnings.forEach((warning, i) => {
      expect(warning.code).toBe('ENCODING');
      expect(warning.message).toMatch(expected.warnings[i] as RegExp);
    });
  });

  it('decodes HKSCS characters in a Big5 document', () => {
    const text = `${TRADITIONAL_CHINESE.items[1].title}：大廈𨋢門故障`;
    const decoded = decodeBytes(encode(xml('big5-hkscs', text), 'big5hkscs'), { kind: 'xml' });
    expect(decoded.encoding).toBe('big5');
    expect(decoded.text).toContain(text);
  });

  it('keeps going on arbitrary bytes and says what it did', () => {
    let seed = 12345;
    for (let round = 0; round < 50; round++) {
      const bytes = new Uint8Array(64 + round * 13).map(() => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16) & 0xff);
      const decoded = decodeBytes(bytes, { httpCharset: round % 2 === 0 ? 'utf-8' : null });
      expect(typeof decoded.text).toBe('string');
      expect(decoded.warnings.length).toBeGreaterThan(0);
    }
  });

  it('returns a string with no U+FFFD for every fixture-like language when the label is right', () => {
    for (const [text, codec, label] of [
      [ZH_LONG, 'gbk', 'gbk'],
      [HANT, 'big5', 'big5'],
      [JA, 'shift_jis', 'sjis'],
      [KO, 'euc-kr', 'ks_c_5601-1987'],
    ] as const) {
      const decoded = decodeBytes(encode(xml(label, text), codec), { kind: 'xml' });
      expect(decoded.text).toContain(text);
      expect(decoded.text).not.toContain('\uFFFD');
    }
  });
});
