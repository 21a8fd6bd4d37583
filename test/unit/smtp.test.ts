import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeMailTransports, sendMail, SmtpError } from '../../src/server/notifications/smtp.js';
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
  closeMailTransports();
  await server?.close();
  server = undefined;
});

describe('sending with nodemailer (pooled)', () => {
  it('delivers the message: envelope, decoded Chinese subject and body', async () => {
    server = await startSmtpServer();
    await sendMail(server.url, MSG);
    expect(server.messages).toHaveLength(1);
    const m = server.messages[0]!;
    expect(m.from).toBe(MSG.from);
    expect(m.to).toEqual([MSG.to]);
    expect(m.subject).toBe(MSG.subject);
    expect(m.text).toBe(MSG.text);
    expect(decodeHeader(m.headers.from!)).toBe(`${MSG.fromName} <${MSG.from}>`);
  });

  it('with credentials, a server that offers no STARTTLS (or had it stripped) gets neither the password nor the message', async () => {
    server = await startSmtpServer({ auth: { user: 'mailer@example.org', pass: 'p@ss:w/rd' } });
    const err = (await sendMail(server.url, MSG).catch((e: unknown) => e)) as SmtpError;
    expect(err).toBeInstanceOf(SmtpError);
    // Transient: the outbox keeps the e-mail and retries (an operator fixes the relay or the URL).
    expect(err.permanent).toBe(false);
    expect(server.messages).toHaveLength(0);
    expect(server.commands.some((c) => c.startsWith('AUTH'))).toBe(false);
    expect(server.commands.join('\n')).not.toContain(Buffer.from('p@ss:w/rd').toString('base64'));
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
    for (const mechanisms of [['PLAIN'], ['LOGIN']] as const) {
      server = await startSmtpServer({
        tls: pem,
        auth: { user: 'mailer@example.org', pass: 'p@ss:w/rd', mechanisms: [...mechanisms] },
      });
      await sendMail(server.url, MSG, { tls: { ca: pem.cert } });
      expect(server.messages[0]!.secure).toBe(true);
      expect(server.messages[0]!.auth).toEqual({ user: 'mailer@example.org', pass: 'p@ss:w/rd' });
      expect(server.commands.some((c) => c.startsWith(`AUTH ${mechanisms[0]}`))).toBe(true);
      closeMailTransports();
      await server.close();
    }
    // A wrong password is a permanent refusal, and nothing is sent.
    server = await startSmtpServer({ tls: pem, auth: { user: 'u', pass: 'right' } });
    const wrong = (await sendMail(server.url.replace('right', 'wrong'), MSG, { tls: { ca: pem.cert } }).catch(
      (e: unknown) => e,
    )) as SmtpError;
    expect(wrong).toBeInstanceOf(SmtpError);
    expect(wrong.code).toBe(535);
    expect(wrong.permanent).toBe(true);
    expect(server.messages).toHaveLength(0);
    closeMailTransports();
    await server.close();
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
