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

// fontkit, as pdfkit (our dependency) resolves it.
const fontkit = createRequire(require.resolve('pdfkit')) as (id: 'fontkit') => {
  create(data: Uint8Array, postscriptName?: string): PdfFont;
};
/** A font parsed by fontkit; pdfkit takes one in place of the file (anything with a layout method). */
export interface PdfFont {
  layout(text: string): unknown;
  postscriptName: string;
}

const parsed = new Map<FontWeight, PdfFont>();

/**
 * The font parsed once per process, for pdfkit: given the file's bytes, pdfkit has fontkit parse the
 * font again for every document, and its glyph and layout caches start empty each time (a quarter of
 * an application PDF's time, issue 7). Documents share the parsed font (read-only but for fontkit's
 * caches); each still embeds its own subset of the glyphs it uses.
 */
export function pdfFont(weight: FontWeight): PdfFont {
  let font = parsed.get(weight);
  if (!font) {
    font = fontkit('fontkit').create(fontData(weight));
    parsed.set(weight, font);
  }
  return font;
}
