// The public service catalogue: /services (search), /services/{code} ("how do I"), and the API.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { sendPage } from '../../platform/views/render.ts';
import { localName } from '../reference/service.ts';
import type { Services } from '../../services.ts';
import type { ServicePack } from './pack/validate.ts';
import {
  type ServiceList,
  ServiceListSchema,
  ServiceParamsSchema,
  ServiceQuerySchema,
  type ServiceSummary,
} from './schema.ts';
import { CataloguePage } from './views/catalogue-page.tsx';
import { PackAdminPage } from './views/pack-admin-page.tsx';
import { ServicePage } from './views/service-page.tsx';

function feeSummary(pack: ServicePack): ServiceSummary['fee'] {
  if (pack.fee.kind === 'none') return { amount: 0, currency: 'PKR' };
  if (pack.fee.kind === 'fixed') return { amount: pack.fee.amount, currency: 'PKR' };
  return { kind: pack.fee.kind, currency: 'PKR' };
}

export const serviceRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const names = async (request: FastifyRequest) => {
    const data = await services.reference.referenceData(request.actor);
    const lang = request.t.locale.code;
    const department = new Map(data.departments.map((d) => [d.code, localName(d, lang)]));
    const district = new Map(data.districts.map((d) => [d.code, localName(d, lang)]));
    return {
      departmentName: (code: string) => department.get(code) ?? code,
      districtName: (code: string) => district.get(code) ?? code,
    };
  };

  app.get('/services', { schema: { querystring: ServiceQuerySchema } }, async (request, reply) => {
    const query = (request.query as { q?: string }).q?.trim() ?? '';
    const list = await services.services.catalogue(request.actor, query);
    const { departmentName } = await names(request);
    return sendPage(
      reply,
      CataloguePage({ t: request.t, currentPath: request.url, query, services: list, departmentName }),
    );
  });

  app.get('/services/:code', { schema: { params: ServiceParamsSchema } }, async (request, reply) => {
    const { pack } = await services.services.service(
      request.actor,
      (request.params as { code: string }).code,
    );
    const { departmentName, districtName } = await names(request);
    const citizen = request.actor.kind === 'user' && request.actor.accountKind === 'citizen';
    const districts = (await services.reference.referenceData(request.actor)).districts.map((d) => ({
      code: d.code,
      name: districtName(d.code),
    }));
    return sendPage(
      reply,
      ServicePage({
        ...(citizen ? { applyForm: { csrfToken: reply.generateCsrf(), districts } } : {}),
        t: request.t,
        currentPath: request.url,
        pack,
        departmentName: departmentName(pack.department),
        districtName,
      }),
    );
  });

  app.get('/admin/services', async (request, reply) => {
    const { versions, problems } = await services.services.packAdministration(request.actor);
    return sendPage(reply, PackAdminPage({ t: request.t, currentPath: request.url, versions, problems }));
  });

  app.get(
    '/api/v1/services',
    {
      schema: {
        summary: 'The service catalogue, searched with q',
        querystring: ServiceQuerySchema,
        response: { 200: ServiceListSchema },
      },
    },
    async (request): Promise<ServiceList> => {
      const list = await services.services.catalogue(request.actor, (request.query as { q?: string }).q);
      const items = await Promise.all(
        list.map(async (row) => {
          const { pack } = await services.services.service(request.actor, row.code);
          return {
            code: row.code,
            version: row.version,
            name: { en: row.nameEn, ur: row.nameUr },
            summary: { en: row.summaryEn, ur: row.summaryUr },
            department: row.departmentCode,
            fee: feeSummary(pack),
            slaDays: pack.slaDays,
          };
        }),
      );
      return { items };
    },
  );

  const packSummary = 'One service’s pack: its form (the fields to answer), documents, fee and workflow';
  app.get(
    '/api/v1/services/:code',
    { schema: { summary: packSummary, params: ServiceParamsSchema } },
    async (request) => {
      const { row, pack } = await services.services.service(
        request.actor,
        (request.params as { code: string }).code,
      );
      return { ...pack, version: row.version };
    },
  );
};
