import { describe, expect, it } from 'vitest';
import {
  fileNameFromDisposition,
  formatSize,
  percentOf,
  readWithProgress,
  type DownloadProgress,
} from '../../src/web/api/downloadStream.js';

/** A response whose body arrives in the given chunks. */
function chunked(chunks: string[], headers: Record<string, string>): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const s of chunks) c.enqueue(enc.encode(s));
      c.close();
    },
  });
  return new Response(body, { headers });
}

describe('download stream', () => {
  it('takes the UTF-8 file name of Content-Disposition, else the plain one', () => {
    // As the server writes it (contentDisposition in src/server/files/store.ts).
    const header = `attachment; filename="______-2026-11-28.xlsx"; filename*=UTF-8''${encodeURIComponent('申报汇总表-2026-11-28.xlsx')}`;
    expect(fileNameFromDisposition(header)).toBe('申报汇总表-2026-11-28.xlsx');
    expect(fileNameFromDisposition('attachment; filename="a \\"b\\".pdf"')).toBe('a "b".pdf');
    expect(fileNameFromDisposition('attachment; filename=plain.zip')).toBe('plain.zip');
    expect(fileNameFromDisposition('attachment; filename="x.zip"; filename*=UTF-8\'\'%E0%A4%A')).toBe('x.zip');
    expect(fileNameFromDisposition('attachment')).toBeNull();
    expect(fileNameFromDisposition(null)).toBeNull();
  });

  it('reports each chunk against Content-Length and returns the file', async () => {
    const seen: DownloadProgress[] = [];
    const res = chunked(['PK', 'abc', 'defgh'], {
      'content-length': '10',
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('报送材料.zip')}`,
    });
    const file = await readWithProgress(res, (p) => seen.push(p));
    expect(seen.map((p) => p.received)).toEqual([0, 2, 5, 10]);
    expect(seen.every((p) => p.total === 10 && p.expected === null)).toBe(true);
    expect(percentOf(seen[2]!)).toBe(50);
    expect(file.fileName).toBe('报送材料.zip');
    expect(file.size).toBe(10);
    expect(file.blob.type).toBe('application/zip');
    expect(await file.blob.text()).toBe('PKabcdefgh');
  });

  it('uses the estimate of a streamed file, below 100 % until the end; without one, no percent', async () => {
    const seen: DownloadProgress[] = [];
    await readWithProgress(chunked(['12345', '67890', 'abcde'], { 'x-expected-length': '10' }), (p) => seen.push(p));
    expect(seen.map(percentOf)).toEqual([0, 50, null, null]);
    const plain: DownloadProgress[] = [];
    const file = await readWithProgress(chunked(['x'], {}), (p) => plain.push(p), 'fallback.bin');
    expect(plain.map(percentOf)).toEqual([null, null]);
    expect(file.fileName).toBe('fallback.bin');
    // An estimate never reaches 100 %: the end is only known when the stream ends.
    expect(percentOf({ received: 99_999, total: null, expected: 100_000 })).toBe(99);
  });

  it('ignores Content-Length of an encoded body and refuses a body shorter than its length', async () => {
    const seen: DownloadProgress[] = [];
    await readWithProgress(chunked(['abc'], { 'content-length': '2', 'content-encoding': 'gzip' }), (p) =>
      seen.push(p),
    );
    expect(seen.at(-1)).toEqual({ received: 3, total: null, expected: null });
    await expect(readWithProgress(chunked(['abc'], { 'content-length': '9' }), () => {})).rejects.toThrow(/incomplete/);
  });

  it('formats sizes', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1500)).toBe('1 KB');
    expect(formatSize(2.5 * 1024 * 1024)).toBe('2.5 MB');
  });
});
