import sanitizeHtml from 'sanitize-html';
import { narrativeImageDimension, narrativeImageFileId, narrativeImageSrc } from '../../domain/narrative/schema.js';
import type { NarrativeDraft } from '../../domain/application.js';

/**
 * Narrative HTML as browsers receive it. Saves are sanitised (commands/applications/sanitizeNarrative.ts),
 * but versions stored before images became uploads — submitted snapshots among them, which are frozen —
 * may carry images of any address on this site. Shown to an official, such an image made the official's
 * browser perform the request (issue 11 item 4). So on the way out every image either names a file of
 * this application (its src derived from the id) or is inline raster data (which requests nothing);
 * any other image is dropped. Everything else was sanitised on save and passes unchanged.
 */

const LEGACY_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i;

function imagesForBrowser(html: string, applicationId: string): string {
  if (!html.includes('<img') && !html.includes('<IMG')) return html;
  return sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    allowedSchemesByTag: { img: ['data'] },
    transformTags: {
      img: (_: string, attribs: sanitizeHtml.Attributes) => {
        const fileId = narrativeImageFileId(attribs, applicationId);
        const alt = (attribs.alt ?? '').slice(0, 200);
        let out: sanitizeHtml.Attributes;
        // The attributes in the order the save's sanitiser writes them.
        if (fileId) out = { 'data-file-id': fileId, src: narrativeImageSrc(applicationId, fileId), alt };
        else if (LEGACY_DATA_IMAGE.test(attribs.src ?? '')) out = { src: attribs.src!, alt };
        else return { tagName: 'img', attribs: {} };
        const width = narrativeImageDimension(attribs.width);
        const height = narrativeImageDimension(attribs.height);
        if (width) out.width = String(width);
        if (height) out.height = String(height);
        return { tagName: 'img', attribs: out };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}

/** The narrative with every rich-text field's images made safe for a browser (see above). */
export function narrativeForBrowser(narrative: NarrativeDraft | null, applicationId: string): NarrativeDraft | null {
  if (!narrative) return narrative;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(narrative)) {
    if (typeof v === 'string') out[key] = imagesForBrowser(v, applicationId);
    else if (key === 'successCases' && Array.isArray(v))
      out[key] = (v as NonNullable<NarrativeDraft['successCases']>).map((c) =>
        typeof c?.body === 'string' ? { ...c, body: imagesForBrowser(c.body, applicationId) } : c,
      );
    else out[key] = v;
  }
  return out as NarrativeDraft;
}
