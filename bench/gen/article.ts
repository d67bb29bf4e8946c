/**
 * Article HTML of a chosen size, the way news sites put it in feeds: paragraphs, a few <strong>
 * runs, inline links, figures with images, now and then a sub-heading or a blockquote. Text
 * comes from a NewsWriter; markup is escaped here so the result is always well-formed HTML.
 */
import type { Rng } from './prng.js';
import type { NewsWriter } from './writer.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function randomHex(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length) out += rng.int(0, 15).toString(16);
  return out;
}

/** Builds article HTML whose UTF-8 size is at least targetBytes (and at most one block more). */
export function buildArticleHtml(rng: Rng, writer: NewsWriter, host: string, targetBytes: number): string {
  const blocks: string[] = [];
  let bytes = 0;
  let quoted = false;
  while (bytes < targetBytes) {
    const block = nextBlock(rng, writer, host, blocks.length, quoted);
    if (block.startsWith('<blockquote')) quoted = true;
    blocks.push(block);
    bytes += Buffer.byteLength(block) + 1;
  }
  return blocks.join('\n');
}

function nextBlock(rng: Rng, writer: NewsWriter, host: string, index: number, quoted: boolean): string {
  if (index === 1 || (index > 2 && rng.chance(0.12))) return figure(rng, writer);
  if (index > 3 && rng.chance(0.08)) return `<h2>${escapeHtml(writer.heading(rng))}</h2>`;
  if (index > 2 && !quoted && rng.chance(0.1)) {
    return `<blockquote><p>${escapeHtml(writer.quote(rng))}</p></blockquote>`;
  }
  return paragraph(rng, writer, host);
}

function paragraph(rng: Rng, writer: NewsWriter, host: string): string {
  const sentences: string[] = [];
  const count = rng.int(2, 5);
  for (let i = 0; i < count; i++) {
    const text = escapeHtml(writer.sentence(rng));
    if (rng.chance(0.12)) sentences.push(`<strong>${text}</strong>`);
    else if (rng.chance(0.1)) sentences.push(`${text}${writer.joiner}${link(rng, writer, host)}`);
    else sentences.push(text);
  }
  return `<p>${sentences.join(writer.joiner)}</p>`;
}

function link(rng: Rng, writer: NewsWriter, host: string): string {
  const href = `https://${host}/${rng.pick(['topics', 'news', 'local', 'archive'])}/${randomHex(rng, 8)}.html`;
  return `<a href="${href}">${escapeHtml(writer.phrase(rng))}</a>`;
}

function figure(rng: Rng, writer: NewsWriter): string {
  const src = `https://img.example.com/2024/${String(rng.int(1, 12)).padStart(2, '0')}/${randomHex(rng, 16)}.jpg`;
  const alt = escapeHtml(writer.phrase(rng));
  const size = `width="${rng.pick([640, 800, 1024])}" height="${rng.pick([360, 450, 576])}"`;
  if (rng.chance(0.5)) return `<p><img src="${src}" alt="${alt}" ${size}></p>`;
  return `<figure><img src="${src}" alt="${alt}" ${size}><figcaption>${alt}</figcaption></figure>`;
}
