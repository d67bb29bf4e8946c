/**
 * Charset labels: the names documents and servers use for encodings, mapped to the one canonical
 * name we report and the iconv-lite codec that decodes it. The table follows the WHATWG Encoding
 * Standard's label list (what browsers do), because feeds and pages are written for browsers:
 * "iso-8859-1" and "us-ascii" mean windows-1252, "gb2312" and "gbk" mean GB18030 (a superset, so GBK
 * bytes decode correctly), "shift_jis" means cp932 and "euc-kr" means cp949 (UHC).
 * This module only names encodings; choosing one for a document is decode.ts's job.
 */

/** Canonical encoding names we report in `Decoded.encoding`, with the iconv-lite codec for each. */
const CODECS = {
  'utf-8': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  ibm866: 'cp866',
  'iso-8859-2': 'iso-8859-2',
  'iso-8859-3': 'iso-8859-3',
  'iso-8859-4': 'iso-8859-4',
  'iso-8859-5': 'iso-8859-5',
  'iso-8859-6': 'iso-8859-6',
  'iso-8859-7': 'iso-8859-7',
  'iso-8859-8': 'iso-8859-8',
  // Logical-order Hebrew: the same bytes-to-characters mapping as iso-8859-8.
  'iso-8859-8-i': 'iso-8859-8',
  'iso-8859-10': 'iso-8859-10',
  'iso-8859-13': 'iso-8859-13',
  'iso-8859-14': 'iso-8859-14',
  'iso-8859-15': 'iso-8859-15',
  'iso-8859-16': 'iso-8859-16',
  'koi8-r': 'koi8-r',
  'koi8-u': 'koi8-u',
  macintosh: 'macintosh',
  'windows-874': 'windows-874',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1252': 'windows-1252',
  'windows-1253': 'windows-1253',
  'windows-1254': 'windows-1254',
  'windows-1255': 'windows-1255',
  'windows-1256': 'windows-1256',
  'windows-1257': 'windows-1257',
  'windows-1258': 'windows-1258',
  'x-mac-cyrillic': 'maccyrillic',
  gb18030: 'gb18030',
  // big5hkscs is cp950 plus the Hong Kong supplement, so HKSCS characters decode too.
  big5: 'big5hkscs',
  'euc-jp': 'eucjp',
  shift_jis: 'cp932',
  'euc-kr': 'cp949',
} as const;

export type CanonicalEncoding = keyof typeof CODECS;
export type CodecName = (typeof CODECS)[CanonicalEncoding];

/**
 * Label → canonical name. WHATWG labels first; the few non-WHATWG spellings seen in real feeds
 * (cp936, cp949, windows-31j's cousins) are listed at the end of their row.
 * Deliberately absent, so they are "unknown" and the bytes decide: iso-2022-jp (iconv-lite has no
 * decoder), the WHATWG "replacement" labels (hz-gb-2312, iso-2022-kr, iso-2022-cn), x-user-defined.
 */
