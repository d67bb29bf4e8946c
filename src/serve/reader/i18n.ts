/**
 * The reader's words in English and Chinese. One table per language with the same keys
 * (messages-en.ts is the reference; the type checks that messages-zh.ts misses none); `{name}`
 * placeholders are filled by `t`. Values are plain text; templates escape them like any other value.
 */
import type { Lang } from '../deps.js';
import { en, type MessageKey } from './messages-en.js';
import { zh } from './messages-zh.js';

export type { MessageKey } from './messages-en.js';

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, zh };

export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The HTML lang attribute for each UI language. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-Hans' : 'en';
}
