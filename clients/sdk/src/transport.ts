/**
 * The one thing the SDK needs from a platform: a fetch. Typed structurally (no DOM or Node types)
 * so that the browser's and Node's fetch, React Native's, and a wx.request wrapper all fit.
 */

/** AbortSignal where the platform has one (browsers, Node, React Native); nothing elsewhere. */
export type PlatformAbortSignal = typeof globalThis extends { AbortSignal: { prototype: infer S } } ? S : never;

export interface FetchLikeInit {
  method: string;
  headers: Record<string, string>;
  /** Absent for GET (a trusted document's read). */
  body?: string;
  signal?: PlatformAbortSignal;
}

export interface FetchLikeResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText?: string;
  text(): Promise<string>;
}

/** A subset of WHATWG fetch: the global fetch of browsers, Node 18+ and React Native fits as is. */
export type FetchLike = (url: string, init: FetchLikeInit) => Promise<FetchLikeResponse>;

export function defaultFetch(): FetchLike {
  const found = (globalThis as { fetch?: FetchLike }).fetch;
  if (typeof found !== 'function') {
    throw new TypeError('No global fetch on this platform: pass `fetch` to createNianbaoClient (see wechatFetch for mini programs).');
  }
  // Called unbound, some platforms' fetch throws "Illegal invocation".
  return (url, init) => found.call(globalThis, url, init);
}
