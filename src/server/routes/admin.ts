// Administration: officers, units, departments and their check-item catalogue (admins only; services ask the policy).
import { operationGroup, type SignedInContext } from '../http/operations';
import {
  createCheckItem,
  createDepartment,
  listCatalogues,
  retireCheckItem,
  updateCheckItem,
  updateDepartment,
} from '../services/catalogue';
import {
  createOfficer,
  disableOfficer,
  enableOfficer,
  listOfficerAccounts,
  resetOfficerPassword,
  updateOfficer,
} from '../services/officers';
import { createUnit, listUnits, updateUnit } from '../services/units';

const actor = ({ officer, deviceId }: SignedInContext) => ({ officer, deviceId });
const officerId = { params: 'officer id' };

export const adminRoutes = operationGroup({
  'admin.officers.list': { handle: ({ db, officer }) => listOfficerAccounts(db, officer) },
  'admin.officers.create': { names: { body: 'officer' }, handle: (c, { body }) => createOfficer(c.db, actor(c), body) },
  'admin.officers.update': {
    names: { ...officerId, body: 'officer' },
    handle: (c, { params, body }) => updateOfficer(c.db, actor(c), params.officerId, body),
  },
  'admin.officers.disable': { names: officerId, handle: (c, { params }) => disableOfficer(c.db, actor(c), params.officerId) },
  'admin.officers.enable': { names: officerId, handle: (c, { params }) => enableOfficer(c.db, actor(c), params.officerId) },
  'admin.officers.resetPassword': { names: officerId, handle: (c, { params }) => resetOfficerPassword(c.db, actor(c), params.officerId) },
  'admin.units.list': { handle: ({ db, officer }) => listUnits(db, officer) },
  'admin.units.create': { names: { body: 'unit' }, handle: (c, { body }) => createUnit(c.db, actor(c), body) },
  'admin.units.update': {
    names: { params: 'unit id', body: 'unit' },
    handle: (c, { params, body }) => updateUnit(c.db, actor(c), params.unitId, body),
  },
  'admin.departments.list': { handle: ({ db, officer }) => listCatalogues(db, officer) },
  'admin.departments.create': { names: { body: 'department' }, handle: (c, { body }) => createDepartment(c.db, actor(c), body) },
  'admin.departments.update': {
    names: { params: 'department id', body: 'department' },
    handle: (c, { params, body }) => updateDepartment(c.db, actor(c), params.departmentId, body),
  },
  'admin.checkItems.create': {
    names: { params: 'department id', body: 'check item' },
    handle: (c, { params, body }) => createCheckItem(c.db, actor(c), params.departmentId, body),
  },
  'admin.checkItems.update': {
    names: { params: 'check item id', body: 'check item' },
    handle: (c, { params, body }) => updateCheckItem(c.db, actor(c), params.checkItemId, body),
  },
  'admin.checkItems.retire': {
    names: { params: 'check item id' },
    handle: (c, { params }) => retireCheckItem(c.db, actor(c), params.checkItemId),
  },
});
