import type { FastifyPluginAsync } from 'fastify';
import { ANONYMOUS } from '../../platform/actor.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { HomePage } from './views/home-page.tsx';

export const homeRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/', async (request, reply) => {
    const reference = await services.reference.referenceData(ANONYMOUS);
    const catalogue = await services.services.catalogue(request.actor);
    return sendPage(
      reply,
      HomePage({
        t: request.t,
        currentPath: request.url,
        districtCount: reference.districts.length,
        divisionCount: reference.divisions.length,
        departmentCount: reference.departments.length,
        serviceCount: catalogue.length,
      }),
    );
  });
};
