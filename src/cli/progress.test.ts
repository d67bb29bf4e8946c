import { describe, expect, it } from 'vitest';
import { startProgress } from './progress.js';

describe('startProgress', () => {
  it('redraws one line on a terminal', () => {
    const out: string[] = [];
    let t = 0;
    const p = startProgress('import', 4, { write: (s) => out.push(s), isTty: true }, () => t);
    t = 1000;
    p.tick();
    p.tick();
    p.done();
    expect(out[1]).toBe('\r\x1b[2Kimport  2/4  2.0/s  1s left');
    expect(out.at(-1)).toBe('\r\x1b[2K');
  });

  it('prints a plain line every few seconds off a terminal', () => {
    const out: string[] = [];
    let t = 0;
    const p = startProgress('fetch', 100, { write: (s) => out.push(s), isTty: false }, () => t);
    for (let i = 0; i < 10; i++) {
      t += 1000;
      p.tick();
    }
    expect(out).toEqual(['fetch  3/100  1.0/s  97s left\n', 'fetch  6/100  1.0/s  94s left\n', 'fetch  9/100  1.0/s  91s left\n']);
  });
});
