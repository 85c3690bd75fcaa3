// The published inputs of a draw and the draw file that carries them with the result. A draw file is everything
// `npm run draw:verify` needs to re-run a draw; its format is versioned by `format`.
import { z } from 'zod';
import { isoDateSchema, riskClassSchema, type RiskClass } from '../domain/model';

const id = z.string().min(1).max(100);

export const DRAW_FORMAT = 'onevisit-draw/1';

/**
 * Sampling ratio of a class in percent, 0.01–100 with at most two decimals. No class may be 0 %: national rules
 * exempt no class from sampling.
 */
export const samplingRatioSchema = z
  .number()
  .min(0.01, 'no risk class may be exempt from sampling: use at least 0.01 %')
  .max(100)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-9, 'a sampling ratio has at most two decimals');

// One ratio for every risk class. An object rather than z.record: a key that is no class is dropped, not refused.
export const samplingRatiosSchema = z.object(
  Object.fromEntries(riskClassSchema.options.map((c) => [c, samplingRatioSchema])) as Record<RiskClass, typeof samplingRatioSchema>,
);
export type SamplingRatios = z.infer<typeof samplingRatiosSchema>;

/** The plan's parameters that shape a draw. */
export const drawPlanSchema = z.object({
  id,
  name: z.string(),
  departmentIds: z.array(id).min(1),
  samplingRatios: samplingRatiosSchema,
  teamSize: z.number().int().min(2).max(20),
  seedSource: z.string(),
});
export type DrawPlan = z.infer<typeof drawPlanSchema>;

export const populationEntrySchema = z.tuple([z.string().length(18), riskClassSchema]);
/** One enterprise of the frozen population: [uscc, riskClass]. */
export type PopulationEntry = [uscc: string, riskClass: RiskClass];

export const rosterOfficerSchema = z.object({ id, departmentId: id });
export type RosterOfficer = z.infer<typeof rosterOfficerSchema>;

/** A registered conflict of interest, without its reason (reasons stay in the registry). */
export const drawRecusalSchema = z.object({ officerId: id, enterpriseId: id, validFrom: isoDateSchema, validTo: isoDateSchema.nullable() });
export type DrawRecusal = z.infer<typeof drawRecusalSchema>;

export const drawInputsSchema = z.object({
  format: z.literal(DRAW_FORMAT),
  plan: drawPlanSchema,
  /** The public value named by plan.seedSource (e.g. a lottery result), as entered when the draw was run. */
  seedValue: z.string().min(1).max(500),
  /** The day of the draw (Asia/Shanghai): recusals are matched against it. */
  drawDate: isoDateSchema,
  /** Sorted by uscc, no duplicates. */
  population: z.array(populationEntrySchema),
  roster: z.array(rosterOfficerSchema),
  recusals: z.array(drawRecusalSchema),
  /** Lead officer (first team member) of each enterprise's last inspection, by uscc. */
  lastLeads: z.record(z.string(), id),
});
export type DrawInputs = z.infer<typeof drawInputsSchema>;

export const teamAssignmentSchema = z.object({ enterpriseId: id, officerIds: z.array(id).min(2) });
export type TeamAssignment = z.infer<typeof teamAssignmentSchema>;

export const workloadSchema = z.object({
  officers: z.number().int().nonnegative(),
  minTasks: z.number().int().nonnegative(),
  maxTasks: z.number().int().nonnegative(),
  spread: z.number().int().nonnegative(),
  meanTasks: z.number().nonnegative(),
});
export type Workload = z.infer<typeof workloadSchema>;

export const drawResultSchema = z.object({
  populationHash: z.string().length(64),
  seed: z.string().length(64),
  /** Drawn enterprises in uscc order, each with its team (lead first). */
  assignments: z.array(teamAssignmentSchema),
  /** Drawn per risk class: internal, like the classes themselves. */
  classCounts: z.record(riskClassSchema, z.object({ population: z.number().int(), drawn: z.number().int() })),
  workload: workloadSchema,
  outputHash: z.string().length(64),
});
export type DrawResult = z.infer<typeof drawResultSchema>;

export const drawFileSchema = z.object({
  recordId: id,
  ranBy: id,
  ranAt: z.iso.datetime({ offset: true }),
  inputs: drawInputsSchema,
  result: drawResultSchema,
});
export type DrawFile = z.infer<typeof drawFileSchema>;
