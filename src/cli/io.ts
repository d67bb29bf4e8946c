/** The CLI's view of the outside world, injected so commands run in-process in tests. */
export interface CliIo {
  stdout: (text: string) => Promise<void> | void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress bars) rather than a log or a pipe. */
  isTty: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Resolves with the signal's name when the process is asked to stop (SIGINT, SIGTERM). */
  untilShutdown(): Promise<string>;
}

export function processIo(): CliIo {
  return {
    stdout: (text) =>
      new Promise<void>((resolve, reject) => {
        // Wait for the write to be flushed so huge outputs do not pile up in memory.
        process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
      }),
    stderr: (text) => {
      process.stderr.write(text);
    },
    isTty: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    untilShutdown: () =>
      new Promise((resolve) => {
        const stop = (signal: string) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
  };
}

/** Thrown by commands for bad usage; the runner prints it and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
