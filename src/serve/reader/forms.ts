/**
 * Reading what a form posted, at the edge: text fields and uploaded files by name, and whole
 * numbers checked with a message that names the field and repeats what was sent. A bad value is
 * a USAGE error (400), never a NaN further in.
 */
import type { Context } from 'hono';
import { FeedkeeperError } from '../../core/index.js';
import type { AppEnv } from '../deps.js';

export interface PostedForm {
  /** The field's text (the first one when repeated), or undefined when it was not sent. */
  text(name: string): string | undefined;
  file(name: string): File | undefined;
}

export async function readForm(c: Context<AppEnv>): Promise<PostedForm> {
  const type = c.req.header('content-type') ?? '';
  // The CSRF check already parsed urlencoded and multipart bodies; Hono caches the result.
  const body = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type) ? await c.req.parseBody({ all: true }) : {};
  const first = (name: string): unknown => {
    const value = body[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    text: (name) => {
      const value = first(name);
      return typeof value === 'string' ? value : undefined;
    },
    file: (name) => {
      const value = first(name);
      return value instanceof File ? value : undefined;
    },
  };
}

/** A whole number from `min` to `max`, or USAGE: `max_id: expected a whole number from 0 to …, got "abc"`. */
export function wholeNumber(field: string, value: string | undefined, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const text = (value ?? '').trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new FeedkeeperError('USAGE', `${field}: expected a whole number from ${min} to ${max}, got "${value ?? ''}"`);
  }
  return n;
}

/** `1` / `0` (also true/false, on/off) as a boolean, or USAGE naming the field. */
export function flag(field: string, value: string | undefined): boolean {
  const text = (value ?? '').trim().toLowerCase();
  if (['1', 'true', 'on', 'yes'].includes(text)) return true;
  if (['0', 'false', 'off', 'no'].includes(text)) return false;
  throw new FeedkeeperError('USAGE', `${field}: expected 1 or 0, got "${value ?? ''}"`);
}
