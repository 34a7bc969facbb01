// Parts of a printed document in English and Urdu at once, styled by public/css/print-document.css: a
// heading in both languages, and rows of facts with the English label at the start, the value in the middle
// and the Urdu label at the end. Each language's text carries its own lang and dir, so Chromium shapes and
// orders the Urdu right; values that mix scripts go in <bdi>, so a CNIC or a date is never reordered.
import type { ComponentChildren } from 'preact';
import {
  type MessageKey,
  type MessageParams,
  type Translator,
  defaultLocale,
  findLocale,
  translatorFor,
} from '../i18n/i18n.ts';

export const ENGLISH: Translator = translatorFor(defaultLocale());
/** Urdu, or English again if a deployment ever drops the Urdu catalog. */
export const URDU: Translator = translatorFor(findLocale('ur') ?? defaultLocale());

/** A catalog message in both languages, one after the other (block elements in a heading or a paragraph). */
export function BothLanguages({ k, params }: { k: MessageKey; params?: MessageParams }) {
  return (
    <>
      <span class="both__en" lang={ENGLISH.locale.code} dir={ENGLISH.locale.dir}>
        {ENGLISH.t(k, params)}
      </span>
      <span class="both__ur" lang={URDU.locale.code} dir={URDU.locale.dir}>
        {URDU.t(k, params)}
      </span>
    </>
  );
}

export interface FactRowProps {
  /** The label in each language: a catalog key, or the two texts. */
  readonly label: MessageKey | { readonly en: string; readonly ur: string };
  readonly children: ComponentChildren;
}

/** One row of a facts table (`<table class="facts">`): English label, value, Urdu label. */
export function FactRow({ label, children }: FactRowProps) {
  const en = typeof label === 'string' ? ENGLISH.t(label) : label.en;
  const ur = typeof label === 'string' ? URDU.t(label) : label.ur;
  return (
    <tr>
      <th scope="row" lang={ENGLISH.locale.code} dir={ENGLISH.locale.dir}>
        {en}
      </th>
      <td>{children}</td>
      <th scope="row" lang={URDU.locale.code} dir={URDU.locale.dir} class="facts__ur">
        {ur}
      </th>
    </tr>
  );
}

/** A value given in both languages (a date, a department's name): English, then Urdu under it. */
export function BothValues({ en, ur }: { en: ComponentChildren; ur: ComponentChildren }) {
  return (
    <>
      <span class="value__en" lang={ENGLISH.locale.code} dir={ENGLISH.locale.dir}>
        {en}
      </span>
      <span class="value__ur" lang={URDU.locale.code} dir={URDU.locale.dir}>
        {ur}
      </span>
    </>
  );
}
