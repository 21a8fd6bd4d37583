import sanitizeHtml from 'sanitize-html';

/** Images may be embedded (data: URLs of raster types) or served by this site (a path from the root). */
const DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i;
const SAME_ORIGIN_PATH = /^\/(?!\/)[^\s\\]*$/;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'strong',
    'em',
    'u',
    's',
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
    'img',
  ],
  allowedAttributes: { td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'], img: ['src', 'alt', 'width', 'height'] },
  allowedSchemes: [],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  // Word and browsers write b/i/strike/div; keep their meaning in the allowed vocabulary.
  transformTags: {
    b: 'strong',
    i: 'em',
    strike: 's',
    del: 's',
    div: 'p',
  },
  // Word's conditional blocks and embedded XML carry no text for the reader.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'xml', 'title', 'head', 'template'],
  exclusiveFilter: (frame) => {
    if (frame.tag !== 'img') return false;
    const src = frame.attribs.src ?? '';
    return !(DATA_IMAGE.test(src) || SAME_ORIGIN_PATH.test(src));
  },
  allowedStyles: {},
  parseStyleAttributes: false,
};

/** Cleans one rich-text fragment: only the outline's formatting survives; scripts, styles, classes, handlers and Word markup go. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS)
    .replace(/<p>(?:\s|&nbsp;)*<\/p>/g, '')
    .trim();
}

const RICH_SECTIONS = [
  'hostOverview',
  'currentStatus',
  'overallResults',
  'goalsAndTasks',
  'organizationAndSupport',
] as const;

/** Sanitises every rich-text field of a (draft) narrative, leaving the rest as it is. */
export function sanitizeNarrative<T extends Record<string, unknown> | null | undefined>(narrative: T): T {
  if (!narrative) return narrative;
  const out: Record<string, unknown> = { ...narrative };
  for (const key of RICH_SECTIONS) {
    if (typeof out[key] === 'string') out[key] = sanitizeRichText(out[key] as string);
  }
  if (Array.isArray(out.successCases)) {
    out.successCases = out.successCases.map((c: unknown) =>
      c && typeof c === 'object' && typeof (c as { body?: unknown }).body === 'string'
        ? { ...(c as object), body: sanitizeRichText((c as { body: string }).body) }
        : c,
    );
  }
  return out as T;
}
