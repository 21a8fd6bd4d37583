import { useCallback, useId, useLayoutEffect, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { Typography } from 'antd';
import { htmlTextLength } from '../../../domain/application.js';
import { cleanPastedHtml, plainTextToHtml } from '../../../domain/paste-clean.js';
import { fmt, m } from '../../i18n';
import { ImageError, imageToDataUrl, type ImageProblem } from './images';
import { Toolbar, type EditorCommand, type ImageSource } from './Toolbar';
import './editor.css';

const t = m.applicant.editor;
const IMAGE_MESSAGES: Record<ImageProblem, string> = {
  type: t.imageType,
  tooBig: t.imageTooBig,
  noRoom: t.imageNoRoom,
  failed: t.imageFailed,
};

export interface RichTextEditorProps {
  /** The editable area's id (the checklist jumps to it). */
  id: string;
  /** The section's name, for the toolbar's and the text box's accessible names. */
  label: string;
  /** The id of the visible heading that labels the text box. */
  labelledBy?: string;
  value: string;
  onChange: (html: string) => void;
  /** The section's HTML length limit (markup and pictures included). */
  maxLength: number;
  imageSources?: ImageSource[];
  error?: string | null;
  readOnly?: boolean;
  minHeight?: number;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function tableHtml(rows: number, cols: number): string {
  const row = `<tr>${'<td><br></td>'.repeat(cols)}</tr>`;
  return `<table><tbody>${row.repeat(rows)}</tbody></table><p><br></p>`;
}

/**
 * A small rich-text editor on contentEditable for the 申报书: headings, emphasis, lists, tables and
 * pictures; pasting from Word keeps the structure and drops the clutter (cleanPastedHtml). It emits
 * clean HTML; the server sanitises again.
 */
export function RichTextEditor(props: RichTextEditorProps) {
  const { id, label, labelledBy, value, onChange, maxLength, imageSources, error, readOnly, minHeight = 160 } = props;
  const ref = useRef<HTMLDivElement>(null);
  const emitted = useRef<string | null>(null);
  const range = useRef<Range | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const countId = useId();
  const errorId = useId();

  // Outside changes (another version loaded) replace the DOM; our own echoes do not, so the caret stays.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && value !== emitted.current) {
      el.innerHTML = value;
      emitted.current = value;
    }
  }, [value]);

  const emit = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const html = cleanPastedHtml(el.innerHTML, { origin: window.location.origin });
    emitted.current = html;
    onChange(html);
  }, [onChange]);

  const rememberSelection = () => {
    const sel = window.getSelection();
    if (sel && sel.rangeCount > 0 && ref.current?.contains(sel.anchorNode)) range.current = sel.getRangeAt(0);
  };

  /** Focuses the editor with its last selection, so a toolbar button acts where the user was. */
  const restoreSelection = () => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    const sel = window.getSelection();
    if (range.current && sel) {
      sel.removeAllRanges();
      sel.addRange(range.current);
    }
  };

  const insertHtml = (html: string) => {
    restoreSelection();
    document.execCommand('insertHTML', false, html);
    emit();
  };

  const insertImage = async (file: File) => {
    setProblem(null);
    try {
      const budget = maxLength - (ref.current?.innerHTML.length ?? 0) - 200;
      const url = await imageToDataUrl(file, Math.max(0, budget));
      insertHtml(`<img src="${url}" alt="${escapeAttr(file.name.replace(/\.[^.]+$/, ''))}">`);
    } catch (e) {
      setProblem(IMAGE_MESSAGES[e instanceof ImageError ? e.problem : 'failed']);
    }
  };

  const onCommand = (c: EditorCommand) => {
    if (readOnly) return;
    if (c.type === 'imageFile') return void insertImage(c.file);
    if (c.type === 'imageUrl') return insertHtml(`<img src="${escapeAttr(c.url)}" alt="${escapeAttr(c.alt)}">`);
    if (c.type === 'table') return insertHtml(tableHtml(c.rows, c.cols));
    restoreSelection();
    if (c.type === 'block') document.execCommand('formatBlock', false, c.tag);
    else document.execCommand(c.command);
    emit();
  };

  const takeTransfer = (data: DataTransfer) => {
    const image = [...data.files].find((f) => f.type.startsWith('image/'));
    const html = data.getData('text/html');
    if (html) insertHtml(cleanPastedHtml(html, { origin: window.location.origin }));
    else if (image) void insertImage(image);
    else insertHtml(plainTextToHtml(data.getData('text/plain')));
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    e.preventDefault();
    rememberSelection();
    takeTransfer(e.clipboardData);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    takeTransfer(e.dataTransfer);
  };

  const count = htmlTextLength(value);
  const shownError = error ?? problem;
  return (
    <div className={`rte${shownError ? ' rte-invalid' : ''}${readOnly ? ' rte-readonly' : ''}`}>
      {readOnly ? null : <Toolbar section={label} onCommand={onCommand} imageSources={imageSources} />}
      <div
        ref={ref}
        id={id}
        className={`rte-content${count === 0 ? ' rte-empty' : ''}`}
        style={{ minHeight }}
        role="textbox"
        aria-multiline="true"
        aria-label={labelledBy ? undefined : label}
        aria-labelledby={labelledBy}
        aria-describedby={`${countId}${shownError ? ` ${errorId}` : ''}`}
        aria-invalid={shownError ? true : undefined}
        aria-readonly={readOnly || undefined}
        contentEditable={!readOnly}
        suppressContentEditableWarning
        tabIndex={0}
        data-placeholder={t.empty}
        onInput={emit}
        onBlur={rememberSelection}
        onKeyUp={rememberSelection}
        onMouseUp={rememberSelection}
        onFocus={() => {
          document.execCommand('defaultParagraphSeparator', false, 'p');
          const el = ref.current;
          if (el && el.innerHTML.trim() === '') {
            // Start the first paragraph, so typed text is a <p> and Enter makes the next one.
            el.innerHTML = '<p><br></p>';
            const r = document.createRange();
            r.setStart(el.firstChild!, 0);
            r.collapse(true);
            window.getSelection()?.removeAllRanges();
            window.getSelection()?.addRange(r);
          }
        }}
        onPaste={onPaste}
        onDrop={onDrop}
      />
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
