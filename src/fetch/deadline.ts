/**
 * One abort signal per fetch call that fires on the caller's signal or when the total timeout
 * runs out, whichever comes first. The clock starts at `start()` (when the first request slot is
 * granted), so time spent queued behind the per-host limiter does not count against a fetch.
 * `timedOut` tells a timeout apart from a caller abort, whatever error undici reports for either.
 * (AbortSignal.any would do the joining, but it arrived in Node 20.3 and we support all of 20.)
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private fired = false;
  private readonly onOuterAbort = (): void => this.controller.abort(this.outer?.reason);

  constructor(
    private readonly timeoutMs: number,
    private readonly outer?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    if (outer?.aborted) this.onOuterAbort();
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  get timedOut(): boolean {
    return this.fired;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort(new Error(`total timeout of ${this.timeoutMs} ms`));
    }, this.timeoutMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }
}
