/**
 * The one definition of what a 申报书 narrative (rich text) may contain. Everything that reads or
 * writes narrative HTML takes its vocabulary from here: the Tiptap editor (which nodes and marks it
 * offers), the paste cleaner (what foreign HTML maps to), the server's sanitiser (what survives a
 * save), the renderers' parser (what the PDF and the Word 申报书 draw) and the text counter.
 *
 * Stored form: HTML made of the elements below. Images are never URLs of the author's choosing: an
 * image is one of the application's own uploaded images, named by its file id —
 * `<img data-file-id="…" src="/api/applications/{applicationId}/files/{fileId}" alt="…">`, the
 * src derived from the id by the server, so that every browser showing the narrative requests only
 * that application's file.
 */

/** Block elements: paragraphs, headings (the editor offers h3/h4; h1–h6 of older drafts stay), lists, tables, quotes. */
export const NARRATIVE_BLOCK_TAGS = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'blockquote',
] as const;

/** Inline formatting (marks) and what it means. */
export const NARRATIVE_MARKS = { strong: 'bold', em: 'italic', u: 'underline', s: 'strike' } as const;
export type NarrativeMarkTag = keyof typeof NARRATIVE_MARKS;
export type NarrativeMark = (typeof NARRATIVE_MARKS)[NarrativeMarkTag];

/** Elements without content: a line break and an image. */
export const NARRATIVE_VOID_TAGS = ['br', 'img'] as const;

/** Every element a stored narrative may contain. */
export const NARRATIVE_TAGS: readonly string[] = [
  ...NARRATIVE_BLOCK_TAGS,
  ...(Object.keys(NARRATIVE_MARKS) as NarrativeMarkTag[]),
  ...NARRATIVE_VOID_TAGS,
];

/** Elements other writers use for the same thing (Word, browsers), read as the allowed ones. */
export const NARRATIVE_TAG_ALIASES: Readonly<Record<string, string>> = {
  b: 'strong',
  i: 'em',
  ins: 'u',
  strike: 's',
  del: 's',
  div: 'p',
};

/** The only attributes kept, per element. */
export const NARRATIVE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
  img: ['data-file-id', 'src', 'alt', 'width', 'height'],
};

/** Largest spans a table cell may declare (larger values are read as these). */
export const NARRATIVE_TABLE_LIMITS = { colspan: 20, rowspan: 100 } as const;

/** Elements whose content is never text for the reader (dropped with everything inside). */
export const NARRATIVE_HIDDEN_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'xml',
  'title',
  'head',
  'template',
] as const;

/** Heading levels the editor's toolbar offers (三级、四级标题 under the outline's own headings). */
export const NARRATIVE_EDITOR_HEADINGS = [3, 4] as const;

/** Image types a narrative may show (what PDF and Word can embed). */
export const NARRATIVE_IMAGE_MIMES = ['image/png', 'image/jpeg'] as const;

/** The file kind under which the editor uploads a narrative's pictures. */
export const NARRATIVE_IMAGE_FILE_KIND = 'narrative_image';

/** Largest width or height (CSS pixels) an image may declare. */
export const NARRATIVE_IMAGE_MAX_PX = 2000;

const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILE_PATH = /^\/api\/applications\/([A-Za-z0-9_-]{1,64})\/files\/([0-9a-fA-F-]{36})(?:\?disposition=inline)?$/;

/** Whether a string has the form of an uploaded file's id. */
export const isNarrativeFileId = (id: string): boolean => FILE_ID.test(id);

/** The address from which a browser shows an application's uploaded image. */
export const narrativeImageSrc = (applicationId: string, fileId: string): string =>
  `/api/applications/${encodeURIComponent(applicationId)}/files/${fileId.toLowerCase()}`;

/**
 * The file id an image names, or null: its `data-file-id`, else a src that is exactly this
 * application's file address (an absolute URL of `origin` counts as its path). Anything else — other
 * paths of this site, other applications' files, other sites, data: and javascript: URLs — names nothing.
 */
export function narrativeImageFileId(
  attrs: { src?: string; 'data-file-id'?: string },
  applicationId: string | null,
  origin?: string,
): string | null {
  const given = (attrs['data-file-id'] ?? '').trim();
  if (given) return FILE_ID.test(given) ? given.toLowerCase() : null;
  let src = (attrs.src ?? '').trim();
  if (origin && src.startsWith(`${origin}/`)) src = src.slice(origin.length);
  const m = FILE_PATH.exec(src);
  if (!m || !FILE_ID.test(m[2]!)) return null;
  if (applicationId !== null && m[1] !== applicationId) return null;
  return m[2]!.toLowerCase();
}

/** A width or height attribute as a whole number of pixels within bounds, or null. */
export function narrativeImageDimension(v: string | undefined): number | null {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, NARRATIVE_IMAGE_MAX_PX) : null;
}

/**
 * Word and WPS write a list item's bullet as text in front of it (•, ·, ▪, o in Courier New, § in
 * Wingdings, or Symbol/Wingdings private-use glyphs). A list already draws its marker, so such a
 * leading glyph (and the spaces after it) is not part of the item's text.
 */
export const WORD_BULLET_PREFIX =
  /^(?:[\u2022\u00b7\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u25c6\u25c7\u2023\u2043\u27a2\uf0a7\uf0b7\uf0d8\uf0fc\uf06c\uf06e\uf076]|[o§l](?=[\s\u00a0]|$))[\s\u00a0]*/;

/** A list item's first text without Word's bullet character in front. */
export const stripWordBullet = (text: string): string => text.replace(WORD_BULLET_PREFIX, '');
