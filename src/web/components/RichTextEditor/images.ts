/** Turns a picture chosen or pasted by the user into a data: URL small enough for the section. */

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
const TYPES = /^image\/(png|jpeg|gif|webp)$/;

export type ImageProblem = 'type' | 'tooBig' | 'noRoom' | 'failed';

export class ImageError extends Error {
  constructor(readonly problem: ImageProblem) {
    super(problem);
  }
}

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new ImageError('failed'));
    reader.readAsDataURL(file);
  });
}

/**
 * The picture as a data: URL of at most `budget` characters: as it is when it fits, otherwise
 * scaled down and re-encoded as JPEG until it does (the section's HTML has a length limit).
 */
export async function imageToDataUrl(file: File, budget: number): Promise<string> {
  if (!TYPES.test(file.type)) throw new ImageError('type');
  if (file.size > IMAGE_MAX_BYTES) throw new ImageError('tooBig');
  const direct = await readAsDataUrl(file);
  if (direct.length <= budget) return direct;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageError('failed');
  }
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new ImageError('failed');
  for (const width of [1000, 800, 640, 480, 360, 240]) {
    const w = Math.min(width, bitmap.width);
    canvas.width = w;
    canvas.height = Math.max(1, Math.round((bitmap.height * w) / bitmap.width));
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.8, 0.6, 0.45]) {
      const url = canvas.toDataURL('image/jpeg', quality);
      if (url.length <= budget) return url;
    }
  }
  throw new ImageError('noRoom');
}
