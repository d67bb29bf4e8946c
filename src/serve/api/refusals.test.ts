/**
 * What every route of the table refuses, walked over the table itself so a new route is covered
 * the day it is added: no credentials (401 JSON with WWW-Authenticate), a revoked-looking token,
 * an id that is not a number (400 naming it), an id that does not exist (404), an unknown query
 * parameter (400 naming it), and a path nobody registered (404 JSON).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { allRoutes, call, route, urlOf } from './test-kit.js';

let h: ServeHarness;
beforeAll(async () => {
  h = await startServeHarness();
});
afterAll(() => h.close());

const routes = allRoutes().map((r) => [`${r.method.toUpperCase()} ${r.path}`, r.operationId] as const);
const withIds = allRoutes()
  .filter((r) => r.path.includes(':id'))
  .map((r) => [`${r.method.toUpperCase()} ${r.path}`, r.operationId] as const);

describe('every route', () => {
  it.each(routes)('%s refuses without credentials: 401 JSON with WWW-Authenticate', async (_name, op) => {
    const answer = await call(h, op, { as: 'anon', params: { id: 1, n: 0 }, body: {} });
    expect(answer.status).toBe(401);
    expect(answer.res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    expect(answer.body.error.code).toBe('AUTH_REQUIRED');
  });

  it.each(routes)('%s refuses an unknown token: 401 JSON', async (_name, op) => {
    const answer = await call(h, op, { as: 'anon', params: { id: 1, n: 0 }, headers: { authorization: 'Bearer fk_not-a-real-token' } });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('AUTH_FAILED');
    expect(answer.res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it.each(routes)('%s refuses an unknown query parameter, naming it', async (_name, op) => {
    const answer = await call(h, op, { params: { id: 1, n: 0 }, query: { colour: 'blue' }, body: {} });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'USAGE', message: expect.stringContaining('colour: unknown parameter') });
  });

  it.each(withIds)('%s answers 400 naming id when it is not a number', async (_name, op) => {
    const answer = await call(h, op, { params: { id: 'abc', n: 0 }, body: {} });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('USAGE');
    expect(answer.body.error.message).toContain('id: expected a positive whole number, got "abc"');
  });

  it.each(withIds)('%s answers 404 JSON for an id that does not exist', async (_name, op) => {
    const example = route(op).example;
    const answer = await call(h, op, { params: { id: 987654, n: 0 }, ...(example === undefined ? {} : { body: example }) });
    expect(answer.status).toBe(404);
    expect(answer.body.error).toEqual({ code: 'NOT_FOUND', message: expect.stringContaining('987654') });
  });
});

describe('paths nobody registered', () => {
  it('are 404 JSON under /api/v1', async () => {
    const res = await h.api('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route for GET /api/v1/nothing-here' } });
  });

  it('are 401 before 404 without credentials (nothing about the API shows)', async () => {
    const res = await h.anon('/api/v1/nothing-here');
    expect(res.status).toBe(401);
  });
});

describe('a browser session', () => {
  it('may read the API with its cookie', async () => {
    const res = await h.browser(urlOf(route('listFeeds')));
    expect(res.status).toBe(200);
  });

  it('must send the CSRF token to change anything', async () => {
    const res = await h.browser('/api/v1/entries/mark', { method: 'POST', csrf: false, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: [1], read: true }) });
    expect(res.status).toBe(403);
    expect((await res.json()) as unknown).toMatchObject({ error: { code: 'CSRF_FAILED' } });
  });
});
