/**
 * The page's first script (index.html), a few hundred bytes without imports: starts the GET requests
 * the opened page will wait for — the session and, in the applicant's editor, the application — while
 * the app's code is still on its way, instead of once it has arrived and rendered. The API client takes
 * each response once, for a GET of the same address (src/web/api/early.ts); src/web/preload.ts drops
 * those the page did not take. It also starts loading the code of the opened page (modulepreload):
 * the layout, the applicant's pages and the editor's step, which the entry would otherwise discover one
 * after another, each once the one before it had arrived and run.
 */

declare global {
  interface Window {
    /** Responses of the requests started by boot.ts, by address (null once the first render is done). */
    __msfEarly?: Map<string, Promise<Response>> | null;
  }
}

/** The addresses of the chunks of the pages boot.ts preloads (and their imports), set by the build (vite.config.ts). */
export interface RoutePreloads {
  /** The layout of every page behind the session. */
  layout: string[];
  /** The applicant's pages. */
  applicant: string[];
  /** The editor's steps, in order. */
  steps: string[][];
}
declare const __MSF_ROUTE_PRELOADS__: RoutePreloads;

/** The public pages (src/web/routes.tsx): no session to wait for. */
export const PUBLIC_PREFIXES = ['/login', '/register', '/notice', '/batches/', '/public/'];
const EDITOR = /^\/applicant\/applications\/([0-9a-f-]{36})\/?$/;
const APPLICANT = /^\/applicant(\/|$)/;

const isPublic = (pathname: string) =>
  PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`));

/** The API addresses the page at `pathname` will request first. */
export function earlyPaths(pathname: string): string[] {
  if (isPublic(pathname)) return [];
  const editor = EDITOR.exec(pathname);
  return editor ? ['/api/session', `/api/applications/${editor[1]}`] : ['/api/session'];
}

/**
 * The chunks the page at `pathname` + `search` will load: the layout behind the session, the applicant's
 * pages under /applicant, and in the editor the step `?step=` opens (as stepOf in editorSteps.ts, which
 * this script cannot import). The back office's chunk is left to the entry (which role, the address
 * does not say).
 */
export function preloadFiles(pathname: string, search: string, preloads: RoutePreloads): string[] {
  if (isPublic(pathname)) return [];
  const files = [...preloads.layout];
  if (APPLICANT.test(pathname)) files.push(...preloads.applicant);
  if (EDITOR.test(pathname)) {
    const step = Number(new URLSearchParams(search).get('step') ?? 0) || 0;
    files.push(...(preloads.steps[Math.min(Math.max(step, 0), preloads.steps.length - 1)] ?? []));
  }
  return [...new Set(files)];
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
  if (typeof __MSF_ROUTE_PRELOADS__ !== 'undefined') {
    for (const href of preloadFiles(window.location.pathname, window.location.search, __MSF_ROUTE_PRELOADS__)) {
      const link = document.createElement('link');
      // Vite adds the style sheets with crossorigin: the preload must ask the same way to be used.
      if (href.endsWith('.css')) Object.assign(link, { rel: 'preload', as: 'style', crossOrigin: '' });
      else link.rel = 'modulepreload';
      link.href = href;
      document.head.appendChild(link);
    }
  }
}
