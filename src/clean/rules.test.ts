/** Rule specs are checked at load: a bad rule is refused with its name and the reason. */
import { describe, expect, it } from 'vitest';
import { FeedkeeperError } from '../core/index.js';
import { compileCleanRules, DEFAULT_RULE_SPECS, DEFAULT_RULES } from './index.js';

function reasonFor(specs: unknown): string {
  try {
    compileCleanRules(specs, 'rules.json');
  } catch (err) {
    expect(err).toBeInstanceOf(FeedkeeperError);
    expect((err as FeedkeeperError).code).toBe('RULE_INVALID');
    return (err as Error).message;
  }
  throw new Error('expected the rules to be refused');
}

describe('compileCleanRules refuses', () => {
  it.each([
    ['not a list', { name: 'x' }, 'rules.json: expected a list of rules, got object'],
    ['no selector and no pattern', [{ name: 'lonely' }], 'rules.json: rule "lonely": needs a selector, a textPattern or both'],
    ['a bad selector', [{ name: 'bad-sel', selector: 'div:first-child' }], 'rules.json: rule "bad-sel": selector: expected a combinator, "," or the end at position 3'],
    ['a bad pattern', [{ name: 'bad-re', textPattern: '(unclosed' }], 'rules.json: rule "bad-re": textPattern: Invalid regular expression'],
    ['a name that is not kebab-case', [{ name: 'Share Bar', selector: 'p' }], 'rules.json: rule "Share Bar": name: expected a kebab-case name'],
    ['a missing name, by position', [{ selector: 'p', name: 'ok' }, { selector: 'p' }], 'rules.json: rule #2: name:'],
    ['an unknown key', [{ name: 'typo', selecter: 'p' }], 'rules.json: rule "typo": rule: Unrecognized key: "selecter"'],
    ['a bad where', [{ name: 'w', selector: 'p', where: 'start' }], 'rules.json: rule "w": where:'],
    ['a duplicate name', [{ name: 'd', selector: 'p' }, { name: 'd', selector: 'div' }], 'rules.json: rule "d": the name is used by an earlier rule'],
  ])('%s', (_case, specs, reason) => {
    expect(reasonFor(specs)).toContain(reason);
  });
});

describe('compileCleanRules accepts', () => {
  it('compiles string patterns case-insensitively', () => {
    const [rule] = compileCleanRules([{ name: 'promo', textPattern: '^download our app' }]);
    expect(rule?.textPattern?.test('Download Our App today')).toBe(true);
    expect(rule?.where).toBe('anywhere');
  });

  it('takes RegExp patterns and drops the stateful g and y flags', () => {
    const [rule] = compileCleanRules([{ name: 'promo', textPattern: /^promo/gi, where: 'end' }]);
    expect(rule?.textPattern?.flags).toBe('i');
    expect(rule?.textPattern?.test('PROMO')).toBe(true);
    expect(rule?.textPattern?.test('PROMO')).toBe(true);
    expect(rule?.where).toBe('end');
  });

  it('has the default rules, compiled', () => {
    expect(DEFAULT_RULES.map((r) => r.name)).toEqual(DEFAULT_RULE_SPECS.map((r) => r.name));
    expect(DEFAULT_RULES.map((r) => r.name)).toEqual(['feed-service-footer', 'share-bar', 'share-links', 'follow-us', 'app-promo', 'newsletter-promo']);
  });

  it('round-trips the default specs through JSON (they are data)', () => {
    const fromJson = compileCleanRules(JSON.parse(JSON.stringify(DEFAULT_RULE_SPECS)));
    expect(fromJson.map((r) => r.textPattern?.source ?? r.selector?.source)).toEqual(
      DEFAULT_RULES.map((r) => r.textPattern?.source ?? r.selector?.source),
    );
  });
});
