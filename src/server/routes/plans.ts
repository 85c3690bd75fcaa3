// Plans, recusals and draws: supervisors of the unit only (the services ask the access policy).
import { operationGroup } from '../http/operations';
import { getDrawFile, getDrawView, getPublicity, planPopulation, runPlanDraw } from '../services/draws';
import { addRecusal, createPlan, endRecusal, listPlans, listRecusals } from '../services/plans';

export const planRoutes = operationGroup({
  'plans.list': { handle: async ({ db, officer }) => ({ plans: await listPlans(db, officer) }) },
  'plans.create': { names: { body: 'plan' }, handle: ({ db, officer }, { body }) => createPlan(db, officer, body) },
  'plans.population': { names: { body: 'population request' }, handle: ({ db, officer }, { body }) => planPopulation(db, officer, body) },
  'recusals.list': { handle: async ({ db, officer }) => ({ recusals: await listRecusals(db, officer) }) },
  'recusals.create': {
    names: { body: 'recusal' },
    handle: ({ db, officer, deviceId }, { body }) => addRecusal(db, { officer, deviceId }, body),
  },
  'recusals.end': {
    names: { params: 'recusal id', body: 'recusal end' },
    handle: ({ db, officer, deviceId }, { params, body }) => endRecusal(db, { officer, deviceId }, params.recusalId, body.validTo),
  },
  'draws.run': {
    names: { params: 'plan id', body: 'draw request' },
    handle: ({ db, officer, deviceId }, { params, body }) => runPlanDraw(db, officer, params.planId, body, deviceId),
  },
  'draws.get': { names: { params: 'plan id' }, handle: ({ db, officer }, { params }) => getDrawView(db, officer, params.planId) },
  'draws.file': { names: { params: 'plan id' }, handle: ({ db, officer }, { params }) => getDrawFile(db, officer, params.planId) },
  'draws.publicity': { names: { params: 'plan id' }, handle: ({ db, officer }, { params }) => getPublicity(db, officer, params.planId) },
});
