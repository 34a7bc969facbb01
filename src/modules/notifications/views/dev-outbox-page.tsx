// GET /dev/outbox: the messages Sahulat sent or would have sent, for developers and testers. Outside
// production only (the route is not registered there). Each message shows in its own language and direction.
import { findLocale, type Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { NotificationRow, NotificationStatus } from '../repo.ts';

interface DevOutboxPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly messages: readonly NotificationRow[];
}

const STATUS_TAG: Readonly<Record<NotificationStatus, string>> = {
  queued: 'tag tag--yellow',
  sent: 'tag tag--green',
  delivered: 'tag tag--green',
  failed: 'tag tag--red',
};

const STATUS_KEY = {
  queued: 'notifications.devOutbox.statusName.queued',
  sent: 'notifications.devOutbox.statusName.sent',
  delivered: 'notifications.devOutbox.statusName.delivered',
  failed: 'notifications.devOutbox.statusName.failed',
} as const;

/** Plain text with blank-line paragraphs and single line breaks, as e-mail bodies are written. */
function PlainText({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index}>
          {paragraph.split('\n').map((line, lineIndex) => (
            <>
              {lineIndex > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

function MessageCard({ t, message }: { t: Translator; message: NotificationRow }) {
  const locale = findLocale(message.locale);
  const dir = locale?.dir ?? 'ltr';
  const channel = t.t(
    message.channel === 'sms'
      ? 'notifications.devOutbox.channel.sms'
      : 'notifications.devOutbox.channel.email',
  );
  return (
    <article class="card stack" aria-labelledby={`message-${message.id}`}>
      <h2 class="heading-s" id={`message-${message.id}`}>
        {channel}: <Bdi>{message.recipient}</Bdi>
      </h2>
      <dl class="summary-list">
        <dt>{t.t('notifications.devOutbox.event')}</dt>
        <dd>
          <Bdi>{message.event}</Bdi>
        </dd>
        <dt>{t.t('notifications.devOutbox.language')}</dt>
        <dd lang={message.locale}>{locale?.nativeName ?? message.locale}</dd>
        <dt>{t.t('notifications.devOutbox.status')}</dt>
        <dd>
          <span class={STATUS_TAG[message.status]}>{t.t(STATUS_KEY[message.status])}</span>
          {message.provider !== null && (
            <>
              {' '}
              {t.t('notifications.devOutbox.provider')}: <Bdi>{message.provider}</Bdi>
            </>
          )}
        </dd>
        <dt>{t.t('notifications.devOutbox.time')}</dt>
        <dd>{t.formatDateTime(message.created_at)}</dd>
        <dt>{t.t('notifications.devOutbox.attempts')}</dt>
        <dd>{t.formatNumber(message.attempts)}</dd>
        {message.last_error !== null && (
          <>
            <dt>{t.t('notifications.devOutbox.lastError')}</dt>
            <dd lang="en" dir="ltr">
              {message.last_error}
            </dd>
          </>
        )}
        {message.subject !== null && (
          <>
            <dt>{t.t('notifications.devOutbox.subject')}</dt>
            <dd lang={message.locale} dir={dir}>
              {message.subject}
            </dd>
          </>
        )}
      </dl>
      <div class="notice" lang={message.locale} dir={dir}>
        <PlainText text={message.body} />
      </div>
    </article>
  );
}

export function DevOutboxPage({ t, currentPath, messages }: DevOutboxPageProps) {
  const title = t.t('notifications.devOutbox.title');
  return (
    <Layout t={t} title={title} currentPath={currentPath}>
      <div class="stack">
        <p class="notice notice--warning" role="note">
          {t.t('notifications.devOutbox.banner')}
        </p>
        <h1>{title}</h1>
        <p class="lead">{t.t('notifications.devOutbox.lead')}</p>
        {messages.length === 0 ? (
          <p>{t.t('notifications.devOutbox.empty')}</p>
        ) : (
          messages.map((message) => <MessageCard key={message.id} t={t} message={message} />)
        )}
      </div>
    </Layout>
  );
}
