// Demo applications for the demo citizen in every state of three services (domicile certificate, tenant
// registration, business registration), so a new user signing in as an officer sees a working office.
// Each one goes through the real services, as the citizen and the demo officers would take it; the
// attached "documents" are blank one-page PDFs, stored for real.
import type { Actor, RoleGrant } from '../platform/actor.ts';
import type { DocumentStore } from '../platform/storage/document-store.ts';
import { tinyPdf } from '../platform/storage/test-fixtures.ts';
import type { Services } from '../services.ts';
import { DEMO_ANSWERS, type DemoService } from './demo-answers.ts';

export type DemoStaff = { id: string; label: string; grants: RoleGrant[] };
/** One workflow step: who (a demo officer's e-mail, or the citizen), which action, with what remarks. */
type Step = readonly [who: string, action: string, remarks?: string];

const asActor = (staff: DemoStaff): Actor => ({
  kind: 'user',
  userId: staff.id,
  label: staff.label,
  accountKind: 'staff',
  grants: staff.grants,
});

const OPERATOR = 'operator.quetta@sahulat.example';
const CITIZEN = 'citizen';
const CASH_AT_COUNTER = 'cash-at-counter';
/** The operator takes the fee in cash against the application's bill (PSID); paying moves it on. */
const cashAtCounter: Step = [OPERATOR, CASH_AT_COUNTER, 'CFC-QTA-0001'];

/** Each service's demo applications: the steps each one has been through (undefined: left as a draft). */
const JOURNEYS: Record<DemoService, (readonly Step[] | undefined)[]> = {
  'domicile-certificate': [
    undefined,
    [], // waiting for the fee
    [cashAtCounter], // in scrutiny with the clerk
    [cashAtCounter, ['clerk.revenue.quetta@sahulat.example', 'forward']],
    [
      cashAtCounter,
      [
        'clerk.revenue.quetta@sahulat.example',
        'return',
        'The residence proof is not readable: upload a clearer copy.',
      ],
    ],
    [
      cashAtCounter,
      ['clerk.revenue.quetta@sahulat.example', 'forward'],
      ['approver.revenue.quetta@sahulat.example', 'approve', 'Verified against the district record.'],
    ],
    [
      cashAtCounter,
      ['clerk.revenue.quetta@sahulat.example', 'forward'],
      [
        'approver.revenue.quetta@sahulat.example',
        'reject',
        'The applicant holds a domicile of another province.',
      ],
    ],
    [[CITIZEN, 'withdraw']],
  ],
  'tenant-registration': [
    undefined,
    [], // with the police station's clerk
    [['clerk.police.quetta@sahulat.example', 'return', 'The rent agreement is not signed by the tenant.']],
    [['clerk.police.quetta@sahulat.example', 'register', 'Tenant verified at the police station.']],
    [
      [
        'approver.police.quetta@sahulat.example',
        'reject',
        'The tenant’s CNIC does not match NADRA’s record.',
      ],
    ],
    [
      ['clerk.police.quetta@sahulat.example', 'return', 'Give the tenant’s current mobile number.'],
      [CITIZEN, 'withdraw'],
    ],
  ],
  'business-registration': [
    undefined,
    [], // waiting for the fee
    [cashAtCounter], // in scrutiny
    [cashAtCounter, ['approver.industries@sahulat.example', 'forward']],
    [cashAtCounter, ['approver.industries@sahulat.example', 'return', 'Upload proof of the premises.']],
    [
      cashAtCounter,
      ['approver.industries@sahulat.example', 'forward'],
      ['approver.industries@sahulat.example', 'register', 'Registered with the Registrar of Firms.'],
    ],
    [
      cashAtCounter,
      ['approver.industries@sahulat.example', 'forward'],
      ['approver.industries@sahulat.example', 'reject', 'A firm of this name is already registered.'],
    ],
    [[CITIZEN, 'withdraw']],
  ],
};

/** Creates the demo applications; returns how many. `officer` finds a demo officer by e-mail. */
export async function seedDemoApplications(
  services: Services,
  store: DocumentStore,
  citizen: Actor,
  officer: (email: string) => DemoStaff,
): Promise<number> {
  const { applications } = services;
  let count = 0;
  for (const [serviceCode, journeys] of Object.entries(JOURNEYS) as [
    DemoService,
    (typeof JOURNEYS)[DemoService],
  ][]) {
    const demo = DEMO_ANSWERS[serviceCode];
    for (const journey of journeys) {
      count += 1;
      const id = await applications.startDraft(citizen, { serviceCode, districtCode: 'QTA' });
      if (journey === undefined) continue;
      let version = 1;
      for (const [stepId, raw] of Object.entries(demo.steps)) {
        version = (await applications.saveStep(citizen, id, { stepId, raw, version })).version;
      }
      const documents: Record<string, string> = {};
      for (const field of demo.documents) documents[field] = (await store.put(tinyPdf(), 'pdf')).key;
      version = (await applications.saveStep(citizen, id, { stepId: 'documents', raw: documents, version }))
        .version;
      const { number } = await applications.submit(citizen, id, version);
      for (const [who, action, remarks = ''] of journey) {
        const actor = who === CITIZEN ? citizen : asActor(officer(who));
        if (action === CASH_AT_COUNTER) {
          await payAtCounter(services, actor, number, remarks);
          continue;
        }
        const { application } = await applications.get(actor, { number });
        await applications.act(actor, number, { action, remarks, version: application.version });
      }
    }
  }
  return count;
}

async function payAtCounter(services: Services, operator: Actor, number: string, receiptBook: string) {
  const { application } = await services.applications.get(operator, { number });
  const [bill] = await services.payments.bills.billsFor(operator, 'application', application.id);
  if (bill === undefined) throw new Error(`No bill was issued for ${number}`);
  await services.payments.recordCounterPayment(operator, {
    psid: bill.psid,
    amountPaisa: bill.amount_paisa,
    receiptBookNumber: receiptBook,
  });
}
