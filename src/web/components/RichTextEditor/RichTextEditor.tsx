import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Typography } from 'antd';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { htmlTextLength } from '../../../domain/application.js';
import { cleanPastedHtml } from '../../../domain/paste-clean.js';
import { isApiError } from '../../api/client';
import { fmt, m } from '../../i18n';
import { narrativeExtensions } from './extensions';
import { ImageError, uploadLegacyImages, uploadNarrativeImage, type ImageProblem } from './images';
import { Toolbar, type EditorCommand, type ImageSource } from './Toolbar';
import './editor.css';

const t = m.applicant.editor;
const IMAGE_MESSAGES: Record<ImageProblem, string> = {
  type: t.imageType,
  tooBig: t.imageTooBig,
  failed: t.imageFailed,
};

export interface RichTextEditorProps {
  /** The editable area's id (the checklist jumps to it). */
  id: string;
  /** The application the narrative belongs to: pictures are its uploads. */
  applicationId: string;
  /** The section's name, for the toolbar's and the text box's accessible names. */
  label: string;
  /** The id of the visible heading that labels the text box. */
  labelledBy?: string;
  value: string;
  onChange: (html: string) => void;
  /** The section's HTML length limit (markup included). */
  maxLength: number;
  imageSources?: ImageSource[];
  error?: string | null;
  readOnly?: boolean;
  minHeight?: number;
}

/**
 * The editor's document as the narrative stores it: the schema's vocabulary only, no editor markup
 * (colgroups, styles, empty paragraphs), images by file id. The server sanitises again.
 */
const toStored = (html: string, applicationId: string) =>
  cleanPastedHtml(html, { origin: window.location.origin, applicationId })
    // ProseMirror's list items and cells hold paragraphs; one paragraph is stored as before: <li>text</li>, <td>text</td>.
    .replace(/<li><p>((?:(?!<\/?(?:p|li)>).)*)<\/p><\/li>/g, '<li>$1</li>')
    .replace(/<(td|th)((?: (?:colspan|rowspan)="\d+")*)><p>((?:(?!<\/?(?:p|td|th)\b).)*)<\/p><\/\1>/g, '<$1$2>$3</$1>');

/**
 * The 申报书 editor on Tiptap 3 (ProseMirror): headings, emphasis, lists, tables and pictures with
 * real undo, IME input and table editing. Pasting from Word goes through ProseMirror's paste handling
 * with the tested cleaner (cleanPastedHtml: lists, tables, no Word clutter or bullet glyphs); pictures
 * are uploaded to the application and named by file id.
 */
