import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * Tools for tests that open the generated documents for real: pdftotext and pdftoppm (poppler-utils)
 * and LibreOffice headless. CI installs them (.ci/run); a test that needs a missing one is skipped
 * with a message saying which.
 */

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export const HAS_POPPLER = hasCommand('pdftotext') && hasCommand('pdftoppm');
export const HAS_SOFFICE = hasCommand('soffice');

/** Logs once why tests are skipped (vitest's skipIf shows no reason of its own). */
export function explainSkips(): void {
  if (!HAS_POPPLER)
    console.warn('SKIPPED document checks: pdftotext/pdftoppm not found (apt-get install poppler-utils)');
  if (!HAS_SOFFICE)
    console.warn(
      'SKIPPED LibreOffice checks: soffice not found (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)',
    );
}

export function tempDir(prefix = 'msf-doc-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The text of a PDF (all pages, separated by form feeds; or one page); raw keeps the drawing order. */
export function pdfText(pdf: Buffer, opts: { page?: number; layout?: boolean; raw?: boolean } = {}): string {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'in.pdf');
    fs.writeFileSync(file, pdf);
    const args = [...(opts.layout ? ['-layout'] : []), ...(opts.raw ? ['-raw'] : []), '-enc', 'UTF-8'];
    if (opts.page) args.push('-f', String(opts.page), '-l', String(opts.page));
    return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Number of pages, from pdfinfo-free counting of pdftotext's form feeds. */
export const pageCount = (pdf: Buffer): number =>
  pdfText(pdf)
    .split('\f')
    .filter((p, i, all) => p.trim() || i < all.length - 1).length;

/** Renders one page to a grayscale PNG with pdftoppm. */
export function renderPagePng(pdf: Buffer, page: number, dpi = 80): Buffer {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'in.pdf');
    fs.writeFileSync(file, pdf);
    execFileSync('pdftoppm', [
      '-png',
      '-gray',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      path.join(dir, 'out'),
    ]);
    return fs.readFileSync(path.join(dir, 'out.png'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Converts Office files to PDF with LibreOffice headless, all in one run, with a private profile so
 * that parallel test files do not share (and lock) one. Throws with LibreOffice's output when a file
 * did not convert.
 */
export function officeToPdf(files: Record<string, Buffer>): Record<string, Buffer> {
  const dir = tempDir('msf-office-');
  try {
    const inputs = Object.entries(files).map(([name, data]) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, data);
      return p;
    });
    const out = path.join(dir, 'out');
    const res = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        out,
        ...inputs,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const result: Record<string, Buffer> = {};
    for (const name of Object.keys(files)) {
      const pdf = path.join(out, name.replace(/\.[^.]+$/, '.pdf'));
      if (!fs.existsSync(pdf)) {
        throw new Error(`LibreOffice did not convert ${name} (exit ${res.status}): ${res.stdout}\n${res.stderr}`);
      }
      result[name] = fs.readFileSync(pdf);
    }
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- PNG decoding (8-bit grayscale, grayscale+alpha, RGB, RGBA; no interlace) ----

export interface Raster {
  width: number;
  height: number;
  /** One byte per pixel: luminance. */
  gray: Uint8Array;
}

export function decodePng(buf: Buffer): Raster {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs are supported');
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const channels = ({ 0: 1, 4: 2, 2: 3, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = v & 0xff;
    }
  }
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    gray[i] =
      channels >= 3 ? Math.round(0.299 * pixels[p]! + 0.587 * pixels[p + 1]! + 0.114 * pixels[p + 2]!) : pixels[p]!;
  }
  return { width, height, gray };
}

export interface Difference {
  /** Mean absolute difference of luminance, 0–255. */
  mean: number;
  /** Share of pixels that differ by more than a third of the range. */
  changed: number;
}

export function compareRasters(a: Raster, b: Raster): Difference {
  if (a.width !== b.width || a.height !== b.height) return { mean: 255, changed: 1 };
  let sum = 0;
  let changed = 0;
  for (let i = 0; i < a.gray.length; i++) {
    const d = Math.abs(a.gray[i]! - b.gray[i]!);
    sum += d;
    if (d > 85) changed++;
  }
  return { mean: sum / a.gray.length, changed: changed / a.gray.length };
}

// ---- ZIP listing (central directory) ----

export interface ZipEntry {
  name: string;
  /** General-purpose bit 11: the name is UTF-8. */
  utf8: boolean;
  size: number;
  compressedSize: number;
}

/** Lists a ZIP's entries from its central directory. */
export function listZip(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory: not a complete ZIP');
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(off) !== 0x02014b50) throw new Error('bad central directory entry');
    const flags = buf.readUInt16LE(off + 8);
    const compressedSize = buf.readUInt32LE(off + 20);
    const size = buf.readUInt32LE(off + 24);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    const utf8 = (flags & 0x800) !== 0;
    const nameBytes = buf.subarray(off + 46, off + 46 + nameLen);
    entries.push({ name: nameBytes.toString(utf8 ? 'utf8' : 'latin1'), utf8, size, compressedSize });
    off += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** One entry's bytes, using unzip (-p) when available. */
export function unzipEntry(zip: Buffer, name: string): Buffer {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'in.zip');
    fs.writeFileSync(file, zip);
    // unzip treats [ ] * ? as wildcards; none occur in the names checked here.
    return execFileSync('unzip', ['-p', file, name], { maxBuffer: 64 * 1024 * 1024 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
