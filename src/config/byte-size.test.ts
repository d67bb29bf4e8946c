import { describe, expect, it } from 'vitest';
import { formatByteSize, parseByteSize } from './byte-size.js';
import { defaultFile, load, problemsOf } from './testdata/harness.js';

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe('parseByteSize', () => {
  it.each([
    ['a plain number is bytes', '1048576', 1_048_576],
    ['B is bytes', '100B', 100],
    ['KiB is 1024', '512KiB', 512 * KiB],
    ['units ignore case', '512kib', 512 * KiB],
    ['KB is 1000', '64KB', 64_000],
    ['MB is a million', '20MB', 20_000_000],
    ['MiB with a space', '20 MiB', 20 * MiB],
    ['bare M is 1024-based, as nginx reads it', '20M', 20 * MiB],
    ['bare k is 1024-based', '2k', 2 * KiB],
    ['GiB', '1GiB', GiB],
    ['GB', '2GB', 2_000_000_000],
    ['a fraction with a unit', '1.5KiB', 1536],
    ['a fraction rounds to whole bytes', '1.1KiB', 1126],
    ['half a megabyte', '0.5MB', 500_000],
    ['surrounding spaces', '  8 KiB ', 8 * KiB],
  ])('%s: %j', (_case, text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each([
    ['empty', ''],
    ['a unit alone', 'MB'],
    ['an unknown unit', '20 parsecs'],
    ['terabytes are not offered', '1TB'],
    ['a plural unit', '20 MBs'],
    ['negative', '-5'],
    ['a fraction of a byte', '1.5'],
    ['exponent notation', '1e6'],
    ['hexadecimal', '0x10'],
    ['a split unit', '20 M B'],
    ['a comma separator', '1,024'],
  ])('rejects %s: %j', (_case, text) => {
    expect(parseByteSize(text)).toBeNull();
  });
});

describe('formatByteSize', () => {
  it.each([
    [1, '1 byte'],
    [1000, '1000 bytes'],
    [1536, '1536 bytes'],
    [KiB, '1 KiB'],
    [20 * MiB, '20 MiB'],
    [512 * MiB, '512 MiB'],
    [GiB, '1 GiB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatByteSize(bytes)).toBe(text);
  });
});

describe('maxFeedBytes from every source', () => {
  it.each([
    ['env, with a unit', { env: { FEEDKEEPER_MAX_FEED_BYTES: '512KiB' } }, 512 * KiB],
    ['flag, with a unit', { flags: { maxFeedBytes: '20MB' } }, 20_000_000],
    ['file, as a JSON number', { files: defaultFile({ maxFeedBytes: 1_048_576 }) }, MiB],
    ['file, as text', { files: defaultFile({ maxFeedBytes: '64 MiB' }) }, 64 * MiB],
    ['the lower bound', { env: { FEEDKEEPER_MAX_FEED_BYTES: '1KiB' } }, KiB],
    ['the upper bound', { env: { FEEDKEEPER_MAX_FEED_BYTES: '512MiB' } }, 512 * MiB],
    ['default', {}, 20 * MiB],
  ])('%s', (_case, layers, bytes) => {
    expect(load(layers).config.maxFeedBytes).toBe(bytes);
  });

  const expected = 'expected a size from 1 KiB to 512 MiB, in bytes or with a unit such as 512KiB or 20MB';
  it.each([
    ['below 1 KiB', { env: { FEEDKEEPER_MAX_FEED_BYTES: '1000' } }, `FEEDKEEPER_MAX_FEED_BYTES: ${expected}, got "1000"`],
    ['above 512 MiB', { flags: { maxFeedBytes: '513MiB' } }, `--max-feed-bytes: ${expected}, got "513MiB"`],
    ['not a size', { env: { FEEDKEEPER_MAX_FEED_BYTES: 'lots' } }, `FEEDKEEPER_MAX_FEED_BYTES: ${expected}, got "lots"`],
    ['a fractional JSON number', { files: defaultFile({ maxFeedBytes: 2048.5 }) }, `config file /srv/data/feedkeeper.json: maxFeedBytes: ${expected}, got 2048.5`],
  ])('rejects %s', (_case, layers, message) => {
    expect(problemsOf(layers)).toEqual([message]);
  });
});
