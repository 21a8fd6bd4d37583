import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import { Button, Popover, Spin, Tooltip } from 'antd';
import {
  BoldOutlined,
  ItalicOutlined,
  OrderedListOutlined,
  PictureOutlined,
  RedoOutlined,
  TableOutlined,
  UnderlineOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { fmt, m } from '../../i18n';

const t = m.applicant.editor;
const ImageMenu = lazy(() => import('./ImageMenu').then((mod) => ({ default: mod.ImageMenu })));
const TableSize = lazy(() => import('./TableSize').then((mod) => ({ default: mod.TableSize })));

export type EditorCommand =
  | { type: 'block'; level: 3 | 4 | null }
  | {
      type: 'exec';
      command: 'bold' | 'italic' | 'underline' | 'orderedList' | 'bulletList' | 'undo' | 'redo';
    }
  | { type: 'table'; rows: number; cols: number }
  | { type: 'imageFile'; file: File }
  | { type: 'imageId'; fileId: string; alt: string };

/** An image already uploaded to the application (a supporting file or an earlier picture). */
export interface ImageSource {
  label: string;
  fileId: string;
}

interface Props {
  section: string;
  onCommand: (c: EditorCommand) => void;
  imageSources?: ImageSource[];
  disabled?: boolean;
  /** Whether a mark or node is active at the selection (shown as a pressed button). */
  active?: (name: string, attrs?: Record<string, unknown>) => boolean;
}

/** One toolbar button: keeps the editor's selection (no focus steal on mouse down). */
function Tool({
  label,
  icon,
  text,
  onClick,
  disabled,
  pressed,
}: {
  label: string;
  icon?: ReactNode;
  text?: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
}) {
  return (
    <Tooltip title={label} mouseEnterDelay={0.6}>
      <Button
        type="text"
        size="small"
        icon={icon}
        aria-label={label}
        aria-pressed={pressed}
        disabled={disabled}
        onMouseDown={(e) => e.preventDefault()}
        onClick={onClick}
        className="rte-tool"
      >
        {text}
      </Button>
    </Tooltip>
  );
}

function TableTool({ onInsert, disabled }: { onInsert: (rows: number, cols: number) => void; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const content = (
    <Suspense fallback={<Spin size="small" />}>
      <TableSize
        onInsert={(rows, cols) => {
          setOpen(false);
          onInsert(rows, cols);
        }}
      />
    </Suspense>
  );
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} title={t.table}>
      <Button
        type="text"
        size="small"
        icon={<TableOutlined />}
        aria-label={t.table}
        disabled={disabled}
        className="rte-tool"
      />
    </Popover>
  );
}

function ImageTool({
  onCommand,
  sources,
  disabled,
}: {
  onCommand: Props['onCommand'];
  sources: ImageSource[];
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const pick = () => input.current?.click();
  const [open, setOpen] = useState(false);
  /** The menu's code loads at the first click; until then the button opens it itself. */
  const [used, setUsed] = useState(false);
  const fileInput = (
    <input
      ref={input}
      type="file"
      accept="image/png,image/jpeg,image/gif,image/webp"
      hidden
      aria-hidden
      tabIndex={-1}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) onCommand({ type: 'imageFile', file });
      }}
    />
  );
  const items = [
    { key: 'local', label: t.imageLocal },
    ...(sources.length
      ? sources.map((s) => ({ key: s.fileId, label: `${t.imageUploaded}：${s.label}` }))
      : [{ key: 'none', label: t.imageNone, disabled: true }]),
  ];
  const menu = {
    items,
    onClick: ({ key }: { key: string }) => {
      setOpen(false);
      if (key === 'local') pick();
      else {
        const s = sources.find((x) => x.fileId === key);
        if (s) onCommand({ type: 'imageId', fileId: s.fileId, alt: s.label.replace(/\.[^.]+$/, '') });
      }
    },
  };
  const button = (
    <Button
      type="text"
      size="small"
      icon={<PictureOutlined />}
      aria-label={t.image}
      className="rte-tool"
      disabled={disabled}
      onClick={
        used
          ? undefined
          : () => {
              setUsed(true);
              setOpen(true);
            }
      }
    />
  );
  return (
    <>
      {fileInput}
      {used ? (
        <Suspense fallback={button}>
          <ImageMenu open={open} onOpenChange={setOpen} disabled={disabled} menu={menu}>
            {button}
          </ImageMenu>
        </Suspense>
      ) : (
        button
      )}
    </>
  );
}

/** The editor's toolbar: headings, emphasis, lists, table, picture, undo and redo. */
export function Toolbar({ section, onCommand, imageSources = [], disabled, active = () => false }: Props) {
  const exec = (command: Extract<EditorCommand, { type: 'exec' }>['command']) => () =>
    onCommand({ type: 'exec', command });
  return (
    <div role="toolbar" aria-label={fmt(t.toolbar, { section })} className="rte-toolbar">
      <Tool
        label={`H3 ${t.h3}`}
        text="H3"
        onClick={() => onCommand({ type: 'block', level: 3 })}
        disabled={disabled}
        pressed={active('heading', { level: 3 })}
      />
      <Tool
        label={`H4 ${t.h4}`}
        text="H4"
        onClick={() => onCommand({ type: 'block', level: 4 })}
        disabled={disabled}
        pressed={active('heading', { level: 4 })}
      />
      <Tool
        label={t.paragraph}
        text={t.paragraph}
        onClick={() => onCommand({ type: 'block', level: null })}
        disabled={disabled}
      />
      <span className="rte-sep" aria-hidden />
      <Tool
        label={t.bold}
        icon={<BoldOutlined />}
        onClick={exec('bold')}
        disabled={disabled}
        pressed={active('bold')}
      />
      <Tool
        label={t.italic}
        icon={<ItalicOutlined />}
        onClick={exec('italic')}
        disabled={disabled}
        pressed={active('italic')}
      />
      <Tool
        label={t.underline}
        icon={<UnderlineOutlined />}
        onClick={exec('underline')}
        disabled={disabled}
        pressed={active('underline')}
      />
      <span className="rte-sep" aria-hidden />
      <Tool
        label={t.ol}
        icon={<OrderedListOutlined />}
        onClick={exec('orderedList')}
        disabled={disabled}
        pressed={active('orderedList')}
      />
      <Tool
        label={t.ul}
        icon={<UnorderedListOutlined />}
        onClick={exec('bulletList')}
        disabled={disabled}
        pressed={active('bulletList')}
      />
      <TableTool onInsert={(rows, cols) => onCommand({ type: 'table', rows, cols })} disabled={disabled} />
      <ImageTool onCommand={onCommand} sources={imageSources} disabled={disabled} />
      <span className="rte-sep" aria-hidden />
      <Tool label={t.undo} icon={<UndoOutlined />} onClick={exec('undo')} disabled={disabled} />
      <Tool label={t.redo} icon={<RedoOutlined />} onClick={exec('redo')} disabled={disabled} />
    </div>
  );
}
