// Administration (admins only, online): officers, units and their jurisdictions, departments and their check-item
// catalogue. Every change is written to the audit trail (api/audit.ts).
import { z } from 'zod';
import { lineText, multiLineText } from '../text/plainText';
import {
  checkItemSchema,
  departmentSchema,
  districtCodeSchema,
  idSchema as id,
  isoDateTimeSchema as isoDateTime,
  officerRoleSchema,
  unitSchema,
} from '../domain/model';
import { distinctArray } from './lists';

const name = lineText().trim().min(1).max(100);

/** An officer as an admin sees them: the public record plus the account's state (never the password hash). */
export const officerAccountSchema = z.object({
  id,
  username: z.string(),
  name: z.string(),
  departmentId: id,
  unitId: id,
  role: officerRoleSchema,
  disabledAt: isoDateTime.nullable(),
  mustChangePassword: z.boolean(),
  activeSessions: z.number().int().nonnegative(),
});
export type OfficerAccount = z.infer<typeof officerAccountSchema>;
export const officerAccountListSchema = z.object({ officers: z.array(officerAccountSchema) });
export type OfficerAccountList = z.infer<typeof officerAccountListSchema>;

export const officerIdParamsSchema = z.object({ officerId: id });

/** What an admin edits of an officer. */
export const officerFieldsSchema = z.object({ name, departmentId: id, unitId: id, role: officerRoleSchema });
export type OfficerFields = z.infer<typeof officerFieldsSchema>;

export const createOfficerRequestSchema = officerFieldsSchema.extend({
  username: z
    .string()
    .trim()
    .min(3)
    .max(50)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash and underscore, starting with a letter or digit'),
});
export type CreateOfficerRequest = z.infer<typeof createOfficerRequestSchema>;

/**
 * Answer of creating an officer and of resetting a password: the account and a one-time password the endpoint
 * generated, shown once to the admin to hand over; the officer must change it at their first sign-in.
 */
export const temporaryPasswordResponseSchema = z.object({ officer: officerAccountSchema, temporaryPassword: z.string() });
export type TemporaryPasswordResponse = z.infer<typeof temporaryPasswordResponseSchema>;

export const unitFieldsSchema = z.object({ name, districtCodes: distinctArray(districtCodeSchema, 'district codes').max(200) });
export type UnitFields = z.infer<typeof unitFieldsSchema>;
export const unitIdParamsSchema = z.object({ unitId: id });
export const unitListSchema = z.object({ units: z.array(unitSchema) });
export type UnitList = z.infer<typeof unitListSchema>;

export const departmentFieldsSchema = z.object({ code: lineText().trim().min(1).max(20), name });
export type DepartmentFields = z.infer<typeof departmentFieldsSchema>;
export const departmentIdParamsSchema = z.object({ departmentId: id });

export const checkItemFieldsSchema = z.object({
  code: lineText().trim().min(1).max(40),
  title: lineText().trim().min(1).max(500),
  legalBasis: multiLineText().trim().min(1).max(1000),
});
export type CheckItemFields = z.infer<typeof checkItemFieldsSchema>;
export const checkItemIdParamsSchema = z.object({ checkItemId: id });

/** A department with its catalogue, retired items included, and the catalogue's version. */
export const departmentCatalogueSchema = departmentSchema.extend({
  catalogueVersion: z.number().int().positive(),
  checkItems: z.array(checkItemSchema.extend({ catalogueVersion: z.number().int().positive() })),
});
export type DepartmentCatalogue = z.infer<typeof departmentCatalogueSchema>;
export const departmentCatalogueListSchema = z.object({ departments: z.array(departmentCatalogueSchema) });
export type DepartmentCatalogueList = z.infer<typeof departmentCatalogueListSchema>;

/** What a catalogue change did to open work: draft sections whose item list changed. */
export const catalogueChangeSchema = z.object({
  department: departmentCatalogueSchema,
  sectionsMigrated: z.number().int().nonnegative(),
});
export type CatalogueChange = z.infer<typeof catalogueChangeSchema>;
