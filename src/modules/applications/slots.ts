// The hours an application books (bulldozer hours): read from its slot answer, in Pakistan time.
import type { ServicePack } from '../services/pack/validate.ts';
import type { Answers } from './form/answers.ts';
import { splitSlot } from './form/values.ts';

export interface SlotRequest {
  readonly fieldId: string;
  readonly districtCode: string;
  readonly day: string;
  readonly hours: readonly Date[];
  readonly capacity: number;
}

export function requestedSlot(pack: ServicePack, answers: Answers): SlotRequest | undefined {
  const field = pack.form.steps.flatMap((step) => step.fields).find((candidate) => candidate.type === 'slot');
  if (field?.slots === undefined) return undefined;
  const value = answers[field.id];
  const start = typeof value === 'string' ? splitSlot(value) : undefined;
  const district = answers[field.slots.districtField];
  if (start === undefined || typeof district !== 'string') return undefined;
  const duration =
    field.slots.durationField === undefined ? 1 : Number(answers[field.slots.durationField] ?? 1);
  const hours = Array.from({ length: Math.max(1, duration) }, (_, offset) => {
    const hour = String(start.hour + offset).padStart(2, '0');
    return new Date(`${start.date}T${hour}:00:00+05:00`);
  });
  return {
    fieldId: field.id,
    districtCode: district,
    day: start.date,
    hours,
    capacity: field.slots.capacityPerDistrict,
  };
}
