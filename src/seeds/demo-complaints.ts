// Demo complaints: the demo citizen's, one in each state of the workflow, and a few callers' complaints
// filed by the contact centre, so the officers' inbox, the dashboards, the public page and Open311 show
// figures on a new machine. Each goes through the complaints service as the citizen, the contact centre
// and the Local Government officers of Quetta would take it, at times in the recent past (so nothing is
// overdue or closes itself on the first day, and the citizen can still file today). Photos are tiny
// JPEGs, stored for real.
import type { Actor } from '../platform/actor.ts';
import type { DocumentStore } from '../platform/storage/document-store.ts';
import { tinyJpeg } from '../platform/storage/test-fixtures.ts';
import type { FilingForm } from '../modules/complaints/filing-form.ts';
import type { Services } from '../services.ts';
import type { DemoStaff } from './demo-applications.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GRIEVANCE = 'grievance.lg.quetta@sahulat.example';
const FIELD = 'field.lg.quetta@sahulat.example';
const CONTACT_CENTRE = 'contact.centre@sahulat.example';
const CITIZEN = 'citizen';

/** One step: how long before the seed runs, who (an officer's e-mail, or the citizen), which action. */
type Step = readonly [ago: number, who: string, action: string, remarks?: string, extra?: 'photo' | 'rating'];

interface DemoComplaint {
  readonly ago: number;
  readonly form: Partial<FilingForm> & Pick<FilingForm, 'subType' | 'address' | 'description'>;
  readonly photo?: boolean;
  readonly steps: readonly Step[];
}

const assign: (ago: number) => Step = (ago) => [ago, GRIEVANCE, 'assign', 'Please inspect today.'];

/** The demo citizen's complaints, in every state a complainant can see (oldest first). */
const CITIZEN_COMPLAINTS: readonly DemoComplaint[] = [
  {
    ago: 15 * DAY,
    photo: true,
    form: {
      subType: 'water-pipe-leak',
      address: 'Jinnah Road near the Liaquat Bazaar crossing',
      description: 'Water has been pouring out of a burst pipe for three days and the road is flooded.',
    },
    steps: [
      assign(15 * DAY - 2 * HOUR),
      [14 * DAY, FIELD, 'resolve', 'Pipe joint replaced; the supply is back to normal.'],
      [13 * DAY, CITIZEN, 'close', 'Fixed the next day, thank you.', 'rating'],
    ], // closed with a rating
  },
  {
    ago: 9 * DAY,
    form: {
      subType: 'encroachment',
      address: 'Sariab Road, Killi Ismail',
      description: 'A shop has built its steps onto the footpath; people have to walk on the road.',
      isPublic: false,
    },
    steps: [
      [
        8 * DAY,
        GRIEVANCE,
        'reject',
        'This stretch of Sariab Road is managed by the Quetta Development Authority: please complain to them.',
      ],
    ], // rejected
  },
  {
    ago: 7 * DAY,
    form: {
      subType: 'stray-animals',
      address: 'Model Town',
      description: 'Testing testing testing.',
      isPublic: false,
    },
    steps: [[6 * DAY, GRIEVANCE, 'markFrivolous', 'The complaint describes no problem.']], // frivolous
  },
  {
    ago: 6 * DAY,
    form: {
      subType: 'water-contaminated',
      address: 'Hazara Town, Street 9',
      description: 'The tap water is brown and smells; children in the street are falling ill.',
    },
    steps: [
      assign(6 * DAY - 3 * HOUR),
      [3 * DAY, FIELD, 'resolve', 'Line flushed and chlorinated.'],
      [12 * HOUR, CITIZEN, 'reopen', 'The water is still brown this morning.'],
    ], // reopened
  },
  {
    ago: 4 * DAY,
    form: {
      subType: 'garbage-not-collected',
      address: 'Brewery Road, Kasi Colony',
      description: 'Garbage has not been collected from our street for a week and it is burnt at night.',
    },
    steps: [
      assign(4 * DAY - HOUR),
      [2 * DAY, FIELD, 'resolve', 'Garbage lifted; the street is now on the daily round.', 'photo'],
    ], // resolved, waiting for the citizen's rating
  },
  {
    ago: 2 * DAY,
    form: {
      subType: 'streetlight-out',
      address: 'Airport Road, between the two petrol pumps',
      description: 'Five street lights in a row have been dark for a month.',
      isPublic: false,
    },
    steps: [
      assign(2 * DAY - 2 * HOUR),
      [
        DAY,
        FIELD,
        'requestReassignment',
        'These poles are QESCO’s, not the municipality’s: please pass it on.',
      ],
    ], // reassignment requested
  },
  {
    ago: 26 * HOUR,
    form: {
      subType: 'water-no-supply',
      address: 'Satellite Town, Block 4, Street 12',
      description: 'No water in the taps of Block 4 for three days; the tanker has not come either.',
    },
    steps: [], // filed, waiting for the grievance officer
  },
  {
    ago: 22 * HOUR,
    photo: true,
    form: {
      subType: 'sewer-blocked',
      address: 'Jinnah Town, outside the girls’ high school',
      description: 'The main drain is overflowing into the street outside the girls’ school.',
    },
    steps: [assign(20 * HOUR)], // with the field officer
  },
];

