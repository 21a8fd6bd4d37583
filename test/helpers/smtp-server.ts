import net from 'node:net';
import tls from 'node:tls';

/**
 * A tiny SMTP server for tests (node:net): accepts every message, optionally requires AUTH PLAIN or
 * LOGIN and offers STARTTLS, and records what it received with the Subject and body decoded.
 */

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw DATA, dot-unstuffed, CRLF line ends. */
  raw: string;
  headers: Record<string, string>;
  /** The Subject with its RFC 2047 encoded words decoded. */
  subject: string;
  /** The body, base64-decoded when so encoded. */
  text: string;
  auth: { user: string; pass: string } | null;
  /** Whether the message came over TLS (STARTTLS). */
  secure: boolean;
}

export interface TestSmtpServer {
  port: number;
  /** smtp://[user:pass@]127.0.0.1:port */
  url: string;
  messages: ReceivedMail[];
  /** Every command line received, in order (AUTH arguments included). */
  commands: string[];
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  auth?: { user: string; pass: string; mechanisms?: ('PLAIN' | 'LOGIN')[] };
  /** Offer STARTTLS with this certificate and key. */
  tls?: { key: string; cert: string };
  /** Answer RCPT TO for matching addresses with this reply (e.g. "550 no such user"). */
  rejectRecipient?: { match: RegExp; reply: string };
  port?: number;
}

/** Decodes RFC 2047 encoded words (B and Q, UTF-8) in a header value. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function parseMessage(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + 4) : '';
  const headers: Record<string, string> = {};
  let last = '';
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && last) headers[last] += line;
    else {
      const i = line.indexOf(':');
      last = line.slice(0, i).toLowerCase();
      headers[last] = line.slice(i + 1).trim();
    }
  }
  const base64 = /base64/i.test(headers['content-transfer-encoding'] ?? '');
  const text = base64 ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  return { headers, subject: decodeHeader(headers.subject ?? ''), text };
}

export async function startSmtpServer(opts: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const commands: string[] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let conn: net.Socket = socket;
    let secure = false;
    let buffer = '';
    let mode: 'command' | 'data' | 'auth-login-user' | 'auth-login-pass' = 'command';
    let from = '';
    let to: string[] = [];
    let data: string[] = [];
    let auth: { user: string; pass: string } | null = null;
    let loginUser = '';
    const reply = (line: string) => conn.write(`${line}\r\n`);
    const checkAuth = (user: string, pass: string) => {
      if (opts.auth && (user !== opts.auth.user || pass !== opts.auth.pass))
        return reply('535 5.7.8 authentication failed');
      auth = { user, pass };
      reply('235 2.7.0 authenticated');
    };

    const onLine = (line: string) => {
      if (mode === 'data') {
        if (line === '.') {
          const raw = data.join('\r\n') + '\r\n';
          messages.push({ from, to, raw, ...parseMessage(raw), auth, secure });
          data = [];
          mode = 'command';
          return reply('250 2.0.0 queued');
        }
        return void data.push(line.startsWith('..') ? line.slice(1) : line);
      }
      commands.push(line);
      if (mode === 'auth-login-user') {
        loginUser = Buffer.from(line, 'base64').toString('utf8');
        mode = 'auth-login-pass';
        return reply('334 UGFzc3dvcmQ6');
      }
      if (mode === 'auth-login-pass') {
        mode = 'command';
        return checkAuth(loginUser, Buffer.from(line, 'base64').toString('utf8'));
      }
      const [verb = '', ...rest] = line.split(' ');
      switch (verb.toUpperCase()) {
        case 'EHLO': {
          const ext = ['8BITMIME', 'SMTPUTF8'];
          if (opts.tls && !secure) ext.push('STARTTLS');
          if (opts.auth) ext.push(`AUTH ${(opts.auth.mechanisms ?? ['PLAIN', 'LOGIN']).join(' ')}`);
          conn.write(`250-test.smtp greets ${rest.join(' ')}\r\n`);
          ext.forEach((e, i) => reply(`250${i === ext.length - 1 ? ' ' : '-'}${e}`));
          return;
        }
        case 'HELO':
          return reply('250 test.smtp');
        case 'STARTTLS': {
          if (!opts.tls) return reply('502 5.5.1 not supported');
          reply('220 2.0.0 ready to start TLS');
          conn.removeAllListeners('data');
          const secured = new tls.TLSSocket(conn, { isServer: true, key: opts.tls.key, cert: opts.tls.cert });
          secured.on('error', () => {});
          secured.on('data', onData);
          conn = secured;
          secure = true;
          buffer = '';
          return;
        }
        case 'AUTH': {
          const mech = (rest[0] ?? '').toUpperCase();
          if (mech === 'PLAIN') {
            const [, user = '', pass = ''] = Buffer.from(rest[1] ?? '', 'base64')
              .toString('utf8')
              .split('\0');
            return checkAuth(user, pass);
          }
          if (mech === 'LOGIN') {
            mode = 'auth-login-user';
            return reply('334 VXNlcm5hbWU6');
          }
          return reply('504 5.5.4 mechanism not supported');
        }
        case 'MAIL':
          if (opts.auth && !auth) return reply('530 5.7.0 authentication required');
          from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          to = [];
          return reply('250 2.1.0 ok');
        case 'RCPT': {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
          if (opts.rejectRecipient?.match.test(address)) return reply(opts.rejectRecipient.reply);
          to.push(address);
          return reply('250 2.1.5 ok');
        }
        case 'DATA':
          if (!from || to.length === 0) return reply('503 5.5.1 need MAIL and RCPT first');
          mode = 'data';
          return reply('354 end data with <CR><LF>.<CR><LF>');
        case 'RSET':
          from = '';
          to = [];
          return reply('250 2.0.0 ok');
        case 'NOOP':
          return reply('250 2.0.0 ok');
        case 'QUIT':
          reply('221 2.0.0 bye');
          return void conn.end();
        default:
          return reply('500 5.5.2 command not recognised');
      }
    };
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        onLine(line);
      }
    };
    socket.on('data', onData);
    reply('220 test.smtp ESMTP ready');
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const creds = opts.auth ? `${encodeURIComponent(opts.auth.user)}:${encodeURIComponent(opts.auth.pass)}@` : '';
  return {
    port,
    url: `smtp://${creds}127.0.0.1:${port}`,
    messages,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on which nothing listens (connection refused). */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
