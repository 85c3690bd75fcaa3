// Plans, the recusal registry and draws (version-1 additions; see docs/ on the double random draw).
import { z } from 'zod';
import {
  entityCategorySchema,
  idSchema as id,
  inspectionPlanSchema,
  isoDateSchema,
  isoDateTimeSchema,
  populationFilterSchema,
  recusalSchema,
  riskClassSchema,
  type RiskClass,
} from '../domain/model';
import { drawPlanSchema, samplingRatiosSchema, workloadSchema } from '../draw/schema';
import { lineText } from '../text/plainText';
import { distinctArray } from './lists';

/** The participating departments of a plan: one to twenty, none twice. */
const departmentIdsSchema = distinctArray(id, 'departments').min(1).max(20);

export const createPlanRequestSchema = z
  .object({
    name: lineText().trim().min(1).max(200),
    departmentIds: departmentIdsSchema,
    /** Check items of each participating department, by department id; each department needs at least one. */
    checkItemIds: z.record(id, z.array(id).min(1).max(200)),
    populationFilter: populationFilterSchema,
    samplingRatios: samplingRatiosSchema,
    windowStart: isoDateSchema,
    windowEnd: isoDateSchema,
    teamSize: z.number().int().min(2).max(20),
    /** The public future value the seed will be (e.g. "福彩3D 2025年第150期开奖号码"): published with the plan. */
    seedSource: lineText().trim().min(1).max(500),
  })
  .superRefine((plan, ctx) => {
    if (plan.windowEnd < plan.windowStart)
      ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'the time window ends before it starts' });
    if (plan.teamSize < plan.departmentIds.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['teamSize'],
        message: `a team of ${plan.teamSize} cannot include an officer of each of ${plan.departmentIds.length} departments`,
      });
    }
    const keys = Object.keys(plan.checkItemIds).sort();
    if (keys.join('\n') !== [...plan.departmentIds].sort().join('\n')) {
      ctx.addIssue({ code: 'custom', path: ['checkItemIds'], message: 'give check items for exactly the participating departments' });
    }
  });
export type CreatePlanRequest = z.input<typeof createPlanRequestSchema>;
/** A create-plan request after validation, defaults applied. */
export type CreatePlanData = z.output<typeof createPlanRequestSchema>;

export const drawSummarySchema = z.object({
  recordId: id,
  seedValue: z.string(),
  seed: z.string(),
  populationHash: z.string(),
  outputHash: z.string(),
  ranBy: id,
  ranAt: isoDateTimeSchema,
  populationSize: z.number().int().nonnegative(),
  drawnCount: z.number().int().nonnegative(),
});
export type DrawSummary = z.infer<typeof drawSummarySchema>;

/** What a plan's draw would be drawn from: its population filter over the unit's jurisdiction, its departments. */
export const populationRequestSchema = z.object({
  populationFilter: populationFilterSchema,
  departmentIds: departmentIdsSchema,
});
export type PopulationRequest = z.infer<typeof populationRequestSchema>;

const count = z.number().int().nonnegative();
/** The population per risk class (internal, like the classes) and the unit's inspectors of each department. */
export const populationResponseSchema = z.object({
  byClass: z.object(Object.fromEntries(riskClassSchema.options.map((c) => [c, count])) as Record<RiskClass, typeof count>),
  inspectorsByDepartment: z.record(z.string(), count),
});
export type PopulationResponse = z.infer<typeof populationResponseSchema>;

export const planDetailSchema = inspectionPlanSchema.extend({
  populationFilter: populationFilterSchema.nullable(),
  samplingRatios: samplingRatiosSchema.nullable(),
  teamSize: z.number().int().nullable(),
  seedSource: z.string().nullable(),
  createdBy: id.nullable(),
  createdAt: isoDateTimeSchema.nullable(),
  draw: drawSummarySchema.nullable(),
});
export type PlanDetail = z.infer<typeof planDetailSchema>;

export const planListResponseSchema = z.object({ plans: z.array(planDetailSchema) });
export type PlanListResponse = z.infer<typeof planListResponseSchema>;

export const createRecusalRequestSchema = recusalSchema
  .omit({ id: true, unitId: true })
  .refine((r) => r.validTo === null || r.validTo >= r.validFrom, { path: ['validTo'], message: 'the period ends before it starts' });
export type CreateRecusalRequest = z.infer<typeof createRecusalRequestSchema>;

export const recusalIdParamsSchema = z.object({ recusalId: id });

/** Ends a recusal early: it no longer applies after `validTo` (a date not before its start). */
export const endRecusalRequestSchema = z.object({ validTo: isoDateSchema });
export type EndRecusalRequest = z.infer<typeof endRecusalRequestSchema>;

export const recusalListResponseSchema = z.object({ recusals: z.array(recusalSchema) });
export type RecusalListResponse = z.infer<typeof recusalListResponseSchema>;

export const planIdParamsSchema = z.object({ planId: id });

export const runDrawRequestSchema = z.object({
  /** The value of the plan's seed source once it is public (e.g. the lottery numbers), exactly as published. */
  seedValue: lineText().trim().min(1).max(500),
});
export type RunDrawRequest = z.infer<typeof runDrawRequestSchema>;

const drawnOfficerSchema = z.object({ id, name: z.string(), username: z.string(), departmentId: id });

export const drawViewSchema = z.object({
  planId: id,
  summary: drawSummarySchema,
  workload: workloadSchema,
  teams: z.array(
    z.object({
      taskId: id,
      enterpriseId: id,
      enterpriseName: z.string(),
      districtCode: z.string(),
      officers: z.array(drawnOfficerSchema),
    }),
  ),
});
export type DrawView = z.infer<typeof drawViewSchema>;

export const PUBLICITY_FORMAT = 'onevisit-publicity/2';

/** What is published: public fields only. Risk classes, sampling ratios and the population itself stay internal. */
export const publicityExportSchema = z
  .object({
    format: z.literal(PUBLICITY_FORMAT),
    plan: drawPlanSchema
      .omit({ samplingRatios: true })
      .extend({
        unitName: z.string(),
        departments: z.array(
          z.object({
            id,
            name: z.string(),
            checkItems: z.array(z.object({ code: z.string(), title: z.string(), legalBasis: z.string() })),
          }),
        ),
        /** Districts by name (the public does not read GB/T 2260 codes). */
        populationFilter: z.object({
          districts: z.array(z.string()),
          industries: z.array(z.string()),
          entityCategories: z.array(entityCategorySchema),
        }),
        windowStart: isoDateSchema,
        windowEnd: isoDateSchema,
      })
      .strict(),
    draw: z
      .object({
        seedValue: z.string(),
        seed: z.string(),
        populationHash: z.string(),
        populationSize: z.number().int(),
        outputHash: z.string(),
        ranAt: isoDateTimeSchema,
      })
      .strict(),
    drawn: z.array(
      z
        .object({
          uscc: z.string(),
          name: z.string(),
          district: z.string(),
          officers: z.array(z.object({ name: z.string(), department: z.string() }).strict()),
        })
        .strict(),
    ),
  })
  .strict();
export type PublicityExport = z.infer<typeof publicityExportSchema>;
