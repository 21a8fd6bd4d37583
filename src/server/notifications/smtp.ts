import { randomUUID } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';

/**
 * A minimal SMTP client (RFC 5321) for the notification outbox: one message per connection —
 * EHLO, STARTTLS when the server offers it (or TLS from the start with smtps://), AUTH PLAIN or
 * LOGIN when the URL carries credentials, MAIL FROM, RCPT TO, DATA, QUIT. The message is plain text
 * in UTF-8: the Subject as RFC 2047 encoded words, the body in base64 (RFC 2045).
 */

export interface MailMessage {
  from: string;
  /** Shown before the sender address, e.g. the system's Chinese name. */
  fromName?: string;
  to: string;
  subject: string;
  text: string;
}

export interface SendOptions {
  /** Per-step timeout (connect, each reply); default 15 s. */
  timeoutMs?: number;
  /** The name this client gives in EHLO; default the sender's domain. */
  clientName?: string;
  /** Extra TLS options (e.g. a private CA for an internal relay). */
  tls?: tls.ConnectionOptions;
  /** The message's date; default now. */
  date?: Date;
}

/** A failed send. `code` is the server's reply code; absent when the connection itself failed. */
export class SmtpError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'SmtpError';
  }
  /** A 5xx reply: the server refused for good (retrying the same message will not help). */
  get permanent(): boolean {
    return this.code !== undefined && this.code >= 500;
  }
}

interface Reply {
  code: number;
  lines: string[];
}

const ADDRESS_RE = /^[^\s<>()[\]\\,;:"@]+@[^\s<>()[\]\\,;:"@]+$/;

function checkAddress(address: string, what: string): void {
  if (!ADDRESS_RE.test(address)) throw new SmtpError(`${what} address is not valid: ${JSON.stringify(address)}`);
}

/** RFC 2047 encoded words (B encoding, UTF-8), each at most 75 characters, folded onto continuation lines. */
export function encodeHeaderWords(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(clean) && !clean.includes('=?')) return clean;
  const words: string[] = [];
  let chunk: Buffer[] = [];
  let size = 0;
  // 45 bytes encode to 60 base64 characters: "=?UTF-8?B?" + 60 + "?=" = 72 ≤ 75. Characters are never split.
  for (const ch of clean) {
    const b = Buffer.from(ch, 'utf8');
    if (size + b.length > 45) {
      words.push(Buffer.concat(chunk).toString('base64'));
      chunk = [];
      size = 0;
    }
    chunk.push(b);
    size += b.length;
  }
  if (chunk.length) words.push(Buffer.concat(chunk).toString('base64'));
  return words.map((w) => `=?UTF-8?B?${w}?=`).join('\r\n ');
}

