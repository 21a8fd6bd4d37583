import net from 'node:net';
import type tls from 'node:tls';
import { createTransport } from 'nodemailer';

/**
 * Sends the notification e-mails with nodemailer's pooled SMTP transport (issue 11 item 9 replaced
 * the hand-written client). SMTP_URL is smtp://[user:pass@]host[:port] — STARTTLS when the server
 * offers it, and *required* when the URL carries credentials, so that an attacker who strips STARTTLS
 * from the greeting never receives the password in clear (the send fails and the outbox retries) — or
 * smtps://… (TLS from the start). One pool per SMTP_URL, closed with closeMailTransports().
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
  /** Timeout of the connection, the greeting and each reply; default 15 s. */
  timeoutMs?: number;
  /** The name this client gives in EHLO; default the sender's domain. */
  clientName?: string;
  /** Extra TLS options (e.g. a private CA for an internal relay). */
  tls?: tls.ConnectionOptions;
  /** The message's date; default now. */
  date?: Date;
}

/** A failed send. `code` is the server's reply code; absent when the connection (or TLS) failed. */
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

const ADDRESS_RE = /^[^\s<>()[\]\\,;:"@]+@[^\s<>()[\]\\,;:"@]+$/;

function checkAddress(address: string, what: string): void {
  if (!ADDRESS_RE.test(address)) throw new SmtpError(`${what} address is not valid: ${JSON.stringify(address)}`);
}

type Transport = ReturnType<typeof createTransport>;
const pools = new Map<string, Transport>();

function transportFor(smtpUrl: string, from: string, opts: SendOptions): Transport {
  const key = `${smtpUrl}\n${JSON.stringify(opts.tls ?? {})}\n${opts.clientName ?? ''}`;
  const existing = pools.get(key);
  if (existing) return existing;
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new SmtpError('SMTP_URL must start with smtp://');
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const auth = url.username
    ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
    : undefined;
  const timeout = opts.timeoutMs ?? 15_000;
  const transport = createTransport({
    pool: true,
    maxConnections: 2,
    maxMessages: 100,
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 25,
    secure,
    // Credentials never travel without TLS: no STARTTLS offered (or stripped) means no send.
    requireTLS: !secure && !!auth,
    auth,
    name: opts.clientName ?? from.split('@')[1] ?? 'localhost',
    tls: { servername: net.isIP(host) ? undefined : host, ...opts.tls },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  });
  pools.set(key, transport);
  return transport;
}

/** Closes every pooled SMTP connection (at shutdown, and between tests). */
export function closeMailTransports(): void {
  for (const t of pools.values()) t.close();
  pools.clear();
}

/**
 * Sends one message through the SMTP server of `smtpUrl`. Resolves once the server accepted the
 * message; throws an SmtpError otherwise (with the reply code when the server answered).
 */
export async function sendMail(smtpUrl: string, msg: MailMessage, opts: SendOptions = {}): Promise<void> {
  checkAddress(msg.from, 'Sender');
  checkAddress(msg.to, 'Recipient');
  const transport = transportFor(smtpUrl, msg.from, opts);
  try {
    await transport.sendMail({
      from: msg.fromName ? { name: msg.fromName, address: msg.from } : msg.from,
      to: msg.to,
      subject: msg.subject.replace(/[\r\n]+/g, ' '),
      text: msg.text,
      date: opts.date,
      textEncoding: 'base64',
    });
  } catch (err) {
    const e = err as { message?: string; responseCode?: number; code?: string };
    // A failed or refused STARTTLS is not the server refusing this message (it may be an attacker
    // stripping TLS): transient, so the outbox keeps the e-mail and retries.
    const code = typeof e.responseCode === 'number' && e.code !== 'ETLS' ? e.responseCode : undefined;
    throw new SmtpError(`${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}`, code);
  }
}
