/**
 * One Google Reader request's parameters: the query string and, on POST, a form body
 * (application/x-www-form-urlencoded, or no type at all, as curl-based clients send it), capped
 * like every API body. subscription/import reads its OPML body itself, so it never comes here.
 */
import type { Context } from 'hono';
import { FeedkeeperError } from '../../core/index.js';
import { JSON_BODY_LIMIT_BYTES, readBody } from '../api/body.js';
import { paramsOf, type Params } from './params.js';

const FORM_TYPES = ['', 'application/x-www-form-urlencoded', 'text/plain'];

export async function readParams(c: Context): Promise<Params> {
  const pairs: Array<[string, string]> = [...new URL(c.req.url).searchParams];
  if (c.req.method === 'POST') {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!FORM_TYPES.includes(type)) throw new FeedkeeperError('UNSUPPORTED_MEDIA_TYPE', `body: expected a form (application/x-www-form-urlencoded), got Content-Type ${type}`);
    const bytes = await readBody(c, JSON_BODY_LIMIT_BYTES);
    pairs.push(...new URLSearchParams(new TextDecoder().decode(bytes)));
  }
  return paramsOf(pairs);
}