export function RichTextEditor(props: RichTextEditorProps) {
  const { id, applicationId, label, labelledBy, value, onChange, maxLength, imageSources, error, readOnly } = props;
  const emitted = useRef<string>(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [problem, setProblem] = useState<string | null>(null);
  const countId = useId();
  const errorId = useId();
  const extensions = useMemo(() => narrativeExtensions(applicationId), [applicationId]);

  const emit = (editor: Editor) => {
    const html = toStored(editor.getHTML(), applicationId);
    if (html === emitted.current) return;
    emitted.current = html;
    onChangeRef.current(html);
  };

  const insertFiles = async (editor: Editor, files: File[], pos?: number) => {
    setProblem(null);
    for (const file of files) {
      try {
        const { fileId, alt } = await uploadNarrativeImage(applicationId, file);
        const chain = editor.chain().focus();
        (pos === undefined ? chain : chain.setTextSelection(pos))
          .insertContent({ type: 'image', attrs: { fileId, alt } })
          .run();
      } catch (e) {
        setProblem(
          e instanceof ImageError ? IMAGE_MESSAGES[e.problem] : isApiError(e) ? e.message : IMAGE_MESSAGES.failed,
        );
        return;
      }
    }
  };

  const count = htmlTextLength(value);
  const shownError = error ?? problem;
  const attributes = useMemo(() => {
    const a: Record<string, string> = {
      id,
      class: `rte-content${count === 0 ? ' rte-empty' : ''}`,
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-describedby': `${countId}${shownError ? ` ${errorId}` : ''}`,
      'data-placeholder': t.empty,
      tabindex: '0',
      style: `min-height: ${props.minHeight ?? 160}px`,
    };
    if (labelledBy) a['aria-labelledby'] = labelledBy;
    else a['aria-label'] = label;
    if (shownError) a['aria-invalid'] = 'true';
    if (readOnly) a['aria-readonly'] = 'true';
    return a;
  }, [id, count, countId, shownError, errorId, labelledBy, label, readOnly, props.minHeight]);

  const editor = useEditor(
    {
      extensions,
      content: value,
      editable: !readOnly,
      immediatelyRender: true,
      shouldRerenderOnTransaction: true,
      editorProps: {
        attributes,
        transformPastedHTML: (html) => toStored(html, applicationId),
        handlePaste: (_view, event) => {
          const data = event.clipboardData;
          const images = data ? [...data.files].filter((f) => f.type.startsWith('image/')) : [];
          if (!images.length || data?.getData('text/html')) return false;
          if (editorRef.current) void insertFiles(editorRef.current, images);
          return true;
        },
        handleDrop: (view, event) => {
          const images = [...(event.dataTransfer?.files ?? [])].filter((f) => f.type.startsWith('image/'));
          if (!images.length) return false;
          const pos = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos;
          if (editorRef.current) void insertFiles(editorRef.current, images, pos);
          return true;
        },
      },
      onUpdate: ({ editor: e }) => emit(e),
      onCreate: ({ editor: e }) => {
        // Pictures of older drafts (inline data:) become uploads; the next save keeps them.
        if (!readOnly)
          void uploadLegacyImages(e, applicationId)
            .then((changed) => changed && emit(e))
            .catch(() => setProblem(IMAGE_MESSAGES.failed));
      },
    },
    [extensions],
  );
  const editorRef = useRef<Editor | null>(editor);
  editorRef.current = editor;

  // Outside changes (another version loaded) replace the document; our own echoes do not, so the caret stays.
  useEffect(() => {
    if (!editor || value === emitted.current) return;
    emitted.current = value;
    editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  useEffect(() => {
    editor?.setEditable(!readOnly, false);
  }, [editor, readOnly]);

  useEffect(() => {
    editor?.setOptions({ editorProps: { ...editor.options.editorProps, attributes } });
  }, [editor, attributes]);

  const onCommand = (c: EditorCommand) => {
    if (readOnly || !editor) return;
    const chain = editor.chain().focus();
    switch (c.type) {
      case 'imageFile':
        return void insertFiles(editor, [c.file]);
      case 'imageId':
        return void chain.insertContent({ type: 'image', attrs: { fileId: c.fileId, alt: c.alt } }).run();
      case 'table':
        return void chain.insertTable({ rows: c.rows, cols: c.cols, withHeaderRow: false }).run();
      case 'block':
        return void (c.level ? chain.toggleHeading({ level: c.level }) : chain.setParagraph()).run();
      case 'exec': {
        const run = {
          bold: () => chain.toggleBold(),
          italic: () => chain.toggleItalic(),
          underline: () => chain.toggleUnderline(),
          orderedList: () => chain.toggleOrderedList(),
          bulletList: () => chain.toggleBulletList(),
          undo: () => chain.undo(),
          redo: () => chain.redo(),
        }[c.command];
        return void run().run();
      }
    }
  };

  return (
    <div className={`rte${shownError ? ' rte-invalid' : ''}${readOnly ? ' rte-readonly' : ''}`}>
      {readOnly ? null : (
        <Toolbar
          section={label}
          onCommand={onCommand}
          imageSources={imageSources}
          active={(name, attrs) => !!editor?.isActive(name, attrs)}
        />
      )}
      <EditorContent editor={editor} />
      <div className="rte-footer">
        {shownError ? (
          <Typography.Text type="danger" id={errorId} role="alert">
            {shownError}
          </Typography.Text>
        ) : (
          <span />
        )}
        <Typography.Text type="secondary" id={countId}>
          {fmt(m.applicant.narrative.count, { count })}
          {value.length > maxLength * 0.8 ? `；${fmt(t.usage, { used: value.length, max: maxLength })}` : ''}
        </Typography.Text>
      </div>
    </div>
  );
}
