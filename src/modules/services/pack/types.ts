// The service-pack format as TypeScript, written by hand to match docs/service-pack.schema.json (a test
// checks that the two name the same properties). A value of these types has passed validatePack.
import type { Role } from '../../../platform/actor.ts';

/** A human text in English and Urdu. */
export interface BilingualText {
  readonly en: string;
  readonly ur: string;
}

export type FieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'date'
  | 'select'
  | 'multiselect'
  | 'cnic'
  | 'phone'
  | 'district'
  | 'email'
  | 'file'
  | 'slot';

/** Who may take an action: an officer role, or the applicant. */
export type ActionRole = Role | 'citizen';

export type ShowIfValue = string | number | boolean;

/** Show (and require) a field only when an earlier field has one of the given values. */
export type ShowIf =
  | { readonly field: string; readonly equals: ShowIfValue }
  | { readonly field: string; readonly in: readonly ShowIfValue[] };

export interface FieldOption {
  readonly value: string;
  readonly label: BilingualText;
}

/** A bookable hourly slot: the answer is the start of the booking (date and hour). */
export interface HourlySlots {
  readonly kind: 'hourly';
  /** Bookings allowed in one hour in one district. */
  readonly capacityPerDistrict: number;
  /** The district field whose answer says which district's capacity the booking uses. */
  readonly districtField: string;
  /** A whole-number field giving how many consecutive hours the booking takes; one when absent. */
  readonly durationField?: string;
  /** Start hour of the first and of the last slot of a day, 0-23. */
  readonly firstHour: number;
  readonly lastHour: number;
  /** The earliest and latest bookable day, in days from today. */
  readonly minDaysAhead: number;
  readonly maxDaysAhead: number;
}

export interface FormField {
  /** camelCase, unique in the whole form (answers are one flat object). */
  readonly id: string;
  readonly type: FieldType;
  readonly label: BilingualText;
  readonly hint?: BilingualText;
  readonly required?: boolean;
  /** number: smallest/largest value; date: earliest/latest day in days from today (negative: past). */
  readonly min?: number;
  readonly max?: number;
  /** number only: whole numbers. */
  readonly integer?: boolean;
  /** text and textarea only. */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** text and textarea only: a JavaScript regular expression (u flag) the whole answer must match. */
  readonly pattern?: string;
  /** select and multiselect only (required there). */
  readonly options?: readonly FieldOption[];
  readonly showIf?: ShowIf;
  /** slot only (required there). */
  readonly slots?: HourlySlots;
}

export interface FormStep {
  readonly id: string;
  readonly title: BilingualText;
  readonly fields: readonly FormField[];
}

export interface PackDocument {
  readonly code: string;
  readonly name: BilingualText;
  readonly required: boolean;
  /** The file field that uploads it. */
  readonly field: string;
  /** Allowed types; all three when absent. */
  readonly accept?: readonly ('pdf' | 'jpeg' | 'png')[];
}

/** Amounts are rupees (PKR). `headOfAccount`: the receipt head the fee is credited to, e.g. C02741. */
export type Fee =
  | { readonly kind: 'none' }
  | { readonly kind: 'fixed'; readonly amount: number; readonly headOfAccount?: string }
  | {
      readonly kind: 'byOption';
      readonly field: string;
      readonly amounts: Readonly<Record<string, number>>;
      readonly headOfAccount?: string;
    }
  | {
      readonly kind: 'computed';
      readonly headOfAccount?: string;
      readonly rate: number;
      /** A number field: fee = max(rate x answer, minimum). */
      readonly multiplyBy: string;
      readonly minimum?: number;
      readonly unit?: BilingualText;
    };

export interface Office {
  readonly name: BilingualText;
  /** A district code, or '*' for the office of this kind in the applicant's district. */
  readonly district: string;
  readonly address: BilingualText;
}

export interface WorkflowAction {
  readonly id: string;
  readonly label: BilingualText;
  readonly roles: readonly ActionRole[];
  readonly to: string;
  /** Absent means 'optional'. */
  readonly remarks?: 'required' | 'optional' | 'none';
  /** The officer must attach a document. */
  readonly document?: boolean;
}

export type Outcome = 'approved' | 'rejected' | 'withdrawn';
export type CitizenAction = 'correct' | 'pay' | 'attend';

export interface WorkflowState {
  readonly label: BilingualText;
  /** Who holds it (shown to the citizen as the office). Every officer state has one. */
  readonly holder?: { readonly role: Role; readonly office: BilingualText };
  /** Working hours allowed in this state. */
  readonly deadlineHours?: number;
  readonly escalate?: { readonly afterHours: number; readonly toRole: Role };
  readonly terminal?: true;
  /** Terminal states only (required there). */
  readonly outcome?: Outcome;
  /** correct: returned for correction; pay: waiting for the fee; attend: the citizen comes in person. */
  readonly citizenAction?: CitizenAction;
  /** Non-terminal states only (at least one there). */
  readonly actions?: readonly WorkflowAction[];
}

export interface Workflow {
  readonly initial: string;
  readonly states: Readonly<Record<string, WorkflowState>>;
}

export interface ServicePack {
  readonly $schema: string;
  readonly code: string;
  readonly version: number;
  readonly prefix: string;
  readonly department: string;
  readonly name: BilingualText;
  readonly summary: BilingualText;
  readonly description: BilingualText;
  readonly keywords: { readonly en: readonly string[]; readonly ur: readonly string[] };
  readonly eligibility: readonly BilingualText[];
  readonly howToApply: readonly BilingualText[];
  readonly documents: readonly PackDocument[];
  readonly fee: Fee;
  /** Promised working days from submission to decision. */
  readonly slaDays: number;
  readonly offices: readonly Office[];
  readonly form: { readonly steps: readonly FormStep[] };
  readonly workflow: Workflow;
  readonly issues: { readonly certificateType: string } | null;
}

/** One problem in one pack file; path is a JSON pointer into the file ('' for the whole file). */
export interface PackError {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/** Codes the database knows; the loader passes the database's lists, CI the migration's. */
export interface KnownCodes {
  readonly departments: readonly string[];
  readonly districts: readonly string[];
}