/** RFC 5322 date in UTC, e.g. "Mon, 01 Jun 2026 02:00:00 +0000". */
function rfc5322Date(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** The whole message (headers and base64 body) with CRLF line ends, before dot-stuffing. */
export function buildMessage(msg: MailMessage, date = new Date()): string {
  checkAddress(msg.from, 'Sender');
  checkAddress(msg.to, 'Recipient');
  const domain = msg.from.split('@')[1];
  const body = (
    Buffer.from(msg.text.replace(/\r?\n/g, '\r\n'), 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
  const headers = [
    `From: ${msg.fromName ? `${encodeHeaderWords(msg.fromName)} <${msg.from}>` : msg.from}`,
    `To: ${msg.to}`,
    `Subject: ${encodeHeaderWords(msg.subject)}`,
    `Date: ${rfc5322Date(date)}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
}

/** One SMTP session over a socket: reads replies line by line, writes commands. */
class Session {
  private buffer = '';
  private lines: string[] = [];
  private replies: Reply[] = [];
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(
    private socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  private attach(socket: net.Socket): void {
    socket.setTimeout(this.timeoutMs);
    // Buffers, not setEncoding: the same socket may be handed to TLS after STARTTLS.
    socket.on('data', (chunk: Buffer) => this.onData(chunk.toString('utf8')));
    socket.on('timeout', () => this.fail(new SmtpError('SMTP server did not answer in time')));
    socket.on('error', (err) => this.fail(new SmtpError(`SMTP connection failed: ${err.message}`)));
    socket.on('close', () => this.fail(new SmtpError('SMTP connection closed unexpectedly')));
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let i: number;
    while ((i = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, i).replace(/\r$/, '');
      this.buffer = this.buffer.slice(i + 1);
      this.lines.push(line);
      // "250-…" continues a reply; "250 …" (or a bare code) ends it.
      if (/^\d{3}(?: |$)/.test(line)) {
        this.replies.push({ code: Number(line.slice(0, 3)), lines: this.lines.map((l) => l.slice(4)) });
        this.lines = [];
      } else if (!/^\d{3}-/.test(line)) {
        this.fail(new SmtpError(`SMTP server sent an unexpected line: ${line.slice(0, 100)}`));
        return;
      }
    }
    this.deliver();
  }

  private deliver(): void {
    if (!this.waiting) return;
    const reply = this.replies.shift();
    if (reply) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve(reply);
    } else if (this.failure) {
      const w = this.waiting;
      this.waiting = null;
      w.reject(this.failure);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.deliver();
  }

  read(): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.deliver();
    });
  }

  /** Reads a reply and checks its code; anything else is an SmtpError carrying the server's reply. */
  async expect(codes: number[], what: string): Promise<Reply> {
    const reply = await this.read();
    if (!codes.includes(reply.code))
      throw new SmtpError(`${what} refused: ${reply.code} ${reply.lines.join(' ').slice(0, 300)}`, reply.code);
    return reply;
  }

  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  async command(line: string, codes: number[], what = line.split(' ')[0]!): Promise<Reply> {
    this.send(line);
    return this.expect(codes, what);
  }

  /** Switches the connection to TLS after STARTTLS (RFC 3207). */
  async upgrade(options: tls.ConnectionOptions): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('timeout');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    plain.on('error', () => {});
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ ...options, socket: plain }, () => resolve(s));
      s.once('error', (err) => reject(new SmtpError(`TLS negotiation failed: ${err.message}`)));
    });
    this.socket = secure;
    this.buffer = '';
    this.lines = [];
    this.replies = [];
    this.attach(secure);
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }
}

function connect(url: URL, timeoutMs: number, tlsOptions: tls.ConnectionOptions): Promise<net.Socket> {
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port) || (secure ? 465 : 25);
  return new Promise((resolve, reject) => {
    const socket = secure
      ? tls.connect({ ...tlsOptions, host, port, servername: net.isIP(host) ? undefined : host })
      : net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SmtpError(`SMTP connection to ${host}:${port} timed out`));
    }, timeoutMs);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(new SmtpError(`SMTP connection to ${host}:${port} failed: ${err.message}`));
    });
  });
}

/** The extensions an EHLO reply lists, upper-case keyword → parameters. */
function extensions(reply: Reply): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of reply.lines.slice(1)) {
    const [kw, ...params] = line.trim().split(/\s+/);
    if (kw)
      map.set(
        kw.toUpperCase(),
        params.map((p) => p.toUpperCase()),
      );
  }
  return map;
}

/** Dot-stuffing (RFC 5321 §4.5.2): a line that starts with "." gets another. */
const dotStuff = (data: string) => data.replace(/(^|\r\n)\./g, '$1..');

/**
 * Sends one message through the SMTP server of `smtpUrl` (smtp://[user:pass@]host[:port] or smtps://…).
 * Resolves once the server accepted the message; throws an SmtpError otherwise.
 */
export async function sendMail(smtpUrl: string, msg: MailMessage, opts: SendOptions = {}): Promise<void> {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new SmtpError('SMTP_URL must start with smtp://');
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const data = dotStuff(buildMessage(msg, opts.date));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const tlsOptions: tls.ConnectionOptions = { servername: net.isIP(host) ? undefined : host, ...opts.tls };
  const clientName = opts.clientName ?? msg.from.split('@')[1] ?? 'localhost';
  const session = new Session(await connect(url, timeoutMs, tlsOptions), timeoutMs);
  try {
    await session.expect([220], 'Greeting');
    let ehlo = await session.command(`EHLO ${clientName}`, [250]);
    let ext = extensions(ehlo);
    if (url.protocol === 'smtp:' && ext.has('STARTTLS')) {
      await session.command('STARTTLS', [220]);
      await session.upgrade(tlsOptions);
      ehlo = await session.command(`EHLO ${clientName}`, [250]);
      ext = extensions(ehlo);
    }
    if (url.username) {
      const user = decodeURIComponent(url.username);
      const pass = decodeURIComponent(url.password);
      const mechanisms = ext.get('AUTH') ?? [];
      if (mechanisms.includes('PLAIN') || !mechanisms.includes('LOGIN')) {
        const token = Buffer.from(`\0${user}\0${pass}`, 'utf8').toString('base64');
        await session.command(`AUTH PLAIN ${token}`, [235], 'AUTH PLAIN');
      } else {
        await session.command('AUTH LOGIN', [334], 'AUTH LOGIN');
        await session.command(Buffer.from(user, 'utf8').toString('base64'), [334], 'AUTH LOGIN user');
        await session.command(Buffer.from(pass, 'utf8').toString('base64'), [235], 'AUTH LOGIN password');
      }
    }
    const utf8 = ext.has('SMTPUTF8') ? ' SMTPUTF8' : '';
    await session.command(`MAIL FROM:<${msg.from}>${utf8}`, [250], 'MAIL FROM');
    await session.command(`RCPT TO:<${msg.to}>`, [250, 251], 'RCPT TO');
    await session.command('DATA', [354]);
    session.send(`${data}.`);
    await session.expect([250], 'Message');
    // Accepted: a failing QUIT no longer matters.
    await session.command('QUIT', [221]).catch(() => {});
  } finally {
    session.close();
  }
}
