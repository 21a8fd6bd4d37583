import {
  parseStoredContent,
  parseStoredSnapshot,
  type DraftContent,
  type SnapshotContent,
  type StoredRead,
} from '../../domain/application.js';
import type { ErrorDetail } from '../../domain/errors.js';

/**
 * The repository boundary for application content: the JSON stored in `applications.content` and
 * `application_snapshots.content` is parsed here, once, into the shared domain types, so nothing
 * past the repositories handles `Record<string, unknown>`. A row that does not parse never fails a
 * read: what does not parse is left out and reported (the app logs it as a warning).
 */

export type ContentProblemReporter = (where: string, problems: ErrorDetail[]) => void;

let report: ContentProblemReporter = (where, problems) =>
  process.emitWarning(`stored content of ${where} does not parse: ${JSON.stringify(problems)}`, 'ContentWarning');

/** Where problems go (the app passes its logger). */
export function onContentProblems(reporter: ContentProblemReporter): void {
  report = reporter;
}

function read<T>(
  json: string | null | undefined,
  where: string,
  parse: (v: unknown) => StoredRead<T>,
  leaveOut: readonly string[] = [],
): T {
  let value: unknown = {};
  let bad = false;
  try {
    value = JSON.parse(json ?? '{}');
  } catch {
    bad = true;
  }
  // Our own fresh parse: keys left out are deleted from it before it is checked.
  if (value && typeof value === 'object' && !Array.isArray(value))
    for (const key of leaveOut) delete (value as Record<string, unknown>)[key];
  const r = parse(bad ? {} : value);
  const problems = bad ? [{ path: '', message: '申报内容不是有效的 JSON' }, ...r.problems] : r.problems;
  if (problems.length) report(where, problems);
  return r.content;
}

/** A section of the working copy. */
export type DraftSection = keyof DraftContent;

/**
 * An application's working copy (`applications.content`). Sections in `replacing` are left out,
 * neither checked nor returned: a save that replaces them never uses what was stored (an autosave
 * of the basic information does not check the stored one: reading a 9.6 KB content 68 → 24 µs).
 */
export const readContent = (
  json: string | null | undefined,
  where: string,
  replacing: readonly DraftSection[] = [],
): DraftContent => read(json, where, parseStoredContent, replacing);

/** A submitted snapshot (`application_snapshots.content`): its sections and its files. */
export const readSnapshot = (json: string | null | undefined, where: string): SnapshotContent =>
  read(json, where, parseStoredSnapshot);

/** A row with its `content` column read as the working copy (without the sections in `replacing`). */
export function withContent<R extends { id: string; content: string }>(
  row: R | undefined,
  replacing: readonly DraftSection[] = [],
): (Omit<R, 'content'> & { content: DraftContent }) | undefined {
  return row && { ...row, content: readContent(row.content, `application ${row.id}`, replacing) };
}
