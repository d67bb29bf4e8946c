/**
 * What the bytes say about themselves before anything is decoded: a byte order mark, the byte
 * pattern of a UTF-16 XML declaration, and the `encoding="…"` label of an 8-bit XML declaration.
 * Everything here reads a short prefix as single bytes; it never decodes the document.
 */
export interface Bom {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  length: number;
}

export function detectBom(bytes: Uint8Array): Bom | null {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

const XML_DECL_START = '<?xml';

/**
 * UTF-16 without a BOM, recognised by `<?xml` spelled with a zero byte beside every letter
 * (XML 1.0 Appendix F). A UTF-16 document must start with a BOM, but some generators omit it.
 */
export function detectUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < XML_DECL_START.length * 2) return null;
  let le = true;
  let be = true;
  for (let k = 0; k < XML_DECL_START.length; k++) {
    const code = XML_DECL_START.charCodeAt(k);
    const even = bytes[2 * k];
    const odd = bytes[2 * k + 1];
    le &&= even === code && odd === 0;
    be &&= even === 0 && odd === code;
  }
  return le ? 'utf-16le' : be ? 'utf-16be' : null;
}

/** How far into the document an XML declaration may start (after junk whitespace) and how long it may be. */
const XML_DECL_WINDOW = 512;

/**
 * The raw `encoding` label of an XML declaration at the start of an 8-bit document, or null.
 * Leading whitespace is tolerated because real feeds often have a blank line before the declaration.
 */
export function findXmlDeclarationLabel(bytes: Uint8Array): string | null {
  const head = readLatin1(bytes, XML_DECL_WINDOW);
  const start = head.search(/\S/);
  if (start === -1 || !head.startsWith(XML_DECL_START, start)) return null;
  const after = head.charAt(start + XML_DECL_START.length);
  if (!/[\t\n\r ]/.test(after)) return null;
  const end = head.indexOf('?>', start);
  const decl = head.slice(start, end === -1 ? undefined : end);
  const match = /[\t\n\r ]encoding[\t\n\r ]*=[\t\n\r ]*(?:"([^"]*)"|'([^']*)')/.exec(decl);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** The first `limit` bytes as a string of one character per byte, for scanning ASCII syntax. */
export function readLatin1(bytes: Uint8Array, limit: number): string {
  const slice = bytes.subarray(0, Math.min(limit, bytes.length));
  let out = '';
  // Chunked so String.fromCharCode never gets more arguments than the engine allows.
  for (let i = 0; i < slice.length; i += 4096) {
    out += String.fromCharCode(...slice.subarray(i, i + 4096));
  }
  return out;
}

