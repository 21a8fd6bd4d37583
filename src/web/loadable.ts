import { createElement, lazy, useDeferredValue, useState, type ComponentType } from 'react';

/** A dynamic import run at most once, whose module is known once it has arrived. */
export interface Loader<M> {
  (): Promise<M>;
  /** The module, once loaded (undefined before). */
  loaded(): M | undefined;
}

export function loader<M>(load: () => Promise<M>): Loader<M> {
  let promise: Promise<M> | undefined;
  let mod: M | undefined;
  const run = () =>
    (promise ??= load().then(
      (m) => (mod = m),
      (err: unknown) => {
        promise = undefined; // a failed chunk may be retried
        throw err;
      },
    ));
  return Object.assign(run, { loaded: () => mod });
}

/**
 * React.lazy that renders at once when the module has already arrived (started early by
 * src/web/preload.ts): React.lazy suspends on its first render even then, and React 19 shows the
 * fallback and holds the content back for up to 300 ms after it (its Suspense throttling) — the
 * applicant's editor painted its form ~0.5 s after its code had arrived. Each mounted instance keeps
 * the way it started (switching would remount the page and lose its state).
 */
export function lazyLoaded<M, P extends object>(load: Loader<M>, pick: (mod: M) => ComponentType<P>): ComponentType<P> {
  const Lazy = lazy(() => load().then((mod) => ({ default: pick(mod) })));
  function LazyLoaded(props: P) {
    const [mod] = useState(load.loaded);
    return mod ? createElement(pick(mod), props) : createElement(Lazy as ComponentType<P>, props);
  }
  return LazyLoaded;
}

/**
 * False on a component's first render and true in a second render React makes right after it, at
 * low priority (useDeferredValue with an initial value): parts of a page that are below the fold or
 * beside its main content render once the first screen has painted instead of holding that paint
 * back (issue 17: the applicant's editor, its largest contentful paint on a slow line). Here, in the
 * entry's code, so that the pages using it need no chunk of their own for it.
 */
export const useSecondRender = (): boolean => useDeferredValue(true, false);
