import { narrativeSections } from '../similarity/text.js';
import {
  contentFieldLabel,
  enterpriseOwnershipOptions,
  narrativeSectionLabels,
  operatorNatureOptions,
  yesNoOptions,
  type NarrativeSection,
} from './labels.js';

/**
 * What changed between two submitted versions of an application (the one returned and the one
 * resubmitted): the form's fields (附件2 and the provincial filing) as printed text, the 申报书's
 * sections as plain text, and the uploads per kind. Pure: the server computes it, the web app
 * highlights the differences inside each changed text.
 */

export interface FieldChange {
  path: string;
  label: string;
  before: string;
  after: string;
}
export interface SectionChange {
  key: string;
  label: string;
  before: string;
  after: string;
}
export interface SnapshotFile {
  kind: string;
  fileName: string;
  sha256: string;
}
export interface FileChange {
  kind: string;
  change: 'added' | 'removed' | 'replaced';
  before: { fileName: string; sha256: string }[];
  after: { fileName: string; sha256: string }[];
}

const CHOICES = new Map<string, string>([
  ...operatorNatureOptions.map((o) => [o.value, o.label] as [string, string]),
  ...enterpriseOwnershipOptions.map((o) => [o.value, o.label] as [string, string]),
  ...yesNoOptions.map((o) => [o.value, o.label] as [string, string]),
]);

/** A leaf value as a reader would print it. */
function printed(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return CHOICES.get(v) ?? v;
  return String(v);
}

/** Dotted paths to printed leaves; lists of plain values are one leaf (joined with 、). */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    out.set(prefix, value.map(printed).filter(Boolean).join('、'));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, `${prefix}.${i}`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, `${prefix}.${k}`, out);
  } else {
    out.set(prefix, printed(value));
  }
}

const fieldsOf = (content: Record<string, unknown>) => {
  const out = new Map<string, string>();
  flatten(content.basicInfo ?? {}, 'basicInfo', out);
  flatten(content.provincialFiling ?? {}, 'provincialFiling', out);
  return out;
};

export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  // Keep the form's order: the resubmitted version's order first, then what it no longer has.
  paths.sort((x, y) => (b.has(x) ? 0 : 1) - (b.has(y) ? 0 : 1));
  return paths
    .filter((p) => (a.get(p) ?? '') !== (b.get(p) ?? ''))
    .map((p) => ({ path: p, label: contentFieldLabel(p), before: a.get(p) ?? '', after: b.get(p) ?? '' }));
}

function sectionLabel(key: string): string {
  const c = /^successCases\.(\d+)$/.exec(key);
  if (c) return `成功案例 ${Number(c[1]) + 1}`;
  return narrativeSectionLabels[key as NarrativeSection] ?? key;
}

export function sectionChanges(before: Record<string, unknown>, after: Record<string, unknown>): SectionChange[] {
  const a = new Map(narrativeSections(before.narrative).map((s) => [s.key, s.text]));
  const b = new Map(narrativeSections(after.narrative).map((s) => [s.key, s.text]));
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  return keys
    .filter((k) => (a.get(k) ?? '') !== (b.get(k) ?? ''))
    .map((k) => ({ key: k, label: sectionLabel(k), before: a.get(k) ?? '', after: b.get(k) ?? '' }));
}

export function fileChanges(before: readonly SnapshotFile[], after: readonly SnapshotFile[]): FileChange[] {
  const kinds = [...new Set([...after.map((f) => f.kind), ...before.map((f) => f.kind)])];
  const pick = (files: readonly SnapshotFile[], kind: string) =>
    files.filter((f) => f.kind === kind).map((f) => ({ fileName: f.fileName, sha256: f.sha256 }));
  const out: FileChange[] = [];
  for (const kind of kinds) {
    const was = pick(before, kind);
    const now = pick(after, kind);
    const same =
      was.length === now.length &&
      was.every((f) => now.some((g) => g.sha256 === f.sha256 && g.fileName === f.fileName));
    if (same) continue;
    out.push({
      kind,
      change: was.length === 0 ? 'added' : now.length === 0 ? 'removed' : 'replaced',
      before: was,
      after: now,
    });
  }
  return out;
}
