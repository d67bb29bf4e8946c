/**
 * Reads a response body into bytes: undoes Content-Encoding (gzip, deflate, br, in any chain) with
 * node:zlib streams and enforces the size cap on the DECODED bytes, which is also the guard
 * against decompression bombs. Reading stops as soon as the cap is passed, so at most
 * maxBytes plus one chunk is ever held; zlib honours backpressure, so a bomb is never inflated
 * ahead of us. Charset decoding is not done here (that is encoding/).
 */
import { Readable, pipeline } from 'node:stream';
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';
import { FeedkeeperError } from '../core/errors.js';

/** What we send as Accept-Encoding: exactly the codings readBody can undo. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

interface BodySource {
  body: Readable;
  contentEncoding: string | undefined;
  contentLength: string | undefined;
}

/** The whole decoded body; throws FETCH_TOO_LARGE past `maxBytes`, FETCH_DECOMPRESS on a bad or unknown coding. */
export async function readBody(source: BodySource, maxBytes: number, target: string): Promise<Uint8Array> {
  const codings = parseCodings(source.contentEncoding);
  try {
    if (codings.length === 0) assertLengthFits(source.contentLength, maxBytes, target);
    let stream: Readable = source.body;
    // Codings are listed in the order they were applied, so they are undone from the last.
    for (const coding of [...codings].reverse()) stream = await decodeStage(stream, coding, target);
    return await collect(stream, maxBytes, target, codings.length > 0);
  } finally {
    if (!source.body.destroyed) {
      // Stopping early (cap, bad coding) destroys the body to free the connection; undici then
      // emits an abort error that nobody else listens for, and it must not become uncaught.
      source.body.on('error', () => undefined);
      source.body.destroy();
    }
  }
}

function parseCodings(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
}

function assertLengthFits(contentLength: string | undefined, maxBytes: number, target: string): void {
  const declared = contentLength !== undefined && /^\d+$/.test(contentLength) ? Number(contentLength) : null;
  if (declared !== null && declared > maxBytes) throw tooLarge(target, maxBytes, `Content-Length is ${declared}`);
}

async function collect(stream: Readable, maxBytes: number, target: string, decoded: boolean): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(target, maxBytes, decoded ? 'decompressed body passed it' : 'body passed it');
      chunks.push(chunk);
    }
  } catch (err) {
    if (!stream.destroyed) stream.destroy();
    if (isDecoderError(err)) {
      throw new FeedkeeperError('FETCH_DECOMPRESS', `fetch ${target}: compressed body is corrupt (${err.message})`, { cause: err });
    }
    throw err;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * zlib reports bad data with codes like Z_DATA_ERROR; brotli with ERR__ERROR_FORMAT_… (its
 * BROTLI_DECODER_ERROR_… names). Errors from the socket keep their own codes and pass through.
 */
function isDecoderError(err: unknown): err is Error {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' && /^(Z_|ERR__ERROR_)/.test(err.code);
}

function tooLarge(target: string, maxBytes: number, why: string): FeedkeeperError {
  return new FeedkeeperError('FETCH_TOO_LARGE', `fetch ${target}: response is larger than the ${maxBytes}-byte limit (${why})`, {
    details: { maxBytes },
  });
}

// Lenient flushing, as browsers and undici's fetch do: a body cut short after complete blocks
// still yields what was decoded instead of failing the whole fetch.
const ZLIB_LENIENT: zlib.ZlibOptions = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_LENIENT: zlib.BrotliOptions = {
  flush: zlib.constants.BROTLI_OPERATION_FLUSH,
  finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
};

async function decodeStage(input: Readable, coding: string, target: string): Promise<Readable> {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return pipe(input, zlib.createGunzip(ZLIB_LENIENT));
    case 'br':
      return pipe(input, zlib.createBrotliDecompress(BROTLI_LENIENT));
    case 'deflate':
      return decodeDeflate(input);
    default:
      throw new FeedkeeperError(
        'FETCH_DECOMPRESS',
        `fetch ${target}: unsupported Content-Encoding "${coding}", expected one of ${ACCEPT_ENCODING}`,
        { details: { contentEncoding: coding } },
      );
  }
}

/**
 * HTTP "deflate" means zlib-wrapped data, but some servers send raw deflate. Peek at the first
 * chunk: a zlib header has compression method 8 and a header checksum divisible by 31.
 */
async function decodeDeflate(input: Readable): Promise<Readable> {
  const iterator = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return Readable.from([]);
  const head: Buffer = first.value;
  const isZlib = head.length >= 2 && ((head[0] ?? 0) & 0x0f) === 8 && (((head[0] ?? 0) << 8) | (head[1] ?? 0)) % 31 === 0;
  async function* replay(): AsyncGenerator<Buffer> {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const decoder = isZlib ? zlib.createInflate(ZLIB_LENIENT) : zlib.createInflateRaw(ZLIB_LENIENT);
  return pipe(Readable.from(replay(), { objectMode: false }), decoder);
}

function pipe(input: Readable, decoder: Transform): Readable {
  // Errors reach the reader through `decoder`, which pipeline destroys with the first error.
  return pipeline(input, decoder, () => undefined);
}
