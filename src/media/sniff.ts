/**
 * What an image's bytes really are, whatever the server's Content-Type said. Six types are
 * kept (PNG, JPEG, GIF, WebP, AVIF, SVG), each told by its signature; width and height are read
 * where the header holds them at a fixed place (PNG, GIF, WebP, JPEG's first frame header), and
 * left null otherwise. HTML (an error page or a login wall served as image/jpeg) is told apart so
 * the failure says so. Pure, a few bytes read at most (the whole text only for SVG, by svg.ts).
 * Hand-written rather than `file-type`: six signatures are a page of code, and file-type would
 * bring three more packages to answer a question about the first 32 bytes.
 */
export type ImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif' | 'image/svg+xml';

export type Sniffed =
  | { kind: 'image'; mime: Exclude<ImageMime, 'image/svg+xml'>; width: number | null; height: number | null }
  | { kind: 'svg' }
  | { kind: 'html' }
  | { kind: 'unknown' };

const TEXT_HEAD = 1024;

export function sniffImage(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return image('image/png', u32be(bytes, 16), u32be(bytes, 20));
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg', ...jpegSize(bytes) };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return image('image/gif', u16le(bytes, 6), u16le(bytes, 8));
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return { kind: 'image', mime: 'image/webp', ...webpSize(bytes) };
  if (ascii(bytes, 4, 4) === 'ftyp' && isAvifBrand(bytes)) return image('image/avif', null, null);
  const head = textHead(bytes);
  if (/^<svg[\s>]/i.test(head)) return { kind: 'svg' };
  if (/^<(!doctype\s+html|html|head|body|script|iframe|h1|div|p|table|a|title)[\s>]/i.test(head)) return { kind: 'html' };
  return { kind: 'unknown' };
}

function image(mime: Exclude<ImageMime, 'image/svg+xml'>, width: number | null, height: number | null): Sniffed {
  return { kind: 'image', mime, width: width || null, height: height || null };
}

/** AVIF: an ISO-BMFF `ftyp` box whose major or compatible brands include avif or avis. */
function isAvifBrand(bytes: Uint8Array): boolean {
  const size = u32be(bytes, 0) ?? 0;
  const end = Math.min(size, bytes.length, 64);
  for (let i = 8; i + 4 <= end; i += 4) {
    if (i === 12) continue; // minor version
    const brand = ascii(bytes, i, 4);
    if (brand === 'avif' || brand === 'avis') return true;
  }
  return false;
}

/**
 * The text at the start of the file with a BOM, whitespace, an XML declaration, comments and a
 * doctype other than HTML's skipped: where `<svg` or `<html` would be.
 */
function textHead(bytes: Uint8Array): string {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, TEXT_HEAD)).replace(/^\uFEFF/, '');
  for (;;) {
    const before = text;
    text = text.replace(/^\s+/, '').replace(/^<\?xml[^>]*\?>/i, '').replace(/^<!--[\s\S]*?-->/, '').replace(/^<!doctype\s+svg[^>]*>/i, '');
    if (text === before) return text;
  }
}

/** A JPEG's size from its first start-of-frame marker (SOF0–SOF15 less DHT, JPG and DAC). */
function jpegSize(bytes: Uint8Array): { width: number | null; height: number | null } {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return { width: null, height: null };
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = u16be(bytes, i + 2) ?? 0;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(bytes, i + 5) || null, width: u16be(bytes, i + 7) || null };
    }
    if (length < 2) return { width: null, height: null };
    i += 2 + length;
  }
  return { width: null, height: null };
}

function webpSize(bytes: Uint8Array): { width: number | null; height: number | null } {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X') return { width: 1 + u24le(bytes, 24), height: 1 + u24le(bytes, 27) };
  if (chunk === 'VP8 ' && bytes.length >= 30) return { width: (u16le(bytes, 26) ?? 0) & 0x3fff || null, height: (u16le(bytes, 28) ?? 0) & 0x3fff || null };
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const b = (k: number) => bytes[21 + k] ?? 0;
    return { width: 1 + (((b(1) & 0x3f) << 8) | b(0)), height: 1 + (((b(3) & 0x0f) << 10) | (b(2) << 2) | ((b(1) & 0xc0) >> 6)) };
  }
  return { width: null, height: null };
}

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  return bytes.length < at + n ? '' : String.fromCharCode(...bytes.subarray(at, at + n));
}

function u32be(bytes: Uint8Array, at: number): number | null {
  return bytes.length < at + 4 ? null : (((bytes[at] ?? 0) << 24) >>> 0) + ((bytes[at + 1] ?? 0) << 16) + ((bytes[at + 2] ?? 0) << 8) + (bytes[at + 3] ?? 0);
}

function u16be(bytes: Uint8Array, at: number): number | null {
  return bytes.length < at + 2 ? null : ((bytes[at] ?? 0) << 8) + (bytes[at + 1] ?? 0);
}

function u16le(bytes: Uint8Array, at: number): number | null {
  return bytes.length < at + 2 ? null : (bytes[at] ?? 0) + ((bytes[at + 1] ?? 0) << 8);
}

function u24le(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) + ((bytes[at + 1] ?? 0) << 8) + ((bytes[at + 2] ?? 0) << 16);
}
