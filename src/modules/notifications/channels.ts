// The channels the configuration asks for, and the development outbox used when it names no provider.
import type { AppConfig } from '../../platform/config.ts';
import type { Logger } from '../../platform/logger.ts';
import { type Channel, type Channels, SendError } from './channel.ts';
import type { NotificationChannel } from './repo.ts';
import { smsGatewayChannel } from './sms-gateway.ts';
import { smtpChannel } from './smtp.ts';

export const DEV_OUTBOX_PROVIDER = 'dev-outbox';

/**
 * Outside production with no provider configured: the message is "sent" by writing it to the log and
 * leaving it readable at GET /dev/outbox, so a developer or tester can read the code they were sent.
 */
export function devOutboxChannel(logger: Logger): Channel {
  return {
    provider: DEV_OUTBOX_PROVIDER,
    async send(message) {
      logger.info(
        {
          component: 'notifications',
          messageId: message.id,
          event: message.event,
          channel: message.channel,
          to: message.recipient,
          locale: message.locale,
          subject: message.subject,
          text: message.body,
        },
        'development outbox: message not delivered; read it at /dev/outbox',
      );
      return { provider: DEV_OUTBOX_PROVIDER, providerMessageId: null };
    },
  };
}

/** In production with no provider: fail each message at once and say why, rather than pretend to send. */
function unconfiguredChannel(channel: NotificationChannel): Channel {
  const variable = channel === 'sms' ? 'SMS_GATEWAY_URL' : 'SMTP_URL';
  return {
    provider: 'none',
    async send() {
      throw new SendError(`no ${channel} provider is configured (set ${variable})`, { permanent: true });
    },
  };
}

/** The channels the configuration describes. */
export function channelsFromConfig(config: AppConfig, logger: Logger): Channels {
  const fallback = (channel: NotificationChannel) =>
    config.nodeEnv === 'production' ? unconfiguredChannel(channel) : devOutboxChannel(logger);
  return {
    sms: config.smsGateway === undefined ? fallback('sms') : smsGatewayChannel(config.smsGateway),
    email: config.smtp === undefined ? fallback('email') : smtpChannel(config.smtp),
  };
}
