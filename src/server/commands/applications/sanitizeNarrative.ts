import sanitizeHtml from 'sanitize-html';
import { RICH_TEXT_SECTIONS, type NarrativeDraft } from '../../../domain/application.js';
import {
  NARRATIVE_ATTRIBUTES,
  NARRATIVE_HIDDEN_TAGS,
  NARRATIVE_TABLE_LIMITS,
  NARRATIVE_TAG_ALIASES,
  NARRATIVE_TAGS,
  narrativeImageDimension,
  narrativeImageFileId,
  narrativeImageSrc,
} from '../../../domain/narrative/schema.js';

/**
 * The server's sanitiser of narrative rich text, configured from the one narrative schema
 * (src/domain/narrative/schema.ts). Images survive only as the application's own uploaded images:
 * the image names a file id (data-file-id, or the application's file address), the id is one of
 * `images` (this application's image uploads, checked by the caller against the database), and the
 * stored src is derived from the id. Every other image — other applications' files, other paths of
 * this site (e.g. an export URL), other sites, data: URLs — is dropped.
 */
export interface NarrativeImageScope {
  applicationId: string;
  /** Ids of the application's uploaded images (PNG or JPEG, not deleted). */
  imageFileIds: ReadonlySet<string>;
}

const NO_IMAGES: NarrativeImageScope = { applicationId: '', imageFileIds: new Set() };

const span = (v: string | undefined, max: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 1 ? String(Math.min(n, max)) : undefined;
};

function options(scope: NarrativeImageScope): sanitizeHtml.IOptions {
  const aliases: Record<string, sanitizeHtml.Transformer | string> = { ...NARRATIVE_TAG_ALIASES };
  const cell = (tagName: string) => (_: string, attribs: sanitizeHtml.Attributes) => {
    const out: sanitizeHtml.Attributes = {};
    const colspan = span(attribs.colspan, NARRATIVE_TABLE_LIMITS.colspan);
    const rowspan = span(attribs.rowspan, NARRATIVE_TABLE_LIMITS.rowspan);
    if (colspan) out.colspan = colspan;
    if (rowspan) out.rowspan = rowspan;
    return { tagName, attribs: out };
  };
  return {
    allowedTags: [...NARRATIVE_TAGS],
    allowedAttributes: Object.fromEntries(Object.entries(NARRATIVE_ATTRIBUTES).map(([k, v]) => [k, [...v]])),
    allowedSchemes: [],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: ['src'],
    allowProtocolRelative: false,
    transformTags: {
      ...aliases,
      td: cell('td'),
      th: cell('th'),
      img: (_: string, attribs: sanitizeHtml.Attributes) => {
        const fileId = narrativeImageFileId(attribs, scope.applicationId);
        if (!fileId || !scope.imageFileIds.has(fileId)) return { tagName: 'img', attribs: {} };
        const out: sanitizeHtml.Attributes = {
          'data-file-id': fileId,
          src: narrativeImageSrc(scope.applicationId, fileId),
          alt: (attribs.alt ?? '').slice(0, 200),
        };
        const width = narrativeImageDimension(attribs.width);
        const height = narrativeImageDimension(attribs.height);
        if (width) out.width = String(width);
        if (height) out.height = String(height);
        return { tagName: 'img', attribs: out };
      },
    },
    nonTextTags: [...NARRATIVE_HIDDEN_TAGS],
    // An image that names none of the application's own uploads is dropped.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs['data-file-id'],
    allowedStyles: {},
    parseStyleAttributes: false,
  };
}

/** Cleans one rich-text fragment: only the schema's vocabulary survives; scripts, styles, classes, handlers, Word markup and foreign images go. */
export function sanitizeRichText(html: string, scope: NarrativeImageScope = NO_IMAGES): string {
  return sanitizeHtml(html, options(scope))
    .replace(/<p>(?:\s|&nbsp;)*<\/p>/g, '')
    .trim();
}

/** Sanitises every rich-text field of a (draft) narrative, leaving the rest as it is. */
export function sanitizeNarrative<T extends NarrativeDraft | null | undefined>(
  narrative: T,
  scope: NarrativeImageScope = NO_IMAGES,
): T {
  if (!narrative) return narrative;
  const out: NarrativeDraft = { ...narrative };
  for (const key of RICH_TEXT_SECTIONS) {
    const html = out[key];
    if (typeof html === 'string') out[key] = sanitizeRichText(html, scope);
  }
  if (Array.isArray(out.successCases)) {
    out.successCases = out.successCases.map((c) =>
      c && typeof c.body === 'string' ? { ...c, body: sanitizeRichText(c.body, scope) } : c,
    );
  }
  return out as T;
}
