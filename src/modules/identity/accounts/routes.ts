// Staff administration: /admin/staff. Authorisation is in the accounts service (role and scope rules).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ROLES, type Role, type RoleGrant } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { formErrorsOf, toFormErrors } from '../../../platform/views/form-errors.ts';
import { sendPage } from '../../../platform/views/render.ts';
import { localName } from '../../reference/service.ts';
import type { Services } from '../../../services.ts';
import { type ScopeOptions, StaffListPage, StaffMemberPage } from './views/staff-pages.tsx';

type Form = Record<string, string | undefined>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function grantFrom(form: Form): RoleGrant {
  const role = form['role'];
  if (!ROLES.includes(role as Role)) throw new AppError('bad_request', 'Unknown role');
  const blank = (value: string | undefined) => (value === undefined || value === '' ? null : value);
  return {
    role: role as Role,
    departmentCode: blank(form['department']),
    districtCode: blank(form['district']),
  };
}

export const staffRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { accounts, reference } = services;

  const scopeOptions = async (request: FastifyRequest): Promise<ScopeOptions> => {
    const data = await reference.referenceData(request.actor);
    const lang = request.t.locale.code;
    return {
      departments: data.departments.map((d) => ({ value: d.code, label: localName(d, lang) })),
      districts: data.districts.map((d) => ({ value: d.code, label: localName(d, lang) })),
    };
  };
  const memberId = (request: FastifyRequest) => {
    const id = (request.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('not_found', 'No such staff account');
    return id;
  };

  app.get('/admin/staff', async (request, reply) => {
    const staff = await accounts.listStaff(request.actor);
    return sendPage(
      reply,
      StaffListPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        staff,
        scope: await scopeOptions(request),
      }),
    );
  });

  app.post('/admin/staff', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const values = {
      fullName: form['fullName'] ?? '',
      email: form['email'] ?? '',
      role: form['role'] ?? '',
      department: form['department'] ?? '',
      district: form['district'] ?? '',
    };
    try {
      const created = await accounts.createStaffAccount(request.actor, {
        email: values.email,
        fullName: values.fullName,
        grants: [grantFrom(form)],
      });
      const staff = await accounts.listStaff(request.actor);
      return await sendPage(
        reply,
        StaffListPage({
          t: request.t,
          currentPath: request.url,
          csrfToken: reply.generateCsrf(),
          staff,
          scope: await scopeOptions(request),
          created: { email: created.email, password: created.generatedPassword ?? '' },
        }),
      );
    } catch (error: unknown) {
      const problem = formErrorsOf(error);
      if (problem === undefined) throw error;
      const staff = await accounts.listStaff(request.actor);
      return sendPage(
        reply,
        StaffListPage({
          t: request.t,
          currentPath: request.url,
          csrfToken: reply.generateCsrf(),
          staff,
          scope: await scopeOptions(request),
          values,
          errors: toFormErrors(request.t, problem.fieldErrors),
        }),
        400,
      );
    }
  });

  app.get('/admin/staff/:id', async (request, reply) => {
    const member = await accounts.staffMember(request.actor, memberId(request));
    return sendPage(
      reply,
      StaffMemberPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        member,
        scope: await scopeOptions(request),
      }),
    );
  });

  app.post('/admin/staff/:id/roles/:change', async (request, reply) => {
    const change = (request.params as { change: string }).change;
    if (change !== 'grant' && change !== 'revoke') throw new AppError('not_found', 'No such action');
    const id = memberId(request);
    await accounts.changeGrant(request.actor, id, grantFrom((request.body ?? {}) as Form), change);
    return reply.redirect(`/admin/staff/${id}`, 303);
  });

  app.post('/admin/staff/:id/status', async (request, reply) => {
    const id = memberId(request);
    const status = ((request.body ?? {}) as Form)['status'];
    if (status !== 'active' && status !== 'disabled') throw new AppError('bad_request', 'Unknown status');
    await accounts.setStaffStatus(request.actor, id, status);
    return reply.redirect(`/admin/staff/${id}`, 303);
  });
};
