// /verify: anyone checks a certificate by pasting or uploading its QR content, or by opening its short
// link (/c/<code> → /verify?c=<code>). The credential travels in the POST body, never in a URL.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { verifyCsrfToken } from '../../platform/http/csrf.ts';
import { readMultipartForm } from '../../platform/storage/multipart.ts';
import { sendPage } from '../../platform/views/render.ts';
import { localName } from '../reference/service.ts';
import type { Services } from '../../services.ts';
import type { Verification } from './verify.ts';
import { VERIFY_PATH, VerifyPage } from './views/verify-page.tsx';

/** A compact JWS credential is about 1–2 KB; anything far larger is not what a QR code holds. */
const MAX_PRESENTED = 16 * 1024;

async function presentedText(request: FastifyRequest, reply: FastifyReply): Promise<string> {
  if (!(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    const form = (request.body ?? {}) as Record<string, unknown>;
    return typeof form['presented'] === 'string' ? form['presented'] : '';
  }
  const parsed = await readMultipartForm(request);
  if (!verifyCsrfToken(request, reply, parsed.fields['_csrf'])) {
    throw new AppError('csrf_invalid', 'The form has expired or did not come from this site');
  }
  const upload = parsed.files.find((file) => file.field === 'upload');
  const pasted = parsed.fields['presented'];
  if (upload !== undefined && upload.bytes.length > 0) return Buffer.from(upload.bytes).toString('utf8');
  return typeof pasted === 'string' ? pasted : '';
}

export const verifyCertificateRoutes: FastifyPluginAsync<{ services: Services }> = async (
  app,
  { services },
) => {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    presented: string,
    result?: Verification,
  ) {
    let issuerName: string | undefined;
    if (result?.genuine === true) {
      const { departments } = await services.reference.referenceData(ANONYMOUS);
      const department = departments.find((candidate) => candidate.code === result.departmentCode);
      issuerName = department === undefined ? undefined : localName(department, request.t.locale.code);
    }
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      VerifyPage({
        t: request.t,
        currentPath: request.method === 'GET' ? request.url : VERIFY_PATH,
        csrfToken: reply.generateCsrf(),
        presented,
        ...(result === undefined ? {} : { result }),
        ...(issuerName === undefined ? {} : { issuerName }),
      }),
    );
  }

  app.get<{ Querystring: { c?: string } }>(VERIFY_PATH, async (request, reply) => {
    const code = request.query.c;
    if (typeof code !== 'string' || code === '') return render(request, reply, '');
    return render(request, reply, '', await services.certificates.verifyPresented(code.slice(0, 200)));
  });

  app.post(VERIFY_PATH, async (request, reply) => {
    const presented = (await presentedText(request, reply)).trim();
    if (presented === '') return render(request, reply, '');
    const result =
      presented.length > MAX_PRESENTED
        ? ({ genuine: false, problem: 'malformed' } as const)
        : await services.certificates.verifyPresented(presented);
    return render(request, reply, presented.slice(0, MAX_PRESENTED), result);
  });
};
