import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The CJK font embedded in every PDF: Noto Sans SC (OFL), shipped as an npm package so that the
 * server needs no system fonts. pdfkit embeds only the glyphs used (a subset), so a document stays
 * small and its text is real, selectable and searchable.
 */
const require = createRequire(import.meta.url);

const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
export type FontWeight = keyof typeof FONT_FILES;

/** The font family name written into Word and Excel files (Office substitutes a local CJK font if absent). */
export const OFFICE_FONT = '宋体';
export const OFFICE_HEADING_FONT = '黑体';

/** Absolute path of a font file, wherever the process was started from. */
export const fontPath = (weight: FontWeight): string => require.resolve(FONT_FILES[weight]);

const cache = new Map<FontWeight, Buffer>();

/** The font file's bytes, read once per process (about 10 MB each). */
export function fontData(weight: FontWeight): Buffer {
  let data = cache.get(weight);
  if (!data) {
    data = fs.readFileSync(fontPath(weight));
    cache.set(weight, data);
  }
  return data;
}
