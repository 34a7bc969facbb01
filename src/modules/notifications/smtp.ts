// E-mail through an SMTP server with nodemailer: plain text, UTF-8, one pooled connection per relay.
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../../platform/config.ts';
import { type Channel, type OutgoingMessage, SendError } from './channel.ts';

export const SMTP_PROVIDER = 'smtp';

/** The domain of the From address, for Message-IDs. */
function senderDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'sahulat.invalid';
}

/**
 * A 5xx answer to RCPT TO (or a 55x anywhere) means this address will never take the message: not retried.
 * Everything else (connection, 4xx, a 5xx to AUTH from a bad password that an operator can fix) is retried.
 */
function isPermanent(error: { responseCode?: number; command?: string }): boolean {
  const code = error.responseCode ?? 0;
  return (code >= 500 && error.command === 'RCPT TO') || (code >= 550 && code <= 553);
}

export function smtpChannel(config: SmtpConfig): Channel {
  // Bounded timeouts: the relay's lease on a message must outlast one attempt (nodemailer's defaults are minutes).
  const transport = nodemailer.createTransport({
    url: config.url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const domain = senderDomain(config.from);
  return {
    provider: SMTP_PROVIDER,
    async send(message: OutgoingMessage) {
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: message.recipient,
          subject: message.subject ?? '',
          text: message.body,
          // Derived from the outbox id: a repeat after a crash carries the same Message-ID, which mail
          // systems use to recognise a duplicate.
          messageId: `<${message.id}@${domain}>`,
          headers: { 'Content-Language': message.locale, 'Auto-Submitted': 'auto-generated' },
        });
        return { provider: SMTP_PROVIDER, providerMessageId: info.messageId };
      } catch (error: unknown) {
        const detail = error as { responseCode?: number; command?: string; code?: string };
        const what =
          detail.responseCode === undefined
            ? `SMTP error ${detail.code ?? 'unknown'}`
            : `SMTP server answered ${detail.responseCode} to ${detail.command ?? 'a command'}`;
        throw new SendError(what, { permanent: isPermanent(detail), cause: error });
      }
    },
    close() {
      transport.close();
    },
  };
}
