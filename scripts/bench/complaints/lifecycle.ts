// One complete complaint lifecycle through the pages, as the four people's browsers would go through it:
//   file     the citizen opens /complaints/new and sends the form (multipart): 303 to /complaints/CMP-…;
//   assign   the district's grievance officer searches the inbox by that number (the module's search: the
//            inbox, open complaints only), opens the complaint and assigns it to the office's field officer;
//   resolve  the field officer opens it and resolves it with remarks (multipart form);
//   close    the citizen opens it, rates it and closes it;
//   search   the citizen's list of complaints (/complaints) shows it, closed.
// Every answer is checked (status, and that the page holds what the next step needs); a wrong one ends the
// lifecycle with a LifecycleError naming the step and the request.
import { type Browser, type Exchange, csrfTokenIn, versionIn } from './browser.ts';

export const STEPS = ['file', 'assign', 'resolve', 'close', 'search'] as const;
export type Step = (typeof STEPS)[number];

export interface Cast {
  readonly citizen: Browser;
  readonly grievanceOfficer: Browser;
  readonly fieldOfficer: Browser;
  readonly fieldOfficerId: string;
  readonly subType: string;
  readonly district: string;
}

export class LifecycleError extends Error {
  readonly step: Step;
  readonly request: string;
  readonly status: number;

  constructor(step: Step, request: string, status: number, detail: string) {
    super(`${step} / ${request}: HTTP ${status}: ${detail}`);
    this.name = 'LifecycleError';
    this.step = step;
    this.request = request;
    this.status = status;
  }
}

export interface Recorder {
  request(name: string, ms: number): void;
  step(step: Step, ms: number): void;
}

const NUMBER_IN_LOCATION = /^\/complaints\/(CMP-\d{4}-\d{7})$/;

/** What an unexpected page said: its error summary or title, else its first characters. */
function gist(body: string): string {
  const summary = /class="error-summary[^"]*"[\s\S]{0,600}?<\/div>/.exec(body)?.[0];
  const title = /<title>([^<]*)<\/title>/.exec(body)?.[1];
  const text = (summary ?? title ?? body)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.slice(0, 300);
}

export async function lifecycle(cast: Cast, turn: number, record: Recorder): Promise<string> {
  let step: Step = 'file';
  let stepStarted = performance.now();
  const send = async (name: string, status: number, exchange: Promise<Exchange>) => {
    const answer = await exchange;
    record.request(name, answer.ms);
    if (answer.status !== status)
      throw new LifecycleError(step, name, answer.status, `expected ${status}: ${gist(answer.body)}`);
    return answer;
  };
  const need = <T>(value: T | undefined, name: string, what: string, answer: Exchange): T => {
    if (value === undefined) throw new LifecycleError(step, name, answer.status, `no ${what} on the page`);
    return value;
  };
  const next = (following: Step) => {
    record.step(step, performance.now() - stepStarted);
    step = following;
    stepStarted = performance.now();
  };

  const form = await send('GET /complaints/new', 200, cast.citizen.get('/complaints/new'));
  const filed = await send(
    'POST /complaints/new',
    303,
    cast.citizen.post(
      '/complaints/new',
      need(csrfTokenIn(form.body), 'GET /complaints/new', 'CSRF token', form),
      {
        subType: cast.subType,
        district: cast.district,
        address: `House ${(turn % 700) + 1}, Street ${(turn % 45) + 1}, Satellite Town`,
        latitude: '',
        longitude: '',
        description: `Benchmark complaint ${turn}: the water supply line in our street has been leaking for days.`,
        isPublic: turn % 2 === 0 ? 'yes' : '',
      },
      'multipart',
    ),
  );
  const number = need(
    NUMBER_IN_LOCATION.exec(filed.location ?? '')?.[1],
    'POST /complaints/new',
    `complaint number in the redirect (${filed.location ?? 'none'})`,
    filed,
  );
  const page = `/complaints/${number}`;
  next('assign');

  const found = await send(
    'GET /complaints/inbox?q= (officer search)',
    200,
    cast.grievanceOfficer.get(`/complaints/inbox?q=${number}`),
  );
  if (!found.body.includes(`href="${page}"`))
    throw new LifecycleError(step, 'GET /complaints/inbox?q=', 200, `${number} is not in the results`);
  const officerPage = await send('GET /complaints/:number (officer)', 200, cast.grievanceOfficer.get(page));
  if (!officerPage.body.includes(`value="${cast.fieldOfficerId}"`))
    throw new LifecycleError(step, 'GET /complaints/:number', 200, 'the field officer is not offered');
  await send(
    'POST …/actions assign',
    303,
    cast.grievanceOfficer.post(
      `${page}/actions`,
      need(csrfTokenIn(officerPage.body), 'GET /complaints/:number', 'CSRF token', officerPage),
      {
        action: 'assign',
        version: need(versionIn(officerPage.body), 'GET /complaints/:number', 'version', officerPage),
        fieldOfficer: cast.fieldOfficerId,
        remarks: 'Please visit the site today and report back.',
      },
    ),
  );
  next('resolve');

  const fieldPage = await send('GET /complaints/:number (field officer)', 200, cast.fieldOfficer.get(page));
  await send(
    'POST …/actions resolve',
    303,
    cast.fieldOfficer.post(
      `${page}/actions`,
      need(csrfTokenIn(fieldPage.body), 'GET /complaints/:number', 'CSRF token', fieldPage),
      {
        action: 'resolve',
        version: need(versionIn(fieldPage.body), 'GET /complaints/:number', 'version', fieldPage),
        remarks: 'The pipe was repaired by the maintenance team this morning.',
      },
      'multipart',
    ),
  );
  next('close');

  const ownPage = await send('GET /complaints/:number (citizen)', 200, cast.citizen.get(page));
  await send(
    'POST …/actions close',
    303,
    cast.citizen.post(`${page}/actions`, need(csrfTokenIn(ownPage.body), 'GET', 'CSRF token', ownPage), {
      action: 'close',
      version: need(versionIn(ownPage.body), 'GET /complaints/:number', 'version', ownPage),
      rating: String(1 + (turn % 5)),
      remarks: '',
    }),
  );
  next('search');

  const list = await send('GET /complaints (my complaints)', 200, cast.citizen.get('/complaints'));
  if (!list.body.includes(`href="${page}"`))
    throw new LifecycleError(step, 'GET /complaints', 200, `${number} is not in the list`);
  record.step(step, performance.now() - stepStarted);
  return number;
}
