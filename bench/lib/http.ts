import net from 'node:net';

/**
 * A minimal HTTP/1.1 keep-alive client on one TCP connection, one request at a time. Requests are
 * written as prebuilt bytes and responses parsed only as far as needed (status, a few headers,
 * Content-Length or chunked body), so that the load generator spends little CPU per request and the
 * server, not the client, is what is measured on a 2-core machine.
 */

export interface HttpRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers (set-cookie) joined with "\n". */
  headers: Record<string, string>;
  body: Buffer;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

export function encodeRequest(host: string, req: HttpRequest): Buffer {
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  let head = `${req.method} ${req.path} HTTP/1.1\r\nhost: ${host}\r\n`;
  for (const [k, v] of Object.entries(req.headers ?? {})) head += `${k}: ${v}\r\n`;
  if (body) head += `content-length: ${body.length}\r\n`;
  head += '\r\n';
  return body ? Buffer.concat([Buffer.from(head, 'latin1'), body]) : Buffer.from(head, 'latin1');
}

export class HttpConnection {
  private socket: net.Socket | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private pending: { resolve: (r: HttpResponse) => void; reject: (e: Error) => void } | null = null;
  /** When the TCP connection was last established (performance.now()). */
  connectedAt = NaN;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  private connect(): net.Socket {
    const s = net.connect({ host: this.host, port: this.port, noDelay: true });
    s.once('connect', () => (this.connectedAt = performance.now()));
    s.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      this.tryParse();
    });
    const fail = (err: Error) => {
      if (this.socket === s) this.socket = null;
      this.buf = Buffer.alloc(0);
      const p = this.pending;
      this.pending = null;
      p?.reject(err);
    };
    s.on('error', fail);
    s.on('close', () => fail(new Error('connection closed')));
    this.socket = s;
    return s;
  }

  /** Sends one request (bytes from encodeRequest) and resolves with the parsed response. */
  send(bytes: Buffer): Promise<HttpResponse> {
    if (this.pending) return Promise.reject(new Error('a request is already in flight on this connection'));
    const s = this.socket ?? this.connect();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      s.write(bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private tryParse(): void {
    if (!this.pending) return;
    const end = this.buf.indexOf(CRLFCRLF);
    if (end < 0) return;
    const head = this.buf.toString('latin1', 0, end);
    const lines = head.split('\r\n');
    const status = Number(lines[0]!.slice(9, 12));
    const headers: Record<string, string> = {};
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}\n${value}`;
    }
    const start = end + 4;
    let body: Buffer;
    let consumed: number;
    if (headers['transfer-encoding']?.includes('chunked')) {
      const parts: Buffer[] = [];
      let pos = start;
      for (;;) {
        const lineEnd = this.buf.indexOf('\r\n', pos, 'latin1');
        if (lineEnd < 0) return;
        const size = parseInt(this.buf.toString('latin1', pos, lineEnd), 16);
        if (size === 0) {
          const trailerEnd = this.buf.indexOf('\r\n', lineEnd + 2, 'latin1');
          if (trailerEnd < 0) return;
          consumed = trailerEnd + 2;
          break;
        }
        if (this.buf.length < lineEnd + 2 + size + 2) return;
        parts.push(this.buf.subarray(lineEnd + 2, lineEnd + 2 + size));
        pos = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      const length = Number(headers['content-length'] ?? 0);
      if (this.buf.length < start + length) return;
      body = this.buf.subarray(start, start + length);
      consumed = start + length;
    }
    this.buf = this.buf.subarray(consumed);
    const p = this.pending;
    this.pending = null;
    if (headers.connection?.toLowerCase() === 'close') this.close();
    p.resolve({ status, headers, body });
  }
}
