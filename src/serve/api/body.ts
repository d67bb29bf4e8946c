/**
 * Request bodies, capped. The API reads bodies itself instead of through hono/body-limit (app.ts
 * owns all middleware): a declared Content-Length over the cap is refused before reading, and a
 * chunked body is read only until it passes the cap, so a large upload costs at most the cap in
 * memory. Also the multipart form reader for `POST /opml`'s `file` field.
 */
import type { Context } from 'hono';
import { FeedkeeperError } from '../../core/index.js';

/** JSON requests: far more than any real one (a bulk mark of 1,000 ids is ~10 KB). */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
/** OPML uploads: a subscription list of tens of thousands of feeds still fits. */
export const OPML_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

export async function readBody(c: Context, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit, `${declared} bytes`);
  const raw = c.req.raw;
  // A middleware may have read the body already (the CSRF check parses forms); Hono keeps a copy.
  if (raw.bodyUsed) return capped(new Uint8Array(await c.req.arrayBuffer()), limit);
  if (raw.body === null) return new Uint8Array(0);
  const reader = raw.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(limit, `more than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** One file field of a multipart/form-data body, as bytes; USAGE when the field is missing. */
export async function readFormFile(c: Context, field: string, limit: number): Promise<Uint8Array> {
  const value = (await formOf(c, limit)).get(field);
  if (value === null) throw new FeedkeeperError('USAGE', `${field}: required (a file field in the multipart form)`);
  if (typeof value === 'string') return capped(new TextEncoder().encode(value), limit);
  return capped(new Uint8Array(await value.arrayBuffer()), limit);
}

async function formOf(c: Context, limit: number): Promise<FormData> {
  if (c.req.raw.bodyUsed) return c.req.formData();
  const bytes = await readBody(c, limit);
  try {
    return await new Response(bytes, { headers: { 'content-type': c.req.header('content-type') ?? '' } }).formData();
  } catch (err) {
    throw new FeedkeeperError('USAGE', `body: expected a multipart/form-data body, got one that does not parse: ${(err as Error).message}`);
  }
}

function capped<T extends Uint8Array>(bytes: T, limit: number): T {
  if (bytes.byteLength > limit) throw tooLarge(limit, `${bytes.byteLength} bytes`);
  return bytes;
}

function tooLarge(limit: number, got: string): FeedkeeperError {
  return new FeedkeeperError('INPUT_TOO_LARGE', `body: expected at most ${limit} bytes, got ${got}`);
}
