import { describe, expect, it } from 'vitest';
import { pickLang, validZone } from './locale.js';

describe('reader language', () => {
  it.each([
    ['the cookie wins over the header', 'en', 'zh-CN,zh;q=0.9', 'en'],
    ['Chinese from the header', undefined, 'zh-TW,zh;q=0.9,en;q=0.5', 'zh'],
    ['the highest q wins', undefined, 'en;q=0.4, zh-Hans;q=0.8', 'zh'],
    ['English from the header', undefined, 'en-GB,en;q=0.9', 'en'],
    ['an unsupported language falls back to English', undefined, 'fr-FR,de;q=0.5', 'en'],
    ['q=0 means "not this one"', undefined, 'zh;q=0, en;q=0.1', 'en'],
    ['no header at all', undefined, undefined, 'en'],
    ['a cookie with another value is ignored', 'klingon', 'zh', 'zh'],
  ])('%s', (_case, cookie, header, expected) => {
    expect(pickLang(cookie, header)).toBe(expected);
  });
});

describe('reader time zone', () => {
  it.each([
    ['Asia/Shanghai', 'Asia/Shanghai'],
    ['Europe/Paris', 'Europe/Paris'],
    ['Not/AZone', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (zone, expected) => {
    expect(validZone(zone)).toBe(expected);
  });
});
