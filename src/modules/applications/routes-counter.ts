// The facilitation-centre counter (/counter, operators only): the walk-in citizen's CNIC and mobile, the
// consent code they read out, the service to file; then the ordinary step pages. And the acknowledgement
// slip of any application (/applications/{number}/slip) for whoever may see it.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { FormError } from '../../platform/views/components.tsx';
import { formErrorsOf, toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { codeRefusal } from '../identity/code-messages.ts';
import { localName } from '../reference/service.ts';
import { ChooseServicePage, ConsentCodePage, CounterPage } from './views/counter-pages.tsx';
import { SlipPage } from './views/slip-page.tsx';

type Form = Record<string, string | undefined>;
const NUMBER = /^[A-Z]{3}-[A-Z]{3}-\d{4}-\d{6}$/;

export const counterRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { counter } = services;
  const text = (form: Form, name: string) => (form[name] ?? '').slice(0, 200);

  async function counterPage(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, string>; errors?: FormError[] } = {},
    status = 200,
  ) {
    const desk = await counter.desk(request.actor);
    const lang = request.t.locale.code;
    const names = new Map(desk.services.map((row) => [row.code, lang === 'ur' ? row.nameUr : row.nameEn]));
    return sendPage(
      reply,
      CounterPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        drafts: desk.drafts.map((draft) => ({
          id: draft.application.id,
          serviceName: names.get(draft.application.service_code) ?? draft.application.service_code,
          applicantName: draft.applicantName,
          startedAt: draft.application.created_at,
        })),
        ...extra,
      }),
      status,
    );
  }

  async function choosePage(
    request: FastifyRequest,
    reply: FastifyReply,
    consent: { sealed: string; citizenName: string },
    extra: { values?: Record<string, string>; errors?: FormError[] } = {},
    status = 200,
  ) {
    const desk = await counter.desk(request.actor);
    const lang = request.t.locale.code;
    const { districts } = await services.reference.referenceData(request.actor);
    return sendPage(
      reply,
      ChooseServicePage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        citizenName: consent.citizenName,
        consent: consent.sealed,
        services: desk.services.map((row) => ({
          value: row.code,
          label: lang === 'ur' ? row.nameUr : row.nameEn,
        })),
        districts: districts
          .filter((district) => desk.districts.includes(district.code))
          .map((district) => ({ value: district.code, label: localName(district, lang) })),
        ...extra,
      }),
      status,
    );
  }

  app.get('/counter', async (request, reply) => counterPage(request, reply));

  app.post('/counter/consent', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const values = {
      cnic: text(form, 'cnic'),
      mobile: text(form, 'mobile'),
      fullName: text(form, 'fullName'),
      locale: form['locale'] === 'ur' ? 'ur' : 'en',
    };
    try {
      const sent = await counter.requestConsent(request.actor, values);
      return await sendPage(
        reply,
        ConsentCodePage({
          t: request.t,
          currentPath: request.url,
          csrfToken: reply.generateCsrf(),
          sentTo: sent.sentTo,
          newAccount: sent.newAccount,
          walkIn: { cnic: values.cnic, mobile: values.mobile },
        }),
      );
    } catch (error: unknown) {
      const problem = formErrorsOf(error);
      if (problem === undefined) throw error;
      // A code sent less than a minute ago is still good: say how long to wait, on the counter form.
      const errors = toFormErrors(request.t, problem.fieldErrors).map((e) =>
        e.field === 'code' ? { ...e, field: 'mobile' } : e,
      );
      return counterPage(request, reply, { values, errors }, problem.code === 'rate_limited' ? 429 : 400);
    }
  });

  app.post('/counter/consent/confirm', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const walkIn = { cnic: text(form, 'cnic'), mobile: text(form, 'mobile') };
    const code = text(form, 'code').trim();
    const codePage = (errors: FormError[]) =>
      sendPage(
        reply,
        ConsentCodePage({
          t: request.t,
          currentPath: request.url,
          csrfToken: reply.generateCsrf(),
          sentTo: null,
          newAccount: false,
          walkIn,
          errors,
        }),
        400,
      );
    if (code === '') return codePage([{ field: 'code', message: request.t.t('verify.codeRequired') }]);
    const result = await counter.confirmConsent(request.actor, {
      ...walkIn,
      code,
      locale: request.t.locale.code,
    });
    if (result.status !== 'ok') return codePage([{ field: 'code', message: codeRefusal(request.t, result) }]);
    return choosePage(request, reply, { sealed: result.sealed, citizenName: result.consent.citizenName });
  });

  app.post('/counter/start', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const sealed = form['consent'] ?? '';
    const values = { serviceCode: text(form, 'serviceCode'), district: text(form, 'district') };
    const consent = counter.consentOf(request.actor, sealed);
    if (consent === undefined) {
      const errors = [{ field: 'cnic', message: request.t.t('counter.consentExpired') }];
      return counterPage(request, reply, { errors }, 400);
    }
    if (values.serviceCode === '') {
      const errors = [{ field: 'serviceCode', message: request.t.t('counter.serviceRequired') }];
      return choosePage(
        request,
        reply,
        { sealed, citizenName: consent.citizenName },
        { values, errors },
        400,
      );
    }
    try {
      const id = await counter.startFor(request.actor, {
        consent: sealed,
        serviceCode: values.serviceCode,
        districtCode: values.district,
      });
      const { pack } = await services.applications.get(request.actor, { id });
      return await reply.redirect(`/applications/draft/${id}/${pack.form.steps[0]?.id ?? 'review'}`, 303);
    } catch (error: unknown) {
      const problem = formErrorsOf(error);
      if (problem === undefined) throw error;
      return counterPage(request, reply, { errors: toFormErrors(request.t, problem.fieldErrors) }, 400);
    }
  });

  app.get('/applications/:number/slip', async (request, reply) => {
    const number = (request.params as { number: string }).number;
    if (!NUMBER.test(number)) throw new AppError('not_found', 'No such application');
    const slip = await counter.slip(request.actor, number);
    return sendPage(reply, SlipPage({ t: request.t, currentPath: request.url, ...slip }));
  });
};
