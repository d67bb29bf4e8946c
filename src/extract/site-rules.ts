/**
 * Per-host extraction rules as data (format: rules/README.md). loadRules checks every file once, at
 * load: JSON syntax, the schema (unknown keys are typos and rejected), that each selector compiles
 * and each rewrite pattern is a valid regular expression, and that the file is named after its
 * host. Every problem is reported with the file, the line and the JSON path, all in one error.
 * Pure: the caller reads the files and passes their text.
 */
import { z } from 'zod';
import { FeedkeeperError } from '../core/index.js';
import { parseDocument, type DomDocument } from './dom.js';
import { formatPath, JsonSyntaxError, parseJsonLocated } from './json-locate.js';

export interface UrlRewrite {
  from: RegExp;
  to: string;
}

export interface SiteRule {
  /** The host the rule was written for; it also covers subdomains (see ruleFor). */
  host: string;
  /** Path prefixes the rule is limited to; empty means the whole host. */
  paths: readonly string[];
  /** Selector list for the article body: every match, in document order. */
  content: string;
  /** Removed from the page before the content is taken. */
  strip: readonly string[];
  title: string | null;
  byline: string | null;
  /** An element whose datetime or content attribute, or else text, is an ISO date. */
  date: string | null;
  rewrite: readonly UrlRewrite[];
  /** The file the rule came from, for messages. */
  source: string;
}

export interface RuleSet {
  /** Keyed by host without a leading "www.". */
  readonly byHost: ReadonlyMap<string, SiteRule>;
}

let probe: DomDocument | null = null;
function isSelector(selector: string): boolean {
  probe ??= parseDocument('<p></p>');
  try {
    probe.querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const selector = z.string().trim().min(1, 'expected a CSS selector').refine(isSelector, 'not a CSS selector this DOM understands');
const ruleFileSchema = z.strictObject({
  host: z.string().regex(HOST, 'expected a lower-case host name such as "www.example.com" (no scheme, no path)'),
  paths: z.array(z.string().startsWith('/', 'expected a path prefix starting with "/"')).default([]),
  content: selector,
  strip: z.array(selector).default([]),
  title: selector.optional(),
  byline: selector.optional(),
  date: selector.optional(),
  rewrite: z
    .array(z.strictObject({ from: z.string().min(1).refine(isRegExp, 'not a valid regular expression'), to: z.string() }))
    .default([]),
  /** JSON has no comments: notes for people, ignored by the code. */
  notes: z.string().optional(),
});

function hostKey(host: string): string {
  const lower = host.toLowerCase().replace(/\.$/, '');
  return lower.startsWith('www.') ? lower.slice(4) : lower;
}

function checkFile(file: { name: string; text: string }, problems: string[]): { rule: SiteRule; hostLine: number } | null {
  let located;
  try {
    located = parseJsonLocated(file.text.replace(/^\uFEFF/, ''));
  } catch (err) {
    if (err instanceof JsonSyntaxError) problems.push(`${file.name}: line ${err.line}, column ${err.column}: not valid JSON: ${err.message.replace(/^line \d+, column \d+: /, '')}`);
    else problems.push(`${file.name}: not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
  const parsed = ruleFileSchema.safeParse(located.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${file.name}: line ${located.lineOf(issue.path)}: ${formatPath(issue.path)}: ${issue.message}`);
    }
    return null;
  }
  const r = parsed.data;
  const fileName = file.name.split(/[/\\]/).pop();
  if (fileName !== `${r.host}.json`) {
    problems.push(`${file.name}: line ${located.lineOf(['host'])}: $.host: the file for host "${r.host}" must be named ${r.host}.json`);
    return null;
  }
  const rule: SiteRule = {
    host: r.host, paths: r.paths, content: r.content, strip: r.strip, title: r.title ?? null, byline: r.byline ?? null,
    date: r.date ?? null, rewrite: r.rewrite.map((w) => ({ from: new RegExp(w.from, 'u'), to: w.to })), source: file.name,
  };
  return { rule, hostLine: located.lineOf(['host']) };
}

/** Checks and compiles rule files; throws RULE_INVALID listing every problem in every file. */
export function loadRules(files: ReadonlyArray<{ name: string; text: string }>): RuleSet {
  const problems: string[] = [];
  const byHost = new Map<string, SiteRule>();
  for (const file of files) {
    const checked = checkFile(file, problems);
    if (checked === null) continue;
    const { rule, hostLine } = checked;
    const clash = byHost.get(hostKey(rule.host));
    if (clash) problems.push(`${file.name}: line ${hostLine}: $.host: "${rule.host}" is already covered by ${clash.source}`);
    else byHost.set(hostKey(rule.host), rule);
  }
  if (problems.length > 0) {
    const noun = problems.length === 1 ? 'problem' : 'problems';
    throw new FeedkeeperError('RULE_INVALID', `site rules: ${problems.length} ${noun}:\n  ${problems.join('\n  ')}`, { details: { problems } });
  }
  return { byHost };
}

/**
 * The rule for a page URL: the rule of its host or of the nearest parent domain (a rule for
 * rfi.fr covers amp.rfi.fr), with "www." ignored on both sides, and whose paths (if any) prefix
 * the URL's path. Null for no rule or a URL that does not parse.
 */
export function ruleFor(ruleSet: RuleSet, url: string | null): SiteRule | null {
  if (url === null || !URL.canParse(url)) return null;
  const { hostname, pathname } = new URL(url);
  const labels = hostKey(hostname).split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const rule = ruleSet.byHost.get(labels.slice(i).join('.'));
    if (rule === undefined) continue;
    return rule.paths.length === 0 || rule.paths.some((p) => pathname.startsWith(p)) ? rule : null;
  }
  return null;
}

/** The URL after the rule's rewrites, applied in order (each replaces its first match). */
export function rewriteUrl(rule: SiteRule | null, url: string): string {
  return (rule?.rewrite ?? []).reduce((current, w) => current.replace(w.from, w.to), url);
}