const LABELS: Readonly<Record<CanonicalEncoding, readonly string[]>> = {
  'utf-8': ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'],
  'utf-16le': ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le'],
  'utf-16be': ['unicodefffe', 'utf-16be'],
  ibm866: ['866', 'cp866', 'csibm866', 'ibm866'],
  'iso-8859-2': ['csisolatin2', 'iso-8859-2', 'iso-ir-101', 'iso8859-2', 'iso88592', 'iso_8859-2', 'iso_8859-2:1987', 'l2', 'latin2'],
  'iso-8859-3': ['csisolatin3', 'iso-8859-3', 'iso-ir-109', 'iso8859-3', 'iso88593', 'iso_8859-3', 'iso_8859-3:1988', 'l3', 'latin3'],
  'iso-8859-4': ['csisolatin4', 'iso-8859-4', 'iso-ir-110', 'iso8859-4', 'iso88594', 'iso_8859-4', 'iso_8859-4:1988', 'l4', 'latin4'],
  'iso-8859-5': ['csisolatincyrillic', 'cyrillic', 'iso-8859-5', 'iso-ir-144', 'iso8859-5', 'iso88595', 'iso_8859-5', 'iso_8859-5:1988'],
  'iso-8859-6': [
    'arabic', 'asmo-708', 'csiso88596e', 'csiso88596i', 'csisolatinarabic', 'ecma-114', 'iso-8859-6', 'iso-8859-6-e',
    'iso-8859-6-i', 'iso-ir-127', 'iso8859-6', 'iso88596', 'iso_8859-6', 'iso_8859-6:1987',
  ],
  'iso-8859-7': [
    'csisolatingreek', 'ecma-118', 'elot_928', 'greek', 'greek8', 'iso-8859-7', 'iso-ir-126', 'iso8859-7', 'iso88597',
    'iso_8859-7', 'iso_8859-7:1987', 'sun_eu_greek',
  ],
  'iso-8859-8': [
    'csiso88598e', 'csisolatinhebrew', 'hebrew', 'iso-8859-8', 'iso-8859-8-e', 'iso-ir-138', 'iso8859-8', 'iso88598',
    'iso_8859-8', 'iso_8859-8:1988', 'visual',
  ],
  'iso-8859-8-i': ['csiso88598i', 'iso-8859-8-i', 'logical'],
  'iso-8859-10': ['csisolatin6', 'iso-8859-10', 'iso-ir-157', 'iso8859-10', 'iso885910', 'l6', 'latin6'],
  'iso-8859-13': ['iso-8859-13', 'iso8859-13', 'iso885913'],
  'iso-8859-14': ['iso-8859-14', 'iso8859-14', 'iso885914'],
  'iso-8859-15': ['csisolatin9', 'iso-8859-15', 'iso8859-15', 'iso885915', 'iso_8859-15', 'l9'],
  'iso-8859-16': ['iso-8859-16'],
  'koi8-r': ['cskoi8r', 'koi', 'koi8', 'koi8-r', 'koi8_r'],
  'koi8-u': ['koi8-ru', 'koi8-u'],
  macintosh: ['csmacintosh', 'mac', 'macintosh', 'x-mac-roman'],
  'windows-874': ['dos-874', 'iso-8859-11', 'iso8859-11', 'iso885911', 'tis-620', 'windows-874'],
  'windows-1250': ['cp1250', 'windows-1250', 'x-cp1250'],
  'windows-1251': ['cp1251', 'windows-1251', 'x-cp1251'],
  'windows-1252': [
    'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1',
    'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252',
  ],
  'windows-1253': ['cp1253', 'windows-1253', 'x-cp1253'],
  'windows-1254': [
    'cp1254', 'csisolatin5', 'iso-8859-9', 'iso-ir-148', 'iso8859-9', 'iso88599', 'iso_8859-9', 'iso_8859-9:1989', 'l5',
    'latin5', 'windows-1254', 'x-cp1254',
  ],
  'windows-1255': ['cp1255', 'windows-1255', 'x-cp1255'],
  'windows-1256': ['cp1256', 'windows-1256', 'x-cp1256'],
  'windows-1257': ['cp1257', 'windows-1257', 'x-cp1257'],
  'windows-1258': ['cp1258', 'windows-1258', 'x-cp1258'],
  'x-mac-cyrillic': ['x-mac-cyrillic', 'x-mac-ukrainian'],
  gb18030: [
    'chinese', 'csgb2312', 'csiso58gb231280', 'gb2312', 'gb_2312', 'gb_2312-80', 'gbk', 'iso-ir-58', 'x-gbk', 'gb18030',
    'cp936', 'windows-936', 'ms936',
  ],
  big5: ['big5', 'big5-hkscs', 'cn-big5', 'csbig5', 'x-x-big5', 'cp950', 'big5hkscs'],
  'euc-jp': ['cseucpkdfmtjapanese', 'euc-jp', 'x-euc-jp'],
  shift_jis: ['csshiftjis', 'ms932', 'ms_kanji', 'shift-jis', 'shift_jis', 'sjis', 'windows-31j', 'x-sjis', 'cp932'],
  'euc-kr': [
    'cseuckr', 'csksc56011987', 'euc-kr', 'iso-ir-149', 'korean', 'ks_c_5601-1987', 'ks_c_5601-1989', 'ksc5601',
    'ksc_5601', 'windows-949', 'cp949', 'uhc',
  ],
};

const LABEL_INDEX: ReadonlyMap<string, CanonicalEncoding> = new Map(
  (Object.entries(LABELS) as [CanonicalEncoding, readonly string[]][]).flatMap(([name, labels]) =>
    labels.map((label) => [label, name] as const),
  ),
);

/** The iconv-lite codec that decodes a canonical encoding. */
export function codecFor(encoding: CanonicalEncoding): CodecName {
  return CODECS[encoding];
}

export function isUtf16(encoding: CanonicalEncoding): encoding is 'utf-16le' | 'utf-16be' {
  return encoding === 'utf-16le' || encoding === 'utf-16be';
}

/** Every canonical name, for tests and diagnostics. */
export function listCanonicalEncodings(): CanonicalEncoding[] {
  return Object.keys(CODECS) as CanonicalEncoding[];
}

/**
 * A WHATWG-style label (any case, surrounding ASCII whitespace allowed) → canonical name,
 * or null when we do not know it or cannot decode it.
 */
export function normalizeLabel(label: string): CanonicalEncoding | null {
  return LABEL_INDEX.get(label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase()) ?? null;
}

/**
 * The charset parameter of a Content-Type header value, lowercased, quotes and escapes removed;
 * null when absent or empty. Parameter names are case-insensitive and the first charset wins,
 * as in the WHATWG MIME type parser; a charset on a later comma-joined value is not looked at.
 */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  let i = contentType.indexOf(';');
  while (i !== -1 && i < contentType.length) {
    const param = readParameter(contentType, i + 1);
    // Single quotes are not MIME quoting, but some servers send them; they are never part of a label.
    if (param.name === 'charset') return param.value.trim().replace(/^'(.*)'$/, '$1').toLowerCase() || null;
    i = param.end;
  }
  return null;
}

interface Parameter {
  name: string;
  value: string;
  /** Index of the ';' that ends this parameter, or -1 at the end of the header. */
  end: number;
}

function readParameter(header: string, start: number): Parameter {
  const eq = header.indexOf('=', start);
  const semi = header.indexOf(';', start);
  if (eq === -1 || (semi !== -1 && semi < eq)) {
    return { name: header.slice(start, semi === -1 ? undefined : semi).trim().toLowerCase(), value: '', end: semi };
  }
  const name = header.slice(start, eq).trim().toLowerCase();
  let i = eq + 1;
  while (header[i] === ' ' || header[i] === '\t') i++;
  if (header[i] !== '"') {
    const end = header.indexOf(';', i);
    return { name, value: header.slice(i, end === -1 ? undefined : end), end };
  }
  // Quoted string: backslash escapes the next character; anything after the closing quote up to ';' is dropped.
  let value = '';
  for (i++; i < header.length && header[i] !== '"'; i++) {
    if (header[i] === '\\' && i + 1 < header.length) i++;
    value += header[i];
  }
  return { name, value, end: header.indexOf(';', i) };
}
