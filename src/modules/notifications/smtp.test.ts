// The e-mail adapter against a real SMTP server (the `smtp-server` package) on 127.0.0.1: login, envelope,
// headers and a UTF-8 body as the server received them, and how refusals are classified.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { SendError } from './channel.ts';
import { smtpChannel } from './smtp.ts';
import { renderMessage } from './templates.ts';

interface ReceivedMail {
  readonly user: unknown;
  readonly from: string | undefined;
  readonly to: readonly string[];
  readonly raw: string;
}

const received: ReceivedMail[] = [];
let server: SMTPServer;
let port: number;

before(async () => {
  server = new SMTPServer({
    // Plain connection: no TLS certificate to trust in a test; AUTH allowed on it for the same reason.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'sahulat' && auth.password === 'mail-secret') callback(null, { user: 'sahulat' });
      else callback(Object.assign(new Error('Invalid login'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@nobody.test')) {
        callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({
          user: session.user,
          from: from === false ? undefined : from.address,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
after(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

/** Undoes RFC 2047 B-encoded words, as nodemailer writes a non-ASCII subject. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_all, text: string) =>
      Buffer.from(text, 'base64').toString('utf8'),
    );
}

function parseMail(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  // nodemailer chooses base64 for mostly non-ASCII text; this helper reads nothing else.
  assert.equal(headers.get('content-transfer-encoding'), 'base64');
  const body = Buffer.from(raw.slice(split + 4).replace(/\s+/g, ''), 'base64').toString('utf8');
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

describe('the SMTP e-mail adapter', () => {
  it('logs in and delivers the Urdu message as UTF-8 plain text with a stable Message-ID', async () => {
    const channel = smtpChannel({
      url: `smtp://sahulat:mail-secret@127.0.0.1:${port}`,
      from: 'Sahulat <no-reply@sahulat.test>',
    });
    const rendered = renderMessage('otp.verifyEmail', 'email', 'ur', { code: '604211', minutes: 15 });
    const id = '6f1c0d3e-5a57-4f7e-9b1e-0d6b4c1f2a90';
    try {
      const result = await channel.send({
        id,
        event: 'otp.verifyEmail',
        channel: 'email',
        recipient: 'amina@example.test',
        locale: rendered.locale,
        subject: rendered.subject,
        body: rendered.body,
      });
      assert.equal(result.provider, 'smtp');
      assert.equal(result.providerMessageId, `<${id}@sahulat.test>`);
    } finally {
      channel.close?.();
    }
    const mail = received.at(-1);
    assert.ok(mail !== undefined);
    assert.equal(mail.user, 'sahulat');
    assert.equal(mail.from, 'no-reply@sahulat.test');
    assert.deepEqual(mail.to, ['amina@example.test']);
    const { headers, body } = parseMail(mail.raw);
    assert.equal(headers.get('message-id'), `<${id}@sahulat.test>`);
    assert.equal(headers.get('content-language'), 'ur');
    assert.match(headers.get('content-type') ?? '', /^text\/plain; charset=utf-8/i);
    assert.equal(decodeWords(headers.get('subject') ?? ''), rendered.subject);
    assert.equal(body, rendered.body);
    assert.match(body, /\u2066604211\u2069/);
  });

  it('treats a refused mailbox as permanent and a refused login as worth retrying', async () => {
    const good = smtpChannel({
      url: `smtp://sahulat:mail-secret@127.0.0.1:${port}`,
      from: 'no-reply@sahulat.test',
    });
    const badLogin = smtpChannel({
      url: `smtp://sahulat:wrong@127.0.0.1:${port}`,
      from: 'no-reply@sahulat.test',
    });
    const message = {
      id: '7d0e8a1b-0000-4000-8000-000000000001',
      event: 'account.passwordChanged',
      channel: 'email' as const,
      recipient: 'gone@nobody.test',
      locale: 'en',
      subject: 'Subject',
      body: 'Body',
    };
    try {
      await assert.rejects(good.send(message), (error: unknown) => {
        assert.ok(error instanceof SendError);
        assert.equal(error.permanent, true);
        assert.match(error.message, /550 to RCPT TO/);
        return true;
      });
      await assert.rejects(
        badLogin.send({ ...message, recipient: 'someone@example.test' }),
        (error: unknown) => error instanceof SendError && !error.permanent && /535/.test(error.message),
      );
    } finally {
      good.close?.();
      badLogin.close?.();
    }
  });
});
