import fs from 'node:fs/promises';
import path from 'node:path';
import mammoth from 'mammoth';

/** The kinds of file `npm run similarity:import` reads, by extension. */
export const IMPORT_FILE_TYPES = { '.docx': 'docx', '.pdf': 'pdf', '.txt': 'txt' } as const;
export type ImportFileType = (typeof IMPORT_FILE_TYPES)[keyof typeof IMPORT_FILE_TYPES];

/** A file that could not be read, with a message in Chinese and English for the row's report. */
export class ImportFileError extends Error {}

/** Files larger than this are refused (an earlier 申报书 is a few MB at most). */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;

export function importFileType(file: string): ImportFileType | null {
  const ext = path.extname(file).toLowerCase();
  return ext in IMPORT_FILE_TYPES ? IMPORT_FILE_TYPES[ext as keyof typeof IMPORT_FILE_TYPES] : null;
}

/** The text of a PDF, page by page, with the line breaks pdf.js reports (legacy build: Node has no DOM). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: bytes, useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      pages.push(text);
      page.cleanup();
    }
    return pages.join('\n');
  } finally {
    await task.destroy();
  }
}

/** The UTF-8 text of a .txt file; a file that is not UTF-8 (e.g. GBK) is refused rather than garbled. */
function utf8Text(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ImportFileError('文本文件不是 UTF-8 编码，请另存为 UTF-8 · the text file is not UTF-8');
  }
}

/**
 * The plain text of an earlier 申报书: a .docx through mammoth (raw text), a .pdf through pdf.js, a .txt
 * as UTF-8. Throws ImportFileError (missing, too large, unreadable, no text) with a bilingual message.
 */
export async function extractImportText(filePath: string): Promise<{ type: ImportFileType; text: string }> {
  const type = importFileType(filePath);
  if (!type)
    throw new ImportFileError(
      `不支持的文件类型（仅支持 .docx、.pdf、.txt）· unsupported file type "${path.extname(filePath)}" (.docx, .pdf, .txt)`,
    );
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch {
    throw new ImportFileError('文件不存在 · file not found');
  }
  if (!stat.isFile()) throw new ImportFileError('不是文件 · not a file');
  if (stat.size > MAX_IMPORT_FILE_BYTES)
    throw new ImportFileError(`文件超过 ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB · file larger than 50 MB`);
  const bytes = new Uint8Array(await fs.readFile(filePath));
  let text: string;
  try {
    text =
      type === 'docx'
        ? (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value
        : type === 'pdf'
          ? await pdfText(bytes)
          : utf8Text(bytes);
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new ImportFileError(`文件无法读取（已损坏或加密）· unreadable file: ${reason.slice(0, 200)}`);
  }
  if (!/[\p{Script=Han}\p{L}\p{N}]/u.test(text))
    throw new ImportFileError('文件中没有可识别的文字（可能是扫描件）· no text found (a scanned document?)');
  return { type, text };
}
