import { describe, expect, it } from 'vitest';
import { countParam, itemIdsParam, LIMITS, orderParam, outputParam, paramsOf, timeParam } from './params.js';

const p = (...pairs: Array<[string, string]>) => paramsOf(pairs);
const error = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
};

describe('Google Reader parameters', () => {
  it('keeps every value of a repeated parameter and the last of a single one', () => {
    const params = p(['i', '1'], ['n', '5'], ['i', '2'], ['n', '7']);
    expect(params.all('i')).toEqual(['1', '2']);
    expect(params.one('n')).toBe('7');
    expect(params.one('c')).toBeUndefined();
    expect(params.all('c')).toEqual([]);
  });

  it.each([
    ['absent', [], 20],
    ['empty', [['n', '']], 20],
    ['one', [['n', '1']], 1],
    ['the maximum', [['n', '1000']], 1000],
  ] as Array<[string, Array<[string, string]>, number]>)('n %s', (_case, pairs, n) => {
    expect(countParam(paramsOf(pairs), 'n', LIMITS.contents)).toBe(n);
  });

  it.each(['0', '-5', '1001', 'ten', '2.5', '1e3', '99999999999'])('refuses n=%s naming the range', (raw) => {
    expect(error(() => countParam(p(['n', raw]), 'n', LIMITS.contents))).toMatchObject({ code: 'USAGE', message: expect.stringContaining('n: expected a whole number from 1 to 1000') });
  });

  it('allows 10,000 ids but no more', () => {
    expect(countParam(p(['n', '10000']), 'n', LIMITS.ids)).toBe(10_000);
    expect(error(() => countParam(p(['n', '10001']), 'n', LIMITS.ids))).toMatchObject({ code: 'USAGE' });
  });

  it.each([
    ['seconds', '1709541000', 1_709_541_000_000],
    ['seconds with a fraction', '1709541000.75', 1_709_541_000_750],
    ['milliseconds', '1709541000123', 1_709_541_000_123],
    ['microseconds', '1709541000123456', 1_709_541_000_123],
    ['zero', '0', 0],
  ])('a time in %s', (_case, raw, ms) => {
    expect(timeParam(p(['ot', raw]), 'ot')).toBe(ms);
  });

  it('refuses a time that is not a number and leaves an absent one undefined', () => {
    expect(error(() => timeParam(p(['ts', 'yesterday']), 'ts'))).toMatchObject({ code: 'USAGE', message: expect.stringContaining('ts: expected a Unix time') });
    expect(error(() => timeParam(p(['ot', '-1']), 'ot'))).toMatchObject({ code: 'USAGE' });
    expect(timeParam(p(), 'ot')).toBeUndefined();
  });

  it('reads the order and the output', () => {
    expect(orderParam(p())).toBe('newest');
    expect(orderParam(p(['r', 'o']))).toBe('oldest');
    expect(orderParam(p(['r', 'd']))).toBe('newest');
    expect(error(() => orderParam(p(['r', 'sideways'])))).toMatchObject({ code: 'USAGE' });
    expect(outputParam(p(), ['json', 'atom'])).toBe('json');
    expect(outputParam(p(['output', 'atom']), ['json', 'atom'])).toBe('atom');
    expect(error(() => outputParam(p(['output', 'atom']), ['json']))).toMatchObject({ code: 'USAGE', message: 'output: expected "json", got "atom"' });
  });

  it('reads item ids in every form, dropping repeats and ids no article has', () => {
    // Articles 10, 11, 12 and 13 are items 170 (0xaa), 186 (0xba), 202 and 218.
    const params = p(['i', 'tag:google.com,2005:reader/item/00000000000000aa'], ['i', '170'], ['i', '00000000000000ba'], ['i', '0'], ['i', '202,218']);
    expect(itemIdsParam(params, 10)).toEqual([10, 11, 12, 13]);
  });

  it('refuses the whole list for one malformed id, an empty list and a list over the cap', () => {
    expect(error(() => itemIdsParam(p(['i', '1'], ['i', 'nope']), 10))).toMatchObject({ code: 'USAGE', message: expect.stringContaining('"nope"') });
    expect(error(() => itemIdsParam(p(), 10))).toMatchObject({ code: 'USAGE', message: 'i: expected at least one item id' });
    const many = Array.from({ length: 11 }, (_, k): [string, string] => ['i', String(k + 1)]);
    expect(error(() => itemIdsParam(paramsOf(many), 10))).toMatchObject({ code: 'USAGE', message: 'i: expected at most 10 item ids in one request, got 11' });
  });
});
