/**
 * Progress for long work (OPML import, fetch, export, import, reindex): count, rate and time left
 * on stderr. On a terminal one line is redrawn in place; elsewhere (CI, logs) a plain line is
 * printed every few seconds, so logs stay readable.
 */
export interface Progress {
  tick(step?: number): void;
  done(): void;
}

const PLAIN_EVERY_MS = 3000;

export function startProgress(label: string, total: number, out: { write: (s: string) => void; isTty: boolean }, now: () => number = Date.now): Progress {
  const started = now();
  let count = 0;
  let lastPlain = started;
  const render = (): string => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? count / seconds : 0;
    const left = rate > 0 ? Math.ceil((total - count) / rate) : 0;
    return `${label}  ${count}/${total}  ${rate.toFixed(1)}/s  ${left}s left`;
  };
  return {
    tick(step = 1) {
      count += step;
      if (out.isTty) {
        out.write(`\r\x1b[2K${render()}`);
      } else if (now() - lastPlain >= PLAIN_EVERY_MS) {
        lastPlain = now();
        out.write(`${render()}\n`);
      }
    },
    done() {
      if (out.isTty) out.write('\r\x1b[2K');
    },
  };
}
