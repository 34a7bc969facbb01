// Shared by this module's tests: people as actors, forms, and the messages the outbox holds for someone.
import { randomInt } from 'node:crypto';
import { type Actor, type RoleGrant, systemActor } from '../../platform/actor.ts';
import { tinyJpeg } from '../../platform/storage/test-fixtures.ts';
import type { TestApp } from '../../test-support/app.ts';
import { createCitizen } from '../../test-support/factories.ts';
import type { FilingForm } from './filing-form.ts';

export const SYSTEM = systemActor('test');

export async function citizen(
  t: TestApp,
): Promise<Actor & { kind: 'user' } & { mobile: string; cnic: string; password: string }> {
  const created = await createCitizen(t.testDatabase.database.db);
  return {
    kind: 'user',
    userId: created.id,
    label: 'Test Citizen',
    accountKind: 'citizen',
    grants: [],
    mobile: created.mobile,
    cnic: created.cnic,
    password: created.password,
  };
}

export async function officer(
  t: TestApp,
  grants: RoleGrant[],
  name = 'Officer',
): Promise<Actor & { kind: 'user' }> {
  const email = `cmp.${Math.random().toString(36).slice(2)}@sahulat.test`;
  const { id } = await t.services.accounts.createStaffAccount(SYSTEM, {
    email,
    fullName: `${name} ${email.slice(4, 10)}`,
    password: 'complaints officer 2026',
    grants,
  });
  return { kind: 'user', userId: id, label: `${name} ${email.slice(4, 10)}`, accountKind: 'staff', grants };
}

export const grant = (
  role: RoleGrant['role'],
  departmentCode: string | null,
  districtCode: string | null,
): RoleGrant => ({
  role,
  departmentCode,
  districtCode,
});

export function form(overrides: Partial<FilingForm> = {}): FilingForm {
  return {
    subType: 'water-pipe-leak',
    district: 'QTA',
    address: 'Jinnah Road near the Liaquat Bazaar crossing',
    latitude: '',
    longitude: '',
    description: 'Water has been pouring out of a burst pipe for three days.',
    isPublic: true,
    ...overrides,
  };
}

export function foreignMobile(): string {
  return `+97150${String(randomInt(0, 1e7)).padStart(7, '0')}`;
}

export async function messagesTo(t: TestApp, recipient: string) {
  return (await t.services.notifications.recentMessages(SYSTEM, 200)).filter(
    (message) => message.recipient === recipient,
  );
}

export async function codeSentTo(t: TestApp, recipient: string): Promise<string> {
  const [latest] = await messagesTo(t, recipient);
  const code = /\b(\d{6})\b/.exec(latest?.body ?? '')?.[1];
  if (code === undefined) throw new Error(`No code was sent to ${recipient}`);
  return code;
}

/** For the authorisation matrix: a Revenue, Quetta complaint, and a field officer of that office. */
export async function complaintTarget(t: TestApp): Promise<{ number: string; fieldOfficerId: string }> {
  const filed = await t.services.complaints.file(
    await citizen(t),
    'citizen',
    form({ subType: 'revenue-record-delay' }),
  );
  if (filed.kind !== 'filed') throw new Error('The matrix complaint was not filed');
  const field = await officer(t, [grant('field_officer', 'revenue', 'QTA')], 'Matrix field');
  return { number: filed.number, fieldOfficerId: field.userId };
}

/** A phone's photo in miniature: a 1×1 JPEG with EXIF text (an owner's name, a GPS position) and a comment. */
export function photoWithMetadata(): Uint8Array {
  const segment = (marker: number, text: string) => {
    const body = Buffer.from(text, 'latin1');
    return [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  };
  const picture = tinyJpeg();
  return Uint8Array.from([
    ...picture.subarray(0, 2),
    ...segment(0xe1, 'Exif\0\0MM\0*\0\0\0\x08\0\0\0\0\0\0Zarina Khan GPS 30.1798N 66.9750E'),
    ...segment(0xfe, "Shot on Zarina Khan's phone"),
    ...picture.subarray(2),
  ]);
}
