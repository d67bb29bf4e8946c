import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, codecFor, listCanonicalEncodings, normalizeLabel } from './labels.js';

describe('normalizeLabel', () => {
  it.each([
    ['utf-8', 'utf-8'],
    ['UTF8', 'utf-8'],
    ['  utf-8\t', 'utf-8'],
    ['unicode-1-1-utf-8', 'utf-8'],
    // GBK and its aliases decode as GB18030, a superset
    ['gb2312', 'gb18030'],
    ['GBK', 'gb18030'],
    ['x-gbk', 'gb18030'],
    ['gb_2312-80', 'gb18030'],
    ['chinese', 'gb18030'],
    ['csGB2312', 'gb18030'],
    ['iso-ir-58', 'gb18030'],
    ['GB18030', 'gb18030'],
    ['cp936', 'gb18030'],
    ['big5', 'big5'],
    ['Big5-HKSCS', 'big5'],
    ['cn-big5', 'big5'],
    ['x-x-big5', 'big5'],
    // browsers read Latin-1 and ASCII labels as Windows-1252
    ['iso-8859-1', 'windows-1252'],
    ['ISO_8859-1:1987', 'windows-1252'],
    ['latin1', 'windows-1252'],
    ['us-ascii', 'windows-1252'],
    ['ascii', 'windows-1252'],
    ['windows-1252', 'windows-1252'],
    ['iso-8859-9', 'windows-1254'],
    ['tis-620', 'windows-874'],
    ['shift_jis', 'shift_jis'],
    ['SJIS', 'shift_jis'],
    ['ms932', 'shift_jis'],
    ['windows-31j', 'shift_jis'],
    ['euc-kr', 'euc-kr'],
    ['ks_c_5601-1987', 'euc-kr'],
    ['cp949', 'euc-kr'],
    ['EUC-JP', 'euc-jp'],
    ['koi8-r', 'koi8-r'],
    ['windows-1251', 'windows-1251'],
    ['iso-8859-15', 'iso-8859-15'],
    ['utf-16', 'utf-16le'],
    ['UTF-16BE', 'utf-16be'],
  ])('%j → %s', (label, expected) => {
    expect(normalizeLabel(label)).toBe(expected);
  });

  it.each([['klingon'], [''], ['utf-7'], ['iso-2022-jp'], ['hz-gb-2312'], ['x-user-defined'], ['utf 8'], ['gb 2312']])(
    '%j is unknown',
    (label) => {
      expect(normalizeLabel(label)).toBeNull();
    },
  );
});

describe('every canonical encoding has a decoder', () => {
  const ascii = new Uint8Array(Array.from({ length: 128 }, (_, i) => i));
  it.each(listCanonicalEncodings().filter((name) => !name.startsWith('utf-16')))(
    '%s decodes ASCII bytes to themselves',
    (name) => {
      expect(iconv.encodingExists(codecFor(name))).toBe(true);
      expect(iconv.decode(ascii, codecFor(name))).toBe(String.fromCharCode(...ascii));
    },
  );
});

describe('charsetFromContentType', () => {
  it.each<[string | null | undefined, string | null]>([
    ['text/xml; charset=utf-8', 'utf-8'],
    ['text/html;charset=GBK', 'gbk'],
    ['application/rss+xml; Charset="ISO-8859-1"', 'iso-8859-1'],
    ['text/html; CHARSET = big5 ', 'big5'],
    ["text/html; charset='utf-8'", 'utf-8'],
    ['text/html; charset="gb\\"2312"', 'gb"2312'],
    ['text/html; charset="utf-8" ; format=flowed', 'utf-8'],
    ['text/html; format=flowed; charset=shift_jis; q=1', 'shift_jis'],
    ['text/plain; charset=utf-8; charset=latin1', 'utf-8'],
    ['multipart/mixed; boundary="a;charset=x"; charset=euc-kr', 'euc-kr'],
    ['text/html; charset=', null],
    ['text/html; charset=""', null],
    ['text/html; charsetx=utf-8', null],
    ['text/html', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (header, expected) => {
    expect(charsetFromContentType(header)).toBe(expected);
  });
});
