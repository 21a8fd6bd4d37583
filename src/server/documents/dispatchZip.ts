import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { safeFileName } from './format.js';

/**
 * The dispatch package (报送材料包) as a ZIP streamed to `out`:
 *
 *   推荐函.pdf, 信用承诺书.pdf, 汇总表.xlsx
 *   <rank>-<space name>/申报材料（<number>）.pdf and the application's uploaded files, by their original names
 *
 * Names are UTF-8 (the archive sets the language-encoding flag). Entries are produced one at a time —
 * each application's PDF is rendered only when the previous entry has been written — so memory stays
 * bounded by one application whatever the size of the package.
 */

export interface ZipFile {
  name: string;
  open: () => Readable | Promise<Readable>;
}

export interface ZipApplication {
  rank: number;
  spaceName: string;
  number: string | null;
  pdf: () => Promise<Buffer>;
  files: readonly ZipFile[];
}

export interface DispatchZipInput {
  letterPdf: () => Promise<Buffer>;
  pledgePdf: () => Promise<Buffer>;
  /** Writes the 汇总表 into the given stream (and ends it). */
  summary: (out: Writable) => Promise<unknown>;
  applications: readonly ZipApplication[];
  /** Entry times (fixed in tests). */
  date: Date;
}

/** `<rank>-<space name>` folder names, with a suffix should two collide after cleaning. */
export function folderName(app: Pick<ZipApplication, 'rank' | 'spaceName'>): string {
  return `${app.rank}-${safeFileName(app.spaceName, '众创空间')}`;
}

/** Makes names unique within a folder: "a.pdf", "a (2).pdf", … (case-insensitively, as Windows sees them). */
export function uniqueNames(names: readonly string[], taken: Iterable<string> = []): string[] {
  const seen = new Set([...taken].map((n) => n.toLowerCase()));
  return names.map((n) => {
    const dot = n.lastIndexOf('.');
    const stem = dot > 0 ? n.slice(0, dot) : n;
    const ext = dot > 0 ? n.slice(dot) : '';
    let candidate = n;
    for (let k = 2; seen.has(candidate.toLowerCase()); k++) candidate = `${stem} (${k})${ext}`;
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

export const applicationPdfName = (number: string | null) => (number ? `申报材料（${number}）.pdf` : '申报材料.pdf');

/** Streams the package into `out`; resolves when the archive has been fully written. */
export async function writeDispatchZip(input: DispatchZipInput, out: Writable): Promise<void> {
  // archiver on first use, not when the server starts (~10 MB of the idle server's memory, issue 7).
  const { ZipArchive } = await import('archiver');
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const failed = new Promise<never>((_, reject) => archive.on('error', reject));
  failed.catch(() => {});
  archive.on('warning', (err) => archive.emit('error', err));
  archive.pipe(out);

  const add = async (source: Buffer | Readable, name: string) => {
    const done = once(archive, 'entry');
    archive.append(source, { name, date: input.date });
    await Promise.race([done, failed]);
  };

  await add(await input.letterPdf(), '推荐函.pdf');
  await add(await input.pledgePdf(), '信用承诺书.pdf');
  const summary = new PassThrough();
  const writing = input.summary(summary);
  await Promise.all([add(summary, '汇总表.xlsx'), writing]);

  const folders = uniqueNames(input.applications.map(folderName));
  for (const [i, app] of input.applications.entries()) {
    const dir = folders[i]!;
    const pdfName = applicationPdfName(app.number);
    await add(await app.pdf(), `${dir}/${pdfName}`);
    const names = uniqueNames(
      app.files.map((f) => safeFileName(f.name, '附件')),
      [pdfName],
    );
    for (const [k, file] of app.files.entries()) await add(await file.open(), `${dir}/${names[k]}`);
  }
  const finished = archive.finalize();
  await Promise.race([finished, failed]);
  if (!out.writableFinished) await Promise.race([once(out, 'finish'), once(out, 'close'), failed]);
}
