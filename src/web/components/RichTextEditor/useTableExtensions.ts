import { useEffect, useState } from 'react';
import type { Extensions } from '@tiptap/core';

let loaded: Extensions | null = null;
let loading: Promise<Extensions> | null = null;

function loadTableExtensions(): Promise<Extensions> {
  loading ??= import('./tables').then(
    (mod) => (loaded = mod.tableExtensions()),
    (e: unknown) => {
      loading = null; // the next need tries again
      throw e;
    },
  );
  return loading;
}

/** Whether a narrative's HTML holds a table (and so needs the table extensions to be shown). */
export const hasTable = (html: string) => /<table[\s>]/i.test(html);

/**
 * The table extensions (prosemirror-tables), loaded only when a document holds a table or the user
 * inserts one: most drafts have none, and the editor's first paint does without them. `tables` is null
 * until loaded; `want` asks for them.
 */
export function useTableExtensions(needed: boolean): { tables: Extensions | null; want: () => void } {
  const [tables, setTables] = useState<Extensions | null>(loaded);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (!(needed || wanted) || tables) return;
    let live = true;
    loadTableExtensions().then(
      (t) => live && setTables(t),
      () => live && setWanted(false),
    );
    return () => {
      live = false;
    };
  }, [needed, wanted, tables]);
  return { tables, want: () => setWanted(true) };
}
