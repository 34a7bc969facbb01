// SMS through an HTTP gateway: one JSON POST per message, built from the SMS_GATEWAY_BODY template. Most
// Pakistani aggregators (and the big international ones) take some JSON shape like this; the template lets
// an operator match theirs without code.
import type { SmsGatewayConfig } from '../../platform/config.ts';
import { type Channel, type OutgoingMessage, SendError } from './channel.ts';

export const SMS_GATEWAY_PROVIDER = 'sms-gateway';
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Puts each value into the template JSON-escaped (quotes, backslashes, newlines, control characters), so
 * the template's placeholders sit inside JSON strings: `{"to":"{to}","text":"{text}","ref":"{id}"}`.
 * Text that merely looks like a placeholder inside a value is never substituted again.
 */
export function fillBodyTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(to|text|id)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : JSON.stringify(value).slice(1, -1);
  });
}

/** Gateways answer 4xx for a request they will never accept (a bad number); those are not retried. */
function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export function smsGatewayChannel(config: SmsGatewayConfig, options: { timeoutMs?: number } = {}): Channel {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    provider: SMS_GATEWAY_PROVIDER,
    async send(message: OutgoingMessage) {
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
      };
      if (config.authHeader !== undefined) headers[config.authHeader.name] = config.authHeader.value;
      const body = fillBodyTemplate(config.bodyTemplate, {
        to: message.recipient,
        text: message.body,
        // Our message id: gateways that take a client reference can drop a repeat of the same message.
        id: message.id,
      });
      let response: Response;
      try {
        response = await fetch(config.url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error: unknown) {
        const reason = error instanceof Error ? error.name : 'error';
        throw new SendError(`SMS gateway unreachable (${reason})`, { permanent: false, cause: error });
      }
      const answer = await response.text().catch(() => '');
      if (!response.ok) {
        throw new SendError(`SMS gateway answered HTTP ${response.status}`, {
          permanent: isPermanentStatus(response.status),
        });
      }
      return { provider: SMS_GATEWAY_PROVIDER, providerMessageId: messageIdIn(answer) };
    },
  };
}

/** The gateway's id for the message, when its JSON answer has one under a usual name. */
function messageIdIn(answer: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  for (const key of ['messageId', 'message_id', 'id']) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value).slice(0, 200);
  }
  return null;
}
