import type { Extensions } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';

/** Tables with header cells (their own chunk: see useTableExtensions). */
export const tableExtensions = (): Extensions => [
  Table.configure({ resizable: false }),
  TableRow,
  TableHeader,
  TableCell,
];
