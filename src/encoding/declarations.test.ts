import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectBom, detectUtf16WithoutBom, findXmlDeclarationLabel } from './declarations.js';
import { charsetFromMetaContent, findMetaCharsetLabel, META_PRESCAN_BYTES } from './meta-prescan.js';

const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

describe('detectBom', () => {
  it.each([
    ['UTF-8', [0xef, 0xbb, 0xbf, 0x3c], { encoding: 'utf-8', length: 3 }],
    ['UTF-16LE', [0xff, 0xfe, 0x3c, 0x00], { encoding: 'utf-16le', length: 2 }],
    ['UTF-16BE', [0xfe, 0xff, 0x00, 0x3c], { encoding: 'utf-16be', length: 2 }],
    ['no BOM', [0x3c, 0x3f, 0x78, 0x6d], null],
    ['half a UTF-8 BOM', [0xef, 0xbb], null],
    ['empty', [], null],
  ])('%s', (_case, bytes, expected) => {
    expect(detectBom(new Uint8Array(bytes))).toEqual(expected);
  });
});

describe('detectUtf16WithoutBom', () => {
  const decl = '<?xml version="1.0" encoding="UTF-16"?><rss/>';
  it.each([
    ['little-endian declaration', new Uint8Array(iconv.encode(decl, 'utf-16le')), 'utf-16le'],
    ['big-endian declaration', new Uint8Array(iconv.encode(decl, 'utf-16be')), 'utf-16be'],
    ['8-bit declaration', ascii(decl), null],
    ['UTF-16 without a declaration', new Uint8Array(iconv.encode('<rss/>', 'utf-16le')), null],
    ['too short', new Uint8Array([0x3c, 0, 0x3f, 0]), null],
  ])('%s', (_case, bytes, expected) => {
    expect(detectUtf16WithoutBom(bytes)).toBe(expected);
  });
});

describe('findXmlDeclarationLabel', () => {
  it.each([
    ['double quotes', '<?xml version="1.0" encoding="GB2312"?><rss/>', 'GB2312'],
    ['single quotes', "<?xml version='1.0' encoding='big5'?>", 'big5'],
    ['spaces around =', '<?xml version="1.0" encoding = "utf-8" standalone="yes"?>', 'utf-8'],
    ['newlines inside', '<?xml\n  version="1.0"\n  encoding="Shift_JIS"\n?>', 'Shift_JIS'],
    ['leading blank lines tolerated', '\n\n  <?xml version="1.0" encoding="euc-kr"?>', 'euc-kr'],
    ['no encoding pseudo-attribute', '<?xml version="1.0"?><rss/>', null],
    ['encoding outside the declaration', '<?xml version="1.0"?><rss encoding="gbk"/>', null],
    ['not a declaration', '<?xml-stylesheet href="a.xsl" encoding="gbk"?>', null],
    ['no declaration', '<rss version="2.0"/>', null],
    ['empty document', '', null],
  ])('%s', (_case, text, expected) => {
    expect(findXmlDeclarationLabel(ascii(text))).toBe(expected);
  });
});

describe('findMetaCharsetLabel', () => {
  const padding = `<!-- ${'x'.repeat(META_PRESCAN_BYTES)} -->`;
  it.each([
    ['meta charset', '<html><head><meta charset="gbk"><title>x</title>', 'gbk'],
    ['unquoted, upper case', '<HTML><HEAD><META CHARSET=Big5>', 'Big5'],
    ['self-closing', "<meta charset='shift_jis'/>", 'shift_jis'],
    ['http-equiv content', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', 'gb2312'],
    ['content before http-equiv', '<meta content="text/html;charset=euc-kr" http-equiv="content-type">', 'euc-kr'],
    ['quoted charset inside content', `<meta http-equiv="Content-Type" content='text/html; charset="utf-8"'>`, 'utf-8'],
    ['content without http-equiv is ignored', '<meta content="text/html; charset=gbk"><meta charset="big5">', 'big5'],
    ['other meta tags skipped', '<meta name="viewport" content="width=device-width"><meta charset="utf-8">', 'utf-8'],
    ['meta inside a comment ignored', '<!-- <meta charset="big5"> --><meta charset="gbk">', 'gbk'],
    ['quoted > in an earlier tag', '<a title="x > y" data-meta="<meta charset=big5>"><meta charset="gbk">', 'gbk'],
    ['after a doctype and script tag', '<!DOCTYPE html><html lang="zh"><head><script src="a.js"></script><meta charset="GB18030">', 'GB18030'],
    ['no meta', '<html><head><title>Hello</title></head></html>', null],
    ['beyond the prescan window', `${padding}<meta charset="gbk">`, null],
    ['unterminated comment', '<!-- <meta charset="gbk">', null],
  ])('%s', (_case, html, expected) => {
    expect(findMetaCharsetLabel(ascii(html))).toBe(expected);
  });
});

describe('charsetFromMetaContent', () => {
  it.each([
    ['text/html; charset=gbk', 'gbk'],
    ['text/html;charset = "big5"', 'big5'],
    ["text/html; charset='utf-8'; x=y", 'utf-8'],
    ['text/html; charset=utf-8 extra', 'utf-8'],
    ['text/html; charsetx; charset=euc-kr', 'euc-kr'],
    ['text/html; charset="unterminated', null],
    ['text/html', null],
  ])('%j → %j', (content, expected) => {
    expect(charsetFromMetaContent(content)).toBe(expected);
  });
});
