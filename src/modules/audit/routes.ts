// GET /admin/audit: the audit trail with filters, for auditors and platform administrators.
import type { FastifyPluginAsync } from 'fastify';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { AuditPage } from './views/audit-page.tsx';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const text = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined;
/** A date typed as YYYY-MM-DD is a day in Pakistan time (UTC+5). */
const day = (value: string | undefined, plusDays = 0) =>
  value !== undefined && DATE.test(value)
    ? new Date(Date.parse(`${value}T00:00:00+05:00`) + plusDays * 86_400_000)
    : undefined;

export const auditRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/admin/audit', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const filters = {
      action: text(query['action']),
      actor: text(query['actor']),
      subject: text(query['subject']),
      from: text(query['from']),
      to: text(query['to']),
    };
    const before = Number(text(query['before']));
    const { events, hasMore } = await services.audit.search(request.actor, {
      ...(filters.action === undefined ? {} : { action: filters.action }),
      ...(filters.actor === undefined ? {} : { actor: filters.actor }),
      ...(filters.subject === undefined ? {} : { subjectId: filters.subject }),
      ...(day(filters.from) === undefined ? {} : { from: day(filters.from) }),
      ...(day(filters.to, 1) === undefined ? {} : { to: day(filters.to, 1) }),
      ...(Number.isInteger(before) && before > 0 ? { beforeId: before } : {}),
    });
    const kept = Object.fromEntries(
      Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const last = events.at(-1);
    const nextPageHref =
      hasMore && last !== undefined
        ? `/admin/audit?${new URLSearchParams({ ...kept, before: String(last.id) }).toString()}`
        : undefined;
    return sendPage(
      reply,
      AuditPage({ t: request.t, currentPath: request.url, filters: kept, events, nextPageHref }),
    );
  });
};
