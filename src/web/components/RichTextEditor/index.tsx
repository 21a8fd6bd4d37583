import { lazy, Suspense } from 'react';
import { Skeleton } from 'antd';
import type { RichTextEditorProps } from './RichTextEditor';

export type { RichTextEditorProps } from './RichTextEditor';
export type { ImageSource } from './Toolbar';

const Editor = lazy(() => import('./RichTextEditor').then((mod) => ({ default: mod.RichTextEditor })));

/** The 申报书 editor, loaded with the first page that shows one (Tiptap stays out of the other pages' bundle). */
export function RichTextEditor(props: RichTextEditorProps) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 3 }} title={false} />}>
      <Editor {...props} />
    </Suspense>
  );
}
