// Request and response schemas for the reference-data API (also the source of its OpenAPI description).
import { Type, type Static } from '@sinclair/typebox';

export const DistrictSchema = Type.Object({
  code: Type.String({
    pattern: '^[A-Z]{3}$',
    description: 'Three-letter district code used in reference numbers',
  }),
  division: Type.String(),
  name: Type.Object({ en: Type.String(), ur: Type.String() }),
});

export const DepartmentSchema = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9-]*$' }),
  name: Type.Object({ en: Type.String(), ur: Type.String() }),
});

export const DistrictListSchema = Type.Object({ districts: Type.Array(DistrictSchema) });
export const DepartmentListSchema = Type.Object({ departments: Type.Array(DepartmentSchema) });

export type DistrictList = Static<typeof DistrictListSchema>;
export type DepartmentList = Static<typeof DepartmentListSchema>;
