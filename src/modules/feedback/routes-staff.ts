// Staff pages: the integrity officer's cases, and the monthly feedback report (on screen and CSV).
import type { FastifyPluginAsync } from 'fastify';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { CasesPage } from './views/cases-page.tsx';
import { ReportPage, reportCsv } from './views/report-page.tsx';

/** The previous month in Pakistan time: the last complete one. */
function lastMonth(now = new Date()): string {
  const pk = new Date(now.getTime() + 5 * 3600 * 1000);
  const first = new Date(Date.UTC(pk.getUTCFullYear(), pk.getUTCMonth() - 1, 1));
  return first.toISOString().slice(0, 7);
}

export const feedbackStaffRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const feedback = services.feedback;

  app.get('/integrity/cases', async (request, reply) => {
    const cases = await feedback.cases(request.actor);
    reply.header('cache-control', 'no-store');
    return sendPage(reply, CasesPage({ t: request.t, csrfToken: reply.generateCsrf(), cases }));
  });

  app.post<{ Params: { id: string } }>('/integrity/cases/:id', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    await feedback.closeCase(request.actor, request.params.id, {
      outcome: typeof body['outcome'] === 'string' ? body['outcome'] : '',
      note: typeof body['note'] === 'string' ? body['note'] : '',
    });
    return reply.redirect('/integrity/cases', 303);
  });

  app.get<{ Querystring: { month?: string } }>('/feedback/reports', async (request, reply) => {
    const month = request.query.month ?? lastMonth();
    const rows = await feedback.monthlyReport(request.actor, month);
    return sendPage(reply, ReportPage({ t: request.t, month, rows }));
  });

  app.get<{ Querystring: { month?: string } }>('/feedback/reports.csv', async (request, reply) => {
    const month = request.query.month ?? lastMonth();
    const rows = await feedback.monthlyReport(request.actor, month);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="feedback-${month}.csv"`)
      .send(reportCsv(rows));
  });
};
