// Public reference data: pages for people, JSON for other systems.
import type { FastifyPluginAsync } from 'fastify';
import { ANONYMOUS } from '../../platform/actor.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import {
  type DepartmentList,
  DepartmentListSchema,
  type DistrictList,
  DistrictListSchema,
} from './schema.ts';
import { DepartmentsPage, DistrictsPage } from './views/reference-pages.tsx';

export const referenceRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const data = () => services.reference.referenceData(ANONYMOUS);

  app.get('/districts', async (request, reply) => {
    const { divisions, districts } = await data();
    return sendPage(reply, DistrictsPage({ t: request.t, currentPath: request.url, divisions, districts }));
  });

  app.get('/departments', async (request, reply) => {
    const { departments } = await data();
    return sendPage(reply, DepartmentsPage({ t: request.t, currentPath: request.url, departments }));
  });

  app.get(
    '/api/v1/districts',
    { schema: { summary: 'The districts of Balochistan', response: { 200: DistrictListSchema } } },
    async (): Promise<DistrictList> => {
      const { districts } = await data();
      return {
        districts: districts.map((d) => ({
          code: d.code,
          division: d.divisionCode,
          name: { en: d.nameEn, ur: d.nameUr },
        })),
      };
    },
  );

  app.get(
    '/api/v1/departments',
    { schema: { summary: 'The departments', response: { 200: DepartmentListSchema } } },
    async (): Promise<DepartmentList> => {
      const { departments } = await data();
      return {
        departments: departments.map((d) => ({ code: d.code, name: { en: d.nameEn, ur: d.nameUr } })),
      };
    },
  );
};
