/**
 * Renders diff parts as an HTML fragment for the reader: one `<p>` per paragraph, changed runs in
 * `<ins>` and `<del>`. Every character of input text goes through `escapeHtml`; markup comes only
 * from the literals here. Pure: parts in, string out.
 */
import type { DiffPart } from './diff-text.js';
import { isParagraphBreak, splitParagraphs } from './tokenize.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const TAG: Record<DiffPart['kind'], string | undefined> = { same: undefined, insert: 'ins', delete: 'del' };

export function renderDiffHtml(parts: readonly DiffPart[]): string {
  let html = '<p>';
  for (const part of parts) {
    const tag = TAG[part.kind];
    for (const piece of splitParagraphs(part.text)) {
      // <ins> and <del> may not span paragraphs, so a break inside a changed run closes the run and
      // reopens it in the next <p>. Breaks from both sides are shown: the reader sees the old and the
      // new paragraphing at once, and the marked text beside a break says which side it belongs to.
      if (isParagraphBreak(piece)) html += '</p><p>';
      else html += tag ? `<${tag}>${escapeHtml(piece)}</${tag}>` : escapeHtml(piece);
    }
  }
  return `${html}</p>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}
