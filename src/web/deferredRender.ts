import { useDeferredValue } from 'react';

/**
 * False on a component's first render and true in a second render React makes right after it, at
 * low priority (useDeferredValue with an initial value): parts of a page that are below the fold or
 * beside its main content render once the first screen has painted instead of holding that paint
 * back (issue 17: the applicant's editor, its largest contentful paint on a slow line).
 */
export const useSecondRender = (): boolean => useDeferredValue(true, false);
