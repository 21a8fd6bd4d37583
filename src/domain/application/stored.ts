import { z } from 'zod';
import type { ErrorDetail } from '../errors.js';
import { draftContentSchema, issuesToDetails, type DraftContent } from './content.js';

/**
 * Content as the database keeps it, read back into the shared types. The working copy and a
 * snapshot's sections are both read with the draft schema: it is the lenient one (every field
 * optional), so a snapshot frozen under older rules still reads, and a field renamed in the schema
 * is a type error wherever content is used (the form, the PDF, the Word and Excel producers).
 */

/** A file a snapshot froze: what the pledge's SHA-256 covers besides the content. */
export const snapshotFileSchema = z.object({
  kind: z.string().catch('other'),
  fileName: z.string(),
  sha256: z.string(),
  size: z.coerce.number().catch(0),
});
export type SnapshotFile = z.output<typeof snapshotFileSchema>;

/** A submitted snapshot: the content as frozen and the list of uploads. */
export type SnapshotContent = DraftContent & { files: SnapshotFile[] };

export interface StoredRead<T> {
  content: T;
  /** What did not parse and was left out (dotted paths); [] for a row written by this code. */
  problems: ErrorDetail[];
}

const MAX_PASSES = 20;

/** Removes the value at a path (an array element is taken out, an object key deleted). */
function dropAt(root: unknown, path: readonly PropertyKey[]): boolean {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!node || typeof node !== 'object') return false;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  const last = path[path.length - 1];
  if (last === undefined || !node || typeof node !== 'object') return false;
  if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
  else delete (node as Record<PropertyKey, unknown>)[last];
  return true;
}

/**
 * Checks stored content against the draft schema, never throwing: a value that does not parse is left
 * out (and reported), the rest is kept. The values are returned as stored (the schema's trimming is
 * not applied again to what was saved), so reading changes nothing. Not an object reads as empty.
 */
export function parseStoredContent(value: unknown): StoredRead<DraftContent> {
  const problems: ErrorDetail[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    if (value !== undefined && value !== null) problems.push({ path: '', message: '申报内容格式不正确' });
    return { content: {}, problems };
  }
  let work: unknown = value;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = draftContentSchema.safeParse(work);
    if (result.success) return { content: work as DraftContent, problems };
    // Bad values are dropped from a copy: the caller's value is left as it was.
    if (pass === 0) work = structuredClone(value);
    problems.push(...issuesToDetails(result.error.issues));
    // Deepest paths first, so that removing an array element does not shift another issue's index.
    const paths = result.error.issues.map((i) => i.path).sort((a, b) => compareDesc(a, b));
    if (!paths.every((p) => p.length > 0 && dropAt(work, p))) break;
  }
  return { content: {}, problems: problems.length ? problems : [{ path: '', message: '申报内容格式不正确' }] };
}

function compareDesc(a: readonly PropertyKey[], b: readonly PropertyKey[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(y).localeCompare(String(x));
  }
  return b.length - a.length;
}

/** A snapshot's stored JSON value: its sections as parseStoredContent reads them, and its file list. */
export function parseStoredSnapshot(value: unknown): StoredRead<SnapshotContent> {
  const { files, ...sections } = value && typeof value === 'object' ? (value as { files?: unknown }) : { files: [] };
  const read = parseStoredContent(value && typeof value === 'object' && !Array.isArray(value) ? sections : value);
  const list = Array.isArray(files) ? files : [];
  const parsed = list.flatMap((f, i) => {
    const r = snapshotFileSchema.safeParse(f);
    if (!r.success) read.problems.push({ path: `files.${i}`, message: '附件记录格式不正确' });
    return r.success ? [r.data] : [];
  });
  return { content: { ...read.content, files: parsed }, problems: read.problems };
}