/** Callers' public complaints, filed by the contact centre (some in Urdu, as callers speak). */
const CALLER_COMPLAINTS: readonly (DemoComplaint & {
  caller: [name: string, mobile: string, locale: string];
})[] = [
  {
    ago: 5 * DAY,
    caller: ['Sana Baloch', '+923331112201', 'ur'],
    form: {
      subType: 'road-damaged',
      district: 'GWD',
      address: 'Marine Drive, at the fish harbour turning',
      description: 'A deep pothole at the fish harbour turning; two motorcyclists fell there last week.',
    },
    steps: [],
  },
  {
    ago: 40 * HOUR,
    caller: ['Abdul Wahid', '+923451112202', 'ur'],
    form: {
      subType: 'water-no-supply',
      district: 'PSN',
      address: 'کلی خانزئی، پشین',
      description: 'محلے میں دس دن سے نلکوں میں پانی نہیں آیا، لوگ دور سے پانی بھر کر لا رہے ہیں۔',
    },
    steps: [],
  },
  {
    ago: 2 * DAY,
    caller: ['Farida Kakar', '+923001112203', 'en'],
    form: {
      subType: 'health-medicine-unavailable',
      address: 'Civil Hospital Quetta, medical OPD pharmacy',
      description:
        'The hospital pharmacy has had no insulin for a week; patients are told to buy it outside.',
    },
    steps: [],
  },
  {
    ago: 30 * HOUR,
    caller: ['Naseebullah', '+923121112204', 'ur'],
    form: {
      subType: 'garbage-not-collected',
      address: 'Mizan Chowk, behind the vegetable market',
      description: 'A heap of rotting vegetables behind the market has not been removed for days.',
    },
    steps: [assign(28 * HOUR)],
  },
];

const asActor = (staff: DemoStaff): Actor => ({
  kind: 'user',
  userId: staff.id,
  label: staff.label,
  accountKind: 'staff',
  grants: staff.grants,
});

/** Files the demo complaints and takes each through its steps; returns how many were filed. */
export async function seedDemoComplaints(
  services: Services,
  store: DocumentStore,
  citizen: Actor,
  officer: (email: string) => DemoStaff,
  now: Date = new Date(),
): Promise<number> {
  const { complaints } = services;
  const at = (ago: number) => new Date(now.getTime() - ago);
  const photo = async () => [await store.put(tinyJpeg(), 'jpeg')];
  const all = [
    ...CITIZEN_COMPLAINTS.map((complaint) => ({ ...complaint, by: citizen, mode: 'citizen' as const })),
    ...CALLER_COMPLAINTS.map((complaint) => ({
      ...complaint,
      by: asActor(officer(CONTACT_CENTRE)),
      mode: 'contact_centre' as const,
    })),
  ].sort((a, b) => b.ago - a.ago);
  for (const complaint of all) {
    const [contactName, mobile, locale] = 'caller' in complaint ? complaint.caller : [];
    const filed = await complaints.file(
      complaint.by,
      complaint.mode,
      {
        district: 'QTA',
        latitude: '',
        longitude: '',
        isPublic: true,
        ...(contactName === undefined ? {} : { contactName, mobile, locale }),
        ...complaint.form,
      },
      complaint.photo === true ? { documents: await photo() } : {},
      at(complaint.ago),
    );
    if (filed.kind !== 'filed') throw new Error('A demo complaint was not accepted');
    for (const [ago, who, action, remarks = '', extra] of complaint.steps) {
      const actor = who === CITIZEN ? citizen : asActor(officer(who));
      const { complaint: row } = await complaints.get(actor, filed.number, {}, at(ago));
      await complaints.act(
        actor,
        filed.number,
        {
          action,
          remarks,
          version: row.version,
          ...(action === 'assign' ? { fieldOfficerId: officer(FIELD).id } : {}),
          ...(extra === 'rating' ? { rating: '5' } : {}),
          ...(extra === 'photo' ? { documents: await photo() } : {}),
        },
        {},
        at(ago),
      );
    }
  }
  return all.length;
}
