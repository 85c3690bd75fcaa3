// What a draw will ask of the unit, before it is run: the draw's own rounding rule (drawCount) applied to the population
// per risk class gives the exact number of tasks of a draw run now; the team size and the inspectors of the plan's
// departments give the load per inspector, compared over the window's working days with the unit's capacity.
import type { RiskClass } from '../domain/model';
import { drawCount, RISK_CLASSES } from './entityDraw';
import type { SamplingRatios } from './schema';

export interface DrawEstimateInput {
  /** Enterprises of the population by risk class. */
  population: Record<RiskClass, number>;
  samplingRatios: SamplingRatios;
  teamSize: number;
  /** Inspectors of the unit in each participating department. */
  inspectorsByDepartment: Record<string, number>;
  /** Working days of the plan's window. */
  workingDays: number;
  /** On-site inspections one inspector can take on per working day. */
  capacityPerWorkingDay: number;
}

export interface DrawEstimate {
  byClass: Record<RiskClass, { population: number; drawn: number }>;
  population: number;
  tasks: number;
  inspectors: number;
  /**
   * Inspections per inspector over the window, as evenly as the draw can spread them: every team takes `teamSize`
   * inspectors and one of each department, so a small department's inspectors carry at least tasks / their number.
   */
  tasksPerInspector: number;
  tasksPerInspectorPerWorkingDay: number;
  /** What one inspector can take on over the window. */
  capacityPerInspector: number;
  overCapacity: boolean;
  /** Participating departments without an inspector in the unit: no team can be formed. */
  departmentsWithoutInspectors: string[];
}

export function estimateDraw(input: DrawEstimateInput): DrawEstimate {
  const byClass = {} as DrawEstimate['byClass'];
  let population = 0;
  let tasks = 0;
  for (const riskClass of RISK_CLASSES) {
    const size = input.population[riskClass];
    const drawn = drawCount(input.samplingRatios[riskClass], size);
    byClass[riskClass] = { population: size, drawn };
    population += size;
    tasks += drawn;
  }
  const counts = Object.entries(input.inspectorsByDepartment);
  const inspectors = counts.reduce((sum, [, n]) => sum + n, 0);
  const departmentsWithoutInspectors = counts.filter(([, n]) => n === 0).map(([id]) => id);
  const even = inspectors > 0 ? (tasks * Math.min(input.teamSize, inspectors)) / inspectors : 0;
  const smallestDepartment = Math.min(...counts.map(([, n]) => n).filter((n) => n > 0));
  const tasksPerInspector = Math.max(even, Number.isFinite(smallestDepartment) ? tasks / smallestDepartment : 0);
  const capacityPerInspector = input.capacityPerWorkingDay * input.workingDays;
  return {
    byClass,
    population,
    tasks,
    inspectors,
    tasksPerInspector,
    tasksPerInspectorPerWorkingDay: input.workingDays > 0 ? tasksPerInspector / input.workingDays : tasksPerInspector,
    capacityPerInspector,
    overCapacity: tasks > 0 && tasksPerInspector > capacityPerInspector,
    departmentsWithoutInspectors,
  };
}
