/**
 * A small concurrency limiter: at most `perKey` holders per key (a host) and `global` in total.
 * Waiters queue per key; when a slot frees, the least recently served key with a waiter that fits
 * goes next, so one busy host cannot starve the others. Callers must call the returned release
 * exactly once, on every path (use try/finally); extra calls are ignored.
 */
export type Release = () => void;

export interface Limiter {
  /** Resolves with a release once a slot is free; rejects with `signal.reason` if aborted while waiting. */
  acquire(key: string, signal?: AbortSignal): Promise<Release>;
  readonly active: number;
  readonly waiting: number;
}

interface Waiter {
  grant: (release: Release) => void;
}

export function createLimiter(limits: { perKey: number; global: number }): Limiter {
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`limiter ${name}: expected an integer ≥ 1, got ${value}`);
  }
  const activeByKey = new Map<string, number>();
  const queues = new Map<string, Waiter[]>(); // insertion order = service order
  let active = 0;
  let waiting = 0;

  const fits = (key: string): boolean => active < limits.global && (activeByKey.get(key) ?? 0) < limits.perKey;

  function take(key: string): Release {
    active++;
    activeByKey.set(key, (activeByKey.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active--;
      const left = (activeByKey.get(key) ?? 1) - 1;
      if (left === 0) activeByKey.delete(key);
      else activeByKey.set(key, left);
      pump();
    };
  }

  function pump(): void {
    for (const [key, queue] of queues) {
      if (active >= limits.global) return;
      if (!fits(key)) continue;
      const next = queue.shift();
      queues.delete(key); // re-added at the back: served keys go last
      if (queue.length > 0) queues.set(key, queue);
      if (next) {
        waiting--;
        next.grant(take(key));
      }
    }
  }

  function acquire(key: string, signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (fits(key) && !queues.has(key)) return Promise.resolve(take(key));
    return new Promise<Release>((resolve, reject) => {
      const onAbort = (): void => {
        const queue = queues.get(key);
        const at = queue?.indexOf(waiter) ?? -1;
        if (queue && at >= 0) {
          queue.splice(at, 1);
          if (queue.length === 0) queues.delete(key);
          waiting--;
        }
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const queue = queues.get(key) ?? [];
      queue.push(waiter);
      queues.set(key, queue);
      waiting++;
    });
  }

  return {
    acquire,
    get active() {
      return active;
    },
    get waiting() {
      return waiting;
    },
  };
}

/**
 * This process's limiter, then a slot shared with other processes for the same host: the local
 * one keeps the global bound and fairness, the shared one the per-host bound across all workers.
 */
export function withSharedHostSlots(local: Limiter, shared: { acquire(key: string, signal?: AbortSignal): Promise<Release> }): Limiter {
  return {
    async acquire(key, signal) {
      const releaseLocal = await local.acquire(key, signal);
      try {
        const releaseShared = await shared.acquire(key, signal);
        return () => {
          releaseShared();
          releaseLocal();
        };
      } catch (err) {
        releaseLocal();
        throw err;
      }
    },
    get active() {
      return local.active;
    },
    get waiting() {
      return local.waiting;
    },
  };
}
