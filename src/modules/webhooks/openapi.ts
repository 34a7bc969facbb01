// The `webhooks` section of the OpenAPI 3.1 document: one POST per event type, as Sahulat sends it to a
// subscriber, with the signature headers and how to check them.
import { WEBHOOK_EVENT_TYPES, EVENT_DESCRIPTIONS, eventEnvelope } from './events.ts';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS } from './delivery.ts';
import { SIGNATURE_TOLERANCE_SECONDS } from './signing.ts';

export const WEBHOOKS_DESCRIPTION = `**Webhooks.** A platform administrator (or a department administrator, for
their department's events) registers a subscriber at \`/admin/webhooks\`: an https URL, the events it wants
and optionally one department. Sahulat then POSTs each event as JSON \`{id, type, createdAt, data}\`, signed
as the payment gateways sign their messages to Sahulat:

\`X-Sahulat-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>\`

where the key is the subscription's secret exactly as shown once to the administrator (\`whsec_…\`, its
UTF-8 bytes). Compute the HMAC over the raw bytes received, compare in constant time with each \`v1\` value
(after a secret is rotated, the old secret signs too for 24 hours), and refuse a \`t\` more than
${SIGNATURE_TOLERANCE_SECONDS / 60} minutes from your clock. Answer any 2xx within ${DEFAULT_TIMEOUT_MS / 1000} seconds to acknowledge;
anything else (a redirect included) is retried after 1, 4, 16 and 64 minutes, about 4 hours and then every 8
hours, ${DEFAULT_MAX_ATTEMPTS} attempts in all. Delivery is at least once and not in order: drop repeats by \`id\` (also in
\`X-Sahulat-Event-Id\`) and read the current state with GET /api/v1/payments/{id} when order matters.`;

const header = (name: string, description: string, example?: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string', ...(example === undefined ? {} : { examples: [example] }) },
});

const HEADERS = [
  header(
    'X-Sahulat-Signature',
    'HMAC-SHA256 of "<t>.<raw body>" with the subscription secret; one or two v1= values',
    't=1764300000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd',
  ),
  header('X-Sahulat-Event', 'The event type, as in the body'),
  header('X-Sahulat-Event-Id', 'The event id, as in the body: the same on every retry'),
  header('X-Sahulat-Delivery', 'This subscription’s copy of the event (the same on every retry)'),
];

/** The OpenAPI `webhooks` object, keyed by event type. */
export function webhooksOpenApi(): Record<string, unknown> {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          tags: ['webhooks'],
          operationId: `webhook.${type}`,
          summary: EVENT_DESCRIPTIONS[type].summary,
          description:
            'Signed with X-Sahulat-Signature; answer 2xx within ' +
            `${DEFAULT_TIMEOUT_MS / 1000} s. See “Webhooks” in the API’s description for checking the ` +
            'signature, retries and repeats.',
          parameters: HEADERS,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: eventEnvelope(type) } },
          },
          responses: {
            '2XX': { description: 'Received. Any other answer, or none in time, is retried.' },
          },
        },
      },
    ]),
  );
}
