/**
 * encoding/: bytes → string for feeds and web pages. BOM, HTTP charset, XML declaration and
 * <meta charset>, checked against the bytes; GBK/GB18030, Big5, Shift_JIS, EUC-KR and mis-declared
 * labels; sniffing when nothing fits. Pure: no file system, no network, no config.
 * decode.ts explains the order of evidence.
 */
export { decodeBytes, type Decoded, type DecodeHints, type DecodeSource, type DocKind } from './decode.js';
export { charsetFromContentType, type CanonicalEncoding } from './labels.js';
