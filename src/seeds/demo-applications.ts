// Demo applications for the demo citizen, in every state the domicile workflow has, so a new user signing
// in as an officer sees a working office. The attached "documents" are blank one-page PDFs, stored for real.
import type { Actor, RoleGrant } from '../platform/actor.ts';
import type { DocumentStore } from '../platform/storage/document-store.ts';
import { tinyPdf } from '../platform/storage/test-fixtures.ts';
import type { Services } from '../services.ts';

type Staff = { id: string; label: string; grants: RoleGrant[] };

const answers = (district: string): Record<string, Record<string, string>> => ({
  applicant: {
    applicantCnic: '54400-1234567-1',
    fullName: 'Demo Citizen',
    fatherName: 'Demo Father',
    dateOfBirth: '1995-08-14',
    gender: 'female',
    mobile: '0300 1234567',
    purpose: 'education',
  },
  residence: {
    district,
    tehsil: 'Quetta City',
    permanentAddress: 'House 7, Jinnah Road, Quetta',
    yearsResident: '30',
    residenceBasis: 'born-here',
    otherDomicile: 'no',
  },
  documents: {},
});

const asActor = (staff: Staff): Actor => ({
  kind: 'user',
  userId: staff.id,
  label: staff.label,
  accountKind: 'staff',
  grants: staff.grants,
});

/**
 * Domicile applications taken to: payment due, scrutiny, the DC's approval, returned for correction,
 * approved, rejected, and one draft. Officers act as the demo officers of Revenue, Quetta.
 */
export async function seedDemoApplications(
  services: Services,
  store: DocumentStore,
  citizen: Actor,
  staff: { operator: Staff; clerk: Staff; approver: Staff },
): Promise<number> {
  const { applications } = services;
  const documents = async () => {
    const keys: Record<string, string> = {};
    for (const field of ['cnicCopy', 'fatherCnicCopy', 'residenceProof', 'photo']) {
      keys[field] = (await store.put(tinyPdf(), 'pdf')).key;
    }
    return keys;
  };
  const submitted = async (): Promise<string> => {
    const id = await applications.startDraft(citizen, {
      serviceCode: 'domicile-certificate',
      districtCode: 'QTA',
    });
    let version = 1;
    const steps = answers('QTA');
    steps['documents'] = await documents();
    for (const [stepId, raw] of Object.entries(steps)) {
      version = (await applications.saveStep(citizen, id, { stepId, raw, version })).version;
    }
    return (await applications.submit(citizen, id, version)).number;
  };
  const act = async (who: Staff | Actor, number: string, action: string, remarks = '') => {
    const actor = 'grants' in who && 'id' in who ? asActor(who) : who;
    const { application } = await applications.get(actor, { number });
    await applications.act(actor, number, { action, remarks, version: application.version });
  };
  const paid = async () => {
    const number = await submitted();
    await act(staff.operator, number, 'pay', `Demo receipt ${number}`);
    return number;
  };

  await applications.startDraft(citizen, { serviceCode: 'domicile-certificate', districtCode: 'QTA' });
  await submitted(); // waiting for the fee
  await paid(); // in scrutiny with the clerk
  const atDc = await paid();
  await act(staff.clerk, atDc, 'forward');
  const returned = await paid();
  await act(staff.clerk, returned, 'return', 'The residence proof is not readable: upload a clearer copy.');
  const approved = await paid();
  await act(staff.clerk, approved, 'forward');
  await act(staff.approver, approved, 'approve', 'Verified against the district record.');
  const rejected = await paid();
  await act(staff.clerk, rejected, 'forward');
  await act(staff.approver, rejected, 'reject', 'The applicant holds a domicile of another province.');
  return 7;
}
