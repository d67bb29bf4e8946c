/**
 * Types for the slice of autocannon (CommonJS, no type declarations of its own) that
 * serve-load.ts calls: one run with a callback, and the per-response event.
 */
declare module 'autocannon' {
  export interface AutocannonRequest {
    method?: string;
    path?: string;
    /** The options' headers merged with the request's own (setupRequest sees them merged). */
    headers?: Record<string, string>;
    /** Called before each request is sent; returns the request to send. */
    setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
  }

  interface AutocannonOptions {
    url: string;
    connections: number;
    /** Seconds. */
    duration: number;
    /** Seconds before a request counts as timed out. */
    timeout: number;
    headers: Record<string, string>;
    requests: AutocannonRequest[];
  }

  interface AutocannonResult {
    /** Requests without a response, timeouts included. */
    errors: number;
    timeouts: number;
  }

  interface AutocannonInstance {
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTimeMs: number) => void): void;
  }

  function autocannon(opts: AutocannonOptions, done: (err: Error | null, result: AutocannonResult) => void): AutocannonInstance;
  export default autocannon;
}
