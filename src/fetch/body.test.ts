import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBody } from './body.js';

const TEXT = '<rss><channel><title>晨报 Morning Bulletin</title><item><title>河堤加固工程完工</title></item></channel></rss>'.repeat(40);
const BYTES = Buffer.from(TEXT, 'utf8');

/** A body stream that hands out `data` in chunks of `size` bytes, like a socket would. */
function chunked(data: Buffer, size = 1000): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) parts.push(data.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

function read(data: Buffer, contentEncoding?: string, maxBytes = 1_000_000, contentLength?: string): Promise<Uint8Array> {
  return readBody({ body: chunked(data), contentEncoding, contentLength }, maxBytes, 'http://feeds.example/rss');
}

describe('readBody decoding', () => {
  it.each([
    ['identity (no header)', undefined, BYTES],
    ['identity (explicit)', 'identity', BYTES],
    ['gzip', 'gzip', zlib.gzipSync(BYTES)],
    ['x-gzip', 'x-gzip', zlib.gzipSync(BYTES)],
    ['gzip, upper case', 'GZIP', zlib.gzipSync(BYTES)],
    ['deflate (zlib wrapped)', 'deflate', zlib.deflateSync(BYTES)],
    ['deflate sent raw', 'deflate', zlib.deflateRawSync(BYTES)],
    ['br', 'br', zlib.brotliCompressSync(BYTES)],
    ['chain: gzip then br', 'gzip, br', zlib.brotliCompressSync(zlib.gzipSync(BYTES))],
    ['chain: deflate then gzip', 'deflate, gzip', zlib.gzipSync(zlib.deflateSync(BYTES))],
  ])('%s', async (_case, encoding, wire) => {
    const body = await read(wire, encoding);
    expect(Buffer.from(body).toString('utf8')).toBe(TEXT);
  });

  it('returns an empty body for an empty gzip response', async () => {
    expect((await read(Buffer.alloc(0), 'gzip')).length).toBe(0);
  });

  it('keeps what was decoded from a gzip body cut short', async () => {
    const wire = zlib.gzipSync(BYTES, { level: 1 });
    const body = await read(wire.subarray(0, wire.length - 8), 'gzip'); // drop the CRC and length trailer
    expect(Buffer.from(body).toString('utf8')).toBe(TEXT);
  });

  it('returns a fresh Uint8Array that owns its whole buffer', async () => {
    const body = await read(Buffer.from('short'));
    expect(body.byteOffset).toBe(0);
    expect(body.buffer.byteLength).toBe(5);
  });
});

describe('readBody failures', () => {
  it.each([
    ['unknown coding', 'zstd', BYTES, 'FETCH_DECOMPRESS', /unsupported Content-Encoding "zstd"/],
    ['corrupt gzip', 'gzip', Buffer.from('this is not gzip data at all'), 'FETCH_DECOMPRESS', /compressed body is corrupt/],
    ['corrupt br', 'br', Buffer.from('this is not brotli data either!'), 'FETCH_DECOMPRESS', /compressed body is corrupt/],
  ])('%s', async (_case, encoding, wire, code, message) => {
    const err = await read(wire, encoding).catch((e: unknown) => e);
    expect(err).toMatchObject({ code });
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toContain('http://feeds.example/rss');
  });

  it('accepts a body of exactly maxBytes', async () => {
    expect((await read(BYTES, undefined, BYTES.length)).length).toBe(BYTES.length);
  });

  it('refuses one byte more than maxBytes', async () => {
    await expect(read(BYTES, undefined, BYTES.length - 1)).rejects.toMatchObject({ code: 'FETCH_TOO_LARGE' });
  });

  it('refuses up front when Content-Length says the body is too large', async () => {
    const body = chunked(BYTES);
    const err = await readBody({ body, contentEncoding: undefined, contentLength: '5000000' }, 1000, 'http://feeds.example/rss').catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'FETCH_TOO_LARGE' });
    expect((err as Error).message).toContain('Content-Length is 5000000');
    expect(body.destroyed).toBe(true);
  });

  it.each([
    ['gzip', (b: Buffer) => zlib.gzipSync(b)],
    ['br', (b: Buffer) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } })],
    ['deflate', (b: Buffer) => zlib.deflateSync(b)],
  ])('stops a %s bomb at the cap on decoded bytes', async (encoding, compress) => {
    const bomb = compress(Buffer.alloc(16 * 1024 * 1024)); // 16 MiB of zeros, a few KiB on the wire
    expect(bomb.length).toBeLessThan(20_000);
    const err = await read(bomb, encoding, 1024 * 1024).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FETCH_TOO_LARGE', details: { maxBytes: 1024 * 1024 } });
    expect((err as Error).message).toContain('decompressed');
  });

  it('stops reading the wire soon after the cap: a 1 GiB gzip bomb is not inflated ahead', async () => {
    const member = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024));
    const wire = Buffer.concat(new Array<Buffer>(64).fill(member)); // 64 gzip members = 1 GiB decoded
    let consumed = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for (let i = 0; i < wire.length; i += 4096) {
        const chunk = wire.subarray(i, i + 4096);
        consumed += chunk.length;
        yield chunk;
      }
    }
    const body = Readable.from(counted(), { objectMode: false });
    const err = await readBody({ body, contentEncoding: 'gzip', contentLength: undefined }, 1024 * 1024, 'http://feeds.example/rss').catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'FETCH_TOO_LARGE' });
    expect(consumed).toBeLessThan(wire.length / 10);
  });
});
