import type { ReactNode } from 'react';
import './review.css';

/**
 * Text for screen readers only, e.g. which row a button acts on. Used instead of aria-label so the
 * accessible name still begins with the visible label (WCAG 2.5.3).
 */
export function ScreenReaderOnly({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}
