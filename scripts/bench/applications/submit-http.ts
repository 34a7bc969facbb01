// Submissions through the real HTTP path, measured with autocannon. Two ways in, chosen with --via:
//   api   POST /api/v1/applications: the whole application in one JSON call (session cookie + X-CSRF-Token);
//   form  POST /applications/draft/:id/submit: the review page's "send" button on a prepared draft.
// `auto` takes the API when the server answers that route, else the form.
import autocannon from 'autocannon';
import { type Figures, measure } from '../harness.ts';
import type { BenchCitizen } from './people.ts';
import { type DocumentKeys, type PreparedDraft, SERVICE_CODE, tenantAnswers } from './tenant-form.ts';

export type Via = 'api' | 'form';

/** What a browser of one citizen holds: the cookies (session and CSRF secret) and the CSRF token. */
export interface Browser {
  readonly citizen: BenchCitizen;
  readonly cookie: string;
  readonly csrfToken: string;
}

/** Opens a page as the citizen to receive the CSRF cookie and a token, as a browser would. */
export async function openBrowser(address: string, citizen: BenchCitizen): Promise<Browser> {
  const session = `sid=${citizen.sessionToken}`;
  const page = await fetch(`${address}/applications`, { headers: { cookie: session } });
  const html = await page.text();
  const csrf = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => c.startsWith('csrf='));
  const csrfToken = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (csrfToken === undefined || csrf.length === 0)
    throw new Error(`No CSRF token on /applications (status ${page.status}): is the session valid?`);
  return { citizen, cookie: [session, ...csrf].join('; '), csrfToken };
}

/** Whether the server has the JSON filing route (a 404 means it is not there yet). */
export async function detectVia(address: string, browser: Browser): Promise<Via> {
  const probe = await fetch(`${address}/api/v1/applications`, {
    method: 'POST',
    headers: {
      cookie: browser.cookie,
      'x-csrf-token': browser.csrfToken,
      'content-type': 'application/json',
    },
    body: '{}',
  });
  await probe.body?.cancel();
  return probe.status === 404 ? 'form' : 'api';
}

/** The JSON body of one filing: the citizen is the owner; districts take turns. */
export function apiBody(browser: Browser, district: string, documents: DocumentKeys): string {
  return JSON.stringify({
    serviceCode: SERVICE_CODE,
    answers: tenantAnswers(browser.citizen, district, documents),
  });
}

export interface HttpPlan {
  readonly address: string;
  readonly via: Via;
  readonly browsers: readonly Browser[];
  readonly districts: readonly string[];
  /** Per citizen id, the documents they stored (api). */
  readonly documents: ReadonlyMap<string, DocumentKeys>;
  /** Drafts to send, consumed in order (form). */
  readonly drafts: PreparedDraft[];
}

/** The autocannon request that sends a different, complete submission every time. */
function submissionRequest(plan: HttpPlan): autocannon.Request {
  const byCitizen = new Map(plan.browsers.map((browser) => [browser.citizen.id, browser]));
  let turn = 0;
  return {
    method: 'POST',
    setupRequest: (request) => {
      turn += 1;
      if (plan.via === 'api') {
        const browser = plan.browsers[turn % plan.browsers.length];
        const district = plan.districts[turn % plan.districts.length] ?? 'QTA';
        const documents = browser === undefined ? undefined : plan.documents.get(browser.citizen.id);
        if (browser === undefined || documents === undefined) throw new Error('No browser');
        return {
          ...request,
          path: '/api/v1/applications',
          headers: {
            cookie: browser.cookie,
            'x-csrf-token': browser.csrfToken,
            'content-type': 'application/json',
          },
          body: apiBody(browser, district, documents),
        };
      }
      const draft = plan.drafts.shift();
      const browser = draft === undefined ? undefined : byCitizen.get(draft.applicantId);
      if (draft === undefined || browser === undefined)
        throw new Error('Out of prepared drafts: raise --drafts');
      return {
        ...request,
        path: `/applications/draft/${draft.id}/submit`,
        headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: browser.csrfToken, version: '1' }).toString(),
      };
    },
  };
}

/** `seconds` of submissions over `connections` connections (call it once to warm up, unreported). */
export async function measureSubmissions(
  plan: HttpPlan,
  options: { connections: number; seconds: number },
): Promise<Figures & { expectedStatus: number; unexpected: number }> {
  const figures = await measure({
    url: plan.address,
    connections: options.connections,
    requests: [submissionRequest(plan)],
    duration: options.seconds,
  });
  const expectedStatus = plan.via === 'api' ? 201 : 303;
  const total = Object.values(figures.statuses).reduce((sum, n) => sum + n, 0);
  const unexpected = total - (figures.statuses[String(expectedStatus)] ?? 0);
  return { ...figures, expectedStatus, unexpected };
}
