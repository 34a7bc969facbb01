// Everything the complaints module adds to the app: its pages, the Open311 API with public complaints'
// photos, the administrators' API keys page, and (when the app runs background jobs) the deadline job and
// the removal of unconfirmed overseas filings.
import type { FastifyPluginAsync } from 'fastify';
import type { Jobs } from '../../platform/jobs.ts';
import type { DocumentStore } from '../../platform/storage/document-store.ts';
import type { Services } from '../../services.ts';
import { scheduleDeadlines } from './deadlines.ts';
import { scheduleUnconfirmedRemoval } from './unconfirmed.ts';
import { complaintRoutes } from './routes.ts';
import { fileRoutes } from './routes-file.ts';
import { open311Routes } from './open311/routes.ts';
import { adminKeyRoutes } from './routes-admin.ts';
import { figuresRoutes } from './routes-figures.ts';
import { mediaRoutes } from './routes-media.ts';

export const complaintsModule: FastifyPluginAsync<{
  services: Services;
  store: DocumentStore;
  publicUrl: string;
  jobs?: Jobs | undefined;
}> = async (app, { services, store, publicUrl, jobs }) => {
  await app.register(fileRoutes, { services, store });
  await app.register(complaintRoutes, { services, store });
  await app.register(figuresRoutes, { services });
  await app.register(mediaRoutes, { services, store });
  await app.register(adminKeyRoutes, { services });
  await app.register(open311Routes, { services, publicUrl, prefix: '/open311/v2' });
  if (jobs !== undefined) {
    await scheduleDeadlines(jobs, services.complaints);
    await scheduleUnconfirmedRemoval(jobs, services.complaints, store);
  }
};
