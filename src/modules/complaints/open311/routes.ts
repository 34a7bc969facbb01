// /open311/v2/: Open311 GeoReport v2 in JSON and XML (the format is the path's extension), errors as the
// standard's error list, and mySociety's servicerequestupdates. These routes never look at the session:
// reading needs nothing, filing needs an api_key. So their POSTs need no CSRF token (csrfExempt), and any
// site may read the responses (CORS), which carry no one's cookies.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { classifyError } from '../../../platform/http/error-handler.ts';
import type { Services } from '../../../services.ts';
import { type XmlValue, toXml } from './xml.ts';

type Format = 'json' | 'xml';
const FILE = /^([A-Za-z0-9_-]{1,80})\.(json|xml)$/;
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this API's shape last changed (the discovery document's changeset). */
const CHANGESET = '2026-11-28T00:00:00Z';

const formatOf = (request: FastifyRequest): Format =>
  request.url.split('?')[0]?.endsWith('.xml') ? 'xml' : 'json';

function send(reply: FastifyReply, format: Format, root: string, body: unknown, status = 200) {
  reply.header('access-control-allow-origin', '*').header('cache-control', 'no-store').status(status);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(body);
  // A JSON array is the XML root's list of items (services → <services><service>...).
  const value = (Array.isArray(body) ? body : (body as Record<string, XmlValue>)) as XmlValue;
  return reply.type('text/xml; charset=utf-8').send(toXml(root, value));
}

function sendErrors(reply: FastifyReply, format: Format, status: number, description: string) {
  const errors = [{ code: status, description }];
  return send(reply, format, 'errors', errors, status);
}

export const open311Routes: FastifyPluginAsync<{ services: Services; publicUrl: string }> = async (
  app,
  { services, publicUrl },
) => {
  const { open311 } = services.complaints;
  const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>;
  const fileOf = (request: FastifyRequest) => {
    const match = FILE.exec((request.params as { file: string }).file);
    if (match === null) throw Object.assign(new Error('Not found'), { statusCode: 404 });
    return { name: match[1] ?? '', format: match[2] as Format };
  };
  const formats = ['json', 'xml'] as const;

  app.setErrorHandler((error, request, reply) => {
    const classified = classifyError(error);
    if (classified.status >= 500) request.log.error({ err: error }, 'open311 request failed');
    const status = [400, 403, 404, 429].includes(classified.status)
      ? classified.status
      : classified.status >= 500
        ? 500
        : 400;
    const description =
      classified.status >= 500
        ? `Internal error (reference ${request.id})`
        : (classified.detail ?? 'Bad request');
    return sendErrors(reply, formatOf(request), status, description);
  });
  app.setNotFoundHandler((request, reply) => sendErrors(reply, formatOf(request), 404, 'No such resource'));

  for (const format of formats) {
    app.get(`/discovery.${format}`, async (_request, reply) =>
      send(reply, format, 'discovery', {
        changeset: CHANGESET,
        contact: `${publicUrl}/complaints/public`,
        key_service: `${publicUrl}/admin/open311/keys`,
        endpoints: [
          {
            specification: SPECIFICATION,
            url: `${publicUrl}/open311/v2`,
            changeset: CHANGESET,
            type: 'production',
            formats: ['application/json', 'text/xml'],
          },
        ],
      }),
    );
    app.get(`/services.${format}`, async (request, reply) =>
      send(reply, format, 'services', open311.services(request.t.locale.code)),
    );
    app.get(`/requests.${format}`, async (request, reply) =>
      send(reply, format, 'service_requests', await open311.requests(query(request), request.t.locale.code)),
    );
    app.post(
      `/requests.${format}`,
      { config: { csrfExempt: true, rateLimit: { max: 60, timeWindow: '1 minute' } } },
      async (request, reply) =>
        send(
          reply,
          format,
          'service_requests',
          await open311.createRequest((request.body ?? {}) as Record<string, string | undefined>),
        ),
    );
    app.get(`/servicerequestupdates.${format}`, async (request, reply) => {
      const updates = await open311.updates(query(request));
      return send(
        reply,
        format,
        'service_request_updates',
        format === 'json' ? { service_request_updates: updates } : updates,
      );
    });
  }

  app.get('/services/:file', async (request, reply) => {
    const { name, format } = fileOf(request);
    return send(
      reply,
      format,
      'service_definition',
      await open311.serviceDefinition(name, request.t.locale.code),
    );
  });
  app.get('/requests/:file', async (request, reply) => {
    const { name, format } = fileOf(request);
    return send(
      reply,
      format,
      'service_requests',
      await open311.request(name, query(request), request.t.locale.code),
    );
  });
};
