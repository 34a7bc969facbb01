// The one interface in front of every way a message leaves Sahulat (an SMS gateway, an SMTP server, the
// development outbox). The relay picks the channel by the message's `channel` column.
import type { NotificationChannel } from './repo.ts';

export interface OutgoingMessage {
  /** The outbox row's id: the idempotency key handed to providers that accept one. */
  readonly id: string;
  readonly event: string;
  readonly channel: NotificationChannel;
  readonly recipient: string;
  readonly locale: string;
  readonly subject: string | null;
  readonly body: string;
}

export interface SendResult {
  /** Who took the message: 'sms-gateway', 'smtp' or 'dev-outbox'. */
  readonly provider: string;
  readonly providerMessageId: string | null;
}

export interface Channel {
  readonly provider: string;
  send(message: OutgoingMessage): Promise<SendResult>;
  /** Releases connections (SMTP); called when the relay stops. */
  close?(): void;
}

export type Channels = Readonly<Record<NotificationChannel, Channel>>;

/**
 * A send that did not happen. `permanent` failures (a number or address the provider rejects, no provider
 * at all) are not retried; every other failure is, with backoff, up to the relay's maximum attempts.
 * Messages never carry provider response bodies: those may echo the text, and the text may be a code.
 */
export class SendError extends Error {
  readonly permanent: boolean;
  constructor(message: string, options: { permanent: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'SendError';
    this.permanent = options.permanent;
  }
}
