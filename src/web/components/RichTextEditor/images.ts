/**
 * Pictures in the 申报书 are uploads of the application (kind narrative_image, PNG or JPEG), named in
 * the narrative by their file id. This uploads a picture the user chose, pasted or dropped (GIF and
 * WEBP are converted to PNG first), and turns the data: images of older drafts into such uploads.
 */
import type { Editor } from '@tiptap/core';
import { NARRATIVE_IMAGE_FILE_KIND } from '../../../domain/narrative/schema.js';
import { uploadApplicationFile } from '../../api/uploads';

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
const ACCEPTED = /^image\/(png|jpeg|gif|webp)$/;
const STORED = /^image\/(png|jpeg)$/;

export type ImageProblem = 'type' | 'tooBig' | 'failed';

export class ImageError extends Error {
  constructor(readonly problem: ImageProblem) {
    super(problem);
  }
}

/** Re-encodes a GIF or WEBP as PNG (what the PDF and Word can embed). */
async function toPng(file: File): Promise<File> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageError('failed');
  }
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new ImageError('failed');
  ctx.drawImage(bitmap, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new ImageError('failed');
  return new File([blob], file.name.replace(/\.[^.]+$/, '') + '.png', { type: 'image/png' });
}

const stem = (name: string) => name.replace(/\.[^.]+$/, '').slice(0, 100);

/** Uploads a picture for the narrative; resolves to its file id and a caption from its name. */
export async function uploadNarrativeImage(
  applicationId: string,
  file: File,
): Promise<{ fileId: string; alt: string; fileName: string }> {
  if (!ACCEPTED.test(file.type)) throw new ImageError('type');
  if (file.size > IMAGE_MAX_BYTES) throw new ImageError('tooBig');
  const upload = STORED.test(file.type) ? file : await toPng(file);
  const stored = await uploadApplicationFile(applicationId, NARRATIVE_IMAGE_FILE_KIND, upload);
  return { fileId: stored.id, alt: stem(file.name), fileName: stored.fileName };
}

function dataUrlToFile(src: string, name: string): File | null {
  const m = /^data:(image\/[a-z]+);base64,(.*)$/is.exec(src);
  if (!m) return null;
  try {
    const bin = atob(m[2]!.replace(/\s/g, ''));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const ext = m[1]!.split('/')[1]!.replace('jpeg', 'jpg');
    return new File([bytes], `${name}.${ext}`, { type: m[1]! });
  } catch {
    return null;
  }
}

/**
 * Drafts written before pictures were uploads carry them inline as data: URLs, which the server no
 * longer keeps: upload each one and name it by its new file id, so the next save keeps it.
 */
export async function uploadLegacyImages(editor: Editor, applicationId: string): Promise<boolean> {
  const legacy: { src: string; alt: string }[] = [];
  editor.state.doc.descendants((node) => {
    if (node.type.name === 'image' && !node.attrs.fileId && node.attrs.src) legacy.push(node.attrs as never);
  });
  let changed = false;
  for (const { src, alt } of legacy) {
    const file = dataUrlToFile(src, alt || '申报书插图');
    if (!file) continue;
    const { fileId } = await uploadNarrativeImage(applicationId, file);
    if (editor.isDestroyed) return changed;
    const tr = editor.state.tr;
    editor.state.doc.descendants((node, pos) => {
      if (node.type.name === 'image' && node.attrs.src === src && !node.attrs.fileId)
        tr.setNodeMarkup(pos, undefined, { ...node.attrs, fileId, src: null });
    });
    // Not an edit of the user's: kept out of the undo history.
    editor.view.dispatch(tr.setMeta('addToHistory', false));
    changed = true;
  }
  return changed;
}
