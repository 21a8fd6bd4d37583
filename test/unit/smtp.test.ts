import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMessage, encodeHeaderWords, sendMail, SmtpError } from '../../src/server/notifications/smtp.js';
import { closedPort, decodeHeader, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

const MSG = {
  from: 'noreply@example.org',
  fromName: '专业化众创空间备案申报推荐系统',
  to: 'applicant@example.com',
  subject: '【退回修改】南京芯创集成电路专业化众创空间的申报已被退回，请修改后重新提交',
  text: '您单位的申报已被退回修改。\n意见：请补充盖章页。\n.这一行以点开头\n\n查看详情：http://localhost:3000/applications/abc',
};

let server: TestSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('RFC 2047 subject and the message', () => {
  it('encodes a Chinese subject as UTF-8 B words of at most 75 characters, never splitting a character', () => {
    const encoded = encodeHeaderWords(MSG.subject);
    const words = encoded.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) {
      expect(w).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
      expect(w.length).toBeLessThanOrEqual(75);
      // Each word decodes on its own to whole characters.
      expect(Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).not.toContain('\ufffd');
    }
    expect(decodeHeader(encoded)).toBe(MSG.subject);
  });

  it('leaves plain ASCII alone and strips line breaks (no header injection)', () => {
    expect(encodeHeaderWords('Hello')).toBe('Hello');
    expect(decodeHeader(encodeHeaderWords('a\r\nBcc: x@y.z'))).toBe('a Bcc: x@y.z');
    expect(encodeHeaderWords('a\r\nBcc: x@y.z')).not.toContain('\r\nBcc');
  });

  it('builds headers and a base64 UTF-8 body in lines of at most 76 characters', () => {
    const raw = buildMessage(MSG, new Date('2026-06-01T02:00:00Z'));
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toContain('Content-Type: text/plain; charset=UTF-8');
    expect(head).toContain('Content-Transfer-Encoding: base64');
    expect(head).toContain('Date: Mon, 01 Jun 2026 02:00:00 +0000');
    expect(head).toContain('To: applicant@example.com');
    for (const line of body!.trimEnd().split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(Buffer.from(body!.replace(/\s+/g, ''), 'base64').toString('utf8')).toBe(MSG.text.replace(/\n/g, '\r\n'));
  });

  it('refuses addresses that could inject commands or headers', () => {
    expect(() => buildMessage({ ...MSG, to: 'a@b.c>\r\nRCPT TO:<x@y.z' })).toThrow(SmtpError);
    expect(() => buildMessage({ ...MSG, from: 'no-at-sign' })).toThrow(SmtpError);
  });
});

describe('sendMail against a real SMTP server in the test process', () => {
  it('delivers the message: envelope, decoded Chinese subject and body', async () => {
    server = await startSmtpServer();
    await sendMail(server.url, MSG);
    expect(server.messages).toHaveLength(1);
    const m = server.messages[0]!;
    expect(m.from).toBe(MSG.from);
    expect(m.to).toEqual([MSG.to]);
    expect(m.subject).toBe(MSG.subject);
    expect(m.text).toBe(MSG.text.replace(/\n/g, '\r\n'));
    expect(decodeHeader(m.headers.from!)).toBe(`${MSG.fromName} <${MSG.from}>`);
    expect(server.commands.at(-1)).toBe('QUIT');
  });

  it('authenticates with AUTH PLAIN, or AUTH LOGIN when only that is offered', async () => {
    for (const mechanisms of [['PLAIN'], ['LOGIN']] as const) {
      server = await startSmtpServer({
        auth: { user: 'mailer@example.org', pass: 'p@ss:w/rd', mechanisms: [...mechanisms] },
      });
      await sendMail(server.url, MSG);
      expect(server.messages[0]!.auth).toEqual({ user: 'mailer@example.org', pass: 'p@ss:w/rd' });
      expect(server.commands.some((c) => c.startsWith(`AUTH ${mechanisms[0]}`))).toBe(true);
      await server.close();
      server = undefined;
    }
  });

  it('reports a wrong password as a permanent refusal and sends nothing', async () => {
    server = await startSmtpServer({ auth: { user: 'u', pass: 'right' } });
    const url = server.url.replace('right', 'wrong');
    const err = await sendMail(url, MSG).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmtpError);
    expect((err as SmtpError).code).toBe(535);
    expect((err as SmtpError).permanent).toBe(true);
    expect(server.messages).toHaveLength(0);
  });

  it('reports a refused recipient with the server reply code', async () => {
    server = await startSmtpServer({ rejectRecipient: { match: /nobody/, reply: '550 5.1.1 no such user' } });
    const err = (await sendMail(server.url, { ...MSG, to: 'nobody@example.com' }).catch(
      (e: unknown) => e,
    )) as SmtpError;
    expect(err.code).toBe(550);
    expect(err.message).toContain('no such user');
  });

  it('reports a refused connection as a transient failure', async () => {
    const err = (await sendMail(`smtp://127.0.0.1:${await closedPort()}`, MSG).catch((e: unknown) => e)) as SmtpError;
    expect(err).toBeInstanceOf(SmtpError);
    expect(err.code).toBeUndefined();
    expect(err.permanent).toBe(false);
  });

  it('upgrades to TLS with STARTTLS when the server offers it, then authenticates', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '2',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=DNS:localhost,IP:127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
    } catch {
      return; // no openssl here: nothing to test with
    }
    const pem = { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
    server = await startSmtpServer({ tls: pem, auth: { user: 'u', pass: 'p' } });
    await sendMail(server.url, MSG, { tls: { ca: pem.cert } });
    expect(server.messages[0]!.secure).toBe(true);
    expect(server.messages[0]!.subject).toBe(MSG.subject);
    // An untrusted certificate is refused: nothing is sent in the clear instead.
    const before = server.messages.length;
    await expect(sendMail(server.url, MSG)).rejects.toBeInstanceOf(SmtpError);
    expect(server.messages).toHaveLength(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
