import type { Extensions } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Bold } from '@tiptap/extension-bold';
import { Document } from '@tiptap/extension-document';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Heading } from '@tiptap/extension-heading';
import Image from '@tiptap/extension-image';
import { Italic } from '@tiptap/extension-italic';
import { BulletList, ListItem, ListKeymap, OrderedList } from '@tiptap/extension-list';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Strike } from '@tiptap/extension-strike';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { Text } from '@tiptap/extension-text';
import { Underline } from '@tiptap/extension-underline';
import { Dropcursor, Gapcursor, TrailingNode, UndoRedo } from '@tiptap/extensions';
import {
  NARRATIVE_BLOCK_TAGS,
  narrativeImageDimension,
  narrativeImageFileId,
  narrativeImageSrc,
} from '../../../domain/narrative/schema.js';

/**
 * The editor's ProseMirror schema, taken from the one narrative schema (src/domain/narrative/schema.ts):
 * paragraphs, headings h1–h6 (the toolbar offers h3/h4), bold, italic, underline, strike, bullet and
 * ordered lists, tables with header cells, quotes, line breaks and images of the application's own
 * uploads. Code, code blocks, horizontal rules and links are not part of a narrative: the extensions
 * are listed one by one (StarterKit's, less those four), so their code (and linkify's) is not loaded.
 */

const HEADING_LEVELS = NARRATIVE_BLOCK_TAGS.flatMap((t) => (/^h[1-6]$/.test(t) ? [Number(t[1]) as 1] : []));
const LEGACY_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp);base64,/i;

/**
 * An image of the application's own uploads, stored as `<img data-file-id src alt>`: the src is
 * derived from the id. A data: image of a draft written before images were uploads is shown as it is
 * (`legacy`) until the editor has uploaded it (see uploadLegacyImages); any other image is not read.
 */
export function narrativeImage(applicationId: string) {
  return Image.extend({
    addAttributes() {
      return {
        fileId: { default: null, rendered: false },
        src: { default: null, rendered: false },
        alt: { default: '', rendered: false },
        width: { default: null, rendered: false },
        height: { default: null, rendered: false },
      };
    },
    parseHTML() {
      return [
        {
          tag: 'img',
          getAttrs: (el) => {
            const attrs = { src: el.getAttribute('src') ?? '', 'data-file-id': el.getAttribute('data-file-id') ?? '' };
            const fileId = narrativeImageFileId(attrs, applicationId, window.location.origin);
            const legacy = !fileId && LEGACY_DATA_IMAGE.test(attrs.src) ? attrs.src : null;
            if (!fileId && !legacy) return false;
            return {
              fileId,
              src: legacy,
              alt: el.getAttribute('alt') ?? '',
              width: narrativeImageDimension(el.getAttribute('width') ?? undefined),
              height: narrativeImageDimension(el.getAttribute('height') ?? undefined),
            };
          },
        },
      ];
    },
    renderHTML({ node }) {
      const { fileId, src, alt, width, height } = node.attrs as {
        fileId: string | null;
        src: string | null;
        alt: string;
        width: number | null;
        height: number | null;
      };
      const attrs: Record<string, string> = fileId
        ? { 'data-file-id': fileId, src: narrativeImageSrc(applicationId, fileId), alt }
        : { src: src ?? '', alt };
      if (width) attrs.width = String(width);
      if (height) attrs.height = String(height);
      return ['img', attrs];
    },
  }).configure({ inline: true, allowBase64: true });
}

/** Every extension of the 申报书 editor. */
export function narrativeExtensions(applicationId: string): Extensions {
  return [
    // StarterKit's order, for the same parse priorities.
    Bold,
    Blockquote,
    BulletList,
    Document,
    Dropcursor,
    Gapcursor,
    HardBreak,
    Heading.configure({ levels: HEADING_LEVELS }),
    UndoRedo,
    Italic,
    ListItem,
    ListKeymap,
    OrderedList,
    Paragraph,
    Strike,
    Text,
    Underline,
    TrailingNode,
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    narrativeImage(applicationId),
  ];
}
