/**
 * Reading a produced file from the server with progress. Pure (no React, no app imports), so the unit
 * tests run it on Node's own fetch types.
 */

export interface DownloadProgress {
  /** Bytes of the body received so far. */
  received: number;
  /** The length of the body, when the server sent it (Content-Length of a finished file). */
  total: number | null;
  /** The server's estimate of the length of a file it produces while sending (X-Expected-Length). */
  expected: number | null;
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
  size: number;
}

/**
 * The file name of a Content-Disposition header: the UTF-8 `filename*` (RFC 5987) when present, else
 * the plain `filename`; null when neither is there.
 */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    const charset = (star[1] ?? '').trim().toLowerCase();
    const value = (star[2] ?? '').trim().replace(/^"(.*)"$/, '$1');
    try {
      if (charset === 'utf-8' || charset === '') return decodeURIComponent(value);
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  if (plain) {
    const name = (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1').trim();
    return name || null;
  }
  return null;
}

/** A positive integer header, or null. */
function sizeHeader(res: Response, name: string): number | null {
  const v = Number(res.headers.get(name));
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : null;
}

/**
 * The known length of a response body as it will be read: Content-Length, unless the body is
 * content-encoded (then the header counts compressed bytes, and the reader sees decoded ones).
 */
export function bodyLength(res: Response): number | null {
  const encoding = res.headers.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') return null;
  return sizeHeader(res, 'content-length');
}

/**
 * Reads the body of a successful response chunk by chunk, reporting progress after each chunk, and
 * returns it as a Blob with the server's file name. Rejects when the fetch's signal aborts or the
 * transfer breaks off (a file produced while sent has no length: a cut is seen as a read error).
 */
export async function readWithProgress(
  res: Response,
  onProgress: (p: DownloadProgress) => void,
  fallbackName = 'download',
): Promise<DownloadedFile> {
  const total = bodyLength(res);
  const expected = total === null ? sizeHeader(res, 'x-expected-length') : null;
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  const fileName = fileNameFromDisposition(res.headers.get('content-disposition')) ?? fallbackName;
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress({ received, total, expected });
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress({ received, total, expected });
    }
  }
  if (total !== null && received !== total) {
    throw new Error(`incomplete body: ${received} of ${total} bytes`);
  }
  return { blob: new Blob(chunks as BlobPart[], { type }), fileName, size: received };
}

/**
 * The share done, 0–100, when it can be told: exact with a known length; with an estimate, at most
 * 99 until the end (an estimate may be short); null when nothing is known.
 */
export function percentOf(p: DownloadProgress): number | null {
  if (p.total) return Math.min(100, Math.floor((p.received / p.total) * 100));
  if (p.expected && p.received < p.expected) return Math.min(99, Math.floor((p.received / p.expected) * 100));
  return null;
}

/** Sizes in the interface: 0.8 MB, 12.3 MB, 512 KB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
