import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ErrorDetail } from '../../../domain/errors.js';
import { applicationKey, fetchApplication, saveApplication, type ApplicationDetail } from '../../api/applications';
import { errorText, isApiError } from '../../api/client';
import {
  clearLocalDraft,
  CLOSED,
  isLiveElsewhere,
  readLocalDraft,
  SECTIONS,
  TAB_ID,
  writeLocalDraft,
  type Content,
  type LocalDraft,
  type Section,
} from './draftStore';

export type SaveState = 'saved' | 'pending' | 'saving' | 'offline' | 'error' | 'invalid' | 'conflict' | 'locked';

export interface DraftView {
  content: Content;
  version: number;
  state: SaveState;
  /** The unit's own last save (null: never saved), not the row's last change (a return moves that). */
  savedAt: string | null;
  /** Who saved it, when the page was loaded (another account of the unit may have). */
  savedBy?: string | null;
  /** The server's message for error, invalid and locked. */
  message: string | null;
  details: ErrorDetail[];
  /** Unsaved changes found in the browser that were made on an older version. */
  staleLocal: LocalDraft | null;
  /** When changes kept in the browser were taken back in (their time), for a notice. */
  restoredAt: string | null;
  /** Changes when the content is replaced from outside (another version loaded): forms remount. */
  loadKey: number;
}

const DEBOUNCE_MS = 2000;
const RETRY_MS = 10_000;

const pick = (content: Content, sections: Iterable<Section>): Content =>
  Object.fromEntries([...sections].map((s) => [s, content[s] ?? null])) as Content;

function initial(detail: ApplicationDetail): { view: DraftView; dirty: Set<Section> } {
  const base: DraftView = {
    content: detail.content as Content,
    version: detail.version,
    state: 'saved',
    savedAt: detail.lastSave?.at ?? null,
    savedBy: detail.lastSave?.byName ?? null,
    message: null,
    details: [],
    staleLocal: null,
    restoredAt: null,
    loadKey: 0,
  };
  const local = readLocalDraft(detail.id);
  const sections = local ? (Object.keys(local.changes) as Section[]).filter((s) => SECTIONS.includes(s)) : [];
  if (!local || sections.length === 0 || isLiveElsewhere(local)) return { view: base, dirty: new Set() };
  if (local.baseVersion !== detail.version) return { view: { ...base, staleLocal: local }, dirty: new Set() };
  return {
    view: { ...base, content: { ...base.content, ...local.changes }, state: 'pending', restoredAt: local.at },
    dirty: new Set(sections),
  };
}

/**
 * The application's content being edited, saved a moment after typing stops (PATCH with the version
 * it was based on). Changes not yet on the server are kept in the browser. A 409 version_conflict
 * stops saving until the user chooses: load the newer version, or overwrite it with this page's changes.
 */
