import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Wraps a table that may scroll sideways on a narrow screen: its scrolling box becomes focusable, so
 * keyboard users can scroll it even when no cell holds a link or button (axe: scrollable-region-focusable).
 */
export function KeyboardScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const mark = () =>
      el.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body').forEach((box) => {
        if (box.tabIndex === 0) return;
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', label);
      });
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [label]);
  return <div ref={ref}>{children}</div>;
}
