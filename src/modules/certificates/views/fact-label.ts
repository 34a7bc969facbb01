// The label of a fact a certificate states, in the reader's language: the catalog's for the facts we know,
// else the fact's own name made readable (`fatherName` → "Father name").
import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';

const KNOWN_FACTS: ReadonlySet<string> = new Set([
  'fullName',
  'fatherName',
  'cnic',
  'district',
  'dateOfBirth',
  'applicationNumber',
  'businessName',
  'address',
  'licenceNumber',
]);

export const humanise = (name: string) => {
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const factLabel = (t: Translator, name: string) =>
  KNOWN_FACTS.has(name) ? t.t(`certificates.fact.${name}` as MessageKey) : humanise(name);
