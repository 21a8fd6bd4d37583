import type { DraftContent } from '../../../domain/application.js';

/**
 * The browser's copy of unsaved changes (localStorage), so that nothing typed is lost when the
 * connection drops, the session ends or the tab closes before the autosave reached the server.
 */

export const SECTIONS = ['basicInfo', 'narrative', 'provincialFiling'] as const;
export type Section = (typeof SECTIONS)[number];
/** The sections being edited, typed by the shared draft schema (what the server stores and returns). */
export type Content = { [S in Section]?: DraftContent[S] };

export interface LocalDraft {
  /** The server version the changes were made on. */
  baseVersion: number;
  /** Only the sections changed since the last save. */
  changes: Content;
  /** When the copy was written (ISO). */
  at: string;
  /** The tab that wrote it (CLOSED once that page closed): a copy another live tab is still working on is not taken over. */
  tabId: string;
}

const key = (appId: string) => `makerspace:draft:${appId}`;

/** This tab's identity, for telling its own copy from another tab's. */
export const TAB_ID = Math.random().toString(36).slice(2);

export function readLocalDraft(appId: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key(appId));
    if (!raw) return null;
    const v = JSON.parse(raw) as LocalDraft;
    return typeof v.baseVersion === 'number' && v.changes && typeof v.at === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(appId: string, draft: LocalDraft): void {
  try {
    window.localStorage.setItem(key(appId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the autosave still works while online.
  }
}

/** Forgets the copy once it has reached the server (only this tab's own copy, unless `any`). */
export function clearLocalDraft(appId: string, opts: { any?: boolean } = {}): void {
  try {
    const current = readLocalDraft(appId);
    if (current && (opts.any || current.tabId === TAB_ID)) window.localStorage.removeItem(key(appId));
  } catch {
    // nothing to clear
  }
}

/** A copy written by another tab in the last half minute is probably still being saved by that tab. */
export const isLiveElsewhere = (d: LocalDraft, now = Date.now()) =>
  d.tabId !== TAB_ID && d.tabId !== CLOSED && now - new Date(d.at).getTime() < 30_000;

/** The tab id a closing page leaves on its copy: the next page may take it over at once. */
export const CLOSED = 'closed';
