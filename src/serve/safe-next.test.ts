import { describe, expect, it } from 'vitest';
import { safePath } from './safe-next.js';

describe('safePath: going back only within this site', () => {
  it.each([
    ['a path', '/search?q=港', '/search?q=港'],
    ['the root', '/', '/'],
    ['a protocol-relative URL', '//evil.example/', '/'],
    ['a backslash that browsers read as a slash', '/\\evil.example', '/'],
    ['a full URL', 'https://evil.example/', '/'],
    ['a javascript: URL', 'javascript:alert(1)', '/'],
    ['a relative path', 'entries/3', '/'],
    ['nothing', undefined, '/'],
    ['not a string', ['/a'], '/'],
  ])('%s', (_case, next, expected) => {
    expect(safePath(next)).toBe(expected);
  });

  it('uses the fallback it is given', () => {
    expect(safePath('//evil.example', '/entries/7')).toBe('/entries/7');
  });
});
