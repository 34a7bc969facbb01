// Checking what a complainant typed: category, district, place, description, and the contact details that
// stand in for an account (an overseas filer's NICOP or passport and foreign mobile, a caller's number).
// Every problem comes back as a field error with a catalog key, so the form can be shown again as typed.
import type { FieldError } from '../../platform/errors.ts';
import { normaliseCnic, normaliseMobile } from '../identity/identifiers.ts';
import type { DistrictRow } from '../reference/repo.ts';
import type { CategoryTree, SubType } from './categories.ts';

export const MAX_DESCRIPTION = 4000;
export const MIN_DESCRIPTION = 10;
export const MAX_ADDRESS = 300;
export const MAX_NAME = 100;
export const MAX_FILES = 5;
/** Pakistan, with a margin: a point outside is a typing mistake (or latitude and longitude swapped). */
const LATITUDE = { min: 23, max: 38 };
const LONGITUDE = { min: 60, max: 78 };
const PASSPORT = /^[A-Z]{2}[0-9]{7}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type FilingMode = 'citizen' | 'overseas' | 'contact_centre' | 'open311';

/** The form as typed (strings), whatever the channel. */
export interface FilingForm {
  readonly subType: string;
  readonly district: string;
  readonly address: string;
  readonly latitude: string;
  readonly longitude: string;
  readonly description: string;
  readonly isPublic: boolean;
  readonly contactName?: string;
  readonly mobile?: string;
  readonly email?: string;
  readonly documentKind?: string;
  readonly documentNumber?: string;
  /** The language to write to the complainant in, when there is no account. */
  readonly locale?: string;
}

export interface CheckedFiling {
  readonly subType: SubType;
  readonly categoryCode: string;
  readonly district: DistrictRow;
  readonly address: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly description: string;
  readonly isPublic: boolean;
  readonly contactName: string | null;
  readonly mobile: string | null;
  readonly email: string | null;
  readonly document: { kind: 'nicop' | 'passport'; number: string } | null;
  readonly locale: string;
}

function coordinate(text: string, range: { min: number; max: number }): number | undefined {
  if (!/^-?\d{1,3}(\.\d{1,8})?$/.test(text)) return undefined;
  const value = Number(text);
  return value >= range.min && value <= range.max ? value : undefined;
}

function place(form: FilingForm, mode: FilingMode, errors: FieldError[]) {
  const address = form.address.trim();
  const latText = form.latitude.trim();
  const longText = form.longitude.trim();
  let latitude: number | null = null;
  let longitude: number | null = null;
  if (latText !== '' || longText !== '') {
    const lat = coordinate(latText, LATITUDE);
    const long = coordinate(longText, LONGITUDE);
    if (lat === undefined) errors.push({ field: 'latitude', messageKey: 'complaints.error.latitude' });
    if (long === undefined) errors.push({ field: 'longitude', messageKey: 'complaints.error.longitude' });
    latitude = lat ?? null;
    longitude = long ?? null;
  }
  // On the site the address is always asked for; Open311 allows a point instead.
  const pointGiven = latitude !== null && longitude !== null;
  if (address === '' && (mode !== 'open311' || !pointGiven))
    errors.push({ field: 'address', messageKey: 'complaints.error.addressRequired' });
  else if (address.length > MAX_ADDRESS)
    errors.push({
      field: 'address',
      messageKey: 'complaints.error.addressTooLong',
      params: { max: MAX_ADDRESS },
    });
  return { address: address === '' ? null : address, latitude, longitude };
}

function contact(form: FilingForm, mode: FilingMode, errors: FieldError[]) {
  const name = (form.contactName ?? '').trim();
  const mobileText = (form.mobile ?? '').trim();
  const emailText = (form.email ?? '').trim().toLowerCase();
  const needsName = mode === 'overseas' || mode === 'contact_centre';
  if (needsName && name === '')
    errors.push({ field: 'contactName', messageKey: 'complaints.error.nameRequired' });
  else if (name.length > MAX_NAME)
    errors.push({ field: 'contactName', messageKey: 'complaints.error.nameTooLong' });
  let mobile: string | null = null;
  if (mobileText !== '') {
    const normalised = normaliseMobile(mobileText);
    if (normalised === undefined)
      errors.push({ field: 'mobile', messageKey: 'complaints.error.mobileFormat' });
    else if (mode === 'overseas' && (normalised.startsWith('+92') || !mobileText.startsWith('+')))
      errors.push({ field: 'mobile', messageKey: 'complaints.error.foreignMobile' });
    else mobile = normalised;
  } else if (needsName) {
    errors.push({ field: 'mobile', messageKey: 'complaints.error.mobileRequired' });
  }
  let email: string | null = null;
  if (emailText !== '') {
    if (EMAIL.test(emailText) && emailText.length <= 254) email = emailText;
    else errors.push({ field: 'email', messageKey: 'complaints.error.email' });
  }
  return { contactName: name === '' ? null : name, mobile, email };
}

function overseasDocument(form: FilingForm, errors: FieldError[]): CheckedFiling['document'] {
  const kind = form.documentKind;
  const text = (form.documentNumber ?? '').trim();
  if (kind !== 'nicop' && kind !== 'passport') {
    errors.push({ field: 'documentKind', messageKey: 'complaints.error.documentKind' });
    return null;
  }
  if (kind === 'nicop') {
    const digits = normaliseCnic(text);
    if (digits !== undefined) return { kind, number: digits };
    errors.push({ field: 'documentNumber', messageKey: 'complaints.error.nicop' });
    return null;
  }
  const passport = text.toUpperCase().replace(/\s/g, '');
  if (PASSPORT.test(passport)) return { kind, number: passport };
  errors.push({ field: 'documentNumber', messageKey: 'complaints.error.passport' });
  return null;
}

/** Checks the form for `mode`; returns the checked filing, or the field errors (in the form's order). */
export function checkFilingForm(
  form: FilingForm,
  mode: FilingMode,
  tree: CategoryTree,
  districts: readonly DistrictRow[],
): { filing?: CheckedFiling; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const found = tree.subTypes.get(form.subType);
  if (found === undefined) errors.push({ field: 'subType', messageKey: 'complaints.error.subType' });
  const district = districts.find((candidate) => candidate.code === form.district);
  if (district === undefined) errors.push({ field: 'district', messageKey: 'complaints.error.district' });
  const where = place(form, mode, errors);
  const description = form.description.trim();
  if (description.length < MIN_DESCRIPTION)
    errors.push({
      field: 'description',
      messageKey: 'complaints.error.descriptionShort',
      params: { min: MIN_DESCRIPTION },
    });
  else if (description.length > MAX_DESCRIPTION)
    errors.push({
      field: 'description',
      messageKey: 'complaints.error.descriptionLong',
      params: { max: MAX_DESCRIPTION },
    });
  const document = mode === 'overseas' ? overseasDocument(form, errors) : null;
  const who = contact(form, mode, errors);
  if (errors.length > 0 || found === undefined || district === undefined) return { errors };
  return {
    errors,
    filing: {
      subType: found.subType,
      categoryCode: found.category.code,
      district,
      ...where,
      description,
      isPublic: form.isPublic,
      ...who,
      document,
      locale: form.locale === 'ur' ? 'ur' : 'en',
    },
  };
}
