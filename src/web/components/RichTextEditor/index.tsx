import { lazy, Suspense } from 'react';
import type { RichTextEditorProps } from './RichTextEditor';
import './editor.css';

export type { RichTextEditorProps } from './RichTextEditor';
export type { ImageSource } from './Toolbar';

/** Tiptap's chunk: loaded with the first page that shows an editor (the 申报书 step starts it early). */
export const loadEditor = () => import('./RichTextEditor');
const Editor = lazy(() => loadEditor().then((mod) => ({ default: mod.RichTextEditor })));

/**
 * Until Tiptap has arrived, the section's text as the editor will show it, in the editor's frame: the
 * 申报书 step paints its content (its largest contentful paint) without waiting for the editor's code.
 * Not a text box (no role, no id): the checklist, a keyboard or a test reach the editor only once it
 * can take input. The HTML is the server's, sanitised when it was saved (as in the application view).
 */
function Preview({ value, readOnly, minHeight }: RichTextEditorProps) {
  return (
    <div className={`rte${readOnly ? ' rte-readonly' : ''}`} aria-busy="true">
      {readOnly ? null : <div className="rte-toolbar rte-toolbar-placeholder" />}
      <div
        className="rte-content rte-preview"
        style={{ minHeight: minHeight ?? 160 }}
        dangerouslySetInnerHTML={{ __html: value }}
      />
    </div>
  );
}

/** The 申报书 editor, loaded with the first page that shows one (Tiptap stays out of the other pages' bundle). */
export function RichTextEditor(props: RichTextEditorProps) {
  return (
    <Suspense fallback={<Preview {...props} />}>
      <Editor {...props} />
    </Suspense>
  );
}
