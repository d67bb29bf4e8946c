import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, inspectBytes, isMostlyUtf8, scanUtf8Errors } from './utf8.js';

const bytesOf = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part)))));

describe('scanUtf8Errors', () => {
  it.each([
    ['ASCII', bytesOf('plain text'), null],
    ['Chinese, Korean and an emoji', bytesOf('新闻 뉴스 📰'), null],
    ['empty', bytesOf(), null],
  ])('%s is valid', (_case, bytes, expected) => {
    expect(scanUtf8Errors(bytes)).toEqual(expected);
  });

  it.each([
    // [case, bytes, first invalid offset, invalid sequences, valid multi-byte sequences]
    ['stray continuation byte', bytesOf('ab', [0x80], 'c'), 2, 1, 0],
    ['Windows-1252 quote after valid UTF-8', bytesOf('é ', [0x93], 'x'), 3, 1, 1],
    ['overlong 2-byte form', bytesOf([0xc0, 0xaf]), 0, 2, 0],
    ['overlong 3-byte form (E0 80)', bytesOf('a', [0xe0, 0x80, 0x80]), 1, 3, 0],
    ['UTF-16 surrogate encoded (ED A0)', bytesOf([0xed, 0xa0, 0x80]), 0, 3, 0],
    ['above U+10FFFF (F4 90)', bytesOf([0xf4, 0x90, 0x80, 0x80]), 0, 4, 0],
    ['truncated 3-byte sequence counts once', bytesOf('中', [0xe4, 0xb8], 'x'), 3, 1, 1],
    ['truncated at the end', bytesOf('x', [0xe4, 0xb8]), 1, 1, 0],
    ['F5 is never valid', bytesOf([0xf5, 0x80]), 0, 2, 0],
  ])('%s', (_case, bytes, offset, invalid, valid) => {
    expect(scanUtf8Errors(bytes)).toEqual({ firstInvalidOffset: offset, invalidSequences: invalid, validMultiByte: valid });
  });

  it('counts one error per U+FFFD the WHATWG decoder emits', () => {
    const bytes = bytesOf('a', [0xe4, 0xb8], [0xc0, 0xaf], 'é', [0xf0, 0x9f, 0x93], [0xff]);
    const replacements = [...decodeUtf8(bytes)].filter((c) => c === '\uFFFD').length;
    expect(scanUtf8Errors(bytes)?.invalidSequences).toBe(replacements);
  });
});

describe('isMostlyUtf8', () => {
  it('accepts UTF-8 text with a couple of stray bytes', () => {
    const errors = scanUtf8Errors(bytesOf('Café “open” — déjà vu, naïve résumé. ', [0x93], 'x', [0x94]));
    expect(errors).not.toBeNull();
    expect(errors && isMostlyUtf8(errors)).toBe(true);
  });

  it('rejects GBK text, whose valid-looking pairs are accidents', () => {
    const errors = scanUtf8Errors(new Uint8Array(iconv.encode('市政府今日公布新一轮交通改善计划，地铁三号线将延长至东部新区。', 'gbk')));
    expect(errors).not.toBeNull();
    expect(errors && isMostlyUtf8(errors)).toBe(false);
  });
});

describe('inspectBytes', () => {
  it.each([
    ['ASCII', bytesOf('abc'), true, true],
    ['UTF-8', bytesOf('新闻'), false, true],
    ['Latin-1', bytesOf([0x63, 0x61, 0x66, 0xe9]), false, false],
  ])('%s', (_case, bytes, ascii, valid) => {
    const facts = inspectBytes(bytes);
    expect([facts.ascii, facts.utf8Valid]).toEqual([ascii, valid]);
    expect(facts.utf8Errors() === null).toBe(valid);
  });

  it('looks only at the view, not the whole underlying buffer', () => {
    const whole = bytesOf([0xff], 'abc', [0xff]);
    expect(inspectBytes(whole.subarray(1, 4)).ascii).toBe(true);
  });
});
