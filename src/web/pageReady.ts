/**
 * The code and data of the opened page, started by src/web/preload.ts as soon as the entry runs. The
 * layout's route waits for them (up to MAX_WAIT_MS) before its first render, so that the page appears
 * at once, not as the layout with a spinner first: each Suspense fallback shown makes React 19 hold the
 * content back for up to 300 ms after it, and re-rendering the layout costs another long task.
 */
const MAX_WAIT_MS = 1500;

let markReady: () => void = () => undefined;
// Created at once: the router asks for the layout when it is created, before preload.ts has run.
const ready = new Promise<void>((resolve) => (markReady = resolve));

/** Called once by preload.ts: with what the opened page waits for (nothing for a public page). */
export function setPageReady(promise: Promise<unknown>): void {
  void promise.then(markReady, markReady);
}

/** Resolves once the opened page's code and data have arrived (or failed), or after MAX_WAIT_MS. */
export function pageReady(): Promise<void> {
  return Promise.race([ready, new Promise<void>((resolve) => setTimeout(resolve, MAX_WAIT_MS))]);
}
