import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FeedkeeperError } from '../core/index.js';
import { loadRules, rewriteUrl, ruleFor } from './site-rules.js';

const rulesDir = fileURLToPath(new URL('./rules/', import.meta.url));
const shipped = readdirSync(rulesDir).filter((f) => f.endsWith('.json')).map((name) => ({ name, text: readFileSync(join(rulesDir, name), 'utf8') }));

function problemsOf(files: Array<{ name: string; text: string }>): string[] {
  try {
    loadRules(files);
  } catch (err) {
    expect(err).toBeInstanceOf(FeedkeeperError);
    expect((err as FeedkeeperError).code).toBe('RULE_INVALID');
    return (err as FeedkeeperError).details['problems'] as string[];
  }
  throw new Error('expected loadRules to reject the files');
}

const rule = (fields: Record<string, unknown>) => JSON.stringify({ host: 'www.example.com', content: 'article', ...fields }, null, 2);

describe('loadRules', () => {
  it('loads every shipped rule, one per host of samples/news.opml', () => {
    const set = loadRules(shipped);
    expect([...set.byHost.values()].map((r) => r.host).sort()).toEqual(
      ['cn.nytimes.com', 'www.bbc.com', 'www.dw.com', 'www.rfa.org', 'www.rfi.fr', 'www.voachinese.com'],
    );
  });

  it.each([
    ['a syntax error, with line and column', '{\n  "host": "www.example.com",\n  "content": "article",,\n}', 'www.example.com.json: line 3, column 24: not valid JSON: expected a property name in double quotes'],
    ['a wrong type, with the line of the value', rule({ strip: ['.ad', 7] }), 'www.example.com.json: line 6: $.strip[1]: Invalid input: expected string, received number'],
    ['an unknown key (a typo)', rule({ contnet: 'x' }), 'www.example.com.json: line 1: $: Unrecognized key: "contnet"'],
    ['a selector that does not compile', rule({ title: 'h1[[' }), 'www.example.com.json: line 4: $.title: not a CSS selector this DOM understands'],
    ['a rewrite that is not a regular expression', rule({ rewrite: [{ from: '(unclosed', to: 'x' }] }), 'www.example.com.json: line 6: $.rewrite[0].from: not a valid regular expression'],
    ['a host with a scheme', rule({ host: 'https://www.example.com' }), '$.host: expected a lower-case host name'],
    ['a missing content selector', JSON.stringify({ host: 'www.example.com' }), '$.content: Invalid input: expected string, received undefined'],
  ])('rejects %s', (_case, text, problem) => {
    const [first] = problemsOf([{ name: 'www.example.com.json', text }]);
    expect(first).toContain(problem);
  });

  it('rejects a file not named after its host', () => {
    expect(problemsOf([{ name: 'rules/example.json', text: rule({}) }])).toEqual([
      'rules/example.json: line 2: $.host: the file for host "www.example.com" must be named www.example.com.json',
    ]);
  });

  it('rejects two rules for one host (www. or not) and reports every bad file at once', () => {
    const problems = problemsOf([
      { name: 'www.example.com.json', text: rule({}) },
      { name: 'example.com.json', text: rule({ host: 'example.com' }) },
      { name: 'bad.example.org.json', text: '[' },
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe('example.com.json: line 2: $.host: "example.com" is already covered by www.example.com.json');
    expect(problems[1]).toContain('bad.example.org.json: line 1, column 2: not valid JSON');
  });

  it('says how many problems there are in the message', () => {
    expect(() => loadRules([{ name: 'x.example.json', text: '{}' }])).toThrow(/^site rules: 2 problems:\n {2}x\.example\.json/);
  });
});

describe('ruleFor', () => {
  const set = loadRules([
    ...shipped,
    { name: 'example.org.json', text: rule({ host: 'example.org' }) },
  ]);
  it.each([
    ['the exact host', 'https://www.rfi.fr/cn/中国/20240305-x', 'www.rfi.fr'],
    ['the host without www.', 'https://rfi.fr/cn/x', 'www.rfi.fr'],
    ['a subdomain', 'https://amp.rfi.fr/cn/x', 'www.rfi.fr'],
    ['a deeper subdomain of a bare-domain rule', 'https://a.b.example.org/x', 'example.org'],
    ['a matching path prefix', 'https://www.bbc.com/zhongwen/simp/world-1', 'www.bbc.com'],
    ['upper case in the URL', 'HTTPS://WWW.DW.COM/zh/a-1', 'www.dw.com'],
  ])('matches %s', (_case, url, host) => {
    expect(ruleFor(set, url)?.host).toBe(host);
  });

  it.each([
    ['another path on a path-limited host', 'https://www.bbc.com/news/world-1'],
    ['a look-alike domain', 'https://notrfi.fr/cn/x'],
    ['a host with the rule host as a prefix', 'https://www.rfi.fr.example.net/x'],
    ['no URL', null],
    ['a URL that does not parse', 'not a url'],
  ])('does not match %s', (_case, url) => {
    expect(ruleFor(set, url)).toBeNull();
  });
});

describe('rewriteUrl', () => {
  const [amp] = [...loadRules([{ name: 'www.example.com.json', text: rule({ rewrite: [{ from: '^(https://www\\.example\\.com/news/\\d+)$', to: '$1/print' }, { from: '^https://www\\.', to: 'https://m.' }] }) }]).byHost.values()];
  it('applies the rewrites in order', () => {
    expect(rewriteUrl(amp ?? null, 'https://www.example.com/news/42')).toBe('https://m.example.com/news/42/print');
  });
  it('leaves a URL no rewrite matches, and any URL without a rule', () => {
    expect(rewriteUrl(amp ?? null, 'http://other.example/x')).toBe('http://other.example/x');
    expect(rewriteUrl(null, 'https://www.example.com/news/42')).toBe('https://www.example.com/news/42');
  });
});
