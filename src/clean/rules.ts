/**
 * Boilerplate rules as data: `{ name, selector?, textPattern?, where? }`, checked and compiled
 * once when they load (a bad rule is rejected with its name and the reason), never per article.
 * A rule with a selector removes the matching elements; with a textPattern, the smallest block
 * whose text matches (grown over wrappers holding nothing else but links and images); with both,
 * the smallest matching elements whose text matches. `where: 'end'` keeps only matches that
 * nothing with content follows; `maxProse` keeps only matches with that little text outside links.
 * How much a rule may remove at most is boilerplate.ts's job (the safety valve).
 */
import { z } from 'zod';
import { FeedkeeperError } from '../core/index.js';
import type { CompiledSelector } from './selector.js';
import { compileSelector } from './selector.js';

export interface CleanRuleSpec {
  /** kebab-case; reported in firedRules when the rule removes something. */
  readonly name: string;
  readonly selector?: string;
  /** A string is compiled as a case-insensitive Unicode regular expression. */
  readonly textPattern?: string | RegExp;
  readonly where?: 'anywhere' | 'end';
  /** Only matches with at most this many characters of text outside links: for bars made of links. */
  readonly maxProse?: number;
}

export interface CleanRule {
  readonly name: string;
  readonly selector: CompiledSelector | null;
  readonly textPattern: RegExp | null;
  readonly where: 'anywhere' | 'end';
  readonly maxProse: number | null;
}

export type CleanRules = readonly CleanRule[];

const ruleSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case name'),
  selector: z.string().min(1).optional(),
  textPattern: z.union([z.string().min(1), z.instanceof(RegExp)]).optional(),
  where: z.enum(['anywhere', 'end']).optional(),
  maxProse: z.number().int().nonnegative().optional(),
});

/**
 * Checks and compiles rule specs (from code or a parsed data file). Throws RULE_INVALID naming
 * the rule (its name, or its position when the name itself is bad) and the reason.
 */
export function compileCleanRules(specs: unknown, source = 'clean rules'): CleanRules {
  if (!Array.isArray(specs)) throw invalid(`${source}: expected a list of rules, got ${typeof specs}`);
  const seen = new Set<string>();
  return specs.map((spec: unknown, index) => {
    const label = describeRule(spec, index, source);
    const parsed = ruleSchema.safeParse(spec);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(`${label}: ${issue?.path.join('.') || 'rule'}: ${issue?.message ?? 'invalid'}`);
    }
    const rule = parsed.data;
    const { selector, textPattern } = rule;
    if (seen.has(rule.name)) throw invalid(`${label}: the name is used by an earlier rule`);
    seen.add(rule.name);
    if (selector === undefined && textPattern === undefined) throw invalid(`${label}: needs a selector, a textPattern or both`);
    return {
      name: rule.name,
      selector: selector === undefined ? null : compileOrExplain(label, 'selector', () => compileSelector(selector)),
      textPattern: textPattern === undefined ? null : compileOrExplain(label, 'textPattern', () => toPattern(textPattern)),
      where: rule.where ?? 'anywhere',
      maxProse: rule.maxProse ?? null,
    };
  });
}

/** Compiled rules back as specs (compileCleanRules gives the same rules again): how they reach worker threads. */
export function cleanRuleSpecs(rules: CleanRules): CleanRuleSpec[] {
  return rules.map((r) => ({
    name: r.name,
    ...(r.selector === null ? {} : { selector: r.selector.source }),
    ...(r.textPattern === null ? {} : { textPattern: r.textPattern }),
    where: r.where,
    ...(r.maxProse === null ? {} : { maxProse: r.maxProse }),
  }));
}

function toPattern(pattern: string | RegExp): RegExp {
  // g and y make test() remember lastIndex between elements; the rules want a fresh match each time.
  if (pattern instanceof RegExp) return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return new RegExp(pattern, 'iu');
}

function compileOrExplain<T>(label: string, field: string, compile: () => T): T {
  try {
    return compile();
  } catch (err) {
    throw invalid(`${label}: ${field}: ${err instanceof Error ? err.message : String(err)}`, err);
  }
}

function describeRule(spec: unknown, index: number, source: string): string {
  const name = typeof spec === 'object' && spec !== null && 'name' in spec ? spec.name : undefined;
  return typeof name === 'string' && name !== '' ? `${source}: rule "${name}"` : `${source}: rule #${index + 1}`;
}

function invalid(message: string, cause?: unknown): FeedkeeperError {
  return new FeedkeeperError('RULE_INVALID', message, cause === undefined ? {} : { cause });
}

/** Class and id fragments of share widgets (including the Chinese share kits' own names). */
const SHARE_SELECTOR = ['share', 'sharing', 'social', 'jiathis', 'addthis', 'addtoany', 'a2a_kit']
  .flatMap((word) => [`[class*="${word}" i]`, `[id*="${word}" i]`])
  .join(', ');

/**
 * Text patterns are anchored at both ends with a bounded tail: a promo is a short block that
 * starts with its call to action. "打开手机客户端即可查询……" followed by a whole sentence is news.
 */
export const DEFAULT_RULE_SPECS: readonly CleanRuleSpec[] = [
  { name: 'feed-service-footer', where: 'end', textPattern: '^(?:(获取|查看)?更多\\s*RSS|get more rss\\b).{0,200}$' },
  { name: 'share-bar', selector: SHARE_SELECTOR },
  { name: 'share-links', maxProse: 12, textPattern: '^(?:分享到|分享至|分享给|一键分享|share (this|on|via)\\b|tweet this\\b).{0,80}$' },
  { name: 'follow-us', textPattern: '^(?:follow us\\b|扫码关注|(欢迎)?关注(我们|本站|本报)?的?.{0,8}(公众号|微信|微博|视频号|抖音号)).{0,60}$' },
  { name: 'app-promo', textPattern: '^(?:(点击)?(下载|打开).{0,12}(app|客户端)|(download|get) (our|the [\\w ]{1,24}) app\\b).{0,40}$' },
  {
    name: 'newsletter-promo',
    textPattern: '^(?:(subscribe to|sign up for|sign up to|get) (our|the [\\w ]{1,24}) newsletter|订阅.{0,10}(newsletter|电子报|邮件|简报)).{0,100}$',
  },
];

export const DEFAULT_RULES: CleanRules = compileCleanRules(DEFAULT_RULE_SPECS, 'default clean rules');
