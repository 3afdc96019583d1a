/**
 * Timeouts and retries without platform typings: timers and AbortController are looked up on
 * globalThis (a mini program has timers but may lack AbortController; then a timed-out call is
 * abandoned rather than cancelled).
 */
import type { PlatformAbortSignal } from './transport.js';

interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}
interface SignalLike {
  readonly aborted: boolean;
  addEventListener?(type: 'abort', listener: () => void): void;
  removeEventListener?(type: 'abort', listener: () => void): void;
}
type ControllerClass = new () => { readonly signal: PlatformAbortSignal; abort(): void };

const platform = globalThis as unknown as Timers & { AbortController?: ControllerClass };

export class AttemptAborted extends Error {
  constructor(readonly reason: 'timeout' | 'aborted') {
    super(reason === 'timeout' ? 'timed out' : 'aborted');
  }
}

/**
 * Runs `attempt` with a signal that fires after `timeoutMs` (0: never) or when `outer` fires.
 * Rejects with AttemptAborted when either happens first.
 */
export function withTimeout<T>(attempt: (signal: PlatformAbortSignal | undefined) => Promise<T>, timeoutMs: number, outer: PlatformAbortSignal | undefined): Promise<T> {
  const outerSignal = outer as unknown as SignalLike | undefined;
  if (outerSignal?.aborted) return Promise.reject(new AttemptAborted('aborted'));
  const controller = platform.AbortController ? new platform.AbortController() : undefined;
  return new Promise<T>((resolve, reject) => {
    let timer: unknown;
    const stop = (reason: 'timeout' | 'aborted') => {
      controller?.abort();
      reject(new AttemptAborted(reason));
    };
    const onOuterAbort = () => stop('aborted');
    const cleanUp = () => {
      if (timer !== undefined) platform.clearTimeout(timer);
      outerSignal?.removeEventListener?.('abort', onOuterAbort);
    };
    if (timeoutMs > 0) timer = platform.setTimeout(() => stop('timeout'), timeoutMs);
    outerSignal?.addEventListener?.('abort', onOuterAbort);
    attempt(controller ? controller.signal : outer).then(
      (value) => (cleanUp(), resolve(value)),
      (error: unknown) => (cleanUp(), reject(error)),
    );
  });
}

/** Full-jitter exponential backoff: a random wait up to base × 2^retry. */
export function backoff(retry: number, baseMs: number, outer: PlatformAbortSignal | undefined): Promise<void> {
  const wait = Math.random() * baseMs * 2 ** retry;
  return withTimeout(() => new Promise<never>(() => {}), wait, outer).catch((error: unknown) => {
    if (error instanceof AttemptAborted && error.reason === 'timeout') return;
    throw error;
  });
}

/** Whether a GraphQL text is a query only (no mutation, no subscription): only those are retried. */
export function isQueryOnly(text: string): boolean {
  const code = text.replace(/#[^\n]*/g, '').replace(/"""[\s\S]*?"""|"(?:[^"\\]|\\.)*"/g, '""');
  return !/(^|[\s}])(mutation|subscription)\b/.test(code);
}
