/**
 * The charset label of an HTML page's `<meta charset>` or `<meta http-equiv="Content-Type"
 * content="…; charset=…">`, found the way browsers find it: a prescan of the first bytes that skips
 * comments and other tags and reads attributes with their quoting (after the WHATWG HTML "prescan a
 * byte stream" algorithm, simplified: no nested-tag state beyond what skipping needs).
 * It reads bytes as single characters, so it works before the encoding is known.
 */
import { readLatin1 } from './declarations.js';

/** Browsers look at 1024 bytes; pages with long heads put the meta later, so we allow twice that. */
export const META_PRESCAN_BYTES = 2048;

const SPACE = /[\t\n\f\r ]/;

export function findMetaCharsetLabel(bytes: Uint8Array): string | null {
  const head = readLatin1(bytes, META_PRESCAN_BYTES);
  let i = 0;
  while ((i = head.indexOf('<', i)) !== -1) {
    if (head.startsWith('<!--', i)) {
      const close = head.indexOf('-->', i + 4);
      if (close === -1) return null;
      i = close + 3;
    } else if (/^<meta[\t\n\f\r /]/i.test(head.slice(i, i + 6))) {
      const tag = readAttributes(head, i + 5);
      const label = charsetOfMeta(tag.attributes);
      if (label !== null) return label;
      i = tag.end;
    } else if (/^<\/?[a-z]/i.test(head.slice(i, i + 3))) {
      // Another tag: read its attributes so a '>' inside a quoted value does not end it early.
      let nameEnd = i + 1;
      while (nameEnd < head.length && !SPACE.test(head.charAt(nameEnd)) && head[nameEnd] !== '>') nameEnd++;
      i = readAttributes(head, nameEnd).end;
    } else if (head.startsWith('<!', i) || head.startsWith('</', i) || head.startsWith('<?', i)) {
      const close = head.indexOf('>', i);
      if (close === -1) return null;
      i = close + 1;
    } else {
      i++;
    }
  }
  return null;
}

interface Tag {
  attributes: Map<string, string>;
  /** Index just past the tag's '>' (or the end of the scanned text). */
  end: number;
}

function readAttributes(text: string, from: number): Tag {
  const attributes = new Map<string, string>();
  let i = from;
  for (;;) {
    while (i < text.length && (SPACE.test(text.charAt(i)) || text[i] === '/')) i++;
    if (i >= text.length) return { attributes, end: i };
    if (text[i] === '>') return { attributes, end: i + 1 };
    const nameStart = i;
    while (i < text.length && !/[\t\n\f\r />=]/.test(text.charAt(i))) i++;
    const name = text.slice(nameStart, i).toLowerCase();
    while (i < text.length && SPACE.test(text.charAt(i))) i++;
    let value = '';
    if (text[i] === '=') {
      i++;
      while (i < text.length && SPACE.test(text.charAt(i))) i++;
      const quote = text[i];
      if (quote === '"' || quote === "'") {
        const close = text.indexOf(quote, i + 1);
        value = text.slice(i + 1, close === -1 ? text.length : close);
        i = close === -1 ? text.length : close + 1;
      } else {
        const valueStart = i;
        while (i < text.length && !SPACE.test(text.charAt(i)) && text[i] !== '>') i++;
        value = text.slice(valueStart, i);
      }
    }
    // The first occurrence of an attribute wins, as in HTML.
    if (name !== '' && !attributes.has(name)) attributes.set(name, value);
    if (name === '' && i === nameStart) i++;
  }
}

function charsetOfMeta(attributes: Map<string, string>): string | null {
  const charset = attributes.get('charset');
  if (charset !== undefined) return charset.trim() || null;
  const httpEquiv = attributes.get('http-equiv');
  const content = attributes.get('content');
  if (httpEquiv?.trim().toLowerCase() !== 'content-type' || content === undefined) return null;
  return charsetFromMetaContent(content);
}

/**
 * WHATWG "extracting a character encoding from a meta element": find "charset", then "=",
 * then a quoted value or one that runs to whitespace or ';'.
 */
export function charsetFromMetaContent(content: string): string | null {
  const lower = content.toLowerCase();
  let i = 0;
  for (;;) {
    const at = lower.indexOf('charset', i);
    if (at === -1) return null;
    i = at + 'charset'.length;
    while (i < content.length && SPACE.test(content.charAt(i))) i++;
    if (content[i] !== '=') continue;
    i++;
    while (i < content.length && SPACE.test(content.charAt(i))) i++;
    const quote = content[i];
    if (quote === '"' || quote === "'") {
      const close = content.indexOf(quote, i + 1);
      return close === -1 ? null : content.slice(i + 1, close) || null;
    }
    let end = i;
    while (end < content.length && !SPACE.test(content.charAt(end)) && content[end] !== ';') end++;
    return content.slice(i, end) || null;
  }
}
