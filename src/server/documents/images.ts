import { RICH_TEXT_SECTIONS, type DraftContent } from '../../domain/application.js';
import type { ImageBlock } from './html.js';

/**
 * The bytes the PDF and the Word 申报书 draw for a narrative image: the uploaded image its file id
 * names (loaded by the caller, scoped to the application), else — only for versions frozen before
 * narrative images became uploads — a PNG/JPEG data: URL written inline. Anything else draws ［图片］.
 */

const DATA_URL = /^data:image\/(?:png|jpe?g);base64,([a-z0-9+/=\s]+)$/i;

export function imageData(block: ImageBlock, images: ReadonlyMap<string, Buffer> | undefined): Buffer | null {
  if (block.fileId) return images?.get(block.fileId) ?? null;
  const m = DATA_URL.exec(block.src);
  return m ? Buffer.from(m[1]!.replace(/\s/g, ''), 'base64') : null;
}

/** PNG or JPEG, by the bytes (the store checked the type on upload; this picks the embedding). */
export function imageType(data: Buffer): 'png' | 'jpg' | null {
  if (data.length > 8 && data.readUInt32BE(0) === 0x89504e47) return 'png';
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8) return 'jpg';
  return null;
}

/** Every rich-text fragment of an application's content: the sections and the success cases' bodies. */
export function narrativeHtml(content: DraftContent): string[] {
  const n = content.narrative ?? {};
  const out = RICH_TEXT_SECTIONS.map((k) => n[k]).filter((v): v is string => typeof v === 'string');
  for (const c of n.successCases ?? []) if (typeof c?.body === 'string') out.push(c.body);
  return out;
}