export function useDraft(detail: ApplicationDetail, editable: boolean) {
  const qc = useQueryClient();
  const id = detail.id;
  const [init] = useState(() => initial(detail));
  const [view, setView] = useState<DraftView>(init.view);
  const contentRef = useRef<Content>(init.view.content);
  const versionRef = useRef(init.view.version);
  const dirty = useRef<Set<Section>>(init.dirty);
  const inflight = useRef<Promise<void> | null>(null);
  const blocked = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const flushRef = useRef<() => Promise<boolean>>(async () => true);

  const patch = useCallback((p: Partial<DraftView>) => setView((v) => ({ ...v, ...p })), []);

  const keepLocal = useCallback(() => {
    if (dirty.current.size === 0) return;
    writeLocalDraft(id, {
      baseVersion: versionRef.current,
      changes: pick(contentRef.current, dirty.current),
      at: new Date().toISOString(),
      tabId: TAB_ID,
    });
  }, [id]);

  const schedule = useCallback((ms: number) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flushRef.current(), ms);
  }, []);

  /** Saves now; resolves to whether everything typed is on the server. */
  const flush = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    if (inflight.current) {
      await inflight.current;
      if (dirty.current.size > 0 && !blocked.current) return flushRef.current();
      return dirty.current.size === 0;
    }
    if (blocked.current || !editable) return false;
    if (dirty.current.size === 0) return true;
    const sections = new Set(dirty.current);
    dirty.current.clear();
    patch({ state: 'saving' });
    const run = (async () => {
      try {
        const res = await saveApplication(id, { version: versionRef.current, ...pick(contentRef.current, sections) });
        versionRef.current = res.version;
        // The answer carries only the sections this save replaced (as stored): merged into the detail held.
        qc.setQueryData<ApplicationDetail>(applicationKey(id), (d) =>
          d ? { ...d, version: res.version, updatedAt: res.updatedAt, content: { ...d.content, ...res.content } } : d,
        );
        if (dirty.current.size === 0) {
          clearLocalDraft(id, { any: true });
          patch({
            version: res.version,
            savedAt: res.updatedAt,
            savedBy: null,
            state: 'saved',
            message: null,
            details: [],
          });
        } else {
          keepLocal();
          patch({ version: res.version, savedAt: res.updatedAt, savedBy: null, state: 'pending' });
          schedule(DEBOUNCE_MS);
        }
      } catch (e) {
        sections.forEach((s) => dirty.current.add(s));
        keepLocal();
        const code = isApiError(e) ? e.code : 'internal';
        if (code === 'network') {
          patch({ state: 'offline', message: null });
          schedule(RETRY_MS);
        } else if (code === 'version_conflict') {
          blocked.current = true;
          patch({ state: 'conflict', message: null });
        } else if (code === 'deadline_passed' || code === 'invalid_transition' || code === 'forbidden') {
          blocked.current = true;
          patch({ state: 'locked', message: errorText(e) });
        } else if (code === 'validation_failed' || code === 'payload_too_large') {
          patch({ state: 'invalid', message: errorText(e), details: isApiError(e) ? e.details : [] });
        } else if (code === 'session_expired' || code === 'unauthorized') {
          patch({ state: 'pending' });
        } else {
          patch({ state: 'error', message: errorText(e) });
          schedule(RETRY_MS);
        }
      }
    })();
    inflight.current = run;
    try {
      await run;
    } finally {
      inflight.current = null;
    }
    return dirty.current.size === 0;
  }, [editable, id, keepLocal, patch, qc, schedule]);
  flushRef.current = flush;

  /** Records a change of one section; the save follows shortly. */
  const update = useCallback(
    <S extends Section>(section: S, value: Content[S] | null) => {
      contentRef.current = { ...contentRef.current, [section]: value };
      dirty.current.add(section);
      keepLocal();
      setView((v) => ({
        ...v,
        content: contentRef.current,
        state: blocked.current ? v.state : v.state === 'offline' ? 'offline' : 'pending',
      }));
      if (!blocked.current) schedule(DEBOUNCE_MS);
    },
    [keepLocal, schedule],
  );

  /** Replaces the page's content with the server's newest version (this page's unsaved changes are dropped). */
  const loadLatest = useCallback(async () => {
    const latest = await fetchApplication(id);
    qc.setQueryData(applicationKey(id), latest);
    dirty.current.clear();
    blocked.current = false;
    clearLocalDraft(id, { any: true });
    contentRef.current = latest.content as Content;
    versionRef.current = latest.version;
    setView((v) => ({
      ...v,
      content: contentRef.current,
      version: latest.version,
      savedAt: latest.lastSave?.at ?? latest.updatedAt,
      savedBy: latest.lastSave?.byName ?? null,
      state: 'saved',
      message: null,
      details: [],
      staleLocal: null,
      loadKey: v.loadKey + 1,
    }));
  }, [id, qc]);

  /** Keeps this page's changed sections on top of the newest version and saves them over it. */
  const overwrite = useCallback(
    async (changes?: Content) => {
      const latest = await fetchApplication(id);
      qc.setQueryData(applicationKey(id), latest);
      const mine = changes ?? pick(contentRef.current, dirty.current);
      (Object.keys(mine) as Section[]).forEach((s) => dirty.current.add(s));
      contentRef.current = { ...(latest.content as Content), ...mine };
      versionRef.current = latest.version;
      blocked.current = false;
      setView((v) => ({
        ...v,
        content: contentRef.current,
        version: latest.version,
        state: 'pending',
        staleLocal: null,
        loadKey: v.loadKey + 1,
      }));
      await flushRef.current();
    },
    [id, qc],
  );

  const discardLocal = useCallback(() => {
    clearLocalDraft(id, { any: true });
    patch({ staleLocal: null });
  }, [id, patch]);

  useEffect(() => {
    if (init.dirty.size > 0) schedule(500);
    const online = () => void flushRef.current();
    // A closed page hands its unsaved copy to the next page that opens the application.
    const release = () => {
      const d = readLocalDraft(id);
      if (d && d.tabId === TAB_ID) writeLocalDraft(id, { ...d, tabId: CLOSED });
    };
    window.addEventListener('online', online);
    window.addEventListener('pagehide', release);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('pagehide', release);
      window.clearTimeout(timer.current);
      release();
    };
  }, [id, init, schedule]);

  const unsaved = view.state !== 'saved' && view.state !== 'locked';
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  return { view, update, flush, loadLatest, overwrite, discardLocal, unsaved };
}

export type Draft = ReturnType<typeof useDraft>;
