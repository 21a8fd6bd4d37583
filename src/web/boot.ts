/**
 * The page's first script (index.html), a few hundred bytes without imports: starts the GET requests
 * the opened page will wait for — the session and, in the applicant's editor, the application — while
 * the app's code is still on its way, instead of once it has arrived and rendered. The API client takes
 * each response once, for a GET of the same address (src/web/api/early.ts); src/web/preload.ts drops
 * those the page did not take.
 */

declare global {
  interface Window {
    /** Responses of the requests started by boot.ts, by address (null once the first render is done). */
    __msfEarly?: Map<string, Promise<Response>> | null;
  }
}

/** The public pages (src/web/routes.tsx): no session to wait for. */
export const PUBLIC_PREFIXES = ['/login', '/register', '/notice', '/batches/', '/public/'];
const EDITOR = /^\/applicant\/applications\/([0-9a-f-]{36})\/?$/;

/** The API addresses the page at `pathname` will request first. */
export function earlyPaths(pathname: string): string[] {
  if (PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`))) return [];
  const editor = EDITOR.exec(pathname);
  return editor ? ['/api/session', `/api/applications/${editor[1]}`] : ['/api/session'];
}

// Not in the tests; and never after the app has started (an async script may in theory run late).
if (typeof window !== 'undefined' && window.__msfEarly === undefined) {
  const early = new Map<string, Promise<Response>>();
  for (const path of earlyPaths(window.location.pathname)) {
    // The same request the client sends (src/web/api/client.ts).
    const res = fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    res.catch(() => undefined); // a failure is the client's to report, if it takes this response
    early.set(path, res);
  }
  window.__msfEarly = early;
}
