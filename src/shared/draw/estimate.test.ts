import { describe, expect, it } from 'vitest';
import { estimateDraw } from './estimate';

const ratios = { A: 1, B: 3, C: 10, D: 100, E: 100 };

describe('draw estimate', () => {
  it('gives the tasks a draw run now would make, by the draw’s own rounding', () => {
    const estimate = estimateDraw({
      population: { A: 1000, B: 2000, C: 500, D: 40, E: 2 },
      samplingRatios: ratios,
      teamSize: 2,
      inspectorsByDepartment: { amr: 7, tax: 7 },
      workingDays: 62,
      capacityPerWorkingDay: 1,
    });
    expect(estimate.byClass).toEqual({
      A: { population: 1000, drawn: 10 },
      B: { population: 2000, drawn: 60 },
      C: { population: 500, drawn: 50 },
      D: { population: 40, drawn: 40 },
      E: { population: 2, drawn: 2 },
    });
    expect(estimate).toMatchObject({ population: 3542, tasks: 162, inspectors: 14, capacityPerInspector: 62, overCapacity: false });
    // 162 teams of 2 over 14 inspectors; each department's 7 carry one member of every team.
    expect(estimate.tasksPerInspector).toBeCloseTo(162 / 7);
  });

  it('warns above the capacity, and counts a small department’s load', () => {
    const estimate = estimateDraw({
      population: { A: 20_000, B: 5_000, C: 900, D: 60, E: 10 },
      samplingRatios: ratios,
      teamSize: 3,
      inspectorsByDepartment: { amr: 20, tax: 2, eco: 0 },
      workingDays: 40,
      capacityPerWorkingDay: 1,
    });
    expect(estimate.tasks).toBe(200 + 150 + 90 + 60 + 10);
    expect(estimate.tasksPerInspector).toBe(510 / 2);
    expect(estimate.tasksPerInspectorPerWorkingDay).toBeCloseTo(255 / 40);
    expect(estimate.overCapacity).toBe(true);
    expect(estimate.departmentsWithoutInspectors).toEqual(['eco']);
  });

  it('asks nothing of anyone for an empty population', () => {
    const estimate = estimateDraw({
      population: { A: 0, B: 0, C: 0, D: 0, E: 0 },
      samplingRatios: ratios,
      teamSize: 2,
      inspectorsByDepartment: { amr: 3 },
      workingDays: 10,
      capacityPerWorkingDay: 1,
    });
    expect(estimate).toMatchObject({ tasks: 0, tasksPerInspector: 0, overCapacity: false });
  });
});
