/**
 * Tiny image files made here, not copied: each is just its type's header with a size in it,
 * which is all sniffing and the size readers look at. A browser would not draw most of them.
 */
const bytes = (...parts: Array<number[] | string>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const be16 = (n: number) => [(n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];

/** A PNG signature and IHDR chunk of the given size (plus a byte that makes each one distinct). */
export function png(width: number, height: number, salt = 0): Uint8Array {
  return bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], be32(13), 'IHDR', be32(width), be32(height), [8, 6, 0, 0, 0], [0, 0, 0, 0], [salt]);
}

/** SOI, an APP0 segment, then SOF0 with the size. */
export function jpeg(width: number, height: number): Uint8Array {
  return bytes([0xff, 0xd8, 0xff, 0xe0], be16(16), 'JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0], [0xff, 0xc0], be16(17), [8], be16(height), be16(width), [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1], [0xff, 0xd9]);
}

export function gif(width: number, height: number): Uint8Array {
  return bytes('GIF89a', le16(width), le16(height), [0x80, 0, 0], [0, 0, 0, 255, 255, 255], ';');
}

/** RIFF/WEBP with a VP8X chunk (extended format), which holds the canvas size minus one. */
export function webp(width: number, height: number): Uint8Array {
  return bytes('RIFF', [22, 0, 0, 0], 'WEBP', 'VP8X', [10, 0, 0, 0], [0, 0, 0, 0], le24(width - 1), le24(height - 1));
}

/** An ISO-BMFF ftyp box with the avif brand. */
export function avif(): Uint8Array {
  return bytes(be32(28), 'ftyp', 'avif', be32(0), 'avif', 'mif1', 'miaf');
}

export const SAFE_SVG = '<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/><use href="#g"/></svg>';
export const SCRIPT_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="1" height="1"/></svg>';
export const HTML_PAGE = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><p>Please sign in to see this image.</p></body></html>';
