/**
 * Simplified ↔ Traditional Chinese for republished feeds, with opencc-js. Each direction's
 * converter is built on first use (tens of milliseconds: it loads dictionaries) and then kept.
 *
 * HTML is converted in its text only: the document is tokenized with htmlparser2, and each text
 * run is replaced in place, at the offsets the tokenizer reports. Tag names, attributes (URLs, alt
 * text, class names), comments and the insides of script and style are copied byte for byte, so
 * conversion can never change markup or a link.
 */
import { Parser } from 'htmlparser2';
import * as OpenCC from 'opencc-js';

export type ChineseConversion = 's2t' | 't2s' | 's2tw' | 's2hk';

export const CHINESE_CONVERSIONS: readonly ChineseConversion[] = ['s2t', 't2s', 's2tw', 's2hk'];

// The OpenCC configuration each name stands for, in opencc-js locales (see its README's table).
const LOCALES: Record<ChineseConversion, { from: string; to: string }> = {
  s2t: { from: 'cn', to: 't' },
  t2s: { from: 't', to: 'cn' },
  s2tw: { from: 'cn', to: 'tw' },
  s2hk: { from: 'cn', to: 'hk' },
};

/** The way back, for matching a filter term written in the output script against the source. */
const INVERSE: Record<ChineseConversion, { from: string; to: string }> = {
  s2t: { from: 't', to: 'cn' },
  t2s: { from: 'cn', to: 't' },
  s2tw: { from: 'tw', to: 'cn' },
  s2hk: { from: 'hk', to: 'cn' },
};

const converters = new Map<string, (text: string) => string>();

function converterFor(locales: { from: string; to: string }): (text: string) => string {
  const key = `${locales.from}>${locales.to}`;
  const cached = converters.get(key);
  if (cached !== undefined) return cached;
  const convert: (text: string) => string = OpenCC.Converter(locales);
  converters.set(key, convert);
  return convert;
}

export function convertChineseText(text: string, conversion: ChineseConversion): string {
  return converterFor(LOCALES[conversion])(text);
}

/** Text in the conversion's output script, back in its source script. */
export function unconvertChineseText(text: string, conversion: ChineseConversion): string {
  return converterFor(INVERSE[conversion])(text);
}

const RAW_TEXT_ELEMENTS = new Set(['script', 'style']);

export function convertChineseHtml(html: string, conversion: ChineseConversion): string {
  const convert = converterFor(LOCALES[conversion]);
  let out = '';
  let copiedUpTo = 0;
  let rawDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (RAW_TEXT_ELEMENTS.has(name)) rawDepth++;
      },
      onclosetag(name) {
        if (RAW_TEXT_ELEMENTS.has(name)) rawDepth = Math.max(0, rawDepth - 1);
      },
      ontext() {
        if (rawDepth > 0) return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        // Entities stay as written (decodeEntities is off); OpenCC leaves ASCII alone.
        out += html.slice(copiedUpTo, start) + convert(html.slice(start, end));
        copiedUpTo = end;
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  return out + html.slice(copiedUpTo);
}
