/**
 * The OpenAPI document against the app: every (method, path) Hono registered under /api/v1 is
 * documented, every documented operation is a registered route, and the document looks like
 * OpenAPI 3.1 (its $refs all resolve, path parameters are declared).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { allRoutes, call } from './test-kit.js';

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let h: ServeHarness;
let doc: Json;
beforeAll(async () => {
  h = await startServeHarness();
  const answer = await call<Json>(h, 'openapi');
  expect(answer.status).toBe(200);
  doc = answer.body;
});
afterAll(() => h.close());

function registered(): Set<string> {
  return new Set(
    h.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.slice('/api/v1'.length).replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
  );
}

function documented(): Set<string> {
  const paths = doc.paths as Record<string, Json>;
  return new Set(Object.entries(paths).flatMap(([path, item]) => Object.keys(item).filter((k) => METHODS.includes(k)).map((m) => `${m} ${path}`)));
}

describe('openapi.json', () => {
  it('is OpenAPI 3.1 with a bearer scheme, the error schema and the /api/v1 server', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    const components = doc.components as Json;
    expect(components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect((components.schemas as Json).Error).toMatchObject({ type: 'object', required: ['error'] });
  });

  it('documents every registered route, and registers every documented one', () => {
    const inApp = registered();
    const inDoc = documented();
    expect(inApp.size).toBeGreaterThan(15);
    expect([...inApp].filter((r) => !inDoc.has(r))).toEqual([]);
    expect([...inDoc].filter((r) => !inApp.has(r))).toEqual([]);
  });

  it('gives every operation a unique operationId, a summary and a 401 response', () => {
    const ops = Object.values(doc.paths as Record<string, Record<string, Json>>).flatMap((item) => Object.values(item));
    expect(new Set(ops.map((op) => op.operationId)).size).toBe(ops.length);
    for (const op of ops) {
      expect(op.summary, String(op.operationId)).toEqual(expect.any(String));
      expect(Object.keys(op.responses as Json), String(op.operationId)).toContain('401');
    }
  });

  it('declares each {param} of a path as a required path parameter', () => {
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(item)) {
        const params = ((op.parameters ?? []) as Json[]).filter((p) => p.in === 'path');
        expect(params.map((p) => p.name), `${path}`).toEqual(names);
        expect(params.every((p) => p.required === true)).toBe(true);
      }
    }
  });

  it('resolves every $ref inside the document', () => {
    const refs = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === '$ref' && typeof v === 'string') refs.add(v);
          else walk(v);
        }
      }
    };
    walk(doc);
    expect(refs.size).toBeGreaterThan(5);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\//);
      const target = ref.slice(2).split('/').reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
      expect(target, ref).toBeTypeOf('object');
    }
  });

  it('gives examples that its own body schemas accept', () => {
    const withExamples = allRoutes().filter((r) => r.example !== undefined);
    expect(withExamples.length).toBeGreaterThan(3);
    for (const r of withExamples) expect(r.body?.safeParse(r.example).success, r.operationId).toBe(true);
  });

  it('documents query parameters with their real types (an integer limit, a boolean read)', () => {
    const op = (doc.paths as Record<string, Record<string, Json>>)['/entries']?.get as Json;
    const params = Object.fromEntries(((op.parameters ?? []) as Json[]).map((p) => [p.name, p]));
    expect(params.limit).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500 } });
    expect(params.read).toMatchObject({ schema: { type: 'boolean' } });
    expect(params.since).toMatchObject({ schema: { type: 'string' } });
  });
});
