/**
 * Peak resident memory for the whole bench run. A timer samples process.memoryUsage().rss, and
 * suites call sample() between timed passes too, because a synchronous parse blocks the timer.
 * The operating system's own high-water mark (resourceUsage().maxRSS) is reported beside it.
 */

export interface RssSampler {
  sample(): void;
  readonly peakBytes: number;
  stop(): void;
}

export function startRssSampler(intervalMs = 25): RssSampler {
  let peak = process.memoryUsage().rss;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    sample,
    get peakBytes() {
      return peak;
    },
    stop: () => {
      sample();
      clearInterval(timer);
    },
  };
}

/** The kernel's peak RSS for this process (maxRSS is in kilobytes). */
export function osPeakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
