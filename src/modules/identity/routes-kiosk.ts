// /kiosk: what this browser is; /kiosk/enrol and /kiosk/leave (administrators) turn it into a self-service
// kiosk of a centre and back; /kiosk/timeout signs out after two idle minutes; /kiosk/alive keeps a busy
// person's session going (kiosk.js).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ANONYMOUS } from '../../platform/actor.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { clearKioskCookie, setKioskCookie } from '../../platform/http/kiosk-mode.ts';
import { formErrorsOf, toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { localName } from '../reference/service.ts';
import { clearSessionCookie, clientInfo } from './session-hook.ts';
import { KioskEnrolPage, KioskLeavePage, KioskStatusPage, KioskTimeoutPage } from './views/kiosk-pages.tsx';

type Form = Record<string, string | undefined>;

export const kioskRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { identity } = services;

  async function districtOptions(request: FastifyRequest) {
    const allowed = new Set(await identity.kioskDistricts(request.actor));
    const { districts } = await services.reference.referenceData(request.actor);
    return districts
      .filter((district) => allowed.has(district.code))
      .map((district) => ({ value: district.code, label: localName(district, request.t.locale.code) }));
  }

  /** The districts an administrator may choose; signed-out people sign in first, others are refused. */
  async function adminDistricts(request: FastifyRequest) {
    if (request.actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
    const districts = await districtOptions(request);
    if (districts.length === 0) throw forbidden('Only an administrator can set up or remove a kiosk');
    return districts;
  }

  app.get('/kiosk', async (request, reply) =>
    sendPage(reply, KioskStatusPage({ t: request.t, currentPath: request.url, terminal: request.kiosk })),
  );

  app.get('/kiosk/enrol', async (request, reply) => {
    const districts = await adminDistricts(request);
    return sendPage(
      reply,
      KioskEnrolPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        districts,
        values: { district: request.kiosk?.districtCode ?? '' },
      }),
    );
  });

  app.post('/kiosk/enrol', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const values = { centre: form['centre'] ?? '', district: form['district'] ?? '' };
    try {
      const terminal = await identity.enrolKiosk(
        request.actor,
        { centre: values.centre, districtCode: values.district },
        clientInfo(request),
      );
      setKioskCookie(request, reply, terminal);
      // The administrator's session ends here: a public terminal is never left signed in with their rights.
      if (request.session !== null && request.actor.kind === 'user')
        await identity.endSession(request.actor, request.session.session.id, clientInfo(request));
      clearSessionCookie(request, reply);
      return await reply.redirect('/kiosk', 303);
    } catch (error: unknown) {
      const problem = formErrorsOf(error);
      if (problem === undefined) throw error;
      return sendPage(
        reply,
        KioskEnrolPage({
          t: request.t,
          currentPath: request.url,
          csrfToken: reply.generateCsrf(),
          districts: await districtOptions(request),
          values,
          errors: toFormErrors(request.t, problem.fieldErrors),
        }),
        400,
      );
    }
  });

  app.get('/kiosk/leave', async (request, reply) => {
    await adminDistricts(request);
    return sendPage(
      reply,
      KioskLeavePage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        terminal: request.kiosk,
      }),
    );
  });

  app.post('/kiosk/leave', async (request, reply) => {
    await identity.leaveKiosk(request.actor, request.kiosk, clientInfo(request));
    clearKioskCookie(request, reply);
    return reply.redirect('/kiosk', 303);
  });

  // A GET that signs out, which is safe here only because of its limits: it ends nothing but a kiosk's own
  // session (a two-minute idle limit) on a browser carrying the kiosk's signed cookie, and signing out is all
  // it can do. Another site making a kiosk load this URL can at worst sign the person out early, which is
  // what a public terminal wants anyway; ordinary browsers still sign out with a POST and a CSRF token.
  // It must be a GET: a <meta http-equiv="refresh"> (the no-JavaScript timer) can only navigate.
  app.get('/kiosk/timeout', async (request, reply) => {
    if (request.kiosk === null) return reply.redirect('/', 303);
    await identity.endIdleKioskSession(request.session, true, clientInfo(request));
    if (request.session !== null) clearSessionCookie(request, reply);
    request.session = null;
    request.actor = ANONYMOUS; // the page itself is signed out, so it carries no timer of its own
    reply.header('cache-control', 'no-store');
    return sendPage(reply, KioskTimeoutPage({ t: request.t, currentPath: request.url }));
  });

  // The session hook has already restarted the idle count by resolving the cookie; 204 says it is alive.
  app.get('/kiosk/alive', async (request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .status(request.actor.kind === 'user' ? 204 : 401)
      .send(),
  );
};
