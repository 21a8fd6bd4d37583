/**
 * The responses src/web/boot.ts started before the app's code had arrived, by address. The API client
 * takes each once, for a GET of the same address; src/web/preload.ts drops those the first render did
 * not take, so a later GET always asks the server.
 */

/** The response boot.ts started for this GET address, taken once. */
export function takeEarly(url: string): Promise<Response> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.__msfEarly;
  const res = early?.get(url);
  early?.delete(url);
  return res;
}

/** Drops the responses the first render did not take (null: boot.ts, if it ran late, starts none). */
export function dropEarlyResponses(): void {
  if (typeof window !== 'undefined') window.__msfEarly = null;
}
